import * as z from 'zod';
import { type ReminderPlan, type Slot } from './reminders';
import type { Language } from './summits';

const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2027-03-15T23:59:59Z' });
/** A date alone means the end of that day, UTC: a deadline of 2027-03-15 is met by an answer on the 15th. */
export function endOfDayIfDate(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.000Z` : new Date(value).toISOString();
}

const deadlineValue = z.union([z.iso.date().transform(endOfDayIfDate), isoDateTime], {
  message: 'must be a date (2027-03-15) or an ISO 8601 date-time',
});

/** A one-line text: no line breaks or other control characters (it may end up in an email's Subject). */
export function oneLine(max: number) {
  return (
    z
      .string()
      .trim()
      .min(1, 'is required')
      .max(max, `must be at most ${max} characters`)
      // eslint-disable-next-line no-control-regex -- control characters are what this refuses
      .refine((value) => !/[\u0000-\u001f\u007f\u2028\u2029]/.test(value), 'must be one line, without line breaks or control characters')
  );
}

export const reminderPlanSchema = z
  .object({
    daysBefore: z
      .array(z.int().min(1).max(365), { message: 'must be a list of whole days from 1 to 365' })
      .max(12)
      .refine((days) => new Set(days).size === days.length, 'must not repeat a day'),
    overdueEveryDays: z.int().min(1).max(90),
    maxOverdue: z.int().min(0).max(20),
  })
  .strict();

/** The cycle's title in the languages it is given in; `title` is used where one is missing. */
export const cycleTitlesSchema = z
  .object({
    en: oneLine(200).optional(),
    es: oneLine(200).optional(),
    fr: oneLine(200).optional(),
    pt: oneLine(200).optional(),
  })
  .strict();

export const createCycleSchema = z
  .object({
    title: oneLine(200),
    titles: cycleTitlesSchema.optional(),
    mandates: z
      .object({
        ids: z.array(z.string().min(1).max(200)).min(1).max(10_000).optional(),
        year: z.int().min(1990).max(2100).optional(),
        summit: z.string().min(1).max(100).optional(),
        document: z.string().min(1).max(300).optional(),
        theme: z.string().min(1).max(100).optional(),
      })
      .strict()
      .optional(),
    states: z
      .array(z.string().regex(/^[A-Z]{3}$/, 'must be ISO 3166 alpha-3 codes such as HTI'))
      .min(1)
      .max(250)
      .refine((codes) => new Set(codes).size === codes.length, 'must not repeat a state')
      .optional(),
    opensAt: isoDateTime.optional(),
    deadline: deadlineValue,
    reminders: reminderPlanSchema.optional(),
    recurrence: z
      .object({
        everyMonths: z.int().min(1).max(60),
        occurrences: z.int().min(2).max(100).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type CreateCycleRequest = z.infer<typeof createCycleSchema>;

export type CycleStatus = 'scheduled' | 'opening' | 'open' | 'closed';

/** A cycle without its list of mandate ids (which can hold thousands): what lists and claims return. */
export type CycleSummary = Omit<Cycle, 'mandateIds'>;

export interface Cycle {
  id: string;
  title: string;
  /** The title per language (see `titleFor`); `title` stands in for a language not given. */
  titles?: Partial<Record<Language, string>>;
  status: CycleStatus;
  opensAt: string;
  deadline: string;
  reminders: ReminderPlan;
  /** `first`: the first cycle's dates, which every later one counts from (so the 31st stays the 31st). */
  recurrence?: { everyMonths: number; occurrences?: number; occurrence: number; first?: { opensAt: string; deadline: string } };
  /** The selection as asked, kept so that a recurring cycle can be described. */
  selection: CreateCycleRequest['mandates'] | null;
  mandateIds: string[];
  stateCodes: string[];
  mandateCount: number;
  stateCount: number;
  createdAt: string;
  createdBy: string;
  previousCycleId?: string;
}

/**
 * A report's life: pending → invited → opened → in_progress → submitted, then the secretariat's review:
 * in_review (some answers decided) → returned (some sent back, the state edits them) → resubmitted → … → accepted.
 */
export type AssignmentStatus =
  'pending' | 'invited' | 'opened' | 'in_progress' | 'submitted' | 'in_review' | 'returned' | 'resubmitted' | 'accepted';

/** The statuses of a report the state has handed in: read-only for the state, counted as submitted in reports. */
export const HANDED_IN: readonly AssignmentStatus[] = ['submitted', 'in_review', 'resubmitted', 'accepted'];
export const isHandedIn = (status: string) => (HANDED_IN as readonly string[]).includes(status);

/** Whether the state has reported in this cycle: handed in, or handed in and sent back for changes. Reports count these as submitted. */
export const hasReported = (status: string) => isHandedIn(status) || status === 'returned';

export interface Assignment {
  cycleId: string;
  stateCode: string;
  language: string;
  status: AssignmentStatus;
  deadline: string;
  openedAt: string;
  remindAfter: string;
  invitationSent: boolean;
  /** Changes when the link is rotated, which also revokes every earlier link. */
  linkEpoch: number;
  linkRevoked: boolean;
  sentSlots: string[];
  queued: Slot[];
  remindersSent: number;
  answeredCount: number;
  mandateCount: number;
  plan: ReminderPlan;
  extensions: { from: string; deadline: string; reason?: string; grantedAt: string; grantedBy: string }[];
  /** The state's pending request for more time: one at most, a new one replaces it; granting resolves it. */
  extensionRequest?: { proposedDeadline: string; reason: string; requestedAt: string };
  firstOpenedAt?: string;
  submittedAt?: string;
  /** SHA-256 of the answers as submitted, shown on the receipt. */
  contentHash?: string;
  lastEmail?: { slot: string; kind: string; at: string; result: string; to: string[]; refused?: { to: string; reason: string }[] };
  undeliverable: string[];
  nextReminderAt?: string;
  version: number;
  /** Which submission this is: 1 for the first, 2 after the first return, and so on. */
  round?: number;
  /** The last time the secretariat sent answers back: what the "returned" email lists (bounded). */
  lastReturn?: ReturnNotice;
  /** How many contributors the coordinator has added (the reminder job reads the team only when there is one). */
  contributors?: number;
}

/** The answers sent back, as the email lists them: at most RETURN_LIMITS.listed, texts cut short. */
export interface ReturnNotice {
  at: string;
  deadline: string;
  items: { mandateId: string; label: string; text: string; comment: string }[];
  /** Returned answers beyond those listed. */
  more: number;
}

export type StoredAssignment = Assignment & { createdAt: string };

/** What the secretariat sees for a state: its status, with "late" once the deadline has passed unsubmitted. */
export function displayStatus(assignment: Assignment, now: string): AssignmentStatus | 'late' {
  if (isHandedIn(assignment.status)) return assignment.status;
  if (now > assignment.deadline) return 'late';
  return assignment.status;
}

/** Calendar months later, keeping the time of day (the 31st becomes the month's last day). */
export function addMonths(iso: string, months: number): string {
  const date = new Date(iso);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.toISOString();
}

export function linkExpiresAt(assignment: Pick<Assignment, 'deadline'>): string {
  return new Date(Date.parse(assignment.deadline) + 90 * 24 * 60 * 60 * 1000).toISOString();
}
