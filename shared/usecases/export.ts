import { randomUUID } from 'node:crypto';
import { invalid, notFound } from '../domain/errors';
import type { CycleReport, ExportRecord } from '../domain/report';
import type { Language } from '../domain/states';
import type { FileStore, StreamingFileStore, Stores } from '../store/ports';
import { answerRowsOf, buildReport, filesOfState, previousStatuses, reportSource, trends } from './reports';
import type { AnswerRow, ReportFormat, ReportRenderer, ReportSource, TrendPoint } from './view-models';

export type { ReportData, ReportRenderer } from './view-models';

export interface ExportOptions {
  format: ReportFormat;
  language: Language;
  scope: 'submitted' | 'all';
  now: string;
}

export interface RenderedReport {
  format: ReportFormat;
  body: string | Buffer;
  fileName: string;
  /** What it was built from, recorded with snapshots. */
  builtFrom: { states: number; mandates: number; submitted: number; answersCounted: number; generatedAt: string };
}

const slugOf = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[^\w]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 60) || 'report';

const fileNameOf = (title: string, options: { now: string; language: Language; format: ReportFormat }) =>
  `${slugOf(title)}-${options.now.slice(0, 10)}-${options.language}.${options.format}`;

/**
 * Builds one cycle's report in one format and language, in memory: for the synchronous route and the snapshots of
 * cycles of ordinary size. A large cycle is exported by `runExport`, which streams.
 *
 * Primary course:
 * 1. Read what the report is built from (the cycle, its mandates, its assignments).
 * 2. Aggregate the answers state by state; for the lists (CSV, XLSX) keep one row per state and mandate.
 * 3. For JSON and HTML, add the trend across cycles (unless the caller has it already).
 * 4. Hand the data to the renderer.
 */
export async function exportReport(
  stores: Stores,
  cycleId: string,
  options: ExportOptions,
  render: ReportRenderer,
  known: { source?: ReportSource; trend?: TrendPoint[] } = {},
): Promise<RenderedReport> {
  const source = known.source ?? (await reportSource(stores, cycleId));
  const lists = options.format !== 'json';
  const rows: AnswerRow[] = [];
  const report = await buildReport(stores, source, {
    now: options.now,
    scope: options.scope,
    visit: lists
      ? async (assignment, answers, previous) => {
          const files = await filesOfState(stores, source.cycle.id, assignment.stateCode);
          rows.push(...answerRowsOf(source, assignment, answers, { previous, files }));
        }
      : undefined,
  });
  const trend = options.format === 'csv' || options.format === 'xlsx' ? [] : (known.trend ?? (await trends(stores, options.now)));
  const body = await render(options.format, { report, rows, trend }, options.language);
  return {
    format: options.format,
    body,
    fileName: fileNameOf(source.cycle.title, options),
    builtFrom: {
      states: report.response.invited,
      mandates: report.byMandate.length,
      submitted: report.response.submitted,
      answersCounted: report.totals.cells - report.totals.counts.no_answer,
      generatedAt: options.now,
    },
  };
}

/** Puts a rendered report in the reports bucket under `key`. */
export async function storeReport(files: FileStore, rendered: RenderedReport, key: string) {
  await files.put(key, rendered.format, rendered.body, rendered.fileName);
}

/** Writes a report file to a stream as it is made (the render layer's `streamReportFile`, handed in by the job). */
export type ReportStreamer = (
  format: ReportFormat,
  input: { report: CycleReport; trend: TrendPoint[]; rows: AsyncIterable<AnswerRow[]> },
  language: Language,
  out: NodeJS.WritableStream,
) => Promise<{ rows: number }>;

export interface ExportRequest {
  format: ReportFormat;
  language: Language;
  scope: 'submitted' | 'all';
}

/** The longest an export job runs (its function's timeout is 15 minutes): a record still running after this has died. */
export const EXPORT_DEADLINE_MS = 16 * 60_000;

/**
 * Asks for an export: the answer comes at once, the file later.
 *
 * Primary course:
 * 1. Check that the cycle exists.
 * 2. Record the export as running.
 * 3. Start the export job without waiting for it (on AWS an asynchronous invocation; locally the runtime runs it in-process).
 * When the job cannot be started, the record says failed, with why, and the error goes up (a 5xx: nothing is left running).
 */
export async function requestExport(
  stores: Stores,
  cycleId: string,
  request: ExportRequest,
  context: { now: string; actor: string; start: (exportId: string) => Promise<void> },
): Promise<ExportRecord> {
  if (!(await stores.cycles.getCycleSummary(cycleId))) throw notFound(`No cycle ${cycleId}`);
  const record: ExportRecord = {
    id: randomUUID(),
    cycleId,
    format: request.format,
    language: request.language,
    scope: request.scope,
    status: 'running',
    requestedAt: context.now,
    requestedBy: context.actor,
  };
  await stores.exports.putExport(record);
  try {
    await context.start(record.id);
  } catch (error) {
    await stores.exports.finishExport(record.id, {
      status: 'failed',
      finishedAt: context.now,
      error: 'The export job could not be started',
    });
    throw error;
  }
  return record;
}

