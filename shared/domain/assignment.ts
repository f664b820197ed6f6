/**
 * The life of a state's assignment in a cycle: every state change, and when its next email is due.
 * Pure functions: each takes the assignment and the time and returns the next assignment, or throws a
 * DomainError when the change is not allowed. Use cases read, call one of these, and save.
 */
import { conflict, invalid } from './errors';
import { isHandedIn, type Assignment, type CycleSummary, type ReturnNotice, type StoredAssignment } from './cycles';
import { addDays, calendarDaysBetween, dueSlot, nextReminderAt, type MailKind, type ScheduleState, type Slot } from './reminders';

/** Bounds on what can pile up on one assignment item (DynamoDB items stop at 400 KB). */
export const ASSIGNMENT_LIMITS = { extensions: 20, undeliverable: 50, reasonLength: 2000 } as const;

/** Emails that exist to bring the state to its link: they cannot go out while the link is revoked. */
const NEEDS_LINK: ReadonlySet<MailKind> = new Set(['invitation', 'reminder', 'overdue', 'contributor_invitation', 'returned', 'reopened']);

/** The part of an assignment the reminder plan is computed from. */
export function scheduleOf(a: Assignment): ScheduleState {
  return {
    deadline: a.deadline,
    plan: a.plan,
    remindAfter: a.remindAfter,
    invitationSent: a.invitationSent,
    invitationSlot: `invitation#${a.linkEpoch}`,
    openedAt: a.openedAt,
    sentSlots: a.sentSlots,
    queued: a.queued,
  };
}

/** Whether an email of this kind may go to the state as the assignment stands. */
export function maySend(a: Assignment, kind: MailKind): boolean {
  if (kind === 'receipt') return true;
  if (isHandedIn(a.status)) return false;
  return !(a.linkRevoked && NEEDS_LINK.has(kind));
}

/** Whether the email of this kind carries the state's link (never while the link is revoked). */
export function carriesLink(a: Assignment, kind: MailKind): boolean {
  return kind !== 'receipt' && !a.linkRevoked;
}

/** While submitted or revoked, only the one-off notices still pending may go out. */
const paused = (a: Assignment) => isHandedIn(a.status) || a.linkRevoked;

function pendingNotices(a: Assignment): Slot[] {
  const sent = new Set(a.sentSlots);
  return a.queued.filter((slot) => !sent.has(slot.name) && maySend(a, slot.kind));
}

/** The email due now, if any: the one rule the reminder job and every action follow. */
export function dueEmail(a: Assignment, now: string): Slot | undefined {
  if (paused(a)) return pendingNotices(a).find((slot) => slot.at <= now);
  return dueSlot(scheduleOf(a), now);
}

/** When the reminder job should next look at the assignment; undefined when nothing is left to send. */
export function nextEmailAt(a: Assignment, now: string): string | undefined {
  if (paused(a))
    return pendingNotices(a)
      .map((slot) => slot.at)
      .sort()[0];
  return nextReminderAt(scheduleOf(a), now);
}

/**
 * Drops what can never matter again, so that no list on the item grows without end: notices already
 * sent (with their names), and the names of reminder slots of earlier deadlines and earlier links.
 */
function compact(a: StoredAssignment): StoredAssignment {
  const sent = new Set(a.sentSlots);
  const queued = a.queued.filter((slot) => !sent.has(slot.name));
  const current = (name: string) => name === `invitation#${a.linkEpoch}` || name.endsWith(`@${a.deadline}`);
  return { ...a, queued, sentSlots: a.sentSlots.filter(current) };
}

/** Every change ends here: lists compacted, next email time recomputed. */
function settle(a: StoredAssignment, now: string): StoredAssignment {
  const compacted = compact(a);
  return { ...compacted, nextReminderAt: nextEmailAt(compacted, now) };
}

