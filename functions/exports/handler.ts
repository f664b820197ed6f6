import { actorOf, json } from '../../shared/http/handler';
import { parseBody } from '../../shared/http/query';
import { exportRequestSchema } from '../../shared/http/report-query';
import { routeHandlers } from '../../shared/http/router';
import { startJob } from '../../shared/start-job';
import { exportFiles } from '../../shared/storage';
import { stores } from '../../shared/store';
import { exportStatus, requestExport } from '../../shared/usecases/export';

/**
 * POST /api/cycles/{id}/exports `{ format, lang?, scope? }` → 202 `{ id, status: 'running', statusUrl }`, the export job
 * started asynchronously; GET /api/exports/{id} → its status, with a short-lived download link once done.
 */
export const handler = routeHandlers('exports', {
  'POST /api/cycles/{id}/exports': async (event) => {
    const body = parseBody(event, exportRequestSchema);
    const record = await requestExport(
      stores(),
      event.pathParameters?.id ?? '',
      { format: body.format, language: body.lang, scope: body.scope },
      { now: new Date().toISOString(), actor: actorOf(event), start: (exportId) => startJob('export-job', { exportId }) },
    );
    const statusUrl = `/api/exports/${record.id}`;
    return json(202, { id: record.id, status: record.status, statusUrl }, { Location: statusUrl });
  },
  'GET /api/exports/{id}': async (event) =>
    json(200, await exportStatus(stores(), exportFiles, event.pathParameters?.id ?? '', new Date().toISOString())),
});
