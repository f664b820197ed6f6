import * as z from 'zod';
import { httpHandler, json } from '../../shared/http/handler';
import { parseQuery } from '../../shared/http/query';
import { downloadLink } from '../../shared/storage';
import { stores } from '../../shared/store';

const querySchema = z.object({ cycleId: z.string().min(1).max(100).optional() }).strict();

/** GET /api/reports: the snapshots, newest first, each with download links valid for 15 minutes. */
export const handler = httpHandler('secretariat', async (event) => {
  const { cycleId } = parseQuery(event, querySchema);
  const snapshots = await stores().cycles.listSnapshots(cycleId);
  const withLinks = await Promise.all(
    snapshots.map(async (s) => ({
      ...s,
      downloads: Object.fromEntries(await Promise.all(Object.entries(s.files).map(async ([format, key]) => [format, await downloadLink(key)] as const))),
    })),
  );
  return json(200, { count: withLinks.length, snapshots: withLinks });
});
