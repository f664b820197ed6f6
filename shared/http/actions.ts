import * as z from 'zod';
import type { StoredAssignment } from '../domain/cycles';
import { endOfDayIfDate } from '../domain/cycles';
import type { Stores } from '../store/ports';
import { schedules, type JobName } from '../schedules';
import { grantExtension, remindNow, reopen, revokeLink, rotateLink, type Actor } from '../usecases/cycles';
import type { AssignmentAction } from './routes';

export const extensionSchema = z
  .object({
    deadline: z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
      message: 'must be a date (2027-04-15) or an ISO 8601 date-time',
    }),
    reason: z.string().trim().max(1000).optional(),
  })
  .strict();

interface ActionDefinition {
  /** What the body must hold, when the action takes input. */
  input?: z.ZodType;
  run(stores: Stores, cycleId: string, code: string, input: unknown, who: Actor): Promise<StoredAssignment>;
  /** What the secretariat is told has happened, and what will. */
  done(name: string, a: StoredAssignment): string;
  /** For an action that cuts something off: what the console asks before doing it. */
  confirm?: { question(name: string): string; consequence(name: string): string; yes(name: string): string };
}

/** A job's period, from the schedule list: the longest what it does waits for it. */
export const jobMinutes = (name: JobName): number => schedules.find((s) => s.name === name)!.everyMinutes;
/** The longest a queued email waits for the reminder job. */
export const REMINDER_RUN_MINUTES = jobMinutes('reminders');
const nextRun = `within ${REMINDER_RUN_MINUTES} minutes, with the next run of the reminder job`;

/** The secretariat's actions on one state, shared by the API and the console. */
export const ASSIGNMENT_ACTION_TABLE: Record<AssignmentAction, ActionDefinition> = {
  extension: {
    input: extensionSchema,
    run: (stores, cycleId, code, input, who) => {
      const { deadline, reason } = input as z.infer<typeof extensionSchema>;
      return grantExtension(stores, cycleId, code, { deadline: endOfDayIfDate(deadline), reason: reason || undefined }, who);
    },
    done: (name, a) => `${name}: deadline extended to ${a.deadline.slice(0, 10)}; the email telling them goes out ${nextRun}.`,
  },
  remind: {
    run: (stores, cycleId, code, _input, who) => remindNow(stores, cycleId, code, who),
    done: (name) => `${name}: the reminder is queued; it goes out ${nextRun}.`,
  },
  reopen: {
    run: (stores, cycleId, code, _input, who) => reopen(stores, cycleId, code, who),
    done: (name) => `${name}: the report is open again for changes; reminders resume until it is submitted again.`,
    confirm: {
      question: (name) => `Reopen ${name}'s report?`,
      consequence: (name) =>
        `${name}'s submitted report becomes a draft again: it no longer counts as submitted until ${name} submits it again, and reminders resume.`,
      yes: (name) => `Yes, reopen ${name}'s report`,
    },
  },
  'link/revoke': {
    run: (stores, cycleId, code, _input, who) => revokeLink(stores, cycleId, code, who),
    done: (name) => `${name}: every link of this cycle stopped working; no reminder goes out until a new link is sent.`,
    confirm: {
      question: (name) => `Revoke ${name}'s links?`,
      consequence: (name) =>
        `Every link of ${name} in this cycle stops working at once, the focal points' and the ministries' alike, and no reminder goes out until you send a new link. Answers already saved are kept.`,
      yes: (name) => `Yes, revoke ${name}'s links`,
    },
  },
  'link/rotate': {
    run: (stores, cycleId, code, _input, who) => rotateLink(stores, cycleId, code, who),
    done: (name) => `${name}: the old links stopped working; the new invitation goes out ${nextRun}.`,
    confirm: {
      question: (name) => `Send ${name} a new link?`,
      consequence: (name) =>
        `The link ${name}'s focal points and any ministry are using stops working at once. A new invitation with a new link goes out ${nextRun}. Answers already saved are kept.`,
      yes: (name) => `Yes, send ${name} a new link`,
    },
  },
};
