/**
 * What each index of the table carries besides its keys (table.ts builds the indexes with these).
 * Each list is what the queries of that index read, so that the frequent writes (an answer saved, an
 * email claimed, a reminder recorded) change no index entry: none of what they change is projected.
 */
import type { AssignmentHistory } from './ports';

/** What a state's history of assignments (assignmentsOfState, the `byState` index) shows of each. */
export const ASSIGNMENT_HISTORY_ATTRIBUTES = [
  'cycleId',
  'stateCode',
  'status',
  'deadline',
  'submittedAt',
  'remindersSent',
  'createdAt',
] as const satisfies readonly (keyof AssignmentHistory)[];

type MustBeNever<T extends never> = T;
/** Fails to compile while a field of AssignmentHistory (ports.ts) is missing from the list above. */
export type EveryHistoryFieldProjected = MustBeNever<Exclude<keyof AssignmentHistory, (typeof ASSIGNMENT_HISTORY_ATTRIBUTES)[number]>>;

/** The `due` index only says what is due (the jobs then read the item itself). */
export const DUE_ATTRIBUTES = ['cycleId', 'stateCode', 'id'] as const;

/**
 * gsi1 lists whole records (mandates, states, cycles, snapshots), and its queries read every field of them:
 * more than the 20 attributes an INCLUDE projection may name. Those records are written rarely, never on
 * the save path, and no assignment is in gsi1 (its history is in `byState`).
 */
export const WHOLE_RECORDS = 'ALL' as const;

/** What `byState` carries of an assignment, and only that, whatever the index projects (a table made earlier may project ALL). */
export function historyOf(item: Record<string, unknown>): AssignmentHistory {
  const fields = ASSIGNMENT_HISTORY_ATTRIBUTES.filter((name) => name in item).map((name) => [name, item[name]]);
  return Object.fromEntries(fields) as unknown as AssignmentHistory;
}
