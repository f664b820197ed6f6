/**
 * The reminder plan of an assignment, as pure functions of its dates.
 *
 * Every email an assignment can get is a slot with a time. The reminder job sends the invitation
 * first, whatever the time; after it, only the latest slot that is due (a run that was missed does
 * not send every reminder it missed, only the one that matters now). Slot names carry the deadline,
 * so an extension makes new slots, and the old ones can never fire again.
 */
export interface ReminderPlan {
  daysBefore: number[];
  overdueEveryDays: number;
  maxOverdue: number;
}

export const DEFAULT_PLAN: ReminderPlan = { daysBefore: [30, 14, 7, 1], overdueEveryDays: 7, maxOverdue: 3 };

export type EmailKind = 'invitation' | 'reminder' | 'overdue' | 'extension' | 'receipt';
/** Notices of the review loop and the team: to the coordinator, and to the contributors they concern. */
export type TeamEmailKind = 'contributor_invitation' | 'returned' | 'reopened';
export type MailKind = EmailKind | TeamEmailKind;

export interface Slot {
  name: string;
  kind: MailKind;
  at: string;
  /** An email to one contributor only (its invitation), with that contributor's own link. */
  contributorId?: string;
}

const DAY = 24 * 60 * 60 * 1000;

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY).toISOString();
}

/** Midnight UTC of the day of `iso`. */
export function startOfDay(iso: string): string {
  return `${iso.slice(0, 10)}T00:00:00.000Z`;
}

/** Calendar days (UTC) from the day of `from` to the day of `to`: a deadline of the 15th seen on the 8th is 7 days away. */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(startOfDay(to)) - Date.parse(startOfDay(from))) / DAY);
}

/** The reminder slots of a deadline: at the start of the day N days before it, then overdue notices. */
export function reminderSlots(deadline: string, plan: ReminderPlan): Slot[] {
  const before = [...new Set(plan.daysBefore)]
    .sort((a, b) => b - a)
    .map((days) => ({ name: `before-${days}@${deadline}`, kind: 'reminder' as const, at: startOfDay(addDays(deadline, -days)) }));
  const overdue = Array.from({ length: plan.maxOverdue }, (_, i) => ({
    name: `overdue-${i + 1}@${deadline}`,
    kind: 'overdue' as const,
    at: startOfDay(addDays(deadline, plan.overdueEveryDays * (i + 1))),
  }));
  return [...before, ...overdue];
}

export interface ScheduleState {
  deadline: string;
  plan: ReminderPlan;
  /** Slots at or before this time are not sent (the invitation or an extension notice covered them). */
  remindAfter: string;
  invitationSent: boolean;
  invitationSlot: string;
  openedAt: string;
  sentSlots: string[];
  /** One-off emails asked for by an action (an extension notice, a reminder now, a receipt), oldest first. */
  queued: Slot[];
}

/** The email that is due now, if any. */
export function dueSlot(state: ScheduleState, now: string): Slot | undefined {
  if (!state.invitationSent) {
    return state.openedAt <= now ? { name: state.invitationSlot, kind: 'invitation', at: state.openedAt } : undefined;
  }
  const sent = new Set(state.sentSlots);
  const queued = state.queued.find((slot) => !sent.has(slot.name) && slot.at <= now);
  if (queued) return queued;
  const due = reminderSlots(state.deadline, state.plan).filter((slot) => slot.at > state.remindAfter && slot.at <= now);
  const latest = due.at(-1);
  return latest && !sent.has(latest.name) ? latest : undefined;
}

/** When the job should next look at this assignment; undefined when nothing is left to send. */
export function nextReminderAt(state: ScheduleState, now: string): string | undefined {
  if (!state.invitationSent) return state.openedAt;
  if (dueSlot(state, now)) return now;
  const sent = new Set(state.sentSlots);
  const upcoming = [
    ...state.queued.filter((slot) => !sent.has(slot.name)),
    ...reminderSlots(state.deadline, state.plan).filter((slot) => slot.at > now && slot.at > state.remindAfter),
  ].map((slot) => slot.at);
  return upcoming.sort()[0];
}
