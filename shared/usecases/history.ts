import type { Answer } from '../domain/answers';
import type { Stores } from '../store/ports';
import type { HistoryEntry } from './view-models';

/** How many earlier cycles the answering page looks back over (history, and answers carried forward). */
export const HISTORY_CYCLES = 5;

export interface EarlierCycle {
  cycleId: string;
  title: string;
}

/** The state's cycles before `cycleId`, newest first, at most HISTORY_CYCLES. */
export async function earlierCycles(stores: Stores, cycleId: string, stateCode: string): Promise<EarlierCycle[]> {
  const mine = await stores.assignments.assignmentsOfState(stateCode); // oldest first
  const at = mine.findIndex((a) => a.cycleId === cycleId);
  const earlier = (at >= 0 ? mine.slice(0, at) : mine).slice(-HISTORY_CYCLES).reverse();
  const summaries = await Promise.all(earlier.map((a) => stores.cycles.getCycleSummary(a.cycleId)));
  return earlier.map((a, i) => ({ cycleId: a.cycleId, title: summaries[i]?.title ?? a.cycleId }));
}

/** Each mandate's status in the earlier cycles that have an answer to it, newest first (statuses only: narratives are not read). */
export async function historyOf(stores: Stores, stateCode: string, earlier: EarlierCycle[]): Promise<Map<string, HistoryEntry[]>> {
  const marks = await Promise.all(earlier.map((c) => stores.answers.listAnswerMarks(c.cycleId, stateCode)));
  const history = new Map<string, HistoryEntry[]>();
  earlier.forEach((cycle, i) => {
    for (const mark of marks[i]!) {
      const entry = { cycleId: cycle.cycleId, title: cycle.title, status: mark.status };
      history.set(mark.mandateId, [...(history.get(mark.mandateId) ?? []), entry]);
    }
  });
  return history;
}

/** The cycle whose answer is offered for a mandate not answered yet: the newest earlier one that gave it a status. */
export function offeredFrom(history: HistoryEntry[] | undefined): HistoryEntry | undefined {
  return history?.find((entry) => entry.status !== null);
}

/** The answer offered from `from`, as the new cycle's (version 0: not saved yet), marked carried forward. */
export function carriedAnswer(previous: Answer, into: { cycleId: string; mandateId: string }): Answer {
  const { review: _review, carried: _carried, updatedBy: _by, ...kept } = previous;
  return { ...kept, cycleId: into.cycleId, mandateId: into.mandateId, version: 0, carriedForward: true };
}

/** The same content: what "confirmed unchanged" means for an answer carried forward. */
export function sameContent(a: Pick<Answer, 'status' | 'narrative' | 'difficulties' | 'evidence'>, b: typeof a): boolean {
  return (
    a.status === b.status &&
    a.narrative === b.narrative &&
    a.difficulties === b.difficulties &&
    JSON.stringify(a.evidence.map((e) => [e.title, e.url])) === JSON.stringify(b.evidence.map((e) => [e.title, e.url]))
  );
}