/** What the API shows of an export: with a short-lived download link once it is done. */
export interface ExportView {
  id: string;
  cycleId: string;
  format: ReportFormat;
  language: Language;
  scope: 'submitted' | 'all';
  status: ExportRecord['status'];
  requestedAt: string;
  finishedAt?: string;
  rows?: number;
  bytes?: number;
  fileName?: string;
  url?: string;
  error?: string;
}

/** An export's status; a running one whose job has outlived its timeout is marked failed. */
export async function exportStatus(
  stores: Stores,
  files: Pick<StreamingFileStore, 'downloadLink'>,
  id: string,
  now: string,
): Promise<ExportView> {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw invalid('invalid_export', 'An export id is a UUID');
  let record = await stores.exports.getExport(id);
  if (!record) throw notFound(`No export ${id}`);
  if (record.status === 'running' && Date.parse(now) - Date.parse(record.requestedAt) > EXPORT_DEADLINE_MS) {
    await stores.exports.finishExport(id, { status: 'failed', finishedAt: now, error: 'The export job stopped before it finished' });
    record = (await stores.exports.getExport(id))!;
  }
  const { key, requestedBy: _by, ...shown } = record;
  return { ...shown, ...(record.status === 'done' && key ? { url: await files.downloadLink(key) } : {}) };
}

/**
 * The export job: one export, streamed to the reports bucket.
 *
 * Primary course:
 * 1. Read the export; one that is not running any more (a retried invocation) is left as it is.
 * 2. Aggregate the cycle, reading its answers state by state (first pass: counts only).
 * 3. Open a multipart upload and stream the file into it: the summaries, then the answer rows, reading the answers
 *    state by state again (second pass), so memory holds one state's answers at a time, never the cycle's.
 * 4. Record it done, with where the file is and its size.
 * On any failure the upload is aborted (nothing half-written stays) and the record says failed, with why.
 */
export async function runExport(
  stores: Stores,
  exportId: string,
  context: { now: () => string; files: StreamingFileStore; stream: ReportStreamer },
): Promise<ExportRecord | undefined> {
  const record = await stores.exports.getExport(exportId);
  if (!record || record.status !== 'running') return record;
  try {
    const source = await reportSource(stores, record.cycleId);
    const generatedAt = context.now();
    const report = await buildReport(stores, source, { now: generatedAt, scope: record.scope });
    const trend = record.format === 'json' || record.format === 'html' ? await trends(stores, generatedAt) : [];
    const fileName = fileNameOf(source.cycle.title, { now: generatedAt, language: record.language, format: record.format });
    const key = `exports/${record.cycleId}/${record.id}/${fileName}`;
    const written = await streamReport(
      stores,
      source,
      { report, trend, format: record.format, language: record.language },
      {
        ...context,
        key,
        fileName,
      },
    );
    await stores.exports.finishExport(record.id, { status: 'done', finishedAt: context.now(), key, fileName, ...written });
  } catch (error) {
    const reason = (error as { kind?: string; message?: string }).kind ? (error as Error).message : 'The export failed; try again';
    await stores.exports.finishExport(record.id, { status: 'failed', finishedAt: context.now(), error: reason });
    if (!(error as { kind?: string }).kind) throw error;
  }
  return stores.exports.getExport(exportId);
}

/**
 * Writes one report file of an aggregated cycle to the bucket as it is made: the answers read state by state (the
 * next state's while this one's rows are written: two states in memory at most) into a multipart upload. On a
 * failure the upload is aborted, so no half-written file stays.
 */
export async function streamReport(
  stores: Stores,
  source: ReportSource,
  what: { report: CycleReport; trend: TrendPoint[]; format: ReportFormat; language: Language },
  to: { files: StreamingFileStore; stream: ReportStreamer; key: string; fileName: string },
): Promise<{ rows: number; bytes: number }> {
  const read = (i: number) => {
    const stateCode = source.assignments[i]!.stateCode;
    const state = Promise.all([
      stores.answers.listAnswers(source.cycle.id, stateCode),
      previousStatuses(stores, source.cycle.id, stateCode),
      filesOfState(stores, source.cycle.id, stateCode),
    ]);
    state.catch(() => {}); // awaited below; a read left behind by a failed write must not crash the process
    return state;
  };
  async function* rows(): AsyncGenerator<AnswerRow[]> {
    let next = source.assignments.length > 0 ? read(0) : undefined;
    for (let i = 0; i < source.assignments.length; i += 1) {
      const [answers, previous, files] = await next!;
      next = i + 1 < source.assignments.length ? read(i + 1) : undefined;
      yield answerRowsOf(source, source.assignments[i]!, answers, { previous, files });
    }
  }
  const lists = what.format !== 'json';
  const upload = to.files.upload(to.key, what.format, to.fileName);
  try {
    const [written, stored] = await Promise.all([
      to.stream(
        what.format,
        { report: what.report, trend: what.trend, rows: lists ? rows() : (async function* () {})() },
        what.language,
        upload.stream,
      ),
      upload.done,
    ]);
    return { rows: written.rows, bytes: stored.bytes };
  } catch (error) {
    await upload.abort().catch(() => {});
    throw error;
  }
}

/** A report file's name: the cycle's title, the day, the language. */
export function reportFileName(title: string, options: { now: string; language: Language; format: ReportFormat }): string {
  return fileNameOf(title, options);
}
