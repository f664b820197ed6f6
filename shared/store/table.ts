/**
 * The one table of the system. The CDK stack and the local bootstrap both build it from here.
 *
 * Items (pk / sk), with the indexes they are in:
 *   MANDATE#<id> / CURRENT               a mandate as it stands     gsi1: MANDATES / <theme>#<position>#<id>
 *   MANDATE#<id> / REV#<000001>          every revision, kept
 *   MANDATE_PAGES / PAGE#<name>          a mandate page as imported or seeded (the catalogue is rebuilt from them)
 *   MANDATE_PAGES / PART#<name>#<n>      the rest of a page too long for one item
 *   MANDATE_LINKS / <from>#<kind>#<to>   a later mandate reaffirms or continues an earlier one
 *   STATE#<code> / STATE                 a member state             gsi1: STATES / <code>
 *   CYCLE#<id> / CYCLE                   a reporting cycle          gsi1: CYCLES / <createdAt>#<id>; due: OPEN / <opensAt> while scheduled
 *   CYCLE#<id> / MANDATES#<000>          the cycle's mandate ids, 1,000 to an item
 *   CYCLE#<id> / COUNTS#<00>             a share of the cycle's counts (assignments per status, answered mandates)
 *   CYCLE#<id> / ASSIGNMENT#<code>       a state's part in a cycle  byState: ASSIGNMENTS#<code> / <createdAt>#<id>; due: REMINDER / <nextReminderAt>
 *                                        (written before byState: gsi1: ASSIGNMENTS#<code> / <createdAt>#<id>, until its next save)
 *   IDEMPOTENCY#<key> / IDEMPOTENCY      the cycle a create request made
 *   TOKEN#<sha256> / TOKEN               a link token, by its hash only
 *   OUTBOX#<cycle>#<code> / <slot>#<to>  one email to one address, claimed before it is sent
 *   AUDIT#<cycle> / <time>#<uuid>        the append-only audit trail of a cycle
 *   ANSWERS#<cycle>#<code> / <mandateId> a state's answer to one mandate
 *   SESSION#<sha256> / SESSION           a state's session, made from a link (expires through ttl)
 *   CONSOLE#<sha256> / SESSION           a secretariat console session (expires through ttl)
 *   LIMIT#<scope>#<client> / <window>    attempts of one client in one window (link, sign-in, bearer; expires through ttl)
 *   TEAM#<cycle>#<code> / CONTRIBUTOR#<id>            a contributor of a state's report (removed ones kept)
 *   TEAM#<cycle>#<code> / COMMENT#<mandate>#<at>#<id> one message of an answer's thread
 *   TEAM#<cycle>#<code> / FILE#<id>                   an evidence file's record (the bytes are in S3)
 *   SNAPSHOT#<cycle> / <generatedAt>     a report snapshot's index (the files are in S3)  gsi1: SNAPSHOTS / <generatedAt>#<cycle>
 *   EXPORT#<id> / EXPORT                 an asynchronous export and its outcome (the file is in S3; expires through ttl)
 *
 * `due` is sparse: an item is in it only while the job has something to do with it, so the
 * reminder and opening jobs Query it and never Scan.
 *
 * `due` and `byState` carry only the attributes their queries read (projections.ts): a field read
 * through one of them goes in its list first. gsi1 carries whole records; no assignment is in it.
 */
import { ASSIGNMENT_HISTORY_ATTRIBUTES, DUE_ATTRIBUTES, WHOLE_RECORDS } from './projections';

export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** `projection`: the non-key attributes each index carries (an INCLUDE projection), or ALL (see projections.ts). */
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: WHOLE_RECORDS },
    { name: 'due', partitionKey: 'duePk', sortKey: 'dueAt', projection: DUE_ATTRIBUTES },
    { name: 'byState', partitionKey: 'statePk', sortKey: 'stateSk', projection: ASSIGNMENT_HISTORY_ATTRIBUTES },
  ],
  timeToLiveAttribute: 'ttl',
} as const;

export const GSI1 = TABLE.indexes[0];
export const DUE = TABLE.indexes[1];
export const BY_STATE = TABLE.indexes[2];

