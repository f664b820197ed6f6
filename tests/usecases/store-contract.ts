/**
 * What the use cases rely on from the stores and cannot show by themselves: the conditional writes,
 * the orders, the copies. Run on the in-memory stores and on DynamoDB Local, like the use-case suite,
 * so the memory stores keep the DynamoDB semantics.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { newAssignment } from '../../shared/domain/assignment';
import type { Answer } from '../../shared/domain/answers';
import type { Cycle, StoredAssignment } from '../../shared/domain/cycles';
import { DEFAULT_PLAN } from '../../shared/domain/reminders';
import { VersionConflict, type AuditEntry, type OutboxClaim, type Stores } from '../../shared/store/ports';

const T0 = '2027-03-01T09:00:00.000Z';
let sequence = 0;

function cycleOf(extra: Partial<Cycle> = {}): Cycle {
  sequence += 1;
  return {
    id: `contract-${Date.now().toString(36)}-${sequence}`,
    title: 'Contract',
    status: 'open',
    opensAt: T0,
    deadline: '2027-04-10T09:00:00.000Z',
    reminders: DEFAULT_PLAN,
    selection: null,
    mandateIds: ['m-1', 'm-2'],
    stateCodes: ['JAM', 'MEX'],
    mandateCount: 2,
    stateCount: 2,
    createdAt: T0,
    createdBy: 'test',
    ...extra,
  };
}

/** What a promise ends with: its error, or 'resolved' (so that a rejection is handled at once). */
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved' as const,
    (error: unknown) => error,
  );

const audit = (cycleId: string, action: string, at = T0): AuditEntry => ({ cycleId, at, actor: 'test', action });

