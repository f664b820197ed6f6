import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { implementedShare, STATUS_KEYS } from '../domain/report';
import { CHANGES } from '../domain/changes';
import type { Language } from '../domain/states';
import type { ReportData } from '../usecases/view-models';
import { answerCells, answerHeader, fitCell, fittedWidths, mandateText, plainLines, themeName, type Cell } from './report-rows';
import { asChunks, type ReportStreamInput } from './report-stream';
import { REPORT_WORDS, stateNameIn } from './report-words';

type XlsxCell = Cell | Date | null;
type Sheet = ExcelJS.Worksheet;

const DATE_FORMAT = 'yyyy-mm-dd hh:mm';
const PERCENT_FORMAT = '0.0%';
const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

/** An ISO time as a spreadsheet date (UTC), or an empty cell. */
const dateCell = (iso: string | null | undefined): Date | null => (iso ? new Date(iso) : null);

interface SheetSpec {
  name: string;
  header: string[];
  /** Rows the widths are fitted to (the header is added). */
  sample: readonly (readonly XlsxCell[])[];
  /** Columns (0-based) whose text wraps: mandate texts, narratives. */
  wrap?: number[];
  /** Columns (0-based) that hold dates or percentages. */
  dates?: number[];
  percents?: number[];
}

/**
 * A sheet as people expect one: the header row bold and frozen, filters on it, each column as wide as what it
 * holds (long texts wrapped at 60 characters), dates and percentages as real numbers with their format.
 */
function openSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, spec: SheetSpec): { sheet: Sheet; add: (cells: XlsxCell[]) => void } {
  const sheet = book.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = fittedWidths([spec.header, ...spec.sample]);
  sheet.columns = spec.header.map((_, i) => ({
    width: spec.wrap?.includes(i) ? 60 : widths[i],
    style: spec.wrap?.includes(i) ? { alignment: WRAP } : {},
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.header.length } };
  const header = sheet.addRow(spec.header);
  header.font = { bold: true };
  header.commit();
  const add = (cells: XlsxCell[]) => {
    const row = sheet.addRow(cells.map((c) => (typeof c === 'string' ? plainLines(c) : c)));
    for (const i of spec.dates ?? []) row.getCell(i + 1).numFmt = DATE_FORMAT;
    for (const i of spec.percents ?? []) row.getCell(i + 1).numFmt = PERCENT_FORMAT;
    row.commit();
  };
  return { sheet, add };
}

/**
 * The XLSX download, streamed (exceljs's WorkbookWriter): sheets Summary, By mandate, By state, Answers, By theme and (when mandates are linked) Along linked mandates,
 * in the report's language. The answers are written a state at a time as they are read, so memory holds one state's
 * rows and the zip's buffers, never the workbook. Every text is stored as text, never as a formula.
 */
export async function writeXlsx(input: ReportStreamInput, language: Language, out: NodeJS.WritableStream): Promise<{ rows: number }> {
  const { report } = input;
  const words = REPORT_WORDS[language];
  const c = words.columns;
  const r = report.response;
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out as never, useStyles: true, useSharedStrings: false });
  book.created = new Date(report.generatedAt);
  const statusHeaders = STATUS_KEYS.map((k) => words.statuses[k]);
  const stateName = (code: string, name: string) => stateNameIn(code, name, language);

  // Summary: one measure a row, the dates and rates as real dates and percentages.
  const summaryValues: [string, XlsxCell, 'date' | 'percent' | null][] = [
    [words.title, report.cycle.title, null],
    [c.cycle, report.cycle.id, null],
    [c.deadline, dateCell(report.cycle.deadline), 'date'],
    [words.generated('').trim(), dateCell(report.generatedAt), 'date'],
    [report.scope === 'submitted' ? words.scopeSubmitted : words.scopeAll, null, null],
    ...(report.totals.counts.no_answer === report.totals.cells ? [[words.noAnswers, null, null] as [string, null, null]] : []),
    [words.invited, r.invited, null],
    [words.submitted, r.submitted, null],
    [words.onTime, r.onTime, null],
    [words.late, r.late, null],
    [words.notSubmitted, r.notSubmitted, null],
    [words.extensionsGranted, r.extensionsGranted, null],
    [words.responseRate, r.responseRate, 'percent'],
    [words.onTimeRate, r.onTimeRate, 'percent'],
    [words.implementedShare, implementedShare(report.totals.counts), 'percent'],
    ...STATUS_KEYS.map((key) => [words.statuses[key], report.totals.counts[key], null] as [string, number, null]),
    [words.changesSince, null, null],
    ...CHANGES.map((key) => [words.changes[key], report.changes.counts[key], null] as [string, number, null]),
    [words.carriedConfirmed, report.changes.carried.confirmed, null],
    [words.carriedUpdated, report.changes.carried.updated, null],
  ];
  const summary = openSheet(book, {
    name: words.summary,
    header: [c.metric, c.value],
    sample: summaryValues.map(([label, value]) => [label.length > 60 ? '' : label, value]),
  });
  for (const [label, value, kind] of summaryValues) {
    const row = summary.sheet.addRow([label, value]);
    if (kind === 'date') row.getCell(2).numFmt = DATE_FORMAT;
    if (kind === 'percent') row.getCell(2).numFmt = PERCENT_FORMAT;
    row.commit();
  }
  summary.sheet.commit();

  const mandateRows: XlsxCell[][] = report.byMandate.map((m) => [
    m.id,
    m.label,
    fitCell(mandateText(m, language)),
    m.document,
    m.year,
    `${m.summit.city} ${m.summit.year}`,
    (m.themes ?? []).map((t) => themeName(t, words.noTheme)).join('; '),
    implementedShare(m.counts),
    ...STATUS_KEYS.map((k) => m.counts[k]),
  ]);
  const byMandate = openSheet(book, {
    name: words.byMandate,
    header: [c.mandate, c.label, c.text, c.document, c.year, c.summit, words.theme, words.implementedShare, ...statusHeaders],
    sample: mandateRows,
    wrap: [2],
    percents: [7],
  });
  for (const row of mandateRows) byMandate.add(row);
  byMandate.sheet.commit();

  const stateRows: XlsxCell[][] = report.byState.map((s) => [
    s.code,
    stateName(s.code, s.name),
    words.stateStatuses[s.status],
    dateCell(s.submittedAt),
    dateCell(s.deadline),
    s.daysLate,
    s.answered,
    s.remindersSent,
    s.extensions,
    ...STATUS_KEYS.map((k) => s.counts[k]),
  ]);
  const byState = openSheet(book, {
    name: words.byState,
    header: [c.state, c.stateName, c.status, c.submitted, c.deadline, c.daysLate, c.answered, c.reminders, c.extensions, ...statusHeaders],
    sample: stateRows,
    dates: [3, 4],
  });
  for (const row of stateRows) byState.add(row);
  byState.sheet.commit();

  // The answers: widths fitted to what the cycle's mandates and states hold; narratives wrap.
  const header = answerHeader(words).map(String);
  const answers = openSheet(book, {
    name: words.answers,
    header,
    sample: [
      ...report.byMandate.map((m) => ['', '', m.id, m.label, '', m.document, m.year, `${m.summit.city} ${m.summit.year}`]),
      ...report.byState.map((s) => [s.code, stateName(s.code, s.name)]),
      ['', '', '', '', '', '', '', '', ...STATUS_KEYS.map((k) => words.statuses[k])],
    ],
    wrap: [4, 9, 10, 11, 14],
    dates: [12],
  });
  let rows = 0;
  for await (const chunk of input.rows) {
    for (const row of chunk) {
      const cells: XlsxCell[] = answerCells(words, row, language);
      cells[12] = dateCell(row.updatedAt);
      answers.add(cells);
    }
    rows += chunk.length;
    await drained(out, answers.sheet);
  }
  answers.sheet.commit();

  const themeRows: XlsxCell[][] = report.byTheme.map((t) => [
    themeName(t.theme, words.noTheme),
    t.mandates,
    ...STATUS_KEYS.map((k) => t.counts[k]),
  ]);
  const byTheme = openSheet(book, { name: words.byTheme, header: [words.theme, c.mandates, ...statusHeaders], sample: themeRows });
  for (const row of themeRows) byTheme.add(row);
  byTheme.sheet.commit();

  if (report.byLineage.length > 0) {
    const chainRows: XlsxCell[][] = report.byLineage.map((chain) => [
      chain.mandates.map((m) => `${m.document} ${m.label} (${m.year})${m.inCycle ? '' : ` – ${words.notAsked}`}`).join(' → '),
      chain.mandates.filter((m) => m.inCycle).length,
      ...STATUS_KEYS.map((k) => chain.counts[k]),
    ]);
    const byLineage = openSheet(book, {
      name: words.byLineage,
      header: [c.chain, c.mandates, ...statusHeaders],
      sample: chainRows,
      wrap: [0],
    });
    for (const row of chainRows) byLineage.add(row);
    byLineage.sheet.commit();
  }

  await book.commit();
  return { rows };
}

