import { createHash, randomBytes } from 'node:crypto';
import {
  displayStatus,
  addMonths,
  endOfDayIfDate,
  DEFAULT_PLAN,
  type Assignment,
  type CreateCycleRequest,
  type Cycle,
} from '../domain/cycles';
import { filterMandates } from '../domain/mandate-query';
import { nextReminderAt, type Slot } from '../domain/reminders';
import type { Summit } from '../domain/summits';
import { HttpError, badRequest, notFound } from '../http/errors';
import type { Stores } from '../store';
import { VersionConflict, type AuditEntry } from '../store/cycles';
import { scheduleOf } from './schedule';

export const conflict = (code: string, message: string, details?: unknown) => new HttpError(409, code, message, details);

type StoredAssignment = Assignment & { createdAt: string };

function newCycleId(now: string): string {
  return `c${now.slice(0, 10).replace(/-/g, '')}-${randomBytes(4).toString('hex')}`;
}

function requestHash(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

/**
 * Opens a reporting cycle.
 *
 * Primary course:
 * 1. Resolve the mandates (ids, or a filter, or all) and the states (codes, or all active).
 * 2. Check the dates: the deadline after the opening and after now.
 * 3. Write the cycle with its idempotency key: a replay of the same request returns the first cycle.
 * 4. If it opens now, open it: one assignment per state (emails go out with the next reminder run).
 */
export async function createCycle(
  request: CreateCycleRequest,
  context: { stores: Stores; summits: readonly Summit[]; actor: string; now: string; idempotencyKey?: string },
): Promise<{ cycle: Cycle; created: boolean }> {
  const { stores, now } = context;
  const mandates = (await stores.mandates.listMandates()).filter((m) => !m.chapeau);
  let selected = mandates;
  const selection = request.mandates;
  if (selection?.ids) {
    const known = new Set(mandates.map((m) => m.id));
    const unknown = selection.ids.filter((id) => !known.has(id));
    if (unknown.length > 0) throw badRequest('unknown_mandates', `mandates.ids: unknown mandate(s): ${unknown.slice(0, 10).join(', ')}`, { unknown });
    const wanted = new Set(selection.ids);
    selected = mandates.filter((m) => wanted.has(m.id));
  }
  if (selection && (selection.year || selection.summit || selection.document || selection.theme)) {
    const { mandates: filtered, problems } = filterMandates(
      selected,
      { year: selection.year ? String(selection.year) : undefined, summit: selection.summit, document: selection.document, theme: selection.theme },
      context.summits,
    );
    if (problems.length > 0) {
      throw badRequest('unknown_filter_value', problems.map((p) => `mandates.${p.field}: ${p.message}`).join('; '), problems);
    }
    selected = filtered;
  }
  if (selected.length === 0) throw badRequest('empty_selection', 'mandates: the selection matches no mandate');

  const register = await stores.states.listStates();
  let stateCodes: string[];
  if (request.states) {
    const known = new Set(register.map((s) => s.code));
    const unknown = request.states.filter((code) => !known.has(code));
    if (unknown.length > 0) throw badRequest('unknown_states', `states: not in the register: ${unknown.join(', ')}`, { unknown });
    stateCodes = request.states;
  } else {
    stateCodes = register.filter((s) => s.active).map((s) => s.code);
  }
  if (stateCodes.length === 0) throw badRequest('no_states', 'states: no active state in the register');

  const opensAt = request.opensAt ? new Date(request.opensAt).toISOString() : now;
  const deadline = endOfDayIfDate(request.deadline);
  if (deadline <= opensAt) throw badRequest('invalid_dates', 'deadline: must be after opensAt');
  if (deadline <= now) throw badRequest('invalid_dates', 'deadline: must be in the future');

  const id = newCycleId(now);
  const cycle: Cycle = {
    id,
    title: request.title,
    status: 'scheduled',
    opensAt,
    deadline,
    reminders: request.reminders ?? DEFAULT_PLAN,
    recurrence: request.recurrence ? { ...request.recurrence, occurrence: 1 } : undefined,
    selection: selection ?? null,
    mandateIds: selected.map((m) => m.id),
    stateCodes,
    mandateCount: selected.length,
    stateCount: stateCodes.length,
    createdAt: now,
    createdBy: context.actor,
  };
  const audit: AuditEntry = {
    cycleId: id,
    at: now,
    actor: context.actor,
    action: 'cycle.created',
    details: { title: cycle.title, mandates: cycle.mandateCount, states: cycle.stateCount, opensAt, deadline },
  };
  const result = await stores.cycles.createCycle(
    cycle,
    audit,
    context.idempotencyKey ? { key: context.idempotencyKey, requestHash: requestHash(request) } : undefined,
  );
  if ('conflict' in result) {
    throw new HttpError(422, 'idempotency_key_reused', 'Idempotency-Key: this key was used for a different request');
  }
  if (result.created && opensAt <= now) {
    await openCycle(id, { stores, now, actor: context.actor });
    return { cycle: (await stores.cycles.getCycle(id))!, created: true };
  }
  return result;
}

/**
 * Opens a cycle: safe to run again after a crash, and by two runs at once.
 *
 * Primary course:
 * 1. Claim the opening (scheduled → opening): one run does it; a claim left by a run that died is
 *    taken over after 5 minutes. The reminder job leaves a cycle alone while it is opening.
 * 2. Write one assignment per state, due for its invitation, in batches.
 * 3. Mark the cycle open (once).
 * 4. If it recurs, schedule the next cycle of the series (once).
 */
export async function openCycle(cycleId: string, context: { stores: Stores; now: string; actor: string }): Promise<boolean> {
  const { stores, now } = context;
  const staleBefore = new Date(Date.now() - 5 * 60_000).toISOString();
  const [cycle, states] = await Promise.all([
    stores.cycles.claimOpening(cycleId, new Date().toISOString(), staleBefore),
    stores.states.listStates(),
  ]);
  if (!cycle) return false; // already open, closed, missing, or being opened by another run
  const register = new Map(states.map((s) => [s.code, s]));
  const assignments: Assignment[] = cycle.stateCodes.map((code) => ({
    cycleId,
    stateCode: code,
    language: register.get(code)?.language ?? 'en',
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
  }));
  await stores.cycles.putAssignments(assignments, now);
  const opened = await stores.cycles.markCycleOpen(cycleId, {
    cycleId,
    at: now,
    actor: context.actor,
    action: 'cycle.opened',
    details: { states: cycle.stateCount },
  });
  const recurrence = cycle.recurrence;
  if (recurrence && (!recurrence.occurrences || recurrence.occurrence < recurrence.occurrences)) {
    const series = cycleId.replace(/-r\d+$/, '');
    const full = (await stores.cycles.getCycle(cycleId))!;
    const next: Cycle = {
      ...full,
      id: `${series}-r${recurrence.occurrence + 1}`,
      status: 'scheduled',
      opensAt: addMonths(cycle.opensAt, recurrence.everyMonths),
      deadline: addMonths(cycle.deadline, recurrence.everyMonths),
      recurrence: { ...recurrence, occurrence: recurrence.occurrence + 1 },
      createdAt: now,
      createdBy: 'schedule',
      previousCycleId: cycleId,
    };
    const created = await stores.cycles.putCycleIfAbsent(next, {
      cycleId: next.id,
      at: now,
      actor: 'schedule',
      action: 'cycle.created',
      details: { recurrenceOf: cycleId, opensAt: next.opensAt, deadline: next.deadline },
    });
    if (created) {
      await stores.cycles.appendAudit({ cycleId, at: now, actor: 'schedule', action: 'cycle.next_scheduled', details: { next: next.id, opensAt: next.opensAt } });
    }
  }
  return opened;
}

/** The `open-cycles` job: opens every scheduled cycle whose time has come (a Query on the due index). */
export async function openDueCycles(context: { stores: Stores; now: string }): Promise<{ opened: string[] }> {
  const opened: string[] = [];
  for await (const id of context.stores.cycles.dueCycleIds(context.now)) {
    if (await openCycle(id, { ...context, actor: 'schedule' })) opened.push(id);
  }
  return { opened };
}

async function loadAssignment(stores: Stores, cycleId: string, code: string): Promise<StoredAssignment> {
  const assignment = await stores.cycles.getAssignment(cycleId, code);
  if (!assignment) throw notFound(`No assignment for state ${code} in cycle ${cycleId}`);
  return assignment;
}

/** Reads, changes and saves an assignment, again from the start when another writer got there first. */
export async function changeAssignment(
  stores: Stores,
  cycleId: string,
  code: string,
  change: (a: StoredAssignment) => { assignment: StoredAssignment; audit: Omit<AuditEntry, 'cycleId' | 'stateCode'> },
): Promise<StoredAssignment> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await loadAssignment(stores, cycleId, code);
    const { assignment, audit } = change(current);
    try {
      return await stores.cycles.saveAssignment(assignment, { ...audit, cycleId, stateCode: code });
    } catch (error) {
      if (!(error instanceof VersionConflict) || attempt >= 5) throw error;
    }
  }
}