/** A one-off email, replacing an unsent one of the same kind to the same people (a newer receipt or notice supersedes it). */
function queue(a: StoredAssignment, slot: Slot): StoredAssignment {
  const sent = new Set(a.sentSlots);
  const supersedes = (s: Slot) => !sent.has(s.name) && s.kind === slot.kind && s.contributorId === slot.contributorId;
  return { ...a, queued: [...a.queued.filter((s) => !supersedes(s)), slot] };
}

const handedIn = (a: StoredAssignment, message: string) => {
  if (isHandedIn(a.status)) throw conflict('already_submitted', message);
};

export function newAssignment(cycle: CycleSummary, stateCode: string, language: string): Assignment {
  return {
    cycleId: cycle.id,
    stateCode,
    language,
    status: 'pending',
    deadline: cycle.deadline,
    openedAt: cycle.opensAt,
    remindAfter: cycle.opensAt,
    invitationSent: false,
    linkEpoch: 1,
    linkRevoked: false,
    sentSlots: [],
    queued: [],
    remindersSent: 0,
    answeredCount: 0,
    mandateCount: cycle.mandateCount,
    plan: cycle.reminders,
    extensions: [],
    undeliverable: [],
    nextReminderAt: cycle.opensAt,
    version: 1,
  };
}

/** The state opened its link for the first time. */
export function markOpened(a: StoredAssignment, now: string): StoredAssignment {
  return a.status === 'pending' || a.status === 'invited' ? { ...a, status: 'opened', firstOpenedAt: now } : a;
}

/** The report is handed in: read-only from now, reminders stop, a receipt is queued. */
/** The report is handed in: read-only from now, reminders stop, a receipt is queued. After a return it is `resubmitted`. */
export function submit(a: StoredAssignment, input: { contentHash: string; now: string }): StoredAssignment {
  handedIn(a, 'This report has already been submitted');
  const round = (a.round ?? 0) + 1;
  const status = a.status === 'returned' ? 'resubmitted' : 'submitted';
  const submitted: StoredAssignment = { ...a, status, round, submittedAt: input.now, contentHash: input.contentHash };
  return settle(queue(submitted, { name: `receipt@${input.now}`, kind: 'receipt', at: input.now }), input.now);
}

/** The secretariat lets a state that submitted change its answers again; the state is told, reminders resume. */
export function reopen(a: StoredAssignment, now: string): StoredAssignment {
  if (!isHandedIn(a.status)) throw conflict('not_submitted', `${a.stateCode} has not submitted; there is nothing to reopen`);
  const { submittedAt: _submitted, ...rest } = a;
  const reopened: StoredAssignment = { ...rest, status: 'in_progress', remindAfter: now };
  return settle(queue(reopened, { name: `reopened@${now}`, kind: 'reopened', at: now }), now);
}

export const REVIEW_LIMITS = { comment: 2000, listed: 50, listedText: 300, listedComment: 500, returnDays: 14 } as const;

/**
 * The secretariat's decisions on a handed-in report. Anything returned: the report is `returned`, with a
 * new deadline (14 days by default), an email listing what came back, and reminders that follow that
 * deadline. Otherwise `accepted` once every mandate is accepted, else `in_review`.
 */
export function review(
  a: StoredAssignment,
  input: {
    returned: { mandateId: string; label: string; text: string; comment: string }[];
    allAccepted: boolean;
    deadline?: string;
    now: string;
  },
): StoredAssignment {
  if (!isHandedIn(a.status)) {
    throw conflict('not_submitted', `${a.stateCode} has not handed in its report; there is nothing to review yet`);
  }
  if (a.status === 'accepted') throw conflict('already_accepted', `${a.stateCode}'s report has been accepted; reopen it to review again`);
  const { now } = input;
  if (input.returned.length === 0) return settle({ ...a, status: input.allAccepted ? 'accepted' : 'in_review' }, now);
  const deadline = input.deadline ?? addDays(now, REVIEW_LIMITS.returnDays);
  if (deadline <= now) throw invalid('invalid_deadline', 'deadline: must be in the future');
  const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
  const notice: ReturnNotice = {
    at: now,
    deadline,
    items: input.returned.slice(0, REVIEW_LIMITS.listed).map((item) => ({
      mandateId: item.mandateId,
      label: cut(item.label, 100),
      text: cut(item.text, REVIEW_LIMITS.listedText),
      comment: cut(item.comment, REVIEW_LIMITS.listedComment),
    })),
    more: Math.max(0, input.returned.length - REVIEW_LIMITS.listed),
  };
  // The first submission's time stays (the report was handed in, on time or not) until the state submits again.
  const returned: StoredAssignment = { ...a, status: 'returned', deadline, remindAfter: now, lastReturn: notice };
  return settle(queue(returned, { name: `returned@${now}`, kind: 'returned', at: now }), now);
}

