import { randomBytes } from 'node:crypto';
import { carriesLink, dueEmail, recordNoAddress, recordSend, reschedule, type SendResult } from '../domain/assignment';
import type { Slot } from '../domain/reminders';
import type { CycleSummary, StoredAssignment } from '../domain/cycles';
import type { Language } from '../domain/states';
import { titleFor } from '../domain/titles';
import { isThrottling, isTransient, type Mailer } from '../email/ports';
import { VersionConflict, type OutboxClaim, type Stores, type StoredState, type TokenRecord } from '../store/ports';
import { hashToken } from './respond';
import type { MailComposer, RenderedEmail } from './view-models';
import type { Contributor } from '../domain/team';
import { isAnswered, STATUSES, type ImplementationStatus } from '../domain/answers';

export interface ReminderSettings {
  publicUrl: string;
  /** Writes each email in the state's language (the render layer's composeMail; renderEmail for the state's emails only). */
  compose: MailComposer;
  /** Emails per second, at most: the SES send rate. */
  maxSendRate: number;
  maxThrottleRetries?: number;
  /** Assignments handled at once (default: enough to keep the send rate busy, 4 to 16). */
  concurrency?: number;
  /** Time left before the function is stopped (Lambda's getRemainingTimeInMillis); the run stops taking work well before. */
  timeLeftMs?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface ReminderRun {
  sent: number;
  skipped: number;
  failed: number;
  throttled: number;
  assignments: number;
  /** Assignments that failed with an error: logged, left due, and tried again by the next run. */
  errors: number;
  /** Emails the provider refused: left due, tried again in an hour, shown in the status with the reason. */
  refused: number;
  /** The run stopped taking work because its time was running out; the rest is due for the next run. */
  stoppedEarly: boolean;
}

/** Stop taking new work when less than this is left of the function's time. */
const SAFETY_MS = 20_000;

/** Extra room, in ms, kept in the one-second window: a send is recorded a moment after the pacer lets it go. */
const WINDOW_MARGIN_MS = 2;

/**
 * Spaces sends so that no second holds more than `perSecond` of them, and keeps up that rate when timers fire late.
 * Sends follow a schedule 1/rate apart; one that went late lets the next go sooner, so timer delays do not add up
 * to a slower rate. Whatever the schedule, a send waits until the send `perSecond` places before
 * it is a full second (and a margin) old: no window of one second ever holds more than `perSecond` sends.
 */
export class SendPacer {
  private slot = Number.NEGATIVE_INFINITY;
  private readonly recent: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  constructor(
    private readonly perSecond: number,
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly now: () => number = () => performance.now(),
  ) {}
  /** Waits until one more send keeps every second at or under the rate, whichever of the concurrent senders asks. */
  take(): Promise<void> {
    const turn = this.queue.then(async () => {
      const gap = 1000 / this.perSecond;
      // Twice at most: a timer may fire a little early; a sleep that does not wait (tests) is taken at its word.
      for (let look = 0; look < 2; look += 1) {
        const windowOpens = this.recent.length >= this.perSecond ? this.recent[0]! + 1000 + WINDOW_MARGIN_MS : 0;
        const wait = Math.max(this.slot, windowOpens) - this.now();
        if (wait <= 0) break;
        await this.sleep(wait);
      }
      const sentAt = this.now();
      this.recent.push(sentAt);
      if (this.recent.length > this.perSecond) this.recent.shift();
      // The next slot: one gap after this one's, so a send that went late is made up by the next; never before this
      // send, so an idle spell earns no more than one send at once.
      this.slot = Number.isFinite(this.slot) ? Math.max(this.slot + gap, sentAt) : sentAt + gap;
    });
    this.queue = turn;
    return turn;
  }
  slowDown(ms: number) {
    this.slot = Math.max(this.slot, this.now() + ms);
  }
}

/**
 * The `reminders` job: sends every email that is due.
 *
 * Primary course, for each assignment in the due index (a Query, never a Scan):
 * 1. Read the assignment and decide the one email due now (the invitation first; after a missed
 *    run only the latest reminder; one-off notices such as a receipt in order).
 * 2. For each focal-point address that has not bounced: claim the email in the outbox with a
 *    conditional write (tied to the assignment's version), then send it through SES at the
 *    allowed rate, backing off on throttling, then record it as sent.
 * 3. Save the assignment: the slot done, the last email's result, the next time it is due.
 * A claim that exists already means another run sent it or is sending it: it is never sent twice.
 * An assignment that fails is logged and counted, stays due for the next run, and never stops the others.
 */
export async function sendDueEmails(context: {
  stores: Stores;
  mailer: Mailer;
  now: string;
  settings: ReminderSettings;
  log?: (message: string, extra?: object) => void;
  /** Told of each assignment that failed (the scheduled function logs it as an error, which an alarm counts). */
  onFailure?: (key: { cycleId: string; stateCode: string }, error: unknown) => void;
  /** Told of each email the provider refused (logged as an error, which an alarm counts). */
  onRefused?: (details: { cycleId: string; stateCode: string; kind: string; to: string; reason: string }) => void;
}): Promise<ReminderRun> {
  const { stores, now, settings } = context;
  const sleep = settings.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  const pacer = new SendPacer(settings.maxSendRate, sleep);
  const log = context.log ?? (() => {});
  const run: ReminderRun = { sent: 0, skipped: 0, failed: 0, throttled: 0, assignments: 0, errors: 0, refused: 0, stoppedEarly: false };
  const timeIsShort = () => (settings.timeLeftMs ? settings.timeLeftMs() < SAFETY_MS : false);
  const cycles = new Map<string, Promise<CycleSummary | undefined>>();
  const register = new Map((await stores.states.listStates()).map((s) => [s.code, s]));

  const due: { cycleId: string; stateCode: string }[] = [];
  for await (const key of stores.assignments.dueAssignmentKeys(now)) due.push(key);
  const handle = async (key: { cycleId: string; stateCode: string }) => {
    if (!cycles.has(key.cycleId)) cycles.set(key.cycleId, stores.cycles.getCycleSummary(key.cycleId));
    const cycle = await cycles.get(key.cycleId);
    const state = register.get(key.stateCode);
    // A cycle still being opened sends nothing until all its assignments are written.
    if (!cycle || !state || cycle.status === 'scheduled' || cycle.status === 'opening') return;
    for (let round = 0; round < 5; round += 1) {
      const assignment = await stores.assignments.getAssignment(key.cycleId, key.stateCode);
      if (!assignment?.nextReminderAt || assignment.nextReminderAt > now) break;
      const outcome = await processAssignment(assignment, cycle, state, { ...context, pacer, sleep, log, run });
      if (outcome === 'done') break;
    }
  };
  // A few assignments at a time, so that the database round trips of one overlap the sends of
  // another; the pacer alone decides when each email may go.
  let next = 0;
  const concurrency = settings.concurrency ?? Math.min(16, Math.max(4, Math.ceil(settings.maxSendRate / 5)));
  const lanes = Array.from({ length: Math.min(concurrency, due.length) }, async () => {
    while (next < due.length) {
      if (timeIsShort()) {
        // Nothing is claimed between two assignments: stopping here leaves the rest due for the next run.
        run.stoppedEarly = true;
        return;
      }
      const key = due[next++]!;
      run.assignments += 1;
      try {
        await handle(key);
      } catch (error) {
        // One state's failure never stops the others: it stays due and the next run tries again.
        run.errors += 1;
        log('reminder failed for one assignment; it stays due for the next run', {
          ...key,
          error: String((error as Error)?.message ?? error),
        });
        context.onFailure?.(key, error);
      }
    }
  });
  await Promise.all(lanes);
  log('reminder run finished', run);
  return run;
}

type Step = 'again' | 'done';

async function processAssignment(
  assignment: StoredAssignment,
  cycle: CycleSummary,
  state: StoredState,
  context: {
    stores: Stores;
    mailer: Mailer;
    now: string;
    settings: ReminderSettings;
    pacer: SendPacer;
    sleep: (ms: number) => Promise<void>;
    log: (message: string, extra?: object) => void;
    onRefused?: (details: { cycleId: string; stateCode: string; kind: string; to: string; reason: string }) => void;
    run: ReminderRun;
  },
): Promise<Step> {
  const { stores, now, run } = context;
  const slot = dueEmail(assignment, now);
  if (!slot) return saveOrRetry(stores, reschedule(assignment, now));

  const bounced = new Set((state.bouncedAddresses ?? []).map((a) => a.toLowerCase()));
  const addresses = state.focalPoints.filter((address) => !bounced.has(address.toLowerCase()));
  if (addresses.length === 0 && slot.kind === 'invitation') {
    run.skipped += 1;
    return saveOrRetry(stores, recordNoAddress(assignment, slot, now)).then(() => 'done');
  }
  const deliveries = await deliveriesOf(assignment, cycle, state, slot, addresses, context);
  if (deliveries.length === 0 && slot.contributorId) {
    // The contributor was removed before their invitation went: nothing to send.
    return saveOrRetry(stores, recordSend(assignment, slot, [], 0, now));
  }

  const results: SendResult[] = [];
  const tokensWritten = new Set<string>();
  let version = assignment.version;
  for (const { to, email, link } of deliveries) {
    const claim: OutboxClaim = { cycleId: cycle.id, stateCode: state.code, slot: slot.name, kind: slot.kind, to, claimedAt: now };
    // One token per link: the focal points share the state's, each contributor has their own. It is written with the first claim that carries it.
    const tokenRecord: TokenRecord | undefined =
      link && !tokensWritten.has(link.token)
        ? {
            tokenHash: hashToken(link.token),
            cycleId: cycle.id,
            stateCode: state.code,
            linkEpoch: link.epoch,
            createdAt: now,
            ...(link.contributorId ? { contributorId: link.contributorId } : {}),
          }
        : undefined;
    const claimed = await stores.outbox.claimEmail(claim, { ...assignment, version }, tokenRecord);
    if (claimed === 'stale') return 'again';
    if (claimed === 'taken') {
      results.push({ to, result: 'already' });
      continue;
    }
    version += 1; // the claim recorded on the assignment that this email is on its way
    if (link && tokenRecord) tokensWritten.add(link.token);
    const sent = await sendWithBackoff(context, { to, ...email, tags: { cycle: cycle.id, state: state.code, kind: slot.kind } });
    if (sent.ok) {
      await Promise.all([
        stores.outbox.markEmail(claim, 'sent', { messageId: sent.messageId, at: now }),
        stores.audit.appendAudit({
          cycleId: cycle.id,
          stateCode: state.code,
          at: now,
          actor: 'system',
          action: 'email.sent',
          details: { kind: slot.kind, slot: slot.name, to, messageId: sent.messageId },
        }),
      ]);
      run.sent += 1;
      results.push({ to, result: 'sent' });
      continue;
    }
    // Not sent: the claim is given back (with the token when this claim wrote it: no email carries it),
    // so that a later run may send it; it is never recorded as sent.
    await stores.outbox.releaseEmail(claim, tokenRecord?.tokenHash);
    if (link && tokenRecord) tokensWritten.delete(link.token);
    if (sent.retryLater) {
      // SES still says "slow down", or stayed unavailable: leave the assignment due for the next run.
      run.throttled += 1;
      context.log('SES throttling or outage persisted; leaving the email for the next run', { state: state.code, slot: slot.name });
      return 'done';
    }
    run.refused += 1;
    run.failed += 1;
    context.onRefused?.({ cycleId: cycle.id, stateCode: state.code, kind: slot.kind, to, reason: sent.error });
    results.push({ to, result: 'refused', error: sent.error });
  }
  if (deliveries.length === 0) run.skipped += 1;
  return saveOrRetry(stores, recordSend({ ...assignment, version }, slot, results, deliveries.length, now));
}

/** How many answers the report holds in each status (`none`: saved without one), for the receipt. */
function countsByStatus(marks: { status: ImplementationStatus | null }[]): Record<ImplementationStatus | 'none', number> {
  const counts = Object.fromEntries([...STATUSES, 'none'].map((s) => [s, 0])) as Record<ImplementationStatus | 'none', number>;
  for (const mark of marks) counts[mark.status ?? 'none'] += 1;
  return counts;
}

interface Delivery {
  to: string;
  email: RenderedEmail;
  link?: { token: string; epoch: number; contributorId?: string };
}

/** Kinds that also go to the contributors they concern, each with their own link. */
const TO_CONTRIBUTORS = new Set(['reminder', 'overdue', 'returned']);

/**
 * Who gets the email of `slot`, and what each reads: the focal points (with the state's link), and the
 * contributors it concerns (with their own): a contributor's invitation goes to them alone; a reminder
 * to those with unanswered mandates of their own; a "returned" notice to those with a returned mandate.
 */
async function deliveriesOf(
  assignment: StoredAssignment,
  cycle: CycleSummary,
  state: StoredState,
  slot: Slot,
  addresses: string[],
  context: { stores: Stores; now: string; settings: ReminderSettings },
): Promise<Delivery[]> {
  const { stores, now, settings } = context;
  const compose = settings.compose;
  const language = assignment.language as Language;
  const base = {
    language,
    stateName: state.localName,
    cycleTitle: titleFor(cycle, assignment.language),
    deadline: assignment.deadline,
    now,
  };
  const newLink = (epoch: number, contributorId?: string) =>
    carriesLink(assignment, slot.kind) ? { token: randomBytes(32).toString('base64url'), epoch, contributorId } : undefined;
  const url = (link?: { token: string }) => (link ? `${settings.publicUrl}/respond/${link.token}` : undefined);

  const team: Contributor[] =
    (assignment.contributors ?? 0) > 0 && (slot.contributorId || TO_CONTRIBUTORS.has(slot.kind))
      ? (await stores.team.listContributors(assignment.cycleId, assignment.stateCode)).filter((c) => !c.removedAt)
      : [];
  const marks = team.length > 0 && slot.kind !== 'contributor_invitation' ? await stores.answers.listAnswerMarks(cycle.id, state.code) : [];
  const answered = new Set(marks.filter(isAnswered).map((m) => m.mandateId));
  const toContributor = (c: Contributor): Delivery => {
    const link = newLink(c.linkEpoch, c.id);
    const unanswered = c.mandates.filter((id) => !answered.has(id)).length;
    const kind = slot.kind === 'reminder' || slot.kind === 'overdue' || slot.kind === 'invitation' ? 'contributor_invitation' : slot.kind;
    const email = compose({
      ...base,
      kind: kind as 'contributor_invitation' | 'returned' | 'reopened',
      link: url(link),
      contributor: { name: c.name, mandates: c.mandates.length, unanswered },
      returned: assignment.lastReturn,
    });
    return { to: c.email, email, link };
  };

  if (slot.contributorId) {
    const contributor = team.find((c) => c.id === slot.contributorId);
    return contributor ? [toContributor(contributor)] : [];
  }
  const link = newLink(assignment.linkEpoch);
  const receiptCounts = slot.kind === 'receipt' ? countsByStatus(await stores.answers.listAnswerMarks(cycle.id, state.code)) : undefined;
  const email =
    slot.kind === 'returned' || slot.kind === 'reopened' || slot.kind === 'contributor_invitation'
      ? compose({ ...base, kind: slot.kind, link: url(link), returned: assignment.lastReturn })
      : settings.compose({
          ...base,
          kind: slot.kind,
          answered: assignment.answeredCount,
          total: assignment.mandateCount,
          link: url(link),
          previousDeadline: assignment.extensions.at(-1)?.from,
          receipt: assignment.submittedAt
            ? {
                submittedAt: assignment.submittedAt,
                contentHash: assignment.contentHash ?? '',
                ...(receiptCounts ? { counts: receiptCounts } : {}),
              }
            : undefined,
        });
  const focal: Delivery[] = addresses.map((to) => ({ to, email, link }));
  if (!TO_CONTRIBUTORS.has(slot.kind)) return focal;
  const taken = new Set(addresses.map((a) => a.toLowerCase()));
  const returnedIds = new Set(assignment.lastReturn?.items.map((i) => i.mandateId) ?? []);
  const concerned = team.filter((c) =>
    slot.kind === 'returned'
      ? c.mandates.some((id) => returnedIds.has(id)) || (assignment.lastReturn?.more ?? 0) > 0
      : c.mandates.some((id) => !answered.has(id)),
  );
  return [...focal, ...concerned.filter((c) => !taken.has(c.email.toLowerCase())).map(toContributor)];
}

async function saveOrRetry(stores: Stores, assignment: StoredAssignment): Promise<Step> {
  try {
    await stores.assignments.saveAssignment(assignment);
    return 'again';
  } catch (error) {
    if (error instanceof VersionConflict) return 'again';
    throw error;
  }
}

async function sendWithBackoff(
  context: { mailer: Mailer; pacer: SendPacer; sleep: (ms: number) => Promise<void>; settings: ReminderSettings },
  email: Parameters<Mailer['send']>[0],
): Promise<{ ok: true; messageId: string } | { ok: false; retryLater: boolean; error: string }> {
  const retries = context.settings.maxThrottleRetries ?? 6;
  for (let attempt = 0; ; attempt += 1) {
    await context.pacer.take();
    try {
      return { ok: true, messageId: await context.mailer.send(email) };
    } catch (error) {
      const reason = String((error as Error).message ?? error).slice(0, 300);
      if (!isThrottling(error) && !isTransient(error)) return { ok: false, retryLater: false, error: reason };
      if (attempt >= retries) return { ok: false, retryLater: true, error: reason };
      const backoff = Math.min(10_000, 100 * 2 ** attempt) * (0.5 + Math.random() / 2);
      context.pacer.slowDown(backoff);
    }
  }
}
