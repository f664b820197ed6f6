import { TABLE } from './table';

/** The attributes that place an item in the table and its indexes, never part of the record itself. */
const PLACEMENT = new Set<string>([
  TABLE.partitionKey,
  TABLE.sortKey,
  ...TABLE.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  TABLE.timeToLiveAttribute,
  'type',
]);

/** The one item mapper: a stored item without its keys. */
export function fromItem<T>(item: Record<string, unknown>): T {
  const record: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) if (!PLACEMENT.has(name)) record[name] = value;
  return record as T;
}