/** A contributor's own invitation, with its own link, by the next run of the reminder job. */
export function inviteContributor(a: StoredAssignment, contributor: { id: string; linkEpoch: number }, now: string): StoredAssignment {
  handedIn(a, 'This report has been submitted; contributors can no longer be added');
  if (a.linkRevoked) throw conflict('link_revoked', 'This report’s link is revoked');
  const slot: Slot = {
    name: `contributor-${contributor.id}-${contributor.linkEpoch}@${now}`,
    kind: 'contributor_invitation',
    at: now,
    contributorId: contributor.id,
  };
  return settle(queue({ ...a, contributors: (a.contributors ?? 0) + 1 }, slot), now);
}

/** A new deadline, an "extension granted" notice, reminders that follow the new date; a pending request is resolved. */
export function extend(a: StoredAssignment, input: { deadline: string; reason?: string; actor: string; now: string }): StoredAssignment {
  handedIn(a, `${a.stateCode} has already submitted; reopen it first`);
  if (input.deadline <= a.deadline) throw invalid('invalid_deadline', `deadline: must be after the current deadline ${a.deadline}`);
  if (input.deadline <= input.now) throw invalid('invalid_deadline', 'deadline: must be in the future');
  if (a.extensions.length >= ASSIGNMENT_LIMITS.extensions) {
    throw conflict(
      'too_many_extensions',
      `${a.stateCode} has had ${ASSIGNMENT_LIMITS.extensions} extensions in this cycle, the most there can be`,
    );
  }
  const { extensionRequest: _resolved, ...rest } = a;
  const extension = { from: a.deadline, deadline: input.deadline, reason: input.reason, grantedAt: input.now, grantedBy: input.actor };
  const extended: StoredAssignment = {
    ...rest,
    deadline: input.deadline,
    remindAfter: input.now,
    extensions: [...a.extensions, extension],
  };
  return settle(queue(extended, { name: `extension@${input.deadline}`, kind: 'extension', at: input.now }), input.now);
}

/** The state asks for more time. One request is pending at most: a new one replaces it (the audit trail keeps them all). */
export function requestExtension(a: StoredAssignment, input: { proposedDeadline: string; reason: string; now: string }): StoredAssignment {
  handedIn(a, 'This report has been submitted');
  if (input.proposedDeadline <= a.deadline) {
    throw invalid('invalid_deadline', `proposedDeadline: must be after the current deadline ${a.deadline.slice(0, 10)}`);
  }
  const reason = input.reason.slice(0, ASSIGNMENT_LIMITS.reasonLength);
  return { ...a, extensionRequest: { proposedDeadline: input.proposedDeadline, reason, requestedAt: input.now } };
}

/** A reminder for the next run of the reminder job; asking twice before it goes out queues one. */
export function queueReminder(a: StoredAssignment, now: string): StoredAssignment {
  handedIn(a, `${a.stateCode} has already submitted`);
  if (a.linkRevoked) throw conflict('link_revoked', `${a.stateCode}'s link is revoked; rotate it to send a new one`);
  const kind = now > a.deadline ? 'overdue' : 'reminder';
  return settle(queue(a, { name: `manual@${now}`, kind, at: now }), now);
}

