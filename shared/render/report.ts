import type { Language } from '../domain/states';
import type { ReportData, ReportFormat } from '../usecases/view-models';
import { renderCsv } from './report-csv';
import { renderReportHtml } from './report-html';

/** A report file in one format: pure, from the report's data to bytes. */
export async function renderReportFile(format: ReportFormat, data: ReportData, language: Language): Promise<string | Buffer> {
  if (format === 'csv') return renderCsv(data, language);
  if (format === 'xlsx') {
    // exceljs is large: load it only when a spreadsheet is asked for, not when a function starts.
    const { renderXlsx } = await import('./report-xlsx');
    return renderXlsx(data, language);
  }
  if (format === 'json') return JSON.stringify({ ...data.report, trend: data.trend }, null, 2);
  return renderReportHtml(data.report, data.trend, { language });
}
