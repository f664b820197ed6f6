import type * as z from 'zod';
import { renderReportFile } from '../render/report';
import { downloadLink, reportFiles } from '../storage';
import { stores } from '../store';
import { exportReport, storeReport } from '../usecases/export';
import type { HttpResult } from './handler';
import { json } from './handler';
import type { reportQuerySchema } from './report-query';

/**
 * A cycle's report as an HTTP answer: JSON and HTML at once; CSV and XLSX, which can be large,
 * written to the reports bucket and answered with a 303 to a download link valid for 15 minutes.
 */
export async function reportResponse(cycleId: string, query: z.infer<typeof reportQuerySchema>): Promise<HttpResult> {
  const now = new Date().toISOString();
  const rendered = await exportReport(
    stores(),
    cycleId,
    { format: query.format, language: query.lang, scope: query.scope, now },
    renderReportFile,
  );
  if (query.format === 'json') return json(200, JSON.parse(rendered.body as string));
  if (query.format === 'html') {
    return {
      statusCode: 200,
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; frame-ancestors 'none'",
      },
      body: rendered.body as string,
    };
  }
  const key = `exports/${cycleId}/${now.replace(/[:.]/g, '-')}/${rendered.fileName}`;
  await storeReport(reportFiles, rendered, key);
  return { statusCode: 303, headers: { Location: await downloadLink(key) }, body: '' };
}
