import ExcelJS from 'exceljs';
import type { Answer } from '../domain/answers';
import { STATUS_KEYS, type CycleReport } from '../domain/report';
import type { Language } from '../domain/states';
import type { Stores } from '../store';
import { buildReport, type ReportSource } from '../usecases/reports';
import { REPORT_WORDS } from './report-words';

/** The XLSX download: sheets Summary, By mandate, By state and Answers. Every text is stored as text, never as a formula. */
export async function renderXlsx(
  stores: Stores,
  source: ReportSource,
  options: { language: Language; now: string; scope?: 'submitted' | 'all' },
): Promise<{ body: Buffer; report: CycleReport }> {
  const words = REPORT_WORDS[options.language];
  const c = words.columns;
  const book = new ExcelJS.Workbook();
  book.created = new Date(options.now);
  const summary = book.addWorksheet(words.summary);
  const byMandate = book.addWorksheet(words.byMandate);
  const byState = book.addWorksheet(words.byState);
  const answersSheet = book.addWorksheet(words.answers);
  const statusHeaders = STATUS_KEYS.map((k) => words.statuses[k]);

  answersSheet.addRow([c.state, c.stateName, c.mandate, c.label, c.document, c.year, c.status, c.narrative, c.difficulties, c.evidence, c.updatedAt, c.submitted]);
  const report = await buildReport(stores, source, {
    ...options,
    visit: (assignment, answers) => {
      const found = new Map<string, Answer>(answers.map((a) => [a.mandateId, a]));
      for (const m of source.mandates) {
        const a = found.get(m.id);
        answersSheet.addRow([
          assignment.stateCode,
          source.stateNames.get(assignment.stateCode) ?? assignment.stateCode,
          m.id,
          m.label,
          m.document,
          m.year,
          a?.status ? words.statuses[a.status] : words.statuses.no_answer,
          a?.narrative ?? '',
          a?.difficulties ?? '',
          (a?.evidence ?? []).map((e) => `${e.title} <${e.url}>`).join('; '),
          a?.updatedAt ?? '',
          assignment.status === 'submitted' ? words.yes : words.no,
        ]);
      }
    },
  });

  const r = report.response;
  summary.addRows([
    [words.title, report.cycle.title],
    [c.cycle, report.cycle.id],
    [c.deadline, report.cycle.deadline],
    [words.generated(report.generatedAt)],
    [report.scope === 'submitted' ? words.scopeSubmitted : words.scopeAll],
    ...(report.totals.counts.no_answer === report.totals.cells ? [[words.noAnswers]] : []),
    [],
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
  ]);
  byMandate.addRow([c.mandate, c.label, c.document, c.year, c.summit, ...statusHeaders]);
  for (const m of report.byMandate) {
    byMandate.addRow([m.id, m.label, m.document, m.year, `${m.summit.city} ${m.summit.year}`, ...STATUS_KEYS.map((k) => m.counts[k])]);
  }
  byState.addRow([c.state, c.stateName, c.status, c.submitted, c.deadline, c.daysLate, c.answered, c.reminders, c.extensions, ...statusHeaders]);
  for (const s of report.byState) {
    byState.addRow([s.code, s.name, s.status, s.submittedAt ?? '', s.deadline, s.daysLate, s.answered, s.remindersSent, s.extensions, ...STATUS_KEYS.map((k) => s.counts[k])]);
  }
  for (const sheet of [summary, byMandate, byState, answersSheet]) {
    sheet.getRow(sheet === summary ? 8 : 1).font = { bold: true };
    sheet.columns.forEach((column) => (column.width = 18));
  }
  return { body: Buffer.from(await book.xlsx.writeBuffer()), report };
}
