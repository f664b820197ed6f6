import * as z from 'zod';
import { json } from '../../shared/http/handler';
import { parseQuery } from '../../shared/http/query';
import { routeHandlers } from '../../shared/http/router';
import { stores } from '../../shared/store';
import { auditPage, cycleStatus } from '../../shared/usecases/cycles';
import { changesSincePrevious } from '../../shared/usecases/changes';

const auditQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().min(1).max(2000).optional(),
  })
  .strict();

/**
 * GET /api/cycles/{id}: the status of every state; GET /api/cycles/{id}/audit: the audit trail, newest first, a page at a time;
 * GET /api/cycles/{id}/changes: each state's change since its previous cycle, and the progress over cycles.
 */
export const handler = routeHandlers('get-cycle', {
  'GET /api/cycles/{id}': async (event) => json(200, await cycleStatus(stores(), event.pathParameters?.id ?? '', new Date().toISOString())),
  'GET /api/cycles/{id}/changes': async (event) => json(200, await changesSincePrevious(stores(), event.pathParameters?.id ?? '')),
  'GET /api/cycles/{id}/audit': async (event) => {
    const page = await auditPage(stores(), event.pathParameters?.id ?? '', parseQuery(event, auditQuery));
    return json(200, { count: page.entries.length, entries: page.entries, cursor: page.cursor ?? null });
  },
});