/** Ends every link of the state in this cycle; only notices without a link (a receipt) still go out. */
export function revokeLink(a: StoredAssignment, now: string): StoredAssignment {
  return settle({ ...a, linkEpoch: a.linkEpoch + 1, linkRevoked: true }, now);
}

/** Ends the old links and sends a new invitation with a new link. */
export function rotateLink(a: StoredAssignment, now: string): StoredAssignment {
  return settle({ ...a, linkEpoch: a.linkEpoch + 1, linkRevoked: false, invitationSent: false, openedAt: now }, now);
}

/** Addresses SES reported as undeliverable, kept to the most recent few. */
export function markUndeliverable(a: StoredAssignment, addresses: string[]): StoredAssignment {
  const all = [...new Set([...a.undeliverable, ...addresses])];
  return { ...a, undeliverable: all.slice(-ASSIGNMENT_LIMITS.undeliverable) };
}

export type SendResult = { to: string; result: 'sent' | 'already' | 'refused'; error?: string };

/** How long a refused email waits before it is tried again (an address fixed in the register goes then). */
export const RETRY_REFUSED_MS = 60 * 60 * 1000;

/** After the reminder job handled the email of `slot`: the slot done, the last email's result, the next time. */
export function recordSend(a: StoredAssignment, slot: Slot, results: SendResult[], addresses: number, now: string): StoredAssignment {
  const sentTo = results.filter((r) => r.result === 'sent').map((r) => r.to);
  const refused = results.filter((r) => r.result === 'refused').map((r) => ({ to: r.to, reason: r.error ?? 'refused' }));
  if (refused.length > 0) {
    // Never counted as sent: the slot stays due for the refused addresses (the others' claims stand, so
    // they never get it twice), and is tried again later; the status shows why.
    const retryAt = new Date(Date.parse(now) + RETRY_REFUSED_MS).toISOString();
    const result = sentTo.length > 0 || results.some((r) => r.result === 'already') ? 'partly_sent' : 'refused';
    return { ...a, lastEmail: { slot: slot.name, kind: slot.kind, at: now, result, to: sentTo, refused }, nextReminderAt: retryAt };
  }
  const onlyRepeats = results.length > 0 && results.every((r) => r.result === 'already');
  const result = addresses === 0 ? 'no_address' : sentTo.length === addresses ? 'sent' : sentTo.length > 0 ? 'partly_sent' : 'failed';
  const updated: StoredAssignment = {
    ...a,
    sentSlots: [...a.sentSlots, slot.name],
    invitationSent: a.invitationSent || slot.kind === 'invitation',
    // An invitation sent late covers the reminders that fell before it.
    remindAfter: slot.kind === 'invitation' && now > a.remindAfter ? now : a.remindAfter,
    status: a.status === 'pending' && slot.kind === 'invitation' ? 'invited' : a.status,
    remindersSent: a.remindersSent + (slot.kind === 'reminder' || slot.kind === 'overdue' ? 1 : 0),
    // A run that finds every address already claimed leaves the record of the run that claimed them.
    lastEmail: onlyRepeats ? a.lastEmail : { slot: slot.name, kind: slot.kind, at: now, result, to: sentTo },
  };
  return settle(updated, now);
}

/** Nobody to invite: try again in an hour, so that a corrected address gets the invitation by itself. */
export function recordNoAddress(a: StoredAssignment, slot: Slot, now: string): StoredAssignment {
  const retryAt = new Date(Date.parse(now) + 60 * 60 * 1000).toISOString();
  return { ...a, lastEmail: { slot: slot.name, kind: slot.kind, at: now, result: 'no_address', to: [] }, nextReminderAt: retryAt };
}

/** Nothing can be sent now: move the assignment to its next due time. */
export function reschedule(a: StoredAssignment, now: string): StoredAssignment {
  return settle(a, now);
}

/** Whole calendar days (UTC) after the deadline: 0 when on time. The one definition of lateness. */
export function daysLate(deadline: string, at: string): number {
  return at > deadline ? Math.max(0, calendarDaysBetween(deadline, at)) : 0;
}
