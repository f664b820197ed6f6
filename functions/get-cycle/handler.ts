import { notFound } from '../../shared/http/errors';
import { httpHandler, json } from '../../shared/http/handler';
import { stores } from '../../shared/store';
import { cycleStatus } from '../../shared/usecases/cycles';

/** GET /api/cycles/{id}: the status of every state; GET /api/cycles/{id}/audit: the audit trail. */
export const handler = httpHandler('secretariat', async (event) => {
  const id = event.pathParameters?.id ?? '';
  if (event.routeKey.endsWith('/audit')) {
    if (!(await stores().cycles.getCycle(id))) throw notFound(`No cycle ${id}`);
    const entries = await stores().cycles.listAudit(id);
    return json(200, { count: entries.length, entries });
  }
  return json(200, await cycleStatus(stores(), id, new Date().toISOString()));
});
