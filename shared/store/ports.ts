/**
 * The stores the use cases are written against: one small interface per kind of record.
 * DynamoDB implementations live beside this file; in-memory ones under memory/ for fast tests.
 */
import type { Answer, ImplementationStatus } from '../domain/answers';
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
import type { ExportRecord } from '../domain/report';
import type { AnswerComment, Contributor, Review } from '../domain/team';
import type { EvidenceFile } from '../domain/evidence';
import type { MandateLink } from '../domain/lineage';

export type { ExportRecord } from '../domain/report';

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
  /** Every link between mandates (kept apart from the mandates: a re-import never loses them). */
  listLinks(): Promise<MandateLink[]>;
  /** Adds a link; the same from, kind and to again replaces it. */
  putLink(link: MandateLink): Promise<void>;
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
  /**
   * Writes the assignments of a cycle being opened, in batches (nothing else writes them while it is
   * `opening`), then sets the cycle's counts to theirs: give all of the cycle's assignments in one call
   * (a second run of the opening gives the same ones again, and ends with the same counts).
   */
  putAssignments(assignments: Assignment[], createdAt: string): Promise<void>;
  getAssignment(cycleId: string, stateCode: string): Promise<StoredAssignment | undefined>;
  listAssignments(cycleId: string): Promise<StoredAssignment[]>;
  /** Saves an assignment read at `version`; throws VersionConflict when someone else saved first. */
  saveAssignment(assignment: StoredAssignment, audit?: AuditEntry): Promise<StoredAssignment>;
  dueAssignmentKeys(now: string): AsyncGenerator<{ cycleId: string; stateCode: string }>;
  /** A state's assignments, oldest cycle first, with only what its history shows (the `byState` index carries no more). */
  assignmentsOfState(stateCode: string): Promise<AssignmentHistory[]>;
  /**
   * A cycle's counts, kept in the same transaction as every write that changes them (putAssignments,
   * saveAssignment, saveAnswer); undefined for a cycle whose assignments were written before counts existed.
   */
  assignmentCounts(cycleId: string): Promise<AssignmentCounts | undefined>;
}

/** What a state's history shows of each assignment: what the `byState` index carries (projections.ts). */
export type AssignmentHistory = Pick<
  StoredAssignment,
  'cycleId' | 'stateCode' | 'status' | 'deadline' | 'submittedAt' | 'remindersSent' | 'createdAt'
>;

/** What a cycle's assignments add up to: always what a recount of them would give. */
export interface AssignmentCounts {
  /** Assignments per status, whatever the status (a status no assignment has any more counts 0, or is absent). */
  statuses: Record<string, number>;
  /** The sum of the assignments' answeredCount: the mandates answered across the cycle. */
  answered: number;
}

/** What a list of a state's answers needs of each: no narrative, difficulties or evidence. */
export interface AnswerMark {
  mandateId: string;
  status: ImplementationStatus | null;
  version: number;
  updatedAt: string;
  carriedForward?: boolean;
  review?: Answer['review'];
  carried?: Answer['carried'];
}

/** The attributes of an AnswerMark, read with a projection so a long narrative is not read at all. */
export const ANSWER_MARK_ATTRIBUTES = ['mandateId', 'status', 'version', 'updatedAt', 'carriedForward', 'review', 'carried'] as const;

export interface AnswerStore {
  listAnswers(cycleId: string, stateCode: string): Promise<Answer[]>;
  /** The same answers as listAnswers, in the same order, reading only the attributes of an AnswerMark. */
  listAnswerMarks(cycleId: string, stateCode: string): Promise<AnswerMark[]>;
  getAnswer(cycleId: string, stateCode: string, mandateId: string): Promise<Answer | undefined>;
  /**
   * Saves an answer written over `expectedVersion` (0: a new one), and in the same transaction
   * moves the assignment's count of answered mandates by `answeredDelta` and its version by one,
   * and the cycle's counts with it, unless the report is handed in ('submitted'). A report not yet
   * started (pending, invited, opened) becomes in_progress; a returned one stays returned.
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

export interface ExportStore {
  /** Records a new export; refuses an id that exists. */
  putExport(record: ExportRecord): Promise<void>;
  getExport(id: string): Promise<ExportRecord | undefined>;
  /** running → done or failed, once: false when it had finished already. */
  finishExport(
    id: string,
    outcome: Pick<ExportRecord, 'status' | 'finishedAt' | 'key' | 'fileName' | 'rows' | 'bytes' | 'error'>,
  ): Promise<boolean>;
}

/** A report file written as it is made (a multipart upload), for exports too large to hold in memory. */
export interface FileUpload {
  /** Where the file's bytes go, as they are made; honours backpressure. */
  stream: NodeJS.WritableStream;
  /** Resolves once the file is stored whole (after `stream` ends), with its size; rejects and stores nothing on failure. */
  done: Promise<{ bytes: number }>;
  /** Gives up: the parts uploaded so far are discarded. */
  abort(): Promise<void>;
}

export interface StreamingFileStore {
  upload(key: string, format: 'json' | 'csv' | 'xlsx' | 'html', downloadName: string): FileUpload;
  /** A short-lived link that downloads the file as an attachment. */
  downloadLink(key: string): Promise<string>;
}

/** The people of a state's report and the review loop: contributors, answers' reviews, comment threads. */
export interface TeamStore {
  /** Every contributor ever added, removed ones included, in the order they were added. */
  listContributors(cycleId: string, stateCode: string): Promise<Contributor[]>;
  getContributor(cycleId: string, stateCode: string, id: string): Promise<Contributor | undefined>;
  putContributor(contributor: Contributor): Promise<void>;
  /**
   * Records the secretariat's decision on answers, moving each answer's version by one so that a page
   * holding the old version reloads. A mandate without an answer gets an empty one carrying the review.
   */
  setReviews(cycleId: string, stateCode: string, reviews: { mandateId: string; review: Review }[], now: string): Promise<void>;
  addComment(comment: AnswerComment): Promise<void>;
  /** The threads in order (oldest first): of one mandate, or of every mandate of the report. */
  listComments(cycleId: string, stateCode: string, mandateId?: string): Promise<AnswerComment[]>;
  putFile(file: EvidenceFile): Promise<void>;
  getFile(cycleId: string, stateCode: string, id: string): Promise<EvidenceFile | undefined>;
  /** The report's evidence files (every status), of one mandate or of all, oldest first. */
  listFiles(cycleId: string, stateCode: string, mandateId?: string): Promise<EvidenceFile[]>;
}

/** Where evidence files are kept (S3; s3rver locally): uploads and downloads through short-lived signed links. */
export interface EvidenceStorage {
  uploadLink(key: string, type: string, size: number, expiresInSeconds: number): Promise<{ url: string; headers: Record<string, string> }>;
  /** A link that downloads the file as an attachment under `name`, never shown inline. */
  downloadLink(key: string, name: string, expiresInSeconds: number): Promise<string>;
  /** The stored file's size, first bytes and SHA-256 (read through once), or undefined when nothing was uploaded. */
  inspect(key: string): Promise<{ size: number; head: Buffer; sha256: string } | undefined>;
  remove(key: string): Promise<void>;
}

export interface Stores {
  team: TeamStore;
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
  exports: ExportStore;
}
