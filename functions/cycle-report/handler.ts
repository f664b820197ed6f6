import { httpHandler, json } from '../../shared/http/handler';
import { parseQuery } from '../../shared/http/query';
import { reportQuerySchema } from '../../shared/http/report-query';
import { downloadLink } from '../../shared/storage';
import { stores } from '../../shared/store';
import { renderReport, storeReport } from '../../shared/usecases/export';

/**
 * GET /api/cycles/{id}/report?format=json|csv|xlsx|html&lang=en|es|fr|pt&scope=submitted|all
 * JSON and HTML come back at once; CSV and XLSX, which can be large, are written to the reports
 * bucket and the answer is a 303 to a download link valid for 15 minutes.
 */
export const handler = httpHandler('secretariat', async (event) => {
  const query = parseQuery(event, reportQuerySchema);
  const cycleId = event.pathParameters?.id ?? '';
  const now = new Date().toISOString();
  const rendered = await renderReport(stores(), cycleId, { format: query.format, language: query.lang, scope: query.scope, now });
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
  await storeReport(rendered, key);
  return { statusCode: 303, headers: { Location: await downloadLink(key) }, body: '' };
});