export function describeStoreContract(name: string, makeStores: () => Promise<Stores>) {
  describe(`store contract on ${name} stores`, () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await makeStores();
    });

    /** An open cycle with one assignment per state, as openCycle writes them. */
    async function withAssignments(codes = ['JAM', 'MEX'], createdAt = T0) {
      const cycle = cycleOf({ stateCodes: codes, stateCount: codes.length, createdAt });
      await stores.cycles.createCycle(cycle, audit(cycle.id, 'cycle.created'));
      await stores.assignments.putAssignments(
        codes.map((code) => newAssignment(cycle, code, 'en')),
        createdAt,
      );
      return cycle;
    }
    const answerOf = (cycleId: string, mandateId: string, version: number, status: Answer['status'] = 'in_progress'): Answer => ({
      cycleId,
      stateCode: 'JAM',
      mandateId,
      status,
      narrative: 'text',
      difficulties: '',
      evidence: [],
      version,
      updatedAt: T0,
    });

    it('hands out copies: changing what a store returned, or what it was given, changes nothing stored', async () => {
      // Arrange
      const cycle = await withAssignments(['JAM']);
      const state = (await stores.states.getState('JAM'))!;
      // Act
      const read = (await stores.assignments.getAssignment(cycle.id, 'JAM'))!;
      read.sentSlots.push('invented');
      read.plan.daysBefore.push(99);
      (await stores.cycles.getCycle(cycle.id))!.mandateIds.push('invented');
      const given = { ...state, focalPoints: ['a@example.org'] };
      await stores.states.putState(given);
      given.focalPoints.push('b@example.org');
      (await stores.mandates.listMandates())[0]!.notes.push('invented');
      // Assert
      const again = (await stores.assignments.getAssignment(cycle.id, 'JAM'))!;
      expect(again.sentSlots).toEqual([]);
      expect(again.plan.daysBefore).toEqual(DEFAULT_PLAN.daysBefore);
      expect((await stores.cycles.getCycle(cycle.id))!.mandateIds).toEqual(['m-1', 'm-2']);
      expect((await stores.states.getState('JAM'))!.focalPoints).toEqual(['a@example.org']);
      expect((await stores.mandates.listMandates())[0]!.notes).not.toContain('invented');
    });

    it('gives records back without their undefined values', async () => {
      // Arrange
      const state = (await stores.states.getState('JAM'))!;
      // Act
      await stores.states.putState({ ...state, note: undefined, bouncedAddresses: ['x@example.org', undefined as unknown as string] });
      const read = (await stores.states.getState('JAM'))!;
      // Assert
      expect('note' in read).toBe(false);
      expect(read.bouncedAddresses).toEqual(['x@example.org']);
    });

    it('saves an assignment over the version read, with its audit entry, and refuses any other version', async () => {
      // Arrange
      const cycle = await withAssignments(['JAM']);
      const read = (await stores.assignments.getAssignment(cycle.id, 'JAM'))!;
      // Act
      const saved = await stores.assignments.saveAssignment(
        { ...read, status: 'invited' },
        { ...audit(cycle.id, 'assignment.changed', '2027-03-02T00:00:00.000Z'), stateCode: 'JAM' },
      );
      const stale = await outcome(stores.assignments.saveAssignment({ ...read, status: 'opened' }));
      const missing = await outcome(stores.assignments.saveAssignment({ ...read, stateCode: 'BRA' }));
      // Assert
      expect(saved).toMatchObject({ status: 'invited', version: read.version + 1, createdAt: T0 });
      expect(stale).toBeInstanceOf(VersionConflict);
      expect(missing).toBeInstanceOf(VersionConflict);
      expect(await stores.assignments.getAssignment(cycle.id, 'JAM')).toEqual(saved);
      expect(await stores.assignments.getAssignment(cycle.id, 'BRA')).toBeUndefined();
      const page = await stores.audit.listAudit(cycle.id, { limit: 1 });
      expect(page !== 'bad_cursor' && page.entries).toEqual([
        { ...audit(cycle.id, 'assignment.changed', '2027-03-02T00:00:00.000Z'), stateCode: 'JAM' },
      ]);
    });

    it('lists due assignments (next email at or before now) earliest first, and a state’s assignments oldest cycle first', async () => {
      // Arrange
      const newer = await withAssignments(['JAM'], '2027-02-01T00:00:00.000Z');
      const older = await withAssignments(['JAM', 'MEX'], '2027-01-01T00:00:00.000Z');
      const set = async (cycleId: string, code: string, nextReminderAt: string | undefined) => {
        const a = (await stores.assignments.getAssignment(cycleId, code))!;
        await stores.assignments.saveAssignment({ ...a, nextReminderAt } as StoredAssignment);
      };
      await set(older.id, 'JAM', '2027-03-05T00:00:00.000Z');
      await set(older.id, 'MEX', undefined);
      await set(newer.id, 'JAM', '2027-03-03T00:00:00.000Z');
      // Act
      const due: { cycleId: string; stateCode: string }[] = [];
      for await (const key of stores.assignments.dueAssignmentKeys('2027-03-05T00:00:00.000Z')) due.push(key);
      const early: unknown[] = [];
      for await (const key of stores.assignments.dueAssignmentKeys('2027-03-02T00:00:00.000Z')) early.push(key);
      const ofJamaica = await stores.assignments.assignmentsOfState('JAM');
      // Assert
      expect(due.filter((k) => k.cycleId === older.id || k.cycleId === newer.id)).toEqual([
        { cycleId: newer.id, stateCode: 'JAM' },
        { cycleId: older.id, stateCode: 'JAM' },
      ]);
      expect(early.filter((k) => [older.id, newer.id].includes((k as { cycleId: string }).cycleId))).toEqual([]);
      expect(ofJamaica.map((a) => [a.cycleId, a.createdAt])).toEqual([
        [older.id, '2027-01-01T00:00:00.000Z'],
        [newer.id, '2027-02-01T00:00:00.000Z'],
      ]);
    });

    it('claims an email once, tied to the assignment version: claimed, then taken (whatever the version); stale for another version or no assignment', async () => {
      // Arrange
      const cycle = await withAssignments(['JAM']);
      const before = (await stores.assignments.getAssignment(cycle.id, 'JAM'))!;
      const claim: OutboxClaim = {
        cycleId: cycle.id,
        stateCode: 'JAM',
        slot: 'invitation#1',
        kind: 'invitation',
        to: 'a@example.org',
        claimedAt: T0,
      };
      const token = { tokenHash: `hash-${cycle.id}`, cycleId: cycle.id, stateCode: 'JAM', linkEpoch: 1, createdAt: T0 };
      // Act
      const first = await stores.outbox.claimEmail(claim, before, token);
      const again = await stores.outbox.claimEmail(claim, { ...before, version: before.version + 1 });
      const againFromOlderRead = await stores.outbox.claimEmail(claim, before);
      const older = await stores.outbox.claimEmail({ ...claim, to: 'b@example.org' }, before);
      const nobody = await stores.outbox.claimEmail({ ...claim, stateCode: 'BRA' }, { ...before, stateCode: 'BRA' });
      // Assert
      expect([first, again, againFromOlderRead, older, nobody]).toEqual(['claimed', 'taken', 'taken', 'stale', 'stale']);
      expect(await stores.assignments.getAssignment(cycle.id, 'JAM')).toEqual({
        ...before,
        version: before.version + 1,
        lastEmail: { slot: 'invitation#1', kind: 'invitation', at: T0, result: 'unknown', to: [] },
      });
      expect(await stores.outbox.getToken(token.tokenHash)).toEqual(token);
      expect(await stores.outbox.outboxOf(cycle.id, 'JAM')).toEqual([{ ...claim, status: 'sending' }]);
    });

    it('records the result of a claimed email, and gives a claim and its token back', async () => {
      // Arrange
      const cycle = await withAssignments(['JAM']);
      const a = (await stores.assignments.getAssignment(cycle.id, 'JAM'))!;
      const claim = (to: string): OutboxClaim => ({
        cycleId: cycle.id,
        stateCode: 'JAM',
        slot: 'invitation#1',
        kind: 'invitation',
        to,
        claimedAt: T0,
      });
      const token = { tokenHash: `hash-${cycle.id}`, cycleId: cycle.id, stateCode: 'JAM', linkEpoch: 1, createdAt: T0 };
      await stores.outbox.claimEmail(claim('b@example.org'), a, token);
      await stores.outbox.claimEmail(claim('a@example.org'), { ...a, version: a.version + 1 });
      // Act
      await stores.outbox.markEmail(claim('a@example.org'), 'sent', { messageId: 'm-1', at: '2027-03-01T09:01:00.000Z' });
      await stores.outbox.markEmail(claim('b@example.org'), 'failed', { at: '2027-03-01T09:02:00.000Z' });
      const marked = await stores.outbox.outboxOf(cycle.id, 'JAM');
      await stores.outbox.releaseEmail(claim('b@example.org'), token.tokenHash);
      // Assert
      expect(marked).toEqual([
        { ...claim('a@example.org'), status: 'sent', messageId: 'm-1', sentAt: '2027-03-01T09:01:00.000Z' },
        { ...claim('b@example.org'), status: 'failed', messageId: null, sentAt: '2027-03-01T09:02:00.000Z' },
      ]);
      expect((await stores.outbox.outboxOf(cycle.id, 'JAM')).map((o) => o.to)).toEqual(['a@example.org']);
      expect(await stores.outbox.getToken(token.tokenHash)).toBeUndefined();
      expect(await stores.outbox.claimEmail(claim('b@example.org'), { ...a, version: a.version + 2 })).toBe('claimed');
    });

    it("saves an answer over the version read, moving the assignment's count and version; refuses it once submitted", async () => {
      // Arrange
      const cycle = await withAssignments(['JAM']);
      const before = (await stores.assignments.getAssignment(cycle.id, 'JAM'))!;
      // Act
      const first = await stores.answers.saveAnswer(answerOf(cycle.id, 'm-1', 1), 0, 1, '2027-03-02T00:00:00.000Z');
      const replayed = await stores.answers.saveAnswer(answerOf(cycle.id, 'm-1', 1), 0, 1, '2027-03-02T00:00:00.000Z');
      const wrong = await stores.answers.saveAnswer(answerOf(cycle.id, 'm-1', 3), 2, 0, '2027-03-02T00:00:00.000Z');
      const second = await stores.answers.saveAnswer(answerOf(cycle.id, 'm-1', 2, null), 1, -1, '2027-03-03T00:00:00.000Z');
      const afterSaves = (await stores.assignments.getAssignment(cycle.id, 'JAM'))!;
      await stores.assignments.saveAssignment({ ...afterSaves, status: 'submitted' });
      const whenSubmitted = await stores.answers.saveAnswer(answerOf(cycle.id, 'm-1', 3), 1, 0, '2027-03-04T00:00:00.000Z');
      const noAssignment = await stores.answers.saveAnswer(
        { ...answerOf(cycle.id, 'm-1', 1), stateCode: 'BRA' },
        0,
        1,
        '2027-03-04T00:00:00.000Z',
      );
      // Assert
      expect([first, replayed, wrong, second, whenSubmitted, noAssignment]).toEqual([
        'saved',
        'conflict',
        'conflict',
        'saved',
        'submitted',
        'submitted',
      ]);
      expect(afterSaves).toMatchObject({
        answeredCount: 0,
        status: 'in_progress',
        version: before.version + 2,
        lastAnswerAt: '2027-03-03T00:00:00.000Z',
      });
      expect(await stores.answers.listAnswers(cycle.id, 'JAM')).toEqual([answerOf(cycle.id, 'm-1', 2, null)]);
      expect(await stores.answers.getAnswer(cycle.id, 'BRA', 'm-1')).toBeUndefined();
    });

    it('lists answer marks: the answers in mandate order with status, version, time and review fields only, never the texts', async () => {
      // Arrange
      const cycle = await withAssignments(['JAM']);
      const long = { ...answerOf(cycle.id, 'm-2', 1, 'fully_implemented'), narrative: 'n'.repeat(10_000), difficulties: 'd' };
      await stores.answers.saveAnswer(long, 0, 1, T0);
      const review = { decision: 'accepted' as const, comment: '', at: T0, by: 'ana', round: 1 };
      const carried: Answer = { ...answerOf(cycle.id, 'm-1', 1, null), review, carried: { from: 'c0', outcome: 'confirmed' } };
      await stores.answers.saveAnswer(carried, 0, 0, T0);
      // Act
      const marks = await stores.answers.listAnswerMarks(cycle.id, 'JAM');
      const none = await stores.answers.listAnswerMarks(cycle.id, 'MEX');
      // Assert
      expect(marks).toEqual([
        { mandateId: 'm-1', status: null, version: 1, updatedAt: T0, review, carried: { from: 'c0', outcome: 'confirmed' } },
        { mandateId: 'm-2', status: 'fully_implemented', version: 1, updatedAt: T0 },
      ]);
      expect(none).toEqual([]);
    });

    /** What the cycle's assignments add up to, counted one by one: what the kept counts must always equal. */
    async function recount(cycleId: string) {
      const statuses: Record<string, number> = {};
      let answered = 0;
      for (const a of await stores.assignments.listAssignments(cycleId)) {
        statuses[a.status] = (statuses[a.status] ?? 0) + 1;
        answered += a.answeredCount;
      }
      return { statuses, answered };
    }

    it('keeps a cycle’s counts with every write that changes them: any status, answered mandates; a handed-in report takes no answer', async () => {
      // Arrange
      const cycle = await withAssignments(['JAM', 'MEX', 'BRA']);
      const change = async (code: string, status: string) => {
        const a = (await stores.assignments.getAssignment(cycle.id, code))!;
        await stores.assignments.saveAssignment({ ...a, status } as StoredAssignment, { ...audit(cycle.id, 'x'), stateCode: code });
      };
      const opened = await stores.assignments.assignmentCounts(cycle.id);
      // Act
      await change('JAM', 'opened');
      const first = await stores.answers.saveAnswer(answerOf(cycle.id, 'm-1', 1), 0, 1, T0);
      const second = await stores.answers.saveAnswer(answerOf(cycle.id, 'm-2', 1), 0, 1, T0);
      await change('MEX', 'returned');
      const returned = await stores.answers.saveAnswer({ ...answerOf(cycle.id, 'm-1', 1), stateCode: 'MEX' }, 0, 1, T0);
      await change('BRA', 'in_review');
      const inReview = await stores.answers.saveAnswer({ ...answerOf(cycle.id, 'm-1', 1), stateCode: 'BRA' }, 0, 1, T0);
      const unanswered = await stores.answers.saveAnswer(answerOf(cycle.id, 'm-2', 2, null), 1, -1, T0);
      // Assert
      expect(opened).toEqual({ statuses: { pending: 3 }, answered: 0 });
      expect([first, second, returned, inReview, unanswered]).toEqual(['saved', 'saved', 'saved', 'submitted', 'saved']);
      expect((await stores.assignments.getAssignment(cycle.id, 'MEX'))!.status).toBe('returned');
      expect(await stores.assignments.assignmentCounts(cycle.id)).toEqual({
        statuses: { in_progress: 1, returned: 1, in_review: 1 },
        answered: 2,
      });
      expect(await stores.assignments.assignmentCounts(cycle.id)).toEqual(await recount(cycle.id));
      expect(await stores.assignments.assignmentCounts('no-such-cycle')).toBeUndefined();
    });

    it('never lets the counts drift: concurrent and conflicting answer saves and status changes end equal to a recount', async () => {
      // Arrange: several states (sharing count items) saving at once, the same answers raced, statuses changed meanwhile
      const codes = ['JAM', 'MEX', 'BRA', 'ARG', 'CHL', 'PER'];
      const cycle = await withAssignments(codes);
      const mandates = ['m-1', 'm-2', 'm-3'];
      const save = (code: string, mandateId: string) =>
        stores.answers.saveAnswer({ ...answerOf(cycle.id, mandateId, 1), stateCode: code }, 0, 1, T0);
      const setStatus = async (code: string, status: string) => {
        for (let attempt = 0; attempt < 20; attempt += 1) {
          const a = (await stores.assignments.getAssignment(cycle.id, code))!;
          const saved = await outcome(stores.assignments.saveAssignment({ ...a, status } as StoredAssignment));
          if (saved === 'resolved') return;
        }
      };
      // Act: every state saves every mandate twice at once (one of each pair is a conflict), and statuses move meanwhile
      const results = await Promise.all([
        ...codes.flatMap((code) => mandates.flatMap((m) => [save(code, m), save(code, m)])),
        ...codes.map((code, i) => setStatus(code, ['invited', 'opened', 'returned', 'in_review', 'accepted', 'invited'][i]!)),
      ]);
      // Assert
      const saves = results.slice(0, codes.length * mandates.length * 2);
      expect(saves.filter((r) => r === 'saved').length).toBeGreaterThan(0);
      expect(saves.every((r) => r === 'saved' || r === 'conflict' || r === 'submitted')).toBe(true);
      const kept = await stores.assignments.assignmentCounts(cycle.id);
      expect(kept).toEqual(await recount(cycle.id));
      let stored = 0;
      for (const code of codes) stored += (await stores.answers.listAnswers(cycle.id, code)).length;
      expect(kept!.answered).toBe(stored);
      expect(Object.values(kept!.statuses).reduce((sum, n) => sum + n, 0)).toBe(codes.length);
    });

    it('lists a state’s assignments with only what its history shows (what gsi1 carries)', async () => {
      // Arrange
      const cycle = await withAssignments(['JAM']);
      const a = (await stores.assignments.getAssignment(cycle.id, 'JAM'))!;
      await stores.assignments.saveAssignment({ ...a, status: 'submitted', submittedAt: T0, remindersSent: 2 });
      // Act
      const history = (await stores.assignments.assignmentsOfState('JAM')).find((h) => h.cycleId === cycle.id);
      // Assert
      expect(history).toEqual({
        cycleId: cycle.id,
        stateCode: 'JAM',
        status: 'submitted',
        deadline: cycle.deadline,
        submittedAt: T0,
        remindersSent: 2,
        createdAt: T0,
      });
    });

    it('creates a cycle once: the same id again fails, putCycleIfAbsent says false, and an idempotency key returns the first', async () => {
      // Arrange
      const cycle = cycleOf();
      await stores.cycles.createCycle(cycle, audit(cycle.id, 'cycle.created'), { key: `key-${cycle.id}`, requestHash: 'h1' });
      // Act
      const sameKey = await stores.cycles.createCycle(cycleOf({ title: 'Other' }), audit(cycle.id, 'x'), {
        key: `key-${cycle.id}`,
        requestHash: 'h1',
      });
      const otherRequest = await stores.cycles.createCycle(cycleOf(), audit(cycle.id, 'x'), { key: `key-${cycle.id}`, requestHash: 'h2' });
      const sameId = await outcome(stores.cycles.createCycle({ ...cycle, title: 'Again' }, audit(cycle.id, 'x')));
      const absent = await stores.cycles.putCycleIfAbsent({ ...cycle, title: 'Again' }, audit(cycle.id, 'x'));
      // Assert
      expect(sameKey).toEqual({ cycle, created: false });
      expect(otherRequest).toEqual({ conflict: 'different_request' });
      expect(sameId).toBeInstanceOf(Error);
      expect(absent).toBe(false);
      expect((await stores.cycles.getCycle(cycle.id))!.title).toBe('Contract');
      const page = await stores.audit.listAudit(cycle.id, { limit: 10 });
      expect(page !== 'bad_cursor' && page.entries.map((e) => e.action)).toEqual(['cycle.created']);
    });

    it('moves a cycle scheduled → opening → open → closed once each; a stale opening claim can be taken over', async () => {
      // Arrange
      const cycle = cycleOf({ status: 'scheduled', opensAt: '2027-03-10T00:00:00.000Z' });
      await stores.cycles.createCycle(cycle, audit(cycle.id, 'cycle.created'));
      const dueIds = async (now: string) => {
        const ids: string[] = [];
        for await (const id of stores.cycles.dueCycleIds(now)) if (id === cycle.id) ids.push(id);
        return ids;
      };
      // Act
      const dueBefore = await dueIds('2027-03-09T00:00:00.000Z');
      const dueAt = await dueIds('2027-03-10T00:00:00.000Z');
      const openTooSoon = await stores.cycles.markCycleOpen(cycle.id, audit(cycle.id, 'too.soon'));
      const claim = await stores.cycles.claimOpening(cycle.id, '2027-03-10T00:00:00.000Z', '2027-03-09T23:55:00.000Z');
      const fresh = await stores.cycles.claimOpening(cycle.id, '2027-03-10T00:01:00.000Z', '2027-03-09T23:56:00.000Z');
      const dueWhileOpening = await dueIds('2027-03-10T00:02:00.000Z');
      const takeover = await stores.cycles.claimOpening(cycle.id, '2027-03-10T00:06:00.000Z', '2027-03-10T00:01:00.000Z');
      const open = await stores.cycles.markCycleOpen(cycle.id, audit(cycle.id, 'cycle.opened'));
      const openAgain = await stores.cycles.markCycleOpen(cycle.id, audit(cycle.id, 'cycle.opened'));
      const summaryOpen = await stores.cycles.getCycleSummary(cycle.id);
      const dueAfter = await dueIds('2027-04-01T00:00:00.000Z');
      const closed = await stores.cycles.markCycleClosed(cycle.id);
      const closedAgain = await stores.cycles.markCycleClosed(cycle.id);
      const missing = await stores.cycles.claimOpening('no-such-cycle', T0, T0);
      // Assert
      expect([dueBefore, dueAt, dueWhileOpening, dueAfter]).toEqual([[], [cycle.id], [cycle.id], []]);
      expect(openTooSoon).toBe(false);
      expect(claim).toMatchObject({ id: cycle.id, status: 'opening', openingSince: '2027-03-10T00:00:00.000Z' });
      expect(claim).not.toHaveProperty('mandateIds');
      expect(fresh).toBeUndefined();
      expect(takeover).toMatchObject({ status: 'opening', openingSince: '2027-03-10T00:06:00.000Z' });
      expect([open, openAgain, closed, closedAgain]).toEqual([true, false, true, false]);
      expect(summaryOpen).toMatchObject({ status: 'open' });
      expect(summaryOpen).not.toHaveProperty('openingSince');
      expect((await stores.cycles.getCycleSummary(cycle.id))!.status).toBe('closed');
      expect(missing).toBeUndefined();
      const page = await stores.audit.listAudit(cycle.id, { limit: 10 });
      expect(page !== 'bad_cursor' && page.entries.map((e) => e.action)).toEqual(['cycle.opened', 'cycle.created']);
    });

    it('pages the audit trail newest first; a full page has a cursor, and paging ends on a page without one', async () => {
      // Arrange: four entries, two of them at the same instant (kept in the order they were written)
      const cycle = await withAssignments(['JAM']);
      await stores.audit.appendAudit(audit(cycle.id, 'second', '2027-03-02T00:00:00.000Z'));
      await stores.audit.appendAudit(audit(cycle.id, 'third', '2027-03-02T00:00:00.000Z'));
      await stores.audit.appendAudit(audit(cycle.id, 'older', '2027-02-01T00:00:00.000Z'));
      // Act
      const pages = [];
      let cursor: string | undefined;
      do {
        const page = await stores.audit.listAudit(cycle.id, { limit: 2, cursor });
        if (page === 'bad_cursor') throw new Error('bad cursor');
        pages.push({ actions: page.entries.map((e) => e.action), more: page.cursor !== undefined });
        cursor = page.cursor;
      } while (cursor);
      // Assert
      expect(pages).toEqual([
        { actions: ['third', 'second'], more: true },
        { actions: ['cycle.created', 'older'], more: true },
        { actions: [], more: false },
      ]);
    });

    it('counts attempts per scope, client and window, adding atomically', async () => {
      // Arrange
      const window = ['2027-03-01T09:00:00.000Z', '2027-03-01T09:15:00.000Z'] as const;
      // Act
      const counts = await Promise.all(Array.from({ length: 10 }, () => stores.limits.add('link', 'ip-1', ...window, 1)));
      const back = await stores.limits.add('link', 'ip-1', ...window, -1);
      // Assert
      expect([...counts].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(back).toBe(9);
      expect(await stores.limits.count('link', 'ip-1', window[0])).toBe(9);
      expect(await stores.limits.count('sign-in', 'ip-1', window[0])).toBe(0);
      expect(await stores.limits.count('link', 'ip-2', window[0])).toBe(0);
      expect(await stores.limits.count('link', 'ip-1', window[1])).toBe(0);
    });

    it('keeps sessions by hash until deleted, expired ones included (the use cases check the expiry)', async () => {
      // Arrange
      const session = {
        sessionHash: `s-${Date.now()}`,
        cycleId: 'c',
        stateCode: 'JAM',
        linkEpoch: 1,
        expiresAt: '2020-01-01T00:00:00.000Z',
        language: 'en',
      };
      // Act
      await stores.sessions.putSession(session);
      await stores.sessions.putConsoleSession(`console-${session.sessionHash}`, { actor: 'ana', expiresAt: '2030-01-01T00:00:00.000Z' });
      const consoleBefore = await stores.sessions.getConsoleSession(`console-${session.sessionHash}`);
      await stores.sessions.deleteConsoleSession(`console-${session.sessionHash}`);
      // Assert
      expect(await stores.sessions.getSession(session.sessionHash)).toEqual(session);
      expect(consoleBefore).toEqual({ actor: 'ana', expiresAt: '2030-01-01T00:00:00.000Z' });
      expect(await stores.sessions.getConsoleSession(`console-${session.sessionHash}`)).toBeUndefined();
      expect(await stores.sessions.getSession('unknown')).toBeUndefined();
    });

    it('lists snapshots newest first, of one cycle or of all, and refuses the same snapshot twice', async () => {
      // Arrange
      const snapshot = (cycleId: string, generatedAt: string) => ({
        cycleId,
        title: cycleId,
        kind: 'weekly' as const,
        generatedAt,
        files: { json: `${cycleId}.json` },
        builtFrom: { answers: 1 },
      });
      const a = `snap-a-${Date.now()}`;
      const b = `snap-b-${Date.now()}`;
      await stores.snapshots.putSnapshot(snapshot(a, '2027-03-01T00:00:00.000Z'));
      await stores.snapshots.putSnapshot(snapshot(b, '2027-03-02T00:00:00.000Z'));
      await stores.snapshots.putSnapshot(snapshot(a, '2027-03-03T00:00:00.000Z'));
      // Act
      const ofA = await stores.snapshots.listSnapshots(a);
      const all = await stores.snapshots.listSnapshots();
      const twice = await outcome(stores.snapshots.putSnapshot({ ...snapshot(a, '2027-03-03T00:00:00.000Z'), kind: 'final' }));
      // Assert
      expect(ofA.map((s) => s.generatedAt)).toEqual(['2027-03-03T00:00:00.000Z', '2027-03-01T00:00:00.000Z']);
      expect(all.filter((s) => s.cycleId === a || s.cycleId === b).map((s) => [s.cycleId, s.generatedAt])).toEqual([
        [a, '2027-03-03T00:00:00.000Z'],
        [b, '2027-03-02T00:00:00.000Z'],
        [a, '2027-03-01T00:00:00.000Z'],
      ]);
      expect(all.find((s) => s.cycleId === b)).toEqual(snapshot(b, '2027-03-02T00:00:00.000Z'));
      expect(twice).toBeInstanceOf(Error);
      expect((await stores.snapshots.listSnapshots(a))[0]!.kind).toBe('weekly');
    });

    it('lists states by code and mandates in catalogue order (theme, then position)', async () => {
      // Act
      const states = await stores.states.listStates();
      const mandates = await stores.mandates.listMandates();
      // Assert
      expect(states.map((s) => s.code)).toEqual([...states.map((s) => s.code)].sort());
      const order = mandates.map((m) => `${m.theme}#${String(m.position).padStart(6, '0')}#${m.id}`);
      expect(order).toEqual([...order].sort());
      expect(mandates.length).toBeGreaterThan(0);
    });

    it('keeps a page of any length whole, even past the 400 KB item limit, and forgets every part of it on removal', async () => {
      // Arrange: 700,000 characters with accents and characters outside the BMP, so parts fall mid-pair.
      const name = `contract-page-${Date.now().toString(36)}-${(sequence += 1)}`;
      const line = 'Los Estados se comprometen a fortalecer la cooperación 🌎 regional; ';
      const long = line.repeat(Math.ceil(700_000 / line.length));
      const page = { name, text: long, theme: 'Migration', language: 'es' as const, origin: 'import' as const, importedAt: T0 };
      const pageOf = async () => (await stores.mandates.listPages()).find((p) => p.name === name);
      // Act & assert
      await stores.mandates.savePages([page], []);
      expect((await pageOf())?.text).toBe(long);
      await stores.mandates.savePages([{ ...page, text: 'short now' }], []);
      expect(await pageOf()).toEqual({ ...page, text: 'short now' });
      await stores.mandates.savePages([page], []);
      await stores.mandates.savePages([], [name]);
      expect(await pageOf()).toBeUndefined();
      await stores.mandates.savePages([{ ...page, text: 'back' }], []);
      expect((await pageOf())?.text).toBe('back');
    });
  });
}