/**
 * What waits, in bytes, in the streams between a sheet and the zip: exceljs pipes a sheet's XML on without
 * backpressure. Those streams come from readable-stream 2 (archiver's), which keeps the counts in its states only.
 */
function pendingInZip(sheet: Sheet): number {
  type State = { length?: number };
  type Pipe = { _writableState?: State; _readableState?: State };
  const pipes = (sheet as unknown as { stream?: { pipes?: Pipe[] } }).stream?.pipes ?? [];
  return pipes.reduce((sum, pipe) => sum + (pipe._writableState?.length ?? 0) + (pipe._readableState?.length ?? 0), 0);
}

const PENDING_LIMIT = 4 * 1024 * 1024;

/**
 * Lets the zip catch up: exceljs hands a sheet's XML to the zip as fast as rows come, and the zip deflates it only as
 * fast as it can and as the destination takes it. Waiting here, between states, until little is pending keeps memory
 * at about one state's rows, whatever the number of states.
 */
async function drained(out: NodeJS.WritableStream, sheet: Sheet) {
  const writable = out as unknown as { writableNeedDrain?: boolean; writableLength?: number };
  await new Promise((resolve) => setImmediate(resolve));
  while (writable.writableNeedDrain || (writable.writableLength ?? 0) > PENDING_LIMIT || pendingInZip(sheet) > PENDING_LIMIT) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The whole workbook as one buffer (small reports, tests). */
export async function renderXlsx(data: ReportData, language: Language): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve, reject) => out.on('end', resolve).on('error', reject));
  await writeXlsx({ report: data.report, trend: data.trend, rows: asChunks(data.rows) }, language, out);
  await ended;
  return Buffer.concat(chunks);
}
