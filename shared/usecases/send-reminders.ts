import { createHash, randomBytes } from 'node:crypto';
import { linkExpiresAt, type Assignment, type Cycle } from '../domain/cycles';
import { dueSlot, nextReminderAt, type Slot } from '../domain/reminders';
import type { Language } from '../domain/states';
import { isThrottling, type Mailer } from '../email/mailer';
import { renderEmail } from '../email/templates';
import type { Stores } from '../store';
import { VersionConflict, type OutboxClaim, type TokenRecord } from '../store/cycles';
import type { StoredState } from '../store/states';
import { scheduleOf } from './schedule';

export interface ReminderSettings {
  publicUrl: string;
  /** Emails per second, at most: the SES send rate. */
  maxSendRate: number;
  maxThrottleRetries?: number;
  /** Assignments handled at once (default 4). */
  concurrency?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface ReminderRun {
  sent: number;
  skipped: number;
  failed: number;
  throttled: number;
  assignments: number;
}

type StoredAssignment = Assignment & { createdAt: string };

const LINK_KINDS = new Set(['invitation', 'reminder', 'overdue', 'extension']);

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Spaces sends so that no second holds more than `perSecond` of them. */
export class SendPacer {
  private nextAt = 0;
  private queue: Promise<void> = Promise.resolve();
  constructor(
    private readonly perSecond: number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}
  /**
   * Waits until one more send keeps every second at or under the rate: sends are at least 1/rate
   * apart, whichever of the concurrent senders asks.
   */
  take(): Promise<void> {
    const turn = this.queue.then(async () => {
      const wait = this.nextAt - performance.now();
      if (wait > 0) await this.sleep(wait);
      // Timers may fire a millisecond early: count the gap from when this send really goes, plus a margin.
      this.nextAt = performance.now() + 1000 / this.perSecond + 1;
    });
    this.queue = turn;
    return turn;
  }
  slowDown(ms: number) {
    this.nextAt = Math.max(this.nextAt, performance.now() + ms);
  }
}

/**
 * The `reminders` job: sends every email that is due.
 *
 * Primary course, for each assignment in the due index (a Query, never a Scan):
 * 1. Read the assignment and decide the one email due now (the invitation first; after a missed
 *    run only the latest reminder; one-off emails such as an extension notice in order).
 * 2. For each focal-point address that has not bounced: claim the email in the outbox with a
 *    conditional write (tied to the assignment's version), then send it through SES at the
 *    allowed rate, backing off on throttling, then record it as sent.
 * 3. Save the assignment: the slot done, the last email's result, the next time it is due.
 * A claim that exists already means another run sent it or is sending it: it is never sent twice.
 */
export async function sendDueEmails(
  context: { stores: Stores; mailer: Mailer; now: string; settings: ReminderSettings; log?: (message: string, extra?: object) => void },
): Promise<ReminderRun> {
  const { stores, mailer, now, settings } = context;
  const sleep = settings.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  const pacer = new SendPacer(settings.maxSendRate, sleep);
  const log = context.log ?? (() => {});
  const run: ReminderRun = { sent: 0, skipped: 0, failed: 0, throttled: 0, assignments: 0 };
  const cycles = new Map<string, Promise<Cycle | undefined>>();
  const register = new Map((await stores.states.listStates()).map((s) => [s.code, s]));

  const due: { cycleId: string; stateCode: string }[] = [];
  for await (const key of stores.cycles.dueAssignmentKeys(now)) due.push(key);
  // A few assignments at a time, so that the database round trips of one overlap the sends of
  // another; the pacer alone decides when each email may go.
  let next = 0;
  const lanes = Array.from({ length: Math.min(settings.concurrency ?? 4, due.length) }, async () => {
    while (next < due.length) {
      const key = due[next++]!;
      run.assignments += 1;
      if (!cycles.has(key.cycleId)) cycles.set(key.cycleId, stores.cycles.getCycle(key.cycleId));
      const cycle = await cycles.get(key.cycleId);
      const state = register.get(key.stateCode);
      // A cycle still being opened sends nothing until all its assignments are written.
      if (!cycle || !state || cycle.status === 'scheduled' || cycle.status === 'opening') continue;
      for (let round = 0; round < 5; round += 1) {
        const assignment = await stores.cycles.getAssignment(key.cycleId, key.stateCode);
        if (!assignment?.nextReminderAt || assignment.nextReminderAt > now) break;
        const outcome = await processAssignment(assignment, cycle, state, { ...context, pacer, sleep, log, run });
        if (outcome === 'done') break;
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
  cycle: Cycle,
  state: StoredState,
  context: {
    stores: Stores;
    mailer: Mailer;
    now: string;
    settings: ReminderSettings;
    pacer: SendPacer;
    sleep: (ms: number) => Promise<void>;
    log: (message: string, extra?: object) => void;
    run: ReminderRun;
  },
): Promise<Step> {
  const { stores, now, run } = context;
  const slot = dueSlot(scheduleOf(assignment), now);
  const blocked = !slot || assignment.linkRevoked || (assignment.status === 'submitted' && slot.kind !== 'receipt');
  if (blocked) {
    // Nothing to send now (or no longer allowed): move the assignment to its next due time.
    const next = blocked && slot ? { ...assignment, sentSlots: [...assignment.sentSlots, slot.name] } : assignment;
    return saveOrRetry(stores, withNextTime(next, now));
  }

  const bounced = new Set(state.bouncedAddresses ?? []);
  const addresses = state.focalPoints.filter((address) => !bounced.has(address));
  if (addresses.length === 0 && slot.kind === 'invitation') {
    // Nobody to invite: try again in an hour, so that a corrected address gets the invitation by itself.
    run.skipped += 1;
    const retryAt = new Date(Date.parse(now) + 60 * 60 * 1000).toISOString();
    return saveOrRetry(stores, {
      ...assignment,
      lastEmail: { slot: slot.name, kind: slot.kind, at: now, result: 'no_address', to: [] },
      nextReminderAt: retryAt,
    }).then(() => 'done');
  }
  let token: string | undefined;
  if (LINK_KINDS.has(slot.kind)) token = randomBytes(32).toString('base64url');
  const link = token ? `${context.settings.publicUrl}/respond/${token}` : undefined;
  const email = renderEmail({
    kind: slot.kind,
    language: assignment.language as Language,
    stateName: state.localName,
    cycleTitle: cycle.title,
    deadline: assignment.deadline,
    now,
    answered: assignment.answeredCount,
    total: assignment.mandateCount,
    link,
    previousDeadline: assignment.extensions.at(-1)?.from,
    receipt: assignment.submittedAt ? { submittedAt: assignment.submittedAt, contentHash: assignment.contentHash ?? '' } : undefined,
  });

  const results: { to: string; result: 'sent' | 'already' | 'failed'; error?: string }[] = [];
  let tokenWritten = false;
  for (const to of addresses) {
    const claim: OutboxClaim = { cycleId: cycle.id, stateCode: state.code, slot: slot.name, kind: slot.kind, to, claimedAt: now };
    const tokenRecord: TokenRecord | undefined =
      token && !tokenWritten
        ? { tokenHash: hashToken(token), cycleId: cycle.id, stateCode: state.code, linkEpoch: assignment.linkEpoch, createdAt: now }
        : undefined;
    const claimed = await stores.cycles.claimEmail(claim, assignment, tokenRecord);
    if (claimed === 'stale') return 'again';
    if (claimed === 'taken') {
      results.push({ to, result: 'already' });
      continue;
    }
    tokenWritten = tokenWritten || Boolean(tokenRecord);
    const sent = await sendWithBackoff(context, { to, ...email, tags: { cycle: cycle.id, state: state.code, kind: slot.kind } });
    if (sent.ok) {
      await stores.cycles.markEmail(claim, 'sent', { messageId: sent.messageId, at: now });
      await stores.cycles.appendAudit({
        cycleId: cycle.id,
        stateCode: state.code,
        at: now,
        actor: 'system',
        action: 'email.sent',
        details: { kind: slot.kind, slot: slot.name, to, messageId: sent.messageId },
      });
      run.sent += 1;
      results.push({ to, result: 'sent' });
    } else if (sent.throttled) {
      // SES is still saying "slow down": give the claim back and leave the assignment due for the next run.
      // The token goes too when this claim wrote it: no email carries it yet.
      await stores.cycles.releaseEmail(claim, tokenRecord?.tokenHash);
      run.throttled += 1;
      context.log('SES throttling persisted; leaving the email for the next run', { state: state.code, slot: slot.name });
      return 'done';
    } else {
      await stores.cycles.markEmail(claim, 'failed', { at: now });
      run.failed += 1;
      results.push({ to, result: 'failed', error: sent.error });
    }
  }
  if (addresses.length === 0) run.skipped += 1;

  const sentTo = results.filter((r) => r.result === 'sent').map((r) => r.to);
  const updated: StoredAssignment = {
    ...assignment,
    sentSlots: [...assignment.sentSlots, slot.name],
    invitationSent: assignment.invitationSent || slot.kind === 'invitation',
    // An invitation sent late covers the reminders that fell before it.
    remindAfter: slot.kind === 'invitation' && now > assignment.remindAfter ? now : assignment.remindAfter,
    status: assignment.status === 'pending' && slot.kind === 'invitation' ? 'invited' : assignment.status,
    remindersSent: assignment.remindersSent + (slot.kind === 'reminder' || slot.kind === 'overdue' ? 1 : 0),
    lastEmail:
      results.length > 0 && results.every((r) => r.result === 'already')
        ? assignment.lastEmail
        : {
            slot: slot.name,
            kind: slot.kind,
            at: now,
            result: addresses.length === 0 ? 'no_address' : sentTo.length === addresses.length ? 'sent' : sentTo.length > 0 ? 'partly_sent' : 'failed',
            to: sentTo,
          },
  };
  return saveOrRetry(stores, withNextTime(updated, now));
}

function withNextTime(a: StoredAssignment, now: string): StoredAssignment {
  const receiptPending = a.queued.some((s) => s.kind === 'receipt' && !a.sentSlots.includes(s.name));
  const paused = (a.status === 'submitted' && !receiptPending) || a.linkRevoked;
  return { ...a, nextReminderAt: paused ? undefined : nextReminderAt(scheduleOf(a), now) };
}

async function saveOrRetry(stores: Stores, assignment: StoredAssignment): Promise<Step> {
  try {
    await stores.cycles.saveAssignment(assignment);
    return 'again';
  } catch (error) {
    if (error instanceof VersionConflict) return 'again';
    throw error;
  }
}

async function sendWithBackoff(
  context: { mailer: Mailer; pacer: SendPacer; sleep: (ms: number) => Promise<void>; settings: ReminderSettings },
  email: Parameters<Mailer['send']>[0],
): Promise<{ ok: true; messageId: string } | { ok: false; throttled: boolean; error: string }> {
  const retries = context.settings.maxThrottleRetries ?? 6;
  for (let attempt = 0; ; attempt += 1) {
    await context.pacer.take();
    try {
      return { ok: true, messageId: await context.mailer.send(email) };
    } catch (error) {
      if (!isThrottling(error)) return { ok: false, throttled: false, error: String((error as Error).message ?? error) };
      if (attempt >= retries) return { ok: false, throttled: true, error: 'throttled' };
      const backoff = Math.min(10_000, 100 * 2 ** attempt) * (0.5 + Math.random() / 2);
      context.pacer.slowDown(backoff);
    }
  }
}

export { linkExpiresAt, type Slot };
