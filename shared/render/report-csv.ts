import type { Language } from '../domain/states';
import type { ReportData } from '../usecases/view-models';
import { answerCells, answerHeader, plainLines, summaryRows } from './report-rows';
import { put, type ReportStreamInput } from './report-stream';
import { REPORT_WORDS } from './report-words';

/** A cell a spreadsheet would run as a formula (= + - @, a tab or a carriage return first) is prefixed with a quote. */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A CSV cell: text quoted (line breaks kept inside the quotes, as \n), formulas neutralised, numbers bare. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return `"${plainLines(neutralise(value)).replace(/"/g, '""')}"`;
}

const line = (cells: (string | number | null | undefined)[]) => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * The CSV download, streamed: a summary, then one row per state × mandate, a state at a time. UTF-8 with a
 * byte-order mark so that Excel reads the accents; CRLF line ends; formulas neutralised.
 */
export async function writeCsv(input: ReportStreamInput, language: Language, out: NodeJS.WritableStream): Promise<{ rows: number }> {
  const words = REPORT_WORDS[language];
  await put(out, `\uFEFF${summaryRows(words, input.report).map(line).join('')}\r\n${line(answerHeader(words))}`);
  let rows = 0;
  for await (const chunk of input.rows) {
    await put(out, chunk.map((row) => line(answerCells(words, row, language))).join(''));
    rows += chunk.length;
  }
  return { rows };
}

/** The whole CSV as one string (small reports, tests). */
export function renderCsv(data: ReportData, language: Language): string {
  const words = REPORT_WORDS[language];
  const summary = [...summaryRows(words, data.report).map(line), '\r\n'];
  const rows = [line(answerHeader(words)), ...data.rows.map((row) => line(answerCells(words, row, language)))];
  return `\uFEFF${summary.join('')}${rows.join('')}`;
}
