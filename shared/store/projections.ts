/**
 * What each index of the table carries besides its keys (table.ts builds the indexes with these).
 * Each list is what the queries of that index read, and no more, so that the frequent writes (an
 * answer saved, an email claimed) change no index entry.
 */
import type { CycleSummary, StoredAssignment } from '../domain/cycles';
import type { SnapshotRecord, StoredMandate, StoredState } from '../domain/records';

/** What a state's history of assignments (assignmentsOfState) shows of each: all gsi1 carries of an assignment. */
export const ASSIGNMENT_HISTORY_ATTRIBUTES = [
  'cycleId',
  'stateCode',
  'status',
  'deadline',
  'submittedAt',
  'remindersSent',
  'createdAt',
] as const;

/**
 * The attributes gsi1 carries besides the keys: every field of the records listed through it (mandates,
 * states, cycles, snapshots), which are written rarely, and the few an assignment's history shows. Not
 * ALL: what an answer save or an email changes on an assignment (answeredCount, lastAnswerAt, version,
 * lastEmail) is not in it, so those writes leave gsi1 alone. A new field of a listed record must be added
 * here (EveryListedFieldProjected fails until it is); a deployed table then needs gsi1 rebuilt
 * (infra/docs/deploying.md, "Index projections").
 */
// prettier-ignore
const LISTED_ATTRIBUTES = [
  // mandates
  'id', 'label', 'text', 'parentId', 'citation', 'document', 'summit', 'summitId', 'year', 'notes', 'theme', 'position',
  'chapeau', 'line', 'themes', 'language', 'texts', 'revision', 'contentHash', 'updatedAt', 'retired', 'retiredAt', 'givenTexts',
  // states
  'code', 'name', 'localName', 'active', 'focalPoints', 'bouncedAddresses', 'note',
  // cycles (openingSince: while a run opens it)
  'title', 'titles', 'status', 'opensAt', 'deadline', 'reminders', 'recurrence', 'selection', 'stateCodes', 'mandateCount',
  'stateCount', 'createdAt', 'createdBy', 'previousCycleId', 'openingSince',
  // snapshots
  'cycleId', 'kind', 'generatedAt', 'files', 'builtFrom',
] as const;
export const GSI1_ATTRIBUTES = [...new Set([...LISTED_ATTRIBUTES, ...ASSIGNMENT_HISTORY_ATTRIBUTES])];

type ListedField = keyof StoredMandate | keyof StoredState | keyof CycleSummary | keyof SnapshotRecord | 'openingSince';
type MustBeNever<T extends never> = T;
/** Fails to compile while a field of a record listed through gsi1 is not projected into it. */
export type EveryListedFieldProjected = MustBeNever<Exclude<ListedField, (typeof LISTED_ATTRIBUTES)[number]>>;

/** The `due` index only says what is due: the jobs read the item itself. Nothing a save changes is in it. */
export const DUE_ATTRIBUTES = ['cycleId', 'stateCode', 'id'];

/** What gsi1 carries of an assignment, and only that, whatever the index projects (a table made earlier may project ALL). */
export function historyOf(item: Record<string, unknown>): Pick<StoredAssignment, (typeof ASSIGNMENT_HISTORY_ATTRIBUTES)[number]> {
  const fields = ASSIGNMENT_HISTORY_ATTRIBUTES.filter((name) => name in item).map((name) => [name, item[name]]);
  return Object.fromEntries(fields) as unknown as Pick<StoredAssignment, (typeof ASSIGNMENT_HISTORY_ATTRIBUTES)[number]>;
}