export const keys = {
  mandate: (id: string) => ({ pk: `MANDATE#${id}`, sk: 'CURRENT' }),
  mandateRevision: (id: string, revision: number) => ({
    pk: `MANDATE#${id}`,
    sk: `REV#${String(revision).padStart(6, '0')}`,
  }),
  mandateList: 'MANDATES',
  mandatePages: 'MANDATE_PAGES',
  mandatePage: (name: string) => ({ pk: 'MANDATE_PAGES', sk: `PAGE#${name}` }),
  /** The rest of a page's text, when it is too long for one item. */
  mandatePagePart: (name: string, part: number) => ({ pk: 'MANDATE_PAGES', sk: `PART#${name}#${String(part).padStart(4, '0')}` }),
  mandatePagePartPrefix: (name: string) => `PART#${name}#`,
  mandateLinks: 'MANDATE_LINKS',
  mandateLink: (from: string, kind: string, to: string) => ({ pk: 'MANDATE_LINKS', sk: `${from}#${kind}#${to}` }),
  state: (code: string) => ({ pk: `STATE#${code}`, sk: 'STATE' }),
  stateList: 'STATES',
  cycle: (id: string) => ({ pk: `CYCLE#${id}`, sk: 'CYCLE' }),
  cycleMandates: (id: string, chunk: number) => ({ pk: `CYCLE#${id}`, sk: `MANDATES#${String(chunk).padStart(3, '0')}` }),
  cycleList: 'CYCLES',
  assignment: (cycleId: string, code: string) => ({ pk: `CYCLE#${cycleId}`, sk: `ASSIGNMENT#${code}` }),
  stateAssignments: (code: string) => `ASSIGNMENTS#${code}`,
  idempotency: (key: string) => ({ pk: `IDEMPOTENCY#${key}`, sk: 'IDEMPOTENCY' }),
  token: (hash: string) => ({ pk: `TOKEN#${hash}`, sk: 'TOKEN' }),
  outbox: (cycleId: string, code: string, slot: string, to: string) => ({ pk: `OUTBOX#${cycleId}#${code}`, sk: `${slot}#${to}` }),
  audit: (cycleId: string) => `AUDIT#${cycleId}`,
  answers: (cycleId: string, code: string) => `ANSWERS#${cycleId}#${code}`,
  answer: (cycleId: string, code: string, mandateId: string) => ({ pk: `ANSWERS#${cycleId}#${code}`, sk: mandateId }),
  session: (hash: string) => ({ pk: `SESSION#${hash}`, sk: 'SESSION' }),
  consoleSession: (hash: string) => ({ pk: `CONSOLE#${hash}`, sk: 'SESSION' }),
  attempts: (scope: string, client: string, windowStart: string) => ({ pk: `LIMIT#${scope}#${client}`, sk: windowStart }),
  snapshot: (cycleId: string, generatedAt: string) => ({ pk: `SNAPSHOT#${cycleId}`, sk: generatedAt }),
  snapshotList: 'SNAPSHOTS',
  team: (cycleId: string, code: string) => `TEAM#${cycleId}#${code}`,
  contributor: (cycleId: string, code: string, id: string) => ({ pk: `TEAM#${cycleId}#${code}`, sk: `CONTRIBUTOR#${id}` }),
  contributorPrefix: 'CONTRIBUTOR#',
  comment: (c: { cycleId: string; stateCode: string; mandateId: string; at: string; id: string }) => ({
    pk: `TEAM#${c.cycleId}#${c.stateCode}`,
    sk: `COMMENT#${c.mandateId}#${c.at}#${c.id}`,
  }),
  commentPrefix: (mandateId?: string) => (mandateId ? `COMMENT#${mandateId}#` : 'COMMENT#'),
  file: (cycleId: string, code: string, id: string) => ({ pk: `TEAM#${cycleId}#${code}`, sk: `FILE#${id}` }),
  filePrefix: 'FILE#',
  export: (id: string) => ({ pk: `EXPORT#${id}`, sk: 'EXPORT' }),
  /** A cycle's counts, in COUNT_SHARDS items so that states saving at once rarely write the same one. */
  cycleCounts: (cycleId: string, shard: number) => ({ pk: `CYCLE#${cycleId}`, sk: `COUNTS#${String(shard).padStart(2, '0')}` }),
  cycleCountsPrefix: 'COUNTS#',
  dueOpen: 'OPEN',
  dueReminder: 'REMINDER',
};

export const COUNT_SHARDS = 16;

/** The counts item a state's changes go to: always the same one for a state. */
export function countShard(stateCode: string): number {
  let hash = 0;
  for (const char of stateCode) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_003;
  return hash % COUNT_SHARDS;
}
