import type { Answer } from '../domain/answers';
import type { Assignment } from '../domain/cycles';
import { STATUS_KEYS, type CycleReport } from '../domain/report';
import type { ReportSource } from '../usecases/reports';
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
  return [c.state, c.stateName, c.mandate, c.label, c.document, c.year, c.summit, c.status, c.narrative, c.difficulties, c.evidence, c.updatedAt, c.submitted];
}

/** One row per mandate of the cycle for one state, answered or not. */
export function answerRows(words: ReportWords, source: ReportSource, assignment: Assignment, answers: Answer[]): Cell[][] {
  const found = new Map<string, Answer>(answers.map((a) => [a.mandateId, a]));
  const name = source.stateNames.get(assignment.stateCode) ?? assignment.stateCode;
  return source.mandates.map((m) => {
    const a = found.get(m.id);
    const row: Cell[] = [
      assignment.stateCode,
      name,
      m.id,
      m.label,
      m.document,
      m.year,
      `${m.summit.city} ${m.summit.year}`,
      a?.status ? words.statuses[a.status] : words.statuses.no_answer,
      a?.narrative ?? '',
      a?.difficulties ?? '',
      (a?.evidence ?? []).map((e) => `${e.title} <${e.url}>`).join('; '),
      a?.updatedAt ?? '',
      assignment.status === 'submitted' ? words.yes : words.no,
    ];
    return row.map(fitCell);
  });
}
