import { createHash, randomBytes } from 'node:crypto';
import { answerInputSchema, isAnswered, type Answer, type AnswerInput } from '../domain/answers';
import { linkExpiresAt, type Assignment, type Cycle } from '../domain/cycles';
import type { Mandate } from '../domain/mandates';
import type { Language } from '../domain/states';
import { HttpError, badRequest, notFound } from '../http/errors';
import type { Stores } from '../store';
import type { StoredMandate } from '../store/mandates';
import type { StoredState } from '../store/states';
import { changeAssignment, conflict } from './cycles';
import { hashToken } from './send-reminders';
import { submitAssignment } from './submit';

export const SESSION_HOURS = 12;
const FAILURE_WINDOW_MINUTES = 15;

export type LinkProblem = 'unknown' | 'revoked' | 'expired' | 'rate_limited';

export interface LinkOutcome {
  ok: boolean;
  problem?: LinkProblem;
  language?: Language;
  sessionId?: string;
  cycleId?: string;
  stateCode?: string;
}

function failureWindow(now: string) {
  const size = FAILURE_WINDOW_MINUTES * 60_000;
  const start = Math.floor(Date.parse(now) / size) * size;
  return { start: new Date(start).toISOString(), end: new Date(start + size).toISOString() };
}

/**
 * Exchanges a link token for a session.
 *
 * Primary course:
 * 1. Refuse a client that failed too often in the last window (429).
 * 2. Look the token up by its SHA-256 only; it must belong to the assignment's current link
 *    (a rotation or a revocation ends the older links) and be within 90 days of the deadline.
 * 3. Make a session for that one assignment (its id is returned once; only its hash is stored).
 * 4. Mark the assignment opened, the first time.
 */
export async function openLink(
  token: string,
  context: { stores: Stores; now: string; client: string; maxFailures: number },
): Promise<LinkOutcome> {
  const { stores, now } = context;
  const window = failureWindow(now);
  if ((await stores.answers.failuresSoFar(context.client, window.start)) >= context.maxFailures) {
    return { ok: false, problem: 'rate_limited' };
  }
  const fail = async (problem: LinkProblem, language?: Language): Promise<LinkOutcome> => {
    await stores.answers.countFailure(context.client, window.start, window.end);
    return { ok: false, problem, language };
  };
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return fail('unknown');
  const record = await stores.cycles.getToken(hashToken(token));
  if (!record) return fail('unknown');
  const assignment = await stores.cycles.getAssignment(record.cycleId, record.stateCode);
  if (!assignment) return fail('unknown');
  const language = assignment.language as Language;
  if (record.linkEpoch !== assignment.linkEpoch || assignment.linkRevoked) return fail('revoked', language);
  const expiresAt = linkExpiresAt(assignment);
  if (now > expiresAt) return fail('expired', language);

  const sessionId = randomBytes(32).toString('base64url');
  const sessionEnd = new Date(Math.min(Date.parse(now) + SESSION_HOURS * 3_600_000, Date.parse(expiresAt))).toISOString();
  await stores.answers.putSession({
    sessionHash: hashToken(sessionId),
    cycleId: record.cycleId,
    stateCode: record.stateCode,
    linkEpoch: record.linkEpoch,
    expiresAt: sessionEnd,
  });
  if (assignment.status === 'pending' || assignment.status === 'invited') {
    await changeAssignment(stores, record.cycleId, record.stateCode, (a) => ({
      assignment: a.status === 'pending' || a.status === 'invited' ? { ...a, status: 'opened', firstOpenedAt: now } : a,
      audit: { at: now, actor: record.stateCode, action: 'assignment.opened' },
    }));
  }
  return { ok: true, sessionId, cycleId: record.cycleId, stateCode: record.stateCode, language };
}

export interface StateSession {
  cycleId: string;
  stateCode: string;
}

/** The assignment a session cookie gives access to, while the session and its link are valid. */
export async function resolveSession(sessionId: string | undefined, context: { stores: Stores; now: string }): Promise<StateSession | undefined> {
  if (!sessionId || !/^[A-Za-z0-9_-]{20,100}$/.test(sessionId)) return undefined;
  const session = await context.stores.answers.getSession(hashToken(sessionId));
  if (!session || session.expiresAt <= context.now) return undefined;
  const assignment = await context.stores.cycles.getAssignment(session.cycleId, session.stateCode);
  if (!assignment || assignment.linkEpoch !== session.linkEpoch || assignment.linkRevoked) return undefined;
  return { cycleId: session.cycleId, stateCode: session.stateCode };
}

export interface PortalItem {
  mandate: Mandate;
  parent?: Mandate;
  answer?: Answer;
}

export interface PortalView {
  cycle: Cycle;
  assignment: Assignment;
  state: StoredState;
  items: PortalItem[];
  answered: number;
  total: number;
}

const cycleCache = new Map<string, Cycle>();

async function cycleOf(stores: Stores, cycleId: string): Promise<Cycle> {
  let cycle = cycleCache.get(cycleId);
  if (!cycle) {
    cycle = await stores.cycles.getCycle(cycleId);
    if (!cycle) throw notFound(`No cycle ${cycleId}`);
    cycleCache.set(cycleId, cycle); // a cycle's mandates never change once it is created
  }
  return cycle;
}

