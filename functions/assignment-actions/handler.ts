import { notFound } from '../../shared/domain/errors';
import { ASSIGNMENT_ACTION_TABLE } from '../../shared/http/actions';
import { actorOf, json } from '../../shared/http/handler';
import { parseBody } from '../../shared/http/query';
import { routeHandlers } from '../../shared/http/router';
import { routeOf } from '../../shared/http/routes';
import { stores } from '../../shared/store';

/** The secretariat's actions on one state's assignment in a cycle. */
export const handler = routeHandlers('assignment-actions', {
  'POST /api/cycles/{id}/states/{code}/*': async (event) => {
    const cycleId = event.pathParameters?.id ?? '';
    const code = event.pathParameters?.code ?? '';
    const action = ASSIGNMENT_ACTION_TABLE[routeOf(event.routeKey)!.action!];
    if (!(await stores().cycles.getCycleSummary(cycleId))) throw notFound(`No cycle ${cycleId}`);
    const input = action.input ? parseBody(event, action.input) : undefined;
    const assignment = await action.run(stores(), cycleId, code, input, { actor: actorOf(event), now: new Date().toISOString() });
    return json(200, {
      cycleId,
      state: code,
      status: assignment.status,
      deadline: assignment.deadline,
      nextEmailAt: assignment.nextReminderAt ?? null,
    });
  },
});
