import type { Language } from '../domain/states';
import type { ReportData } from '../usecases/view-models';
import { answerCells, answerHeader, summaryRows } from './report-rows';
import { REPORT_WORDS } from './report-words';

/** A cell a spreadsheet would run as a formula (= + - @, a tab or a carriage return first) is prefixed with a quote. */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return `"${neutralise(value).replace(/"/g, '""')}"`;
}

const line = (cells: (string | number | null | undefined)[]) => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * The CSV download: a summary, then one row per state × mandate. UTF-8 with a byte-order mark so
 * that Excel reads the accents; CRLF line ends; formulas neutralised.
 */
export function renderCsv(data: ReportData, language: Language): string {
  const words = REPORT_WORDS[language];
  const summary = [...summaryRows(words, data.report).map(line), '\r\n'];
  const rows = [line(answerHeader(words)), ...data.rows.map((row) => line(answerCells(words, row, language)))];
  return `\uFEFF${summary.join('')}${rows.join('')}`;
}
