/** How a state's answer to a mandate moved since the previous cycle: the rule, no I/O. */
import type { ImplementationStatus } from './answers';

export type Change = 'improved' | 'unchanged' | 'regressed' | 'new' | 'changed' | 'unanswered';

/** The order of progress; not_applicable stands outside it. */
const RANK: Partial<Record<ImplementationStatus, number>> = {
  not_started: 0,
  in_progress: 1,
  partially_implemented: 2,
  fully_implemented: 3,
};

/**
 * improved / regressed along not started → in progress → partially → fully implemented; unchanged for
 * the same status; new when the previous cycle had no status for it; unanswered when this cycle has none;
 * changed when not applicable is on one side only.
 */
export function changeOf(previous: ImplementationStatus | null | undefined, current: ImplementationStatus | null | undefined): Change {
  if (!current) return 'unanswered';
  if (!previous) return 'new';
  if (previous === current) return 'unchanged';
  const [before, now] = [RANK[previous], RANK[current]];
  if (before === undefined || now === undefined) return 'changed';
  return now > before ? 'improved' : 'regressed';
}

export const CHANGES: readonly Change[] = ['improved', 'unchanged', 'regressed', 'new', 'changed', 'unanswered'];

export type ChangeCounts = Record<Change, number>;
export const emptyChangeCounts = (): ChangeCounts => Object.fromEntries(CHANGES.map((c) => [c, 0])) as ChangeCounts;

/**
 * One state's changes since its previous cycle, over the mandates of this cycle: `current` and `previous`
 * map a mandate to its status (a mandate absent from `previous` had none then).
 */
export function changesOfState(
  mandateIds: readonly string[],
  current: ReadonlyMap<string, ImplementationStatus | null>,
  previous: ReadonlyMap<string, ImplementationStatus | null>,
): ChangeCounts {
  const counts = emptyChangeCounts();
  for (const id of mandateIds) counts[changeOf(previous.get(id), current.get(id))] += 1;
  return counts;
}
