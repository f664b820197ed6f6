import * as z from 'zod';
import { json } from '../../shared/http/handler';
import { parseQuery } from '../../shared/http/query';
import { reportFiles } from '../../shared/storage';
import { stores } from '../../shared/store';
import { snapshotsWithLinks } from '../../shared/usecases/snapshots';
import { routeHandlers } from '../../shared/http/router';

const querySchema = z.object({ cycleId: z.string().min(1).max(100).optional() }).strict();

/** GET /api/reports: the snapshots, newest first, each with download links valid for 15 minutes. */
export const handler = routeHandlers('list-reports', {
  'GET /api/reports': async (event) => {
    const { cycleId } = parseQuery(event, querySchema);
    const snapshots = await snapshotsWithLinks(stores(), reportFiles, cycleId);
    return json(200, { count: snapshots.length, snapshots });
  },
});
