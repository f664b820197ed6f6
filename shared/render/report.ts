import type { Language } from '../domain/states';
import type { ReportData, ReportFormat } from '../usecases/view-models';
import { renderCsv, writeCsv } from './report-csv';
import { renderReportHtml, writeHtml } from './report-html';
import { put, type ReportStreamInput } from './report-stream';

export type { ReportStreamInput } from './report-stream';

/** The report's JSON: the aggregates (each mandate with its text in the report's language) and the trend. */
function reportJson(data: Pick<ReportData, 'report' | 'trend'>, language: Language): string {
  const byMandate = data.report.byMandate.map((m) => ({
    ...m,
    reportText: m.texts?.[language] ?? m.text,
    reportTextLanguage: m.texts?.[language] ? language : (m.language ?? 'en'),
  }));
  return JSON.stringify({ ...data.report, byMandate, language, trend: data.trend }, null, 2);
}

/** A report file in one format: pure, from the report's data to bytes. */
export async function renderReportFile(format: ReportFormat, data: ReportData, language: Language): Promise<string | Buffer> {
  if (format === 'csv') return renderCsv(data, language);
  if (format === 'xlsx') {
    // exceljs is large: load it only when a spreadsheet is asked for, not when a function starts.
    const { renderXlsx } = await import('./report-xlsx');
    return renderXlsx(data, language);
  }
  if (format === 'json') return reportJson(data, language);
  return renderReportHtml(data.report, data.trend, { language, rows: data.rows });
}

/**
 * A report file written to a stream as it is made, the answer rows a state at a time: memory holds one state's
 * rows and the writers' buffers, never the file. Ends the stream. Answers the number of answer rows written.
 */
export async function streamReportFile(
  format: ReportFormat,
  input: ReportStreamInput,
  language: Language,
  out: NodeJS.WritableStream,
): Promise<{ rows: number }> {
  let written = { rows: 0 };
  if (format === 'xlsx') {
    const { writeXlsx } = await import('./report-xlsx');
    return writeXlsx(input, language, out); // the workbook ends the stream itself
  }
  if (format === 'csv') written = await writeCsv(input, language, out);
  else if (format === 'html') written = await writeHtml(input, language, out);
  else await put(out, reportJson(input, language));
  out.end();
  return written;
}
