import type { Answer } from '../domain/answers';
import { STATUS_KEYS, type CycleReport } from '../domain/report';
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
  const c = words.columns;
  const rows: string[] = [
    line([c.state, c.stateName, c.mandate, c.label, c.document, c.year, c.summit, c.status, c.narrative, c.difficulties, c.evidence, c.updatedAt, c.submitted]),
  ];
  const report = await buildReport(stores, source, {
    ...options,
    visit: (assignment, answers) => {
      const byMandate = new Map<string, Answer>(answers.map((a) => [a.mandateId, a]));
      const name = source.stateNames.get(assignment.stateCode) ?? assignment.stateCode;
      for (const m of source.mandates) {
        const answer = byMandate.get(m.id);
        rows.push(
          line([
            assignment.stateCode,
            name,
            m.id,
            m.label,
            m.document,
            m.year,
            `${m.summit.city} ${m.summit.year}`,
            answer?.status ? words.statuses[answer.status] : words.statuses.no_answer,
            answer?.narrative ?? '',
            answer?.difficulties ?? '',
            (answer?.evidence ?? []).map((e) => `${e.title} <${e.url}>`).join('; '),
            answer?.updatedAt ?? '',
            assignment.status === 'submitted' ? words.yes : words.no,
          ]),
        );
      }
    },
  });
  const r = report.response;
  const summary = [
    line([words.title, report.cycle.title]),
    line([c.cycle, report.cycle.id]),
    line([c.deadline, report.cycle.deadline]),
    line([words.generated(report.generatedAt)]),
    line([report.scope === 'submitted' ? words.scopeSubmitted : words.scopeAll]),
    ...(report.totals.counts.no_answer === report.totals.cells ? [line([words.noAnswers])] : []),
    line([c.metric, c.value]),
    line([words.invited, r.invited]),
    line([words.submitted, r.submitted]),
    line([words.onTime, r.onTime]),
    line([words.late, r.late]),
    line([words.notSubmitted, r.notSubmitted]),
    line([words.extensionsGranted, r.extensionsGranted]),
    line([words.responseRate, r.responseRate]),
    line([words.onTimeRate, r.onTimeRate]),
    ...STATUS_KEYS.map((key) => line([words.statuses[key], report.totals.counts[key]])),
    '\r\n',
  ];
  return { body: `\uFEFF${summary.join('')}${rows.join('')}`, report };
}
