/**
 * The stores the use cases are written against: one small interface per kind of record.
 * DynamoDB implementations live beside this file; in-memory ones under memory/ for fast tests.
 */
import type { Answer } from '../domain/answers';
import type { Assignment, Cycle, CycleSummary, StoredAssignment } from '../domain/cycles';
import type {
  AuditEntry,
  AuditPage,
  ConsoleSessionRecord,
  OutboxClaim,
  OutboxRecord,
  SessionRecord,
  SnapshotRecord,
  StoredMandate,
  StoredMandatePage,
  StoredState,
  TokenRecord,
} from '../domain/records';

export type {
  AuditEntry,
  AuditPage,
  ConsoleSessionRecord,
  OutboxClaim,
  OutboxRecord,
  SessionRecord,
  SnapshotRecord,
  StoredMandate,
  StoredMandatePage,
  StoredState,
  TokenRecord,
} from '../domain/records';

/** Another writer changed the item since it was read. */
export class VersionConflict extends Error {
  override name = 'VersionConflict';
}

export interface BatchOptions {
  /** Called after each batch with the number of items written so far. */
  onProgress?: (written: number, total: number) => void;
  maxAttempts?: number;
  baseDelayMs?: number;
  /** Batches in flight at once (default 4). */
  concurrency?: number;
}

export interface MandateStore {
  /** Every mandate, retired ones included (they carry `retired: true`). */
  listMandates(): Promise<StoredMandate[]>;
  /** Writes the revision items first, then the current items, so a crash half-way is repaired by a re-run. */
  saveMandates(mandates: StoredMandate[], options?: BatchOptions): Promise<void>;
  /**
   * The pages the catalogue is built from. Optional: a store without them (the in-memory one, for
   * now) still seeds and imports, but each build then sees only the pages given to it, so a
   * translation page finds its original only when both come in the same build.
   */
  listPages(): Promise<StoredMandatePage[]>;
  /** Puts these pages (a page of the same name is replaced) and deletes the pages named in `remove`. */
  savePages(pages: StoredMandatePage[], remove: string[]): Promise<void>;
}

export interface StateStore {
  listStates(): Promise<StoredState[]>;
  getState(code: string): Promise<StoredState | undefined>;
  putState(state: StoredState): Promise<void>;
  addStates(states: StoredState[], options?: BatchOptions): Promise<void>;
}

export interface CycleStore {
  /**
   * Writes a new cycle, its mandate list and its first audit entry in one transaction. With an
   * idempotency key, a second request with the same key gets the first cycle back.
   */
  createCycle(
    cycle: Cycle,
    audit: AuditEntry,
    idempotency?: { key: string; requestHash: string },
  ): Promise<{ cycle: Cycle; created: boolean } | { conflict: 'different_request' }>;
  /** Writes a cycle that must not exist yet (the next of a series); false when it does. */
  putCycleIfAbsent(cycle: Cycle, audit: AuditEntry): Promise<boolean>;
  getCycle(id: string): Promise<Cycle | undefined>;
  getCycleSummary(id: string): Promise<CycleSummary | undefined>;
  listCycles(): Promise<CycleSummary[]>;
  dueCycleIds(now: string): AsyncGenerator<string>;
  /**
   * scheduled → opening, for one run only: the run that gets it writes the assignments, and gets
   * the cycle back. A run that died while opening is taken over once its claim is older than `staleBefore`.
   */
  claimOpening(id: string, now: string, staleBefore: string): Promise<CycleSummary | undefined>;
  /** opening → open, once, with its audit entry: false when another run did it first. */
  markCycleOpen(id: string, audit: AuditEntry): Promise<boolean>;
  /** open → closed, once. */
  markCycleClosed(id: string): Promise<boolean>;
}