function reschedule(a: StoredAssignment, now: string): StoredAssignment {
  const paused = a.status === 'submitted' || a.linkRevoked;
  const hasReceiptPending = a.queued.some((slot) => slot.kind === 'receipt' && !a.sentSlots.includes(slot.name));
  const next = paused && !hasReceiptPending ? undefined : nextReminderAt(scheduleOf(a), now);
  return { ...a, nextReminderAt: next };
}

function queue(a: StoredAssignment, slot: Slot): StoredAssignment {
  return { ...a, queued: [...a.queued, slot] };
}

export interface Actor {
  actor: string;
  now: string;
}

/** Grants a state more time: a new deadline, an "extension granted" email, reminders that follow the new date. */
export function grantExtension(stores: Stores, cycleId: string, code: string, input: { deadline: string; reason?: string }, who: Actor) {
  return changeAssignment(stores, cycleId, code, (a) => {
    if (a.status === 'submitted') throw conflict('already_submitted', `${code} has already submitted; reopen it first`);
    if (input.deadline <= a.deadline) throw badRequest('invalid_deadline', `deadline: must be after the current deadline ${a.deadline}`);
    if (input.deadline <= who.now) throw badRequest('invalid_deadline', 'deadline: must be in the future');
    const extended: StoredAssignment = {
      ...a,
      deadline: input.deadline,
      remindAfter: who.now,
      extensions: [...a.extensions, { from: a.deadline, deadline: input.deadline, reason: input.reason, grantedAt: who.now, grantedBy: who.actor }],
    };
    const withNotice = queue(extended, { name: `extension@${input.deadline}`, kind: 'extension', at: who.now });
    return {
      assignment: reschedule(withNotice, who.now),
      audit: { at: who.now, actor: who.actor, action: 'assignment.extension_granted', details: { from: a.deadline, to: input.deadline, reason: input.reason } },
    };
  });
}

