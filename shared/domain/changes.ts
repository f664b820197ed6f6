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
