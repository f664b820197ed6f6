import { createHash, randomBytes } from 'node:crypto';
import { displayStatus, addMonths, endOfDayIfDate, type CreateCycleRequest, type Cycle, type StoredAssignment } from '../domain/cycles';
import { filterMandates } from '../domain/mandate-query';
import type { Summit } from '../domain/summits';
import { conflict, invalid, notFound, unprocessable } from '../domain/errors';
import * as life from '../domain/assignment';
import { DEFAULT_PLAN } from '../domain/reminders';
import { VersionConflict, type AssignmentCounts, type AuditEntry, type Stores } from '../store/ports';
import { refuseUnreachable } from './register';
import type { CycleStatusView } from './view-models';

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
  context: {
    stores: Stores;
    summits: readonly Summit[];
    actor: string;
    now: string;
    idempotencyKey?: string;
    /** On AWS: refuse a cycle while any of its states has no real address (the emails would bounce). */
    requireRealAddresses?: boolean;
  },
): Promise<{ cycle: Cycle; created: boolean }> {
  const { stores, now } = context;
  const mandates = (await stores.mandates.listMandates()).filter((m) => !m.chapeau && !m.retired);
  let selected = mandates;
  const selection = request.mandates;
  if (selection?.ids) {
    const known = new Set(mandates.map((m) => m.id));
    const unknown = selection.ids.filter((id) => !known.has(id));
    if (unknown.length > 0)
      throw invalid('unknown_mandates', `mandates.ids: unknown mandate(s): ${unknown.slice(0, 10).join(', ')}`, { unknown });
    const wanted = new Set(selection.ids);
    selected = mandates.filter((m) => wanted.has(m.id));
  }
  if (selection && (selection.year || selection.summit || selection.document || selection.theme)) {
    const { mandates: filtered, problems } = filterMandates(
      selected,
      {
        year: selection.year ? String(selection.year) : undefined,
        summit: selection.summit,
        document: selection.document,
        theme: selection.theme,
      },
      context.summits,
    );
    if (problems.length > 0) {
      throw invalid('unknown_filter_value', problems.map((p) => `mandates.${p.field}: ${p.message}`).join('; '), problems);
    }
    selected = filtered;
  }
  if (selected.length === 0) throw invalid('empty_selection', 'mandates: the selection matches no mandate');

  const register = await stores.states.listStates();
  let stateCodes: string[];
  if (request.states) {
    const known = new Set(register.map((s) => s.code));
    const unknown = request.states.filter((code) => !known.has(code));
    if (unknown.length > 0) throw invalid('unknown_states', `states: not in the register: ${unknown.join(', ')}`, { unknown });
    stateCodes = request.states;
  } else {
    stateCodes = register.filter((s) => s.active).map((s) => s.code);
  }
  if (stateCodes.length === 0) throw invalid('no_states', 'states: no active state in the register');
  if (context.requireRealAddresses) refuseUnreachable(register.filter((s) => stateCodes.includes(s.code)));

  const opensAt = request.opensAt ? new Date(request.opensAt).toISOString() : now;
  const deadline = endOfDayIfDate(request.deadline);
  if (deadline <= opensAt) throw invalid('invalid_dates', 'deadline: must be after opensAt');
  if (deadline <= now) throw invalid('invalid_dates', 'deadline: must be in the future');

  const id = newCycleId(now);
  const cycle: Cycle = {
    id,
    title: request.title,
    ...(request.titles ? { titles: request.titles } : {}),
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
    throw unprocessable('idempotency_key_reused', 'Idempotency-Key: this key was used for a different request');
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
  const assignments = cycle.stateCodes.map((code) => life.newAssignment(cycle, code, register.get(code)?.language ?? 'en'));
  await stores.assignments.putAssignments(assignments, now);
  // The next of a series is scheduled before this one is marked open: a run that dies in between is
  // taken over (the claim goes stale), and scheduling again is harmless (the next cycle's id is fixed).
  const recurrence = cycle.recurrence;
  if (recurrence && (!recurrence.occurrences || recurrence.occurrence < recurrence.occurrences)) {
    const series = cycleId.replace(/-r\d+$/, '');
    const first = recurrence.first ?? { opensAt: cycle.opensAt, deadline: cycle.deadline };
    const full = (await stores.cycles.getCycle(cycleId))!;
    const next: Cycle = {
      ...full,
      id: `${series}-r${recurrence.occurrence + 1}`,
      status: 'scheduled',
      opensAt: addMonths(first.opensAt, recurrence.everyMonths * recurrence.occurrence),
      deadline: addMonths(first.deadline, recurrence.everyMonths * recurrence.occurrence),
      recurrence: { ...recurrence, occurrence: recurrence.occurrence + 1, first },
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
      await stores.audit.appendAudit({
        cycleId,
        at: now,
        actor: 'schedule',
        action: 'cycle.next_scheduled',
        details: { next: next.id, opensAt: next.opensAt },
      });
    }
  }
  const opened = await stores.cycles.markCycleOpen(cycleId, {
    cycleId,
    at: now,
    actor: context.actor,
    action: 'cycle.opened',
    details: { states: cycle.stateCount },
  });
  return opened;
}

/** The `open-cycles` job: opens every scheduled cycle whose time has come (a Query on the due index). */
export async function openDueCycles(context: {
  stores: Stores;
  now: string;
  /** Told of each cycle that failed to open; it stays due and the next run tries again. */
  onFailure?: (cycleId: string, error: unknown) => void;
}): Promise<{ opened: string[]; errors: number }> {
  const opened: string[] = [];
  let errors = 0;
  for await (const id of context.stores.cycles.dueCycleIds(context.now)) {
    try {
      if (await openCycle(id, { ...context, actor: 'schedule' })) opened.push(id);
    } catch (error) {
      // One cycle's failure never stops the others.
      errors += 1;
      context.onFailure?.(id, error);
    }
  }
  return { opened, errors };
}

async function loadAssignment(stores: Stores, cycleId: string, code: string): Promise<StoredAssignment> {
  const assignment = await stores.assignments.getAssignment(cycleId, code);
  if (!assignment) throw notFound(`No assignment for state ${code} in cycle ${cycleId}`);
  return assignment;
}

/**
 * Reads, changes and saves an assignment, again from the start when another writer got there first
 * (after a short random pause, so that writers racing each other spread out). Past a few tries the
 * caller is told to try again: a conflict, never a failure of ours.
 */
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
      return await stores.assignments.saveAssignment(assignment, { ...audit, cycleId, stateCode: code });
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
      if (attempt >= 8) throw conflict('busy', `${code}'s report was being changed by someone else at the same moment; please try again`);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt));
    }
  }
}