export interface AssignmentStore {
  /** The assignments of a cycle being opened, in batches (nothing else writes them while it is `opening`). */
  putAssignments(assignments: Assignment[], createdAt: string): Promise<void>;
  getAssignment(cycleId: string, stateCode: string): Promise<StoredAssignment | undefined>;
  listAssignments(cycleId: string): Promise<StoredAssignment[]>;
  /** Saves an assignment read at `version`; throws VersionConflict when someone else saved first. */
  saveAssignment(assignment: StoredAssignment, audit?: AuditEntry): Promise<StoredAssignment>;
  dueAssignmentKeys(now: string): AsyncGenerator<{ cycleId: string; stateCode: string }>;
  assignmentsOfState(stateCode: string): Promise<StoredAssignment[]>;
}

export interface AnswerStore {
  listAnswers(cycleId: string, stateCode: string): Promise<Answer[]>;
  getAnswer(cycleId: string, stateCode: string, mandateId: string): Promise<Answer | undefined>;
  /**
   * Saves an answer written over `expectedVersion` (0: a new one), and in the same transaction
   * moves the assignment's count of answered mandates by `answeredDelta` and its version by one,
   * unless it was submitted.
   */
  saveAnswer(answer: Answer, expectedVersion: number, answeredDelta: number, now: string): Promise<'saved' | 'conflict' | 'submitted'>;
}

export interface OutboxStore {
  /**
   * Claims one email before it is sent: the outbox item must not exist yet, and the assignment
   * must still be at the version the decision was made on. The same write records on the
   * assignment that an email is on its way (its delivery is "unknown" until the run records it),
   * moving its version by one, and writes the link token.
   */
  claimEmail(
    claim: OutboxClaim,
    assignment: Pick<Assignment, 'cycleId' | 'stateCode' | 'version'>,
    token?: TokenRecord,
  ): Promise<'claimed' | 'taken' | 'stale'>;
  markEmail(claim: OutboxClaim, status: 'sent' | 'failed', fields: { messageId?: string; at: string }): Promise<void>;
  /** Gives a claim back after SES refused the email, so a later attempt may send it. */
  releaseEmail(claim: OutboxClaim, tokenHash?: string): Promise<void>;
  outboxOf(cycleId: string, stateCode: string): Promise<OutboxRecord[]>;
  getToken(tokenHash: string): Promise<TokenRecord | undefined>;
}

export interface AuditStore {
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first, a page at a time. A cursor that is not one of this cycle's is refused with `bad_cursor`. */
  listAudit(cycleId: string, page: { limit: number; cursor?: string }): Promise<AuditPage | 'bad_cursor'>;
}

export interface SessionStore {
  putSession(session: SessionRecord): Promise<void>;
  getSession(sessionHash: string): Promise<SessionRecord | undefined>;
  putConsoleSession(sessionHash: string, session: ConsoleSessionRecord): Promise<void>;
  getConsoleSession(sessionHash: string): Promise<ConsoleSessionRecord | undefined>;
  deleteConsoleSession(sessionHash: string): Promise<void>;
}

export interface RateLimitStore {
  /** Adds `by` to a window's counter atomically and returns the new count. */
  add(scope: string, client: string, windowStart: string, windowEnd: string, by: number): Promise<number>;
  count(scope: string, client: string, windowStart: string): Promise<number>;
}

export interface SnapshotStore {
  putSnapshot(snapshot: SnapshotRecord): Promise<void>;
  /** Newest first: one cycle's, or every cycle's. */
  listSnapshots(cycleId?: string): Promise<SnapshotRecord[]>;
}

/** Report files: written once, read through short-lived links. */
export interface FileStore {
  put(key: string, format: 'json' | 'csv' | 'xlsx' | 'html', body: string | Buffer, downloadName: string): Promise<void>;
  downloadLink(key: string): Promise<string>;
}

export interface Stores {
  mandates: MandateStore;
  states: StateStore;
  cycles: CycleStore;
  assignments: AssignmentStore;
  answers: AnswerStore;
  outbox: OutboxStore;
  audit: AuditStore;
  sessions: SessionStore;
  limits: RateLimitStore;
  snapshots: SnapshotStore;
}
