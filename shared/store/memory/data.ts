/**
 * The in-memory "table" the memory stores share: one map per kind of record. Like the DynamoDB
 * items, every record goes in and comes out as a copy, without its undefined values (the document
 * client removes them), so a caller never holds the stored state.
 */
import type { Answer } from '../../domain/answers';
import type { CycleSummary, StoredAssignment } from '../../domain/cycles';
import type {
  AuditEntry,
  ConsoleSessionRecord,
  OutboxRecord,
  SessionRecord,
  SnapshotRecord,
  StoredMandate,
  StoredState,
  TokenRecord,
  StoredMandatePage,
  AssignmentCounts,
} from '../ports';

/** A cycle as stored: the summary item (with `openingSince` while a run holds it), its mandate ids, and its place in the due index. */
export interface CycleRow {
  summary: CycleSummary & { openingSince?: string };
  mandateIds: string[];
  /** Set while the cycle waits to be opened (the `OPEN` partition of the due index). */
  dueAt?: string;
}

/** An assignment and its sort key in the state's list (`<createdAt>#<cycleId>`). */
export interface AssignmentRow {
  assignment: StoredAssignment;
  stateOrder: string;
}

export interface MemoryData {
  mandates: Map<string, StoredMandate>;
  pages: Map<string, StoredMandatePage>;
  states: Map<string, StoredState>;
  cycles: Map<string, CycleRow>;
  idempotency: Map<string, { cycleId: string; requestHash: string }>;
  assignments: Map<string, AssignmentRow>;
  answers: Map<string, Answer>;
  /** Per cycle, its counts as putAssignments started them and every save moved them (absent: none kept). */
  counts: Map<string, AssignmentCounts>;
  /** Each email with its sort key `<slot>#<to>` in the state's outbox. */
  outbox: Map<string, { cycleId: string; stateCode: string; sk: string; record: OutboxRecord }>;
  tokens: Map<string, TokenRecord>;
  /** Per cycle, each entry with its sort key `<at>#<sequence>`. */
  audit: Map<string, { sk: string; entry: AuditEntry }[]>;
  auditSequence: number;
  sessions: Map<string, SessionRecord>;
  consoleSessions: Map<string, ConsoleSessionRecord>;
  attempts: Map<string, number>;
  snapshots: Map<string, SnapshotRecord>;
}

export function emptyData(): MemoryData {
  return {
    mandates: new Map(),
    pages: new Map(),
    states: new Map(),
    cycles: new Map(),
    idempotency: new Map(),
    assignments: new Map(),
    answers: new Map(),
    counts: new Map(),
    outbox: new Map(),
    tokens: new Map(),
    audit: new Map(),
    auditSequence: 0,
    sessions: new Map(),
    consoleSessions: new Map(),
    attempts: new Map(),
    snapshots: new Map(),
  };
}

/** A map key made of several parts, none of which can run into another. */
export const key = (...parts: string[]) => JSON.stringify(parts);

function dropUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(dropUndefined);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const name of Object.keys(record)) {
      if (record[name] === undefined) delete record[name];
      else record[name] = dropUndefined(record[name]);
    }
  }
  return value;
}

/** A deep copy, without undefined values, as a record read back from DynamoDB would be. */
export const copy = <T>(value: T): T => dropUndefined(structuredClone(value)) as T;

/** The order DynamoDB sorts string keys in: by their UTF-8 bytes. */
export function byKey(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