export interface Actor {
  actor: string;
  now: string;
}

/** Grants a state more time: a new deadline, an "extension granted" email, reminders that follow the new date. */
export function grantExtension(stores: Stores, cycleId: string, code: string, input: { deadline: string; reason?: string }, who: Actor) {
  return changeAssignment(stores, cycleId, code, (a) => ({
    assignment: life.extend(a, { ...input, ...who }),
    audit: {
      at: who.now,
      actor: who.actor,
      action: 'assignment.extension_granted',
      details: { from: a.deadline, to: input.deadline, reason: input.reason },
    },
  }));
}

/** Queues a reminder for the next run of the reminder job. */
export function remindNow(stores: Stores, cycleId: string, code: string, who: Actor) {
  return changeAssignment(stores, cycleId, code, (a) => ({
    assignment: life.queueReminder(a, who.now),
    audit: { at: who.now, actor: who.actor, action: 'assignment.reminder_requested' },
  }));
}

/** Lets a state that submitted change its answers again; reminders resume. */
export function reopen(stores: Stores, cycleId: string, code: string, who: Actor) {
  return changeAssignment(stores, cycleId, code, (a) => ({
    assignment: life.reopen(a, who.now),
    audit: { at: who.now, actor: who.actor, action: 'assignment.reopened' },
  }));
}