/** Queues a reminder for the next run of the reminder job. */
export function remindNow(stores: Stores, cycleId: string, code: string, who: Actor) {
  return changeAssignment(stores, cycleId, code, (a) => {
    if (a.status === 'submitted') throw conflict('already_submitted', `${code} has already submitted`);
    if (a.linkRevoked) throw conflict('link_revoked', `${code}'s link is revoked; rotate it to send a new one`);
    const kind = who.now > a.deadline ? 'overdue' : 'reminder';
    return {
      assignment: reschedule(queue(a, { name: `manual@${who.now}`, kind, at: who.now }), who.now),
      audit: { at: who.now, actor: who.actor, action: 'assignment.reminder_requested' },
    };
  });
}

/** Lets a state that submitted change its answers again; reminders resume. */
export function reopen(stores: Stores, cycleId: string, code: string, who: Actor) {
  return changeAssignment(stores, cycleId, code, (a) => {
    if (a.status !== 'submitted') throw conflict('not_submitted', `${code} has not submitted; there is nothing to reopen`);
    const { submittedAt: _submitted, ...rest } = a;
    return {
      assignment: reschedule({ ...rest, status: 'in_progress', remindAfter: who.now }, who.now),
      audit: { at: who.now, actor: who.actor, action: 'assignment.reopened' },
    };
  });
}

/** Revokes every link of the state in this cycle; no email goes out until the link is rotated. */
export function revokeLink(stores: Stores, cycleId: string, code: string, who: Actor) {
  return changeAssignment(stores, cycleId, code, (a) => ({
    assignment: reschedule({ ...a, linkEpoch: a.linkEpoch + 1, linkRevoked: true }, who.now),
    audit: { at: who.now, actor: who.actor, action: 'assignment.link_revoked' },
  }));
}

/** Revokes the old links and sends a new invitation with a new link. */
export function rotateLink(stores: Stores, cycleId: string, code: string, who: Actor) {
  return changeAssignment(stores, cycleId, code, (a) => ({
    assignment: reschedule({ ...a, linkEpoch: a.linkEpoch + 1, linkRevoked: false, invitationSent: false, openedAt: who.now }, who.now),
    audit: { at: who.now, actor: who.actor, action: 'assignment.link_rotated' },
  }));
}

/** What the secretariat sees of a cycle: a line per state, and the totals. */
export async function cycleStatus(stores: Stores, cycleId: string, now: string) {
  const found = await stores.cycles.getCycleWithAssignments(cycleId);
  if (!found) throw notFound(`No cycle ${cycleId}`);
  const names = new Map((await stores.states.listStates()).map((s) => [s.code, s.name]));
  const states = found.assignments
    .map((a) => ({
      code: a.stateCode,
      name: names.get(a.stateCode) ?? a.stateCode,
      status: displayStatus(a, now),
      deadline: a.deadline,
      answered: a.answeredCount,
      total: a.mandateCount,
      remindersSent: a.remindersSent,
      emailsSent: a.sentSlots.length,
      lastEmail: a.lastEmail ?? null,
      emailHealth: a.undeliverable.length > 0 ? { undeliverable: a.undeliverable } : { undeliverable: [] },
      extensions: a.extensions,
      extensionRequests: a.extensionRequests ?? [],
      submittedAt: a.submittedAt ?? null,
      linkRevoked: a.linkRevoked,
      nextReminderAt: a.nextReminderAt ?? null,
    }))
    .sort((x, y) => x.name.localeCompare(y.name));
  const totals: Record<string, number> = { pending: 0, invited: 0, opened: 0, in_progress: 0, submitted: 0, late: 0 };
  for (const s of states) totals[s.status] = (totals[s.status] ?? 0) + 1;
  const { mandateIds, ...cycle } = found.cycle;
  return { cycle: { ...cycle, mandateIds }, totals, states };
}
