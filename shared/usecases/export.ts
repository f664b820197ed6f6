import type { Language } from '../domain/states';
import type { FileStore, Stores } from '../store/ports';
import { answerRowsOf, buildReport, reportSource, trends } from './reports';
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

/**
 * Builds one cycle's report in one format and language.
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
  const lists = options.format === 'csv' || options.format === 'xlsx';
  const rows: AnswerRow[] = [];
  const report = await buildReport(stores, source, {
    now: options.now,
    scope: options.scope,
    visit: lists ? (assignment, answers) => void rows.push(...answerRowsOf(source, assignment, answers)) : undefined,
  });
  const trend = lists ? [] : (known.trend ?? (await trends(stores, options.now)));
  const body = await render(options.format, { report, rows, trend }, options.language);
  return {
    format: options.format,
    body,
    fileName: `${slugOf(source.cycle.title)}-${options.now.slice(0, 10)}-${options.language}.${options.format}`,
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