/** Everything the answering page shows for one state's assignment. */
export async function portalView(session: StateSession, context: { stores: Stores }): Promise<PortalView> {
  const { stores } = context;
  const [cycle, assignment, state, answers, mandates] = await Promise.all([
    cycleOf(stores, session.cycleId),
    stores.cycles.getAssignment(session.cycleId, session.stateCode),
    stores.states.getState(session.stateCode),
    stores.answers.listAnswers(session.cycleId, session.stateCode),
    stores.mandates.listMandates(),
  ]);
  if (!assignment || !state) throw notFound('No such assignment');
  const byId = new Map<string, StoredMandate>(mandates.map((m) => [m.id, m]));
  const answerOf = new Map(answers.map((a) => [a.mandateId, a]));
  const items = cycle.mandateIds
    .map((id) => byId.get(id))
    .filter((m): m is StoredMandate => Boolean(m))
    .map((mandate) => ({
      mandate,
      parent: mandate.parentId ? byId.get(mandate.parentId) : undefined,
      answer: answerOf.get(mandate.id),
    }));
  const answered = items.filter((i) => isAnswered(i.answer)).length;
  return { cycle, assignment, state, items, answered, total: items.length };
}

/**
 * Saves one answer.
 *
 * Primary course:
 * 1. Validate it (limits per field) and check the mandate belongs to the cycle.
 * 2. Write it over the version the client last read; if someone saved in between, 409 with the
 *    current answer and nothing overwritten.
 * 3. Keep the assignment's count of answered mandates in step, in the same transaction.
 */
export async function saveAnswer(
  session: StateSession,
  mandateId: string,
  input: AnswerInput,
  context: { stores: Stores; now: string },
): Promise<Answer> {
  const { stores, now } = context;
  const cycle = await cycleOf(stores, session.cycleId);
  if (!cycle.mandateIds.includes(mandateId)) throw notFound(`Mandate ${mandateId} is not part of this cycle`);
  const current = await stores.answers.getAnswer(session.cycleId, session.stateCode, mandateId);
  if ((current?.version ?? 0) !== input.version) {
    throw new HttpError(409, 'version_conflict', 'This answer was changed since you read it; here is the current one', { current: current ?? null });
  }
  const answer: Answer = {
    cycleId: session.cycleId,
    stateCode: session.stateCode,
    mandateId,
    status: input.status ?? null,
    narrative: input.narrative ?? '',
    difficulties: input.difficulties ?? '',
    evidence: input.evidence ?? [],
    version: input.version + 1,
    updatedAt: now,
  };
  const delta = Number(isAnswered(answer)) - Number(isAnswered(current));
  const outcome = await stores.answers.saveAnswer(answer, input.version, delta, now);
  if (outcome === 'submitted') throw conflict('already_submitted', 'This report has been submitted; ask the Secretariat to reopen it');
  if (outcome === 'conflict') {
    const latest = await stores.answers.getAnswer(session.cycleId, session.stateCode, mandateId);
    throw new HttpError(409, 'version_conflict', 'This answer was changed since you read it; here is the current one', { current: latest ?? null });
  }
  return answer;
}

/** The digest a receipt's content hash is made from: every answer, in mandate order. */
export function answersDigest(answers: Answer[]): string {
  const canonical = [...answers]
    .sort((a, b) => a.mandateId.localeCompare(b.mandateId))
    .map((a) => [a.mandateId, a.status, a.narrative, a.difficulties, a.evidence.map((e) => [e.title, e.url]), a.version]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** Submits the report; the receipt carries a hash of the answers as submitted. */
export async function submitReport(session: StateSession, context: { stores: Stores; now: string }) {
  const answers = await context.stores.answers.listAnswers(session.cycleId, session.stateCode);
  const assignment = await submitAssignment(context.stores, session.cycleId, session.stateCode, {
    answersDigest: answersDigest(answers),
    actor: session.stateCode,
    now: context.now,
  });
  return { submittedAt: assignment.submittedAt!, contentHash: assignment.contentHash!, answered: answers.filter(isAnswered).length };
}

/** A state asks for more time; the Secretariat sees it in the cycle status and decides. */
export function requestExtension(
  session: StateSession,
  input: { proposedDeadline: string; reason: string },
  context: { stores: Stores; now: string },
) {
  return changeAssignment(context.stores, session.cycleId, session.stateCode, (a) => {
    if (a.status === 'submitted') throw conflict('already_submitted', 'This report has been submitted');
    if (input.proposedDeadline <= a.deadline) throw badRequest('invalid_deadline', `proposedDeadline: must be after the current deadline ${a.deadline.slice(0, 10)}`);
    const request = { proposedDeadline: input.proposedDeadline, reason: input.reason, requestedAt: context.now };
    return {
      assignment: { ...a, extensionRequests: [...(a.extensionRequests ?? []), request] },
      audit: { at: context.now, actor: session.stateCode, action: 'assignment.extension_requested', details: request },
    };
  });
}

export { answerInputSchema };
