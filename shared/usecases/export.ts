import type { CycleReport } from '../domain/report';
import type { Language } from '../domain/states';
import { renderCsv } from '../render/report-csv';
import { renderReportHtml } from '../render/report-html';
import { putReportFile, type ReportFormat } from '../storage';
import type { Stores } from '../store';
import { buildReport, reportSource, trends, type ReportSource, type TrendPoint } from './reports';

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

const slugOf = (text: string) => text.normalize('NFD').replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 60) || 'report';

/** Renders one cycle's report in one format and language. */
export async function renderReport(
  stores: Stores,
  cycleId: string,
  options: ExportOptions,
  source?: ReportSource,
  /** The trend across cycles, when the caller has it already (a snapshot run renders many reports). */
  knownTrend?: TrendPoint[],
): Promise<RenderedReport> {
  const from = source ?? (await reportSource(stores, cycleId));
  const fileName = `${slugOf(from.cycle.title)}-${options.now.slice(0, 10)}-${options.language}.${options.format}`;
  let body: string | Buffer;
  let report: CycleReport;
  if (options.format === 'csv') {
    ({ body, report } = await renderCsv(stores, from, options));
  } else if (options.format === 'xlsx') {
    // exceljs is large: load it only when a spreadsheet is asked for, not when a function starts.
    const { renderXlsx } = await import('../render/report-xlsx');
    ({ body, report } = await renderXlsx(stores, from, options));
  } else {
    report = await buildReport(stores, from, options);
    const trend = knownTrend ?? (await trends(stores, options.now));
    body =
      options.format === 'json'
        ? JSON.stringify({ ...report, trend }, null, 2)
        : renderReportHtml(report, trend, { language: options.language });
  }
  const answersCounted = report.totals.cells - report.totals.counts.no_answer;
  return {
    format: options.format,
    body,
    fileName,
    builtFrom: {
      states: report.response.invited,
      mandates: report.byMandate.length,
      submitted: report.response.submitted,
      answersCounted,
      generatedAt: options.now,
    },
  };
}

/** Puts a rendered report in the reports bucket under `key`. */
export async function storeReport(rendered: RenderedReport, key: string) {
  await putReportFile(key, rendered.format, rendered.body, rendered.fileName);
}