/** Revokes every link of the state in this cycle; no email with a link goes out until the link is rotated. */
export function revokeLink(stores: Stores, cycleId: string, code: string, who: Actor) {
  return changeAssignment(stores, cycleId, code, (a) => ({
    assignment: life.revokeLink(a, who.now),
    audit: { at: who.now, actor: who.actor, action: 'assignment.link_revoked' },
  }));
}

/** Revokes the old links and sends a new invitation with a new link. */
export function rotateLink(stores: Stores, cycleId: string, code: string, who: Actor) {
  return changeAssignment(stores, cycleId, code, (a) => ({
    assignment: life.rotateLink(a, who.now),
    audit: { at: who.now, actor: who.actor, action: 'assignment.link_rotated' },
  }));
}

/** A cycle's status with its progress: the mandates answered across its states, of how many. */
export type CycleStatusWithProgress = CycleStatusView & {
  answered: { mandates: number; of: number; states: number };
};

/**
 * What the secretariat sees of a cycle: a line per state, and the totals. The totals come from the
 * counts the stores keep as reports change (assignmentCounts), not from adding up answers; a cycle
 * opened before counts were kept is counted from its assignments.
 */
export async function cycleStatus(stores: Stores, cycleId: string, now: string): Promise<CycleStatusWithProgress> {
  const [cycle, assignments, register, kept] = await Promise.all([
    stores.cycles.getCycleSummary(cycleId),
    stores.assignments.listAssignments(cycleId),
    stores.states.listStates(),
    stores.assignments.assignmentCounts(cycleId),
  ]);
  if (!cycle) throw notFound(`No cycle ${cycleId}`);
  const names = new Map(register.map((s) => [s.code, s.name]));
  const states = assignments
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
      extensionRequest: a.extensionRequest ?? null,
      submittedAt: a.submittedAt ?? null,
      linkRevoked: a.linkRevoked,
      nextReminderAt: a.nextReminderAt ?? null,
    }))
    .sort((x, y) => x.name.localeCompare(y.name));
  const counts = kept ?? recount(assignments);
  const totals: Record<string, number> = { pending: 0, invited: 0, opened: 0, in_progress: 0, submitted: 0, late: 0 };
  for (const [status, n] of Object.entries(counts.statuses)) totals[status] = (totals[status] ?? 0) + n;
  // Late is a matter of the time of asking: each state past its deadline moves from its status to late.
  for (const a of assignments) {
    if (displayStatus(a, now) !== 'late') continue;
    totals[a.status]! -= 1;
    totals.late! += 1;
  }
  const answered = {
    mandates: counts.answered,
    of: assignments.reduce((sum, a) => sum + a.mandateCount, 0),
    states: assignments.filter((a) => a.answeredCount > 0).length,
  };
  return { cycle, totals, states, answered };
}

/** The counts of a cycle opened before the stores kept them. */
function recount(assignments: StoredAssignment[]): AssignmentCounts {
  const counts: AssignmentCounts = { statuses: {}, answered: 0 };
  for (const a of assignments) {
    counts.statuses[a.status] = (counts.statuses[a.status] ?? 0) + 1;
    counts.answered += a.answeredCount;
  }
  return counts;
}

/** A page of a cycle's audit trail, newest first. */
export async function auditPage(stores: Stores, cycleId: string, page: { limit: number; cursor?: string }) {
  if (!(await stores.cycles.getCycleSummary(cycleId))) throw notFound(`No cycle ${cycleId}`);
  const found = await stores.audit.listAudit(cycleId, page);
  if (found === 'bad_cursor')
    throw invalid('invalid_cursor', 'cursor: not a cursor of this audit trail; use the one the previous page gave');
  return found;
}
