import { notFound } from '../domain/errors';
import type { Stores } from '../store/ports';
import { earlierCycles, historyOf, offeredFrom } from './history';
import type { ReviewView } from './view-models';

/**
 * What the secretariat reviews for one state: a page of the cycle's mandates, each with the state's
 * answer, its review, thread and files, and the same state's answer in the previous cycle beside it.
 */
export async function reviewView(
  key: { cycleId: string; stateCode: string },
  stores: Stores,
  page: { offset: number; limit: number },
): Promise<ReviewView> {
  const [cycle, assignment, state] = await Promise.all([
    stores.cycles.getCycle(key.cycleId),
    stores.assignments.getAssignment(key.cycleId, key.stateCode),
    stores.states.getState(key.stateCode),
  ]);
  if (!cycle || !assignment) throw notFound(`No assignment for ${key.stateCode} in cycle ${key.cycleId}`);
  const earlier = await earlierCycles(stores, key.cycleId, key.stateCode);
  const previous = earlier[0];
  const history = await historyOf(stores, key.stateCode, earlier);
  const ids = cycle.mandateIds.slice(page.offset, page.offset + page.limit);
  // Beside each answer: the state's latest earlier answer to that mandate (the previous cycle's, or an older one when it skipped it).
  const lastGiven = ids.map((id) => offeredFrom(history.get(id)));
  const [answers, before, comments, files, mandates] = await Promise.all([
    Promise.all(ids.map((id) => stores.answers.getAnswer(key.cycleId, key.stateCode, id))),
    Promise.all(ids.map((id, i) => (lastGiven[i] ? stores.answers.getAnswer(lastGiven[i].cycleId, key.stateCode, id) : undefined))),
    stores.team.listComments(key.cycleId, key.stateCode),
    stores.team.listFiles(key.cycleId, key.stateCode),
    stores.mandates.listMandates(),
  ]);
  const byId = new Map(mandates.map((m) => [m.id, m]));
  const wanted = new Set(ids);
  const threads = new Map<string, typeof comments>();
  for (const c of comments) if (wanted.has(c.mandateId)) threads.set(c.mandateId, [...(threads.get(c.mandateId) ?? []), c]);
  const next = page.offset + ids.length;
  return {
    cycleId: key.cycleId,
    cycleTitle: cycle.title,
    state: key.stateCode,
    stateName: state?.name ?? key.stateCode,
    status: assignment.status,
    round: assignment.round ?? null,
    deadline: assignment.deadline,
    previousCycle: previous ?? null,
    total: cycle.mandateIds.length,
    offset: page.offset,
    next: next < cycle.mandateIds.length ? next : null,
    answers: ids.map((mandateId, i) => {
      const mandate = byId.get(mandateId);
      const given = before[i];
      return {
        mandateId,
        label: mandate?.label ?? mandateId,
        document: mandate?.document ?? '',
        text: mandate?.text ?? '',
        answer: answers[i] ?? null,
        review: answers[i]?.review ?? null,
        comments: threads.get(mandateId) ?? [],
        files: files.filter((f) => f.mandateId === mandateId && f.status === 'ready'),
        previous: given
          ? { cycleTitle: lastGiven[i]!.title, status: given.status, narrative: given.narrative, updatedAt: given.updatedAt }
          : null,
        history: history.get(mandateId) ?? [],
      };
    }),
  };
}
