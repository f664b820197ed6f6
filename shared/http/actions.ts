import * as z from 'zod';
import type { StoredAssignment } from '../domain/cycles';
import { endOfDayIfDate } from '../domain/cycles';
import type { Stores } from '../store/ports';
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
}

const nextRun = 'with the next reminder run (within 10 minutes)';

/** The secretariat's actions on one state, shared by the API and the console. */
export const ASSIGNMENT_ACTION_TABLE: Record<AssignmentAction, ActionDefinition> = {
  extension: {
    input: extensionSchema,
    run: (stores, cycleId, code, input, who) => {
      const { deadline, reason } = input as z.infer<typeof extensionSchema>;
      return grantExtension(stores, cycleId, code, { deadline: endOfDayIfDate(deadline), reason: reason || undefined }, who);
    },
    done: (name, a) => `${name}: deadline extended to ${a.deadline.slice(0, 10)}; the state is told ${nextRun}.`,
  },
  remind: {
    run: (stores, cycleId, code, _input, who) => remindNow(stores, cycleId, code, who),
    done: (name) => `${name}: a reminder is queued and goes out ${nextRun}.`,
  },
  reopen: {
    run: (stores, cycleId, code, _input, who) => reopen(stores, cycleId, code, who),
    done: (name) => `${name}: the report is open again for changes; reminders resume.`,
  },
  'link/revoke': {
    run: (stores, cycleId, code, _input, who) => revokeLink(stores, cycleId, code, who),
    done: (name) => `${name}: every link of this cycle stopped working; no reminder goes out until a new link is sent.`,
  },
  'link/rotate': {
    run: (stores, cycleId, code, _input, who) => rotateLink(stores, cycleId, code, who),
    done: (name) => `${name}: the old links stopped working; a new invitation goes out ${nextRun}.`,
  },
};
