import type { CycleReport } from '../domain/report';
import { answerHeader, answerRows, summaryRows } from './report-rows';
import type { Language } from '../domain/states';
import type { Stores } from '../store';
import { buildReport, type ReportSource } from '../usecases/reports';
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
export async function renderCsv(
  stores: Stores,
  source: ReportSource,
  options: { language: Language; now: string; scope?: 'submitted' | 'all' },
): Promise<{ body: string; report: CycleReport }> {
  const words = REPORT_WORDS[options.language];
  const rows: string[] = [line(answerHeader(words))];
  const report = await buildReport(stores, source, {
    ...options,
    visit: (assignment, answers) => {
      for (const row of answerRows(words, source, assignment, answers)) rows.push(line(row));
    },
  });
  const summary = [...summaryRows(words, report).map(line), '\r\n'];
  return { body: `\uFEFF${summary.join('')}${rows.join('')}`, report };
}
