import { STATUS_KEYS, type CycleReport } from '../domain/report';
import { CHANGES } from '../domain/changes';
import type { Language } from '../domain/states';
import type { AnswerRow } from '../usecases/view-models';

/** A mandate's text in the report's language where it is known, else as first published. */
export function mandateText(mandate: { text: string; texts?: Partial<Record<Language, string>> }, language: Language): string {
  return mandate.texts?.[language] ?? mandate.text;
}

/** The language of the text `mandateText` shows. */
export function mandateTextLanguage(
  mandate: { texts?: Partial<Record<Language, string>>; language?: Language },
  language: Language,
): Language {
  return mandate.texts?.[language] ? language : (mandate.language ?? 'en');
}

/** A theme slug as a heading: "health-disease-prevention" → "Health disease prevention". */
export function themeName(theme: string, noTheme: string): string {
  const words = theme.replace(/[-_]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : noTheme;
}
import { stateNameIn, type ReportWords } from './report-words';

export type Cell = string | number;

/** The most characters a spreadsheet cell holds (Excel's limit). */
export const MAX_CELL = 32_767;
const TRUNCATED = ' […] (cut: longer than a spreadsheet cell can hold)';

/** A text cut to what a spreadsheet cell holds, with a marker that says so. */
export function fitCell<T extends Cell>(value: T): T {
  return (typeof value === 'string' && value.length > MAX_CELL ? value.slice(0, MAX_CELL - TRUNCATED.length) + TRUNCATED : value) as T;
}

/** The summary at the top of the CSV and on the XLSX Summary sheet. */
export function summaryRows(words: ReportWords, report: CycleReport): Cell[][] {
  const c = words.columns;
  const r = report.response;
  return [
    [words.title, report.cycle.title],
    [c.cycle, report.cycle.id],
    [c.deadline, report.cycle.deadline],
    [words.generated(report.generatedAt)],
    [report.scope === 'submitted' ? words.scopeSubmitted : words.scopeAll],
    ...(report.totals.counts.no_answer === report.totals.cells ? [[words.noAnswers]] : []),
    [c.metric, c.value],
    [words.invited, r.invited],
    [words.submitted, r.submitted],
    [words.onTime, r.onTime],
    [words.late, r.late],
    [words.notSubmitted, r.notSubmitted],
    [words.extensionsGranted, r.extensionsGranted],
    [words.responseRate, r.responseRate],
    [words.onTimeRate, r.onTimeRate],
    ...STATUS_KEYS.map((key) => [words.statuses[key], report.totals.counts[key]]),
    [words.changesSince],
    ...CHANGES.map((key) => [words.changes[key], report.changes.counts[key]]),
    [words.carriedConfirmed, report.changes.carried.confirmed],
    [words.carriedUpdated, report.changes.carried.updated],
  ];
}

/** A file as the lists name it: its name, size and SHA-256 (which the receipt's hash covers). */
const fileLine = (f: AnswerRow['files'][number]) => `${f.name} (${Math.max(1, Math.round(f.size / 1024))} KB, SHA-256 ${f.sha256})`;

export function answerHeader(words: ReportWords): Cell[] {
  const c = words.columns;
  return [
    c.state,
    c.stateName,
    c.mandate,
    c.label,
    c.text,
    c.document,
    c.year,
    c.summit,
    c.status,
    c.narrative,
    c.difficulties,
    c.evidence,
    c.updatedAt,
    c.submitted,
    c.files,
    c.updatedBy,
    c.previousStatus,
    c.change,
    c.carried,
  ];
}

/** The cells of one answer row, in the report's language; none longer than a spreadsheet cell holds. */
export function answerCells(words: ReportWords, row: AnswerRow, language: Language): Cell[] {
  const cells: Cell[] = [
    row.stateCode,
    stateNameIn(row.stateCode, row.stateName, language),
    row.mandateId,
    row.label,
    mandateText(row, language),
    row.document,
    row.year,
    row.summit,
    words.statuses[row.status],
    row.narrative,
    row.difficulties,
    row.evidence.map((e) => `${e.title} <${e.url}>`).join('; '),
    row.updatedAt,
    row.submitted ? words.yes : words.no,
    row.files.map(fileLine).join('; '),
    row.updatedBy,
    row.previousStatus ? words.statuses[row.previousStatus] : '',
    row.change ? words.changes[row.change] : '',
    row.carried === 'confirmed' ? words.carriedConfirmed : row.carried === 'updated' ? words.carriedUpdated : '',
  ];
  return cells.map(fitCell);
}

/** Line ends as spreadsheets and browsers keep them: \n only. */
export const plainLines = (text: string) => text.replace(/\r\n?/g, '\n');

/**
 * Column widths fitted to what they hold: the longest line of each column in `rows` (header included), at least
 * `min` and at most `max` characters; a wrapped column is as wide as `max` when its text is longer.
 */
export function fittedWidths(rows: readonly (readonly unknown[])[], options: { min?: number; max?: number } = {}): number[] {
  const min = options.min ?? 6;
  const max = options.max ?? 60;
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((value, i) => {
      const text =
        value instanceof Date ? '2027-01-01 00:00' : typeof value === 'number' ? value.toLocaleString('en') : String(value ?? '');
      const longest = Math.max(0, ...text.split('\n').map((line) => line.length));
      widths[i] = Math.max(widths[i] ?? 0, longest);
    });
  }
  return widths.map((w) => Math.min(max, Math.max(min, w + 2)));
}
