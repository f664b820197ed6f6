/**
 * A cycle's counts (assignments per status, answered mandates), moved by the very writes that change
 * an assignment, in the same transaction: shared by the DynamoDB and the in-memory stores.
 */
import { isHandedIn } from '../domain/cycles';
import type { AssignmentCounts } from './ports';
import { countShard, keys } from './table';

type Counted = { status: string; answeredCount?: number };

/** How the counts move when an assignment goes from `before` to `after` (undefined: absent). */
export function countsChange(before: Counted | undefined, after: Counted | undefined): AssignmentCounts {
  const statuses: Record<string, number> = {};
  if (before?.status !== after?.status) {
    if (before) statuses[before.status] = -1;
    if (after) statuses[after.status] = 1;
  }
  return { statuses, answered: (after?.answeredCount ?? 0) - (before?.answeredCount ?? 0) };
}

export const changesNothing = (change: AssignmentCounts) => change.answered === 0 && Object.values(change.statuses).every((n) => n === 0);

/** What a recount of these assignments gives: statuses with no assignment are left out. */
export function countsOf(assignments: Counted[]): AssignmentCounts {
  const counts: AssignmentCounts = { statuses: {}, answered: 0 };
  for (const a of assignments) addCounts(counts, countsChange(undefined, a));
  return counts;
}

export function addCounts(total: AssignmentCounts, change: AssignmentCounts): void {
  for (const [status, n] of Object.entries(change.statuses)) total.statuses[status] = (total.statuses[status] ?? 0) + n;
  total.answered += change.answered;
  for (const [status, n] of Object.entries(total.statuses)) if (n === 0) delete total.statuses[status];
}

/** The status an answer save leaves a report in: a report not yet started is now in progress; any other keeps its own. */
export function statusAfterAnswer(status: string): string {
  return status === 'pending' || status === 'invited' || status === 'opened' ? 'in_progress' : status;
}

/** An answer can no longer be saved once the report is handed in. */
export const refusesAnswers = (status: string) => isHandedIn(status);

/** Counter attributes on a COUNTS item: `answered`, and `status:<status>` for each status. */
const STATUS_PREFIX = 'status:';
export const ANSWERED = 'answered';
export const statusAttribute = (status: string) => `${STATUS_PREFIX}${status}`;

/** The transaction item that moves a state's share of its cycle's counts; undefined when nothing moves. */
export function countsUpdate(tableName: string, cycleId: string, stateCode: string, change: AssignmentCounts) {
  if (changesNothing(change)) return undefined;
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const adds: string[] = [];
  const add = (attribute: string, by: number) => {
    const n = adds.length;
    names[`#c${n}`] = attribute;
    values[`:c${n}`] = by;
    adds.push(`#c${n} :c${n}`);
  };
  for (const [status, by] of Object.entries(change.statuses)) if (by !== 0) add(statusAttribute(status), by);
  if (change.answered !== 0) add(ANSWERED, change.answered);
  return {
    TableName: tableName,
    Key: keys.cycleCounts(cycleId, countShard(stateCode)),
    UpdateExpression: `ADD ${adds.join(', ')}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** The COUNTS items putAssignments writes: each shard's share of these assignments, marked as a complete start. */
export function countsItems(cycleId: string, assignments: (Counted & { stateCode: string })[], shards: number) {
  return Array.from({ length: shards }, (_, shard) => {
    const counts = countsOf(assignments.filter((a) => countShard(a.stateCode) === shard));
    return {
      ...keys.cycleCounts(cycleId, shard),
      type: 'cycle-counts',
      cycleId,
      counted: true,
      [ANSWERED]: counts.answered,
      ...Object.fromEntries(Object.entries(counts.statuses).map(([status, n]) => [statusAttribute(status), n])),
    };
  });
}

/** The counts the COUNTS items of a cycle add up to; undefined unless every shard was written by putAssignments. */
export function countsFromItems(items: Record<string, unknown>[], shards: number): AssignmentCounts | undefined {
  if (items.length !== shards || !items.every((item) => item.counted === true)) return undefined;
  const total: AssignmentCounts = { statuses: {}, answered: 0 };
  for (const item of items) {
    const statuses: Record<string, number> = {};
    for (const [name, value] of Object.entries(item)) {
      if (name.startsWith(STATUS_PREFIX) && typeof value === 'number') statuses[name.slice(STATUS_PREFIX.length)] = value;
    }
    addCounts(total, { statuses, answered: typeof item[ANSWERED] === 'number' ? item[ANSWERED] : 0 });
  }
  return total;
}
