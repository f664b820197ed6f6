import * as z from 'zod';
import { endOfDayIfDate } from '../../shared/domain/cycles';
import { notFound } from '../../shared/http/errors';
import { actorOf, httpHandler, json } from '../../shared/http/handler';
import { parseBody } from '../../shared/http/query';
import { stores } from '../../shared/store';
import { grantExtension, remindNow, reopen, revokeLink, rotateLink } from '../../shared/usecases/cycles';

const extensionSchema = z
  .object({
    deadline: z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
      message: 'must be a date (2027-04-15) or an ISO 8601 date-time',
    }),
    reason: z.string().trim().max(1000).optional(),
  })
  .strict();

/** The secretariat's actions on one state's assignment in a cycle. */
export const handler = httpHandler('secretariat', async (event) => {
  const cycleId = event.pathParameters?.id ?? '';
  const code = event.pathParameters?.code ?? '';
  const who = { actor: actorOf(event), now: new Date().toISOString() };
  const action = event.routeKey.split('/').slice(6).join('/');
  const store = stores();
  if (!(await store.cycles.getCycle(cycleId))) throw notFound(`No cycle ${cycleId}`);
  let assignment;
  switch (action) {
    case 'extension': {
      const input = parseBody(event, extensionSchema);
      assignment = await grantExtension(store, cycleId, code, { ...input, deadline: endOfDayIfDate(input.deadline) }, who);
      break;
    }
    case 'remind':
      assignment = await remindNow(store, cycleId, code, who);
      break;
    case 'reopen':
      assignment = await reopen(store, cycleId, code, who);
      break;
    case 'link/revoke':
      assignment = await revokeLink(store, cycleId, code, who);
      break;
    case 'link/rotate':
      assignment = await rotateLink(store, cycleId, code, who);
      break;
    default:
      throw notFound(`No action ${action}`);
  }
  return json(200, {
    cycleId,
    state: code,
    status: assignment.status,
    deadline: assignment.deadline,
    nextEmailAt: assignment.nextReminderAt ?? null,
  });
});
