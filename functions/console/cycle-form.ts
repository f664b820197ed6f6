import { createCycleSchema, type CreateCycleRequest } from '../../shared/domain/cycles';
import type { NewCycleTyped } from '../../shared/render/console';

/** The console's new-cycle form as typed, every field kept, to give back when something is refused. */
export function typedCycleForm(form: URLSearchParams): NewCycleTyped {
  const get = (name: string) => form.get(name) ?? '';
  return {
    title: get('title'),
    summit: get('summit'),
    document: get('document'),
    states: form.getAll('states'),
    opensAt: get('opensAt'),
    deadline: get('deadline'),
    daysBefore: get('daysBefore'),
    overdueEveryDays: get('overdueEveryDays'),
    maxOverdue: get('maxOverdue'),
    everyMonths: get('everyMonths'),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const WHOLE = /^\d+$/;

/** What the form says beside each field it refuses: plain words, naming the field as its label does. */
const SAY = {
  title: 'Title: write a title of at most 200 characters, on one line.',
  deadline: 'Deadline: choose the date by which the states must submit.',
  deadlinePast: 'Deadline: choose a date after today.',
  deadlineBeforeOpening: 'Deadline: choose a date after today and not before the opening date ("Opens on").',
  opensAt: 'Opens on: choose a date, or leave it empty to open the cycle now.',
  states: 'States: tick at least one state.',
  daysBefore:
    'Days before the deadline: write whole numbers from 1 to 365, separated by commas, such as 30, 14, 7, 1 (each once, 12 at most).',
  overdueEveryDays: 'After it, every (days): write a whole number of days from 1 to 90, such as 7.',
  maxOverdue: 'At most (overdue notices): write a whole number from 0 to 20, such as 3.',
  everyMonths: 'Repeat every (months, empty: once): write a whole number of months from 1 to 60, or leave it empty.',
  summit: 'Mandates: no mandate matches this summit and instrument together; choose another, or "Any".',
} as const;

export type CycleFormResult =
  { request: CreateCycleRequest; problems?: undefined } | { request?: undefined; problems: Record<string, string> };

/**
 * Checks the typed form field by field and turns it into the request the API takes. Every problem
 * is found at once, so the secretariat corrects the form in one go.
 */
export function cycleRequestFromForm(typed: NewCycleTyped, today: string): CycleFormResult {
  const problems: Record<string, string> = {};
  const title = typed.title.trim();
  if (!title || title.length > 200 || /[\r\n]/.test(title)) problems.title = SAY.title;
  const opensAt = typed.opensAt.trim();
  if (opensAt && !DATE.test(opensAt)) problems.opensAt = SAY.opensAt;
  const deadline = typed.deadline.trim();
  if (!DATE.test(deadline)) problems.deadline = SAY.deadline;
  else if (deadline < today) problems.deadline = SAY.deadlinePast;
  else if (opensAt && DATE.test(opensAt) && deadline < opensAt) problems.deadline = SAY.deadlineBeforeOpening;
  if (typed.states.length === 0) problems.states = SAY.states;

  const days = typed.daysBefore.split(/[,;\s]+/).filter(Boolean);
  const daysOk =
    days.length <= 12 && days.every((d) => WHOLE.test(d) && +d >= 1 && +d <= 365) && new Set(days.map(Number)).size === days.length;
  if (!daysOk) problems.daysBefore = SAY.daysBefore;
  const whole = (value: string, min: number, max: number) => WHOLE.test(value.trim()) && +value >= min && +value <= max;
  if (!whole(typed.overdueEveryDays, 1, 90)) problems.overdueEveryDays = SAY.overdueEveryDays;
  if (!whole(typed.maxOverdue, 0, 20)) problems.maxOverdue = SAY.maxOverdue;
  const everyMonths = typed.everyMonths.trim();
  if (everyMonths && !whole(everyMonths, 1, 60)) problems.everyMonths = SAY.everyMonths;
  if (Object.keys(problems).length > 0) return { problems };

  const parsed = createCycleSchema.safeParse({
    title,
    ...(typed.summit || typed.document
      ? { mandates: { ...(typed.summit ? { summit: typed.summit } : {}), ...(typed.document ? { document: typed.document } : {}) } }
      : {}),
    states: typed.states,
    ...(opensAt ? { opensAt: `${opensAt}T00:00:00Z` } : {}),
    deadline,
    reminders: { daysBefore: days.map(Number), overdueEveryDays: Number(typed.overdueEveryDays), maxOverdue: Number(typed.maxOverdue) },
    ...(everyMonths ? { recurrence: { everyMonths: Number(everyMonths) } } : {}),
  });
  if (parsed.success) return { request: parsed.data };
  // What the checks above let through (a state code altered in the page, say), named by the field it came from.
  for (const issue of parsed.error.issues) {
    const field = fieldOf(issue.path.map(String));
    const said = field === 'states' ? 'States: tick states from the list.' : SAY[field as keyof typeof SAY];
    problems[field] ??= said ?? `${field}: ${issue.message}`;
  }
  return { problems };
}

function fieldOf(path: string[]): string {
  const [first, second] = path;
  if (first === 'reminders' && second) return second;
  if (first === 'recurrence') return 'everyMonths';
  if (first === 'mandates') return 'summit';
  return first ?? 'title';
}

/** A refusal of the use case (the dates, the selection, the states), as the field it concerns. */
export function cycleProblemOf(code: string): Record<string, string> | undefined {
  if (code === 'invalid_dates') return { deadline: SAY.deadlineBeforeOpening };
  if (code === 'empty_selection' || code === 'unknown_filter_value') return { summit: SAY.summit };
  if (code === 'unknown_states' || code === 'no_states')
    return { states: 'States: tick at least one state that is in the register and active.' };
  return undefined;
}

/**
 * A refused extension as the field it concerns, in the words of the row's form ("New deadline",
 * "Reason"); undefined when the refusal is not about a field (the state has submitted, say).
 */
export function extensionProblem(message: string): { field: 'deadline' | 'reason'; message: string } | undefined {
  const current = /after the current deadline (\d{4}-\d{2}-\d{2})/.exec(message)?.[1];
  if (current) return { field: 'deadline', message: `New deadline: choose a date after the current deadline, ${current}.` };
  if (/^deadline: must be in the future/.test(message)) return { field: 'deadline', message: 'New deadline: choose a date after today.' };
  if (/^deadline:/.test(message)) return { field: 'deadline', message: 'New deadline: choose a date, such as 2027-04-15.' };
  if (/^reason:/.test(message)) return { field: 'reason', message: 'Reason: write at most 1,000 characters.' };
  return undefined;
}
