import { notFound } from '../domain/errors';
import type { Stores } from '../store/ports';
import { earlierCycles } from './history';

/**
 * What the secretariat reviews for one state: a page of the cycle's mandates, each with the state's
 * answer, its review and thread, and the same state's answer in the previous cycle beside it.
 */
export async function reviewView(key: { cycleId: string; stateCode: string }, stores: Stores, page: { offset: number; limit: number }) {
  const [cycle, assignment] = await Promise.all([
    stores.cycles.getCycle(key.cycleId),
    stores.assignments.getAssignment(key.cycleId, key.stateCode),
  ]);
  if (!cycle || !assignment) throw notFound(`No assignment for ${key.stateCode} in cycle ${key.cycleId}`);
  const previous = (await earlierCycles(stores, key.cycleId, key.stateCode))[0];
  const ids = cycle.mandateIds.slice(page.offset, page.offset + page.limit);
  const [answers, before, comments] = await Promise.all([
    Promise.all(ids.map((id) => stores.answers.getAnswer(key.cycleId, key.stateCode, id))),
    previous ? Promise.all(ids.map((id) => stores.answers.getAnswer(previous.cycleId, key.stateCode, id))) : Promise.resolve([]),
    stores.team.listComments(key.cycleId, key.stateCode),
  ]);
  const wanted = new Set(ids);
  const threads = new Map<string, typeof comments>();
  for (const c of comments) if (wanted.has(c.mandateId)) threads.set(c.mandateId, [...(threads.get(c.mandateId) ?? []), c]);
  const next = page.offset + ids.length;
  return {
    cycleId: key.cycleId,
    state: key.stateCode,
    status: assignment.status,
    round: assignment.round ?? null,
    deadline: assignment.deadline,
    previousCycle: previous ?? null,
    total: cycle.mandateIds.length,
    offset: page.offset,
    next: next < cycle.mandateIds.length ? next : null,
    answers: ids.map((mandateId, i) => ({
      mandateId,
      answer: answers[i] ?? null,
      review: answers[i]?.review ?? null,
      comments: threads.get(mandateId) ?? [],
      previous: before[i] ? { status: before[i]!.status, narrative: before[i]!.narrative, updatedAt: before[i]!.updatedAt } : null,
    })),
  };
}
