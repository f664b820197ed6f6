import { STATUS_KEYS, type CycleReport } from '../domain/report';
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
import type { ReportWords } from './report-words';

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
  ];
}

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
  ];
}

/** The cells of one answer row, in the report's language; none longer than a spreadsheet cell holds. */
export function answerCells(words: ReportWords, row: AnswerRow, language: Language): Cell[] {
  const cells: Cell[] = [
    row.stateCode,
    row.stateName,
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
  ];
  return cells.map(fitCell);
}
