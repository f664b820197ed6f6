import type { Assignment } from '../domain/cycles';
import type { ScheduleState } from '../domain/reminders';

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
