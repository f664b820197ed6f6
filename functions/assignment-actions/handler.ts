import * as z from 'zod';
import { notFound } from '../../shared/domain/errors';
import { commentInputSchema, reviewInputSchema } from '../../shared/domain/team';
import { ASSIGNMENT_ACTION_TABLE } from '../../shared/http/actions';
import { actorOf, json } from '../../shared/http/handler';
import { parseBody, parseQuery } from '../../shared/http/query';
import { routeHandlers } from '../../shared/http/router';
import { routeOf } from '../../shared/http/routes';
import { stores } from '../../shared/store';
import { addComment, reviewReport } from '../../shared/usecases/team';
import { reviewView } from '../../shared/usecases/review-view';
import { fileDownload, fileEntry } from '../../shared/usecases/evidence';
import { evidenceStorage } from '../../shared/evidence-storage';
import { redirect } from '../../shared/http/web';

const keyOf = (event: { pathParameters?: Record<string, string | undefined> }) => ({
  cycleId: event.pathParameters?.id ?? '',
  stateCode: event.pathParameters?.code ?? '',
});

const answersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

/** The secretariat's actions on one state's assignment in a cycle, and its review of the answers. */
export const handler = routeHandlers('assignment-actions', {
  'POST /api/cycles/{id}/states/{code}/review': async (event) => {
    const outcome = await reviewReport(keyOf(event), parseBody(event, reviewInputSchema), {
      stores: stores(),
      now: new Date().toISOString(),
      actor: actorOf(event),
    });
    return json(200, outcome);
  },

  'GET /api/cycles/{id}/states/{code}/answers': async (event) => {
    const query = parseQuery(event, answersQuery);
    const view = await reviewView(keyOf(event), stores(), query);
    return json(200, { ...view, answers: view.answers.map((a) => ({ ...a, files: a.files.map(fileEntry) })) });
  },

  'POST /api/cycles/{id}/states/{code}/answers/{mandateId}/comments': async (event) => {
    const { text } = parseBody(event, commentInputSchema);
    const comment = await addComment(
      { ...keyOf(event), mandateId: event.pathParameters?.mandateId ?? '' },
      { text, side: 'secretariat', author: actorOf(event) },
      { stores: stores(), now: new Date().toISOString() },
    );
    return json(201, { comment });
  },

  'GET /api/cycles/{id}/states/{code}/files/{fileId}': async (event) =>
    redirect(await fileDownload(keyOf(event), event.pathParameters?.fileId ?? '', { stores: stores(), storage: evidenceStorage })),

  'POST /api/cycles/{id}/states/{code}/*': async (event) => {
    const { cycleId, stateCode: code } = keyOf(event);
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
