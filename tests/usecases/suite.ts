/**
 * The use cases, tested through the store interfaces only: the same suite runs on the in-memory
 * stores (tests/unit/usecases-memory.test.ts, milliseconds) and on DynamoDB Local
 * (tests/integration/usecases-dynamo.test.ts). A test that passes on one and fails on the other
 * means the memory stores do not behave like the DynamoDB ones.
 *
 * Every test gets fresh stores loaded with the seed (the mandate pages and the register of states
 * in seeds/). Times are explicit ISO strings; the one test of a wall-clock rule fakes Date.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memberStates, summits } from '../../seeds/registry';
import { newAssignment } from '../../shared/domain/assignment';
import { addDays, startOfDay } from '../../shared/domain/reminders';
import type { CreateCycleRequest } from '../../shared/domain/cycles';
import type { Stores, StoredMandate } from '../../shared/store/ports';
import {
  auditPage,
  createCycle,
  cycleStatus,
  grantExtension,
  openDueCycles,
  remindNow,
  reopen,
  revokeLink,
  rotateLink,
} from '../../shared/usecases/cycles';
import {
  hashToken,
  openLink,
  receiptHash,
  requestExtension,
  resolveSession,
  saveAnswer,
  submitReport,
} from '../../shared/usecases/respond';
import { sendDueEmails } from '../../shared/usecases/send-reminders';
import { handleSesEvent } from '../../shared/usecases/ses-events';
import { auditTrail, domainError, focalPoint, recordingMailer, refusingMailer, settings, tokenOf } from './fakes';

const T0 = '2027-03-01T09:00:00.000Z';
const activeCodes = memberStates.filter((s) => s.active).map((s) => s.code);
const languageOf = (code: string) => memberStates.find((s) => s.code === code)!.language;
const badToken = () => randomBytes(24).toString('base64url');

export function describeUseCases(name: string, makeStores: () => Promise<Stores>) {
  describe(`use cases on ${name} stores`, () => {
    let stores: Stores;
    /** The mandates a cycle can ask for (chapeaux are not answered). */
    let answerable: StoredMandate[];

    beforeEach(async () => {
      stores = await makeStores();
      answerable = (await stores.mandates.listMandates()).filter((m) => !m.chapeau);
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    /** A cycle created at `now` (default: its opening), open at once when it opens by then. */
    async function newCycle(extra: Partial<CreateCycleRequest> = {}, opensAt = T0, now = opensAt) {
      const request = { title: `Cycle ${randomBytes(3).toString('hex')}`, opensAt, deadline: addDays(opensAt, 40), ...extra };
      const { cycle } = await createCycle(request, { stores, summits, actor: 'secretariat', now });
      return cycle;
    }
    const run = (now: string, mailer = recordingMailer().mailer, extra: Partial<typeof settings> = {}) =>
      sendDueEmails({ stores, mailer, now, settings: { ...settings, ...extra } });
    const assignmentOf = async (cycleId: string, code: string) => (await stores.assignments.getAssignment(cycleId, code))!;
    const actionsOf = async (cycleId: string) => (await auditTrail(stores, cycleId)).map((e) => e.action);
    const linkContext = (now: string, client = 'client-1', maxFailures = 5) => ({ stores, now, client, maxFailures });

    /** An open cycle for some states, whose invitations went out at T0; returns the invitations by state. */
    async function invitedCycle(codes: string[], extra: Partial<CreateCycleRequest> = {}) {
      const cycle = await newCycle({ states: codes, ...extra });
      const mail = recordingMailer();
      await run(T0, mail.mailer);
      const tokens = Object.fromEntries(codes.map((code) => [code, tokenOf(mail.to(focalPoint(code))[0])!]));
      return { cycle, tokens };
    }

    describe('creating a cycle', () => {
      it('opens a cycle that starts now: one pending assignment per active state, due for its invitation', async () => {
        // Arrange: the seeded register and catalogue
        // Act
        const { cycle, created } = await createCycle(
          { title: 'First cycle', deadline: addDays(T0, 40) },
          { stores, summits, actor: 'secretariat', now: T0 },
        );
        // Assert
        expect(created).toBe(true);
        expect(cycle).toMatchObject({ status: 'open', opensAt: T0, stateCount: activeCodes.length, mandateCount: answerable.length });
        expect([...cycle.stateCodes].sort()).toEqual([...activeCodes].sort());
        expect(cycle.mandateIds).toEqual(answerable.map((m) => m.id));
        const assignments = await stores.assignments.listAssignments(cycle.id);
        expect(assignments.map((a) => a.stateCode)).toEqual([...activeCodes].sort());
        for (const a of assignments) {
          expect(a).toMatchObject({
            status: 'pending',
            nextReminderAt: T0,
            version: 1,
            answeredCount: 0,
            mandateCount: answerable.length,
            language: languageOf(a.stateCode),
          });
        }
        expect(await actionsOf(cycle.id)).toEqual(['cycle.opened', 'cycle.created']);
      });

      it('returns the first cycle, and creates no other, when a request comes again with the same Idempotency-Key', async () => {
        // Arrange
        const request = { title: 'Replayed', deadline: addDays(T0, 30), states: ['JAM'] };
        const context = { stores, summits, actor: 'secretariat', now: T0, idempotencyKey: 'key-1' };
        const first = await createCycle(request, context);
        // Act
        const again = await createCycle(request, { ...context, now: addDays(T0, 0.01) });
        // Assert
        expect(again.created).toBe(false);
        expect(again.cycle.id).toBe(first.cycle.id);
        expect((await stores.cycles.listCycles()).map((c) => c.id)).toEqual([first.cycle.id]);
        expect(await stores.assignments.listAssignments(first.cycle.id)).toHaveLength(1);
      });

      it('refuses an Idempotency-Key that was used for a different request', async () => {
        // Arrange
        const context = { stores, summits, actor: 'secretariat', now: T0, idempotencyKey: 'key-2' };
        await createCycle({ title: 'One', deadline: addDays(T0, 30) }, context);
        // Act
        const refused = createCycle({ title: 'Another', deadline: addDays(T0, 30) }, context);
        // Assert
        await domainError(refused, 'unprocessable', 'idempotency_key_reused');
        expect(await stores.cycles.listCycles()).toHaveLength(1);
      });

      it('selects the mandates of a year, a summit or a document', async () => {
        // Arrange
        const ids = (keep: (m: StoredMandate) => boolean) =>
          answerable
            .filter(keep)
            .map((m) => m.id)
            .sort();
        // Act
        const byYear = await newCycle({ mandates: { year: 2001 } });
        const bySummit = await newCycle({ mandates: { summit: 'Santiago' } });
        const byDocument = await newCycle({ mandates: { document: 'plan of action quebec' } });
        // Assert
        expect([...byYear.mandateIds].sort()).toEqual(ids((m) => m.year === 2001));
        expect([...bySummit.mandateIds].sort()).toEqual(ids((m) => m.summitId === 'santiago-1998'));
        expect([...byDocument.mandateIds].sort()).toEqual(ids((m) => m.document === 'Plan of Action Québec'));
        expect(byYear.mandateCount).toBeGreaterThan(byDocument.mandateCount);
        expect(byDocument.mandateCount).toBeGreaterThan(0);
      });

      it('refuses a filter value that matches nothing known, and a selection that matches no mandate', async () => {
        // Act / Assert
        await domainError(newCycle({ mandates: { year: 1999 } }), 'invalid', 'unknown_filter_value');
        await domainError(newCycle({ mandates: { summit: 'Atlantis' } }), 'invalid', 'unknown_filter_value');
        await domainError(newCycle({ mandates: { summit: 'Lima' } }), 'invalid', 'empty_selection');
        expect(await stores.cycles.listCycles()).toEqual([]);
      });

      it('takes the mandates asked for by id, and refuses ids that are not in the catalogue', async () => {
        // Arrange
        const wanted = [answerable[3]!.id, answerable[0]!.id];
        // Act
        const cycle = await newCycle({ mandates: { ids: wanted } });
        const error = await domainError(
          newCycle({ mandates: { ids: [answerable[0]!.id, 'no-such-mandate'] } }),
          'invalid',
          'unknown_mandates',
        );
        // Assert
        expect([...cycle.mandateIds].sort()).toEqual([...wanted].sort());
        expect(cycle.mandateCount).toBe(2);
        expect(error.details).toEqual({ unknown: ['no-such-mandate'] });
      });

      it('invites only the states asked for, and refuses a code that is not in the register', async () => {
        // Act
        const cycle = await newCycle({ states: ['HTI', 'JAM'] });
        await domainError(newCycle({ states: ['JAM', 'XXX'] }), 'invalid', 'unknown_states');
        // Assert
        expect((await stores.assignments.listAssignments(cycle.id)).map((a) => [a.stateCode, a.language])).toEqual([
          ['HTI', 'fr'],
          ['JAM', 'en'],
        ]);
        expect(await stores.cycles.listCycles()).toHaveLength(1);
      });

      it('refuses a deadline before the opening, or one already past', async () => {
        // Act / Assert
        await domainError(newCycle({ deadline: addDays(T0, -1) }, T0, addDays(T0, -10)), 'invalid', 'invalid_dates');
        await domainError(
          newCycle({ opensAt: addDays(T0, -20), deadline: addDays(T0, -1) }, addDays(T0, -20), T0),
          'invalid',
          'invalid_dates',
        );
        expect(await stores.cycles.listCycles()).toEqual([]);
      });

      it('lists the cycles newest first', async () => {
        // Arrange
        const first = await newCycle({ states: ['JAM'] }, T0);
        const second = await newCycle({ states: ['JAM'] }, addDays(T0, 1));
        const third = await newCycle({ states: ['JAM'] }, addDays(T0, 2));
        // Act
        const listed = await stores.cycles.listCycles();
        // Assert
        expect(listed.map((c) => c.id)).toEqual([third.id, second.id, first.id]);
      });
    });

    describe('opening cycles on schedule', () => {
      it('keeps a cycle scheduled, without assignments, until its time; then opens it once', async () => {
        // Arrange
        const opensAt = addDays(T0, 14);
        const cycle = await newCycle({ states: ['JAM', 'MEX'] }, opensAt, T0);
        // Act
        const early = await openDueCycles({ stores, now: addDays(T0, 7) });
        const earlyEmails = await run(addDays(T0, 7));
        const onTime = await openDueCycles({ stores, now: opensAt });
        const again = await openDueCycles({ stores, now: addDays(opensAt, 1) });
        // Assert
        expect(cycle.status).toBe('scheduled');
        expect(early.opened).toEqual([]);
        expect(earlyEmails.sent).toBe(0);
        expect(onTime.opened).toEqual([cycle.id]);
        expect(again.opened).toEqual([]);
        expect((await stores.cycles.getCycleSummary(cycle.id))!.status).toBe('open');
        expect((await stores.assignments.listAssignments(cycle.id)).map((a) => a.status)).toEqual(['pending', 'pending']);
        expect(await actionsOf(cycle.id)).toEqual(['cycle.opened', 'cycle.created']);
      });

      it('opens a due cycle once when two runs of the job go at the same time', async () => {
        // Arrange
        const cycle = await newCycle({}, addDays(T0, 1), T0);
        // Act
        const runs = await Promise.all([openDueCycles({ stores, now: addDays(T0, 1) }), openDueCycles({ stores, now: addDays(T0, 1) })]);
        // Assert
        expect(runs.flatMap((r) => r.opened)).toEqual([cycle.id]);
        expect(await stores.assignments.listAssignments(cycle.id)).toHaveLength(activeCodes.length);
        expect((await actionsOf(cycle.id)).filter((a) => a === 'cycle.opened')).toHaveLength(1);
      });

      it('takes over an opening left by a run that died, once its claim is more than five minutes old', async () => {
        // Arrange: a run claimed the cycle and died before writing the assignments
        const opensAt = addDays(T0, 1);
        const cycle = await newCycle({ states: ['JAM'] }, opensAt, T0);
        const claimed = await stores.cycles.claimOpening(cycle.id, new Date().toISOString(), new Date(Date.now() - 300_000).toISOString());
        // Act
        const whileFresh = await openDueCycles({ stores, now: opensAt });
        vi.useFakeTimers({ toFake: ['Date'] });
        vi.setSystemTime(Date.now() + 6 * 60_000);
        const onceStale = await openDueCycles({ stores, now: opensAt });
        // Assert
        expect(claimed).toMatchObject({ id: cycle.id, status: 'opening' });
        expect(whileFresh.opened).toEqual([]);
        expect(onceStale.opened).toEqual([cycle.id]);
        expect((await stores.cycles.getCycleSummary(cycle.id))!.status).toBe('open');
        expect(await stores.assignments.listAssignments(cycle.id)).toHaveLength(1);
      });

      it('sends nothing for a cycle while it is being opened', async () => {
        // Arrange: a run claimed the cycle and wrote its assignments, but has not marked it open yet
        const cycle = await newCycle({ states: ['JAM'] }, addDays(T0, 1), T0);
        const claimed = (await stores.cycles.claimOpening(
          cycle.id,
          new Date().toISOString(),
          new Date(Date.now() - 300_000).toISOString(),
        ))!;
        await stores.assignments.putAssignments([newAssignment(claimed, 'JAM', 'en')], addDays(T0, 1));
        // Act
        const result = await run(addDays(T0, 2));
        // Assert
        expect(result).toMatchObject({ assignments: 1, sent: 0, errors: 0 });
        expect((await assignmentOf(cycle.id, 'JAM')).status).toBe('pending');
      });

      it('schedules the next cycle of a recurring series when one opens, up to the last occurrence', async () => {
        // Arrange / Act
        const cycle = await newCycle({ recurrence: { everyMonths: 6, occurrences: 2 }, deadline: addDays(T0, 30), states: ['JAM', 'BRA'] });
        const next = await stores.cycles.getCycle(`${cycle.id}-r2`);
        const opened = await openDueCycles({ stores, now: '2027-09-01T09:00:00.000Z' });
        // Assert
        expect(next).toMatchObject({
          status: 'scheduled',
          opensAt: '2027-09-01T09:00:00.000Z',
          deadline: '2027-09-30T09:00:00.000Z',
          title: cycle.title,
          previousCycleId: cycle.id,
          recurrence: { everyMonths: 6, occurrences: 2, occurrence: 2 },
        });
        expect(next!.mandateIds).toEqual(cycle.mandateIds);
        expect(await actionsOf(cycle.id)).toEqual(['cycle.opened', 'cycle.next_scheduled', 'cycle.created']);
        expect(opened.opened).toEqual([`${cycle.id}-r2`]);
        expect(await stores.assignments.listAssignments(`${cycle.id}-r2`)).toHaveLength(2);
        expect(await stores.cycles.getCycle(`${cycle.id}-r3`)).toBeUndefined();
      });
    });

    describe('recurring series that survive a crash and keep their day', () => {
      it('schedules the next cycle even when the run that opened this one died in between', async () => {
        // Arrange: the first run dies while scheduling the next cycle of the series
        const opensAt = addDays(T0, 1);
        const cycle = await newCycle({ recurrence: { everyMonths: 6 }, states: ['JAM'] }, opensAt, T0);
        let crashed = false;
        const crashing: Stores = {
          ...stores,
          cycles: {
            ...stores.cycles,
            putCycleIfAbsent: async (...args) => {
              if (!crashed) {
                crashed = true;
                throw new Error('process killed');
              }
              return stores.cycles.putCycleIfAbsent(...args);
            },
          },
        };
        // Act
        const first = await openDueCycles({ stores: crashing, now: opensAt });
        vi.useFakeTimers({ toFake: ['Date'] });
        vi.setSystemTime(Date.now() + 10 * 60_000);
        const again = await openDueCycles({ stores: crashing, now: addDays(opensAt, 0.01) });
        // Assert
        expect(first).toMatchObject({ opened: [], errors: 1 });
        expect(again).toMatchObject({ opened: [cycle.id], errors: 0 });
        expect(await stores.cycles.getCycleSummary(`${cycle.id}-r2`)).toMatchObject({ status: 'scheduled' });
      });

      it('keeps the 31st: every cycle of a monthly series counts from the first one', async () => {
        // Arrange
        const cycle = await newCycle(
          { recurrence: { everyMonths: 1, occurrences: 4 }, deadline: '2027-01-31T12:00:00.000Z', states: ['JAM'] },
          '2027-01-01T09:00:00.000Z',
        );
        // Act: open the second and the third as their times come
        await openDueCycles({ stores, now: '2027-02-01T09:00:00.000Z' });
        await openDueCycles({ stores, now: '2027-03-01T09:00:00.000Z' });
        // Assert
        expect((await stores.cycles.getCycleSummary(`${cycle.id}-r2`))!.deadline).toBe('2027-02-28T12:00:00.000Z');
        expect((await stores.cycles.getCycleSummary(`${cycle.id}-r3`))!.deadline).toBe('2027-03-31T12:00:00.000Z');
        expect((await stores.cycles.getCycleSummary(`${cycle.id}-r4`))!.deadline).toBe('2027-04-30T12:00:00.000Z');
      });
    });

    describe('the reminder job', () => {
      it('invites every active state once, whatever the number of runs, each in its language with its own link', async () => {
        // Arrange
        const cycle = await newCycle();
        const mail = recordingMailer();
        // Act
        const first = await run(T0, mail.mailer);
        const second = await run(T0, mail.mailer);
        // Assert
        expect(first.sent).toBe(activeCodes.length);
        expect(second.sent).toBe(0);
        expect(mail.perRecipient()).toEqual(Object.fromEntries(activeCodes.map((code) => [focalPoint(code), 1])));
        for (const email of mail.sent) {
          const code = email.tags.state!;
          expect(email.tags).toEqual({ cycle: cycle.id, state: code, kind: 'invitation' });
          expect(email.context).toMatchObject({
            kind: 'invitation',
            language: languageOf(code),
            answered: 0,
            total: answerable.length,
            deadline: cycle.deadline,
          });
          const token = tokenOf(email)!;
          expect(token.length).toBeGreaterThanOrEqual(43);
          expect(await stores.outbox.getToken(hashToken(token))).toMatchObject({ cycleId: cycle.id, stateCode: code, linkEpoch: 1 });
          expect(await stores.outbox.getToken(token)).toBeUndefined();
        }
        expect(new Set(mail.sent.map(tokenOf)).size).toBe(activeCodes.length);
        const status = await cycleStatus(stores, cycle.id, T0);
        expect(status.totals.invited).toBe(activeCodes.length);
        expect(status.states.find((s) => s.code === 'HTI')!.lastEmail).toMatchObject({
          kind: 'invitation',
          result: 'sent',
          to: [focalPoint('HTI')],
        });
        expect(await stores.outbox.outboxOf(cycle.id, 'HTI')).toEqual([
          expect.objectContaining({
            kind: 'invitation',
            to: focalPoint('HTI'),
            status: 'sent',
            messageId: expect.stringMatching(/^message-/),
          }),
        ]);
      });

      it('sends each reminder of the plan once per unsubmitted state, none to a state that submitted, and the receipt once', async () => {
        // Arrange
        const { cycle } = await invitedCycle(['JAM', 'HTI']);
        const mail = recordingMailer();
        const submittedAt = addDays(T0, 2);
        const [first, second] = (await stores.mandates.listMandates()).filter((m) => !m.chapeau);
        await saveAnswer({ cycleId: cycle.id, stateCode: 'HTI' }, first!.id, { status: 'in_progress', version: 0 }, { stores, now: T0 });
        await saveAnswer({ cycleId: cycle.id, stateCode: 'HTI' }, second!.id, { narrative: 'Draft', version: 0 }, { stores, now: T0 });
        const receipt = await submitReport({ cycleId: cycle.id, stateCode: 'HTI' }, { stores, now: submittedAt });
        // Act
        await run(submittedAt, mail.mailer);
        await run(submittedAt, mail.mailer);
        for (const days of [30, 14, 7, 1]) {
          await run(addDays(cycle.deadline, -days), mail.mailer);
          await run(addDays(cycle.deadline, -days), mail.mailer);
        }
        // Assert
        expect(mail.to(focalPoint('JAM')).map((e) => [e.context.kind, e.context.now])).toEqual(
          [30, 14, 7, 1].map((days) => ['reminder', addDays(cycle.deadline, -days)]),
        );
        expect(mail.to(focalPoint('HTI')).map((e) => e.context.kind)).toEqual(['receipt']);
        expect(mail.to(focalPoint('HTI'))[0]!.context.receipt).toEqual({
          submittedAt,
          contentHash: receipt.contentHash,
          counts: { fully_implemented: 0, partially_implemented: 0, in_progress: 1, not_started: 0, not_applicable: 0, none: 1 },
        });
        expect(mail.to(focalPoint('HTI'))[0]!.context.link).toBeUndefined();
        expect(await assignmentOf(cycle.id, 'JAM')).toMatchObject({ remindersSent: 4 });
        expect((await assignmentOf(cycle.id, 'HTI')).nextReminderAt).toBeUndefined();
      });

      it('after missed runs, sends only the latest reminder that is due (catch-up), once', async () => {
        // Arrange: the runs at deadline − 30 and − 14 days were missed
        const { cycle } = await invitedCycle(['JAM']);
        const mail = recordingMailer();
        const late = addDays(cycle.deadline, -6);
        // Act
        await run(late, mail.mailer);
        await run(late, mail.mailer);
        // Assert
        expect(mail.sent.map((e) => e.context.kind)).toEqual(['reminder']);
        expect(mail.sent[0]!.context).toMatchObject({ deadline: cycle.deadline, now: late, answered: 0, total: answerable.length });
        expect(tokenOf(mail.sent[0])).toBeDefined();
        const status = await cycleStatus(stores, cycle.id, late);
        expect(status.states[0]).toMatchObject({ remindersSent: 1, nextReminderAt: startOfDay(addDays(cycle.deadline, -1)) });
      });

      it('sends the overdue notices after the deadline up to the maximum, then nothing more', async () => {
        // Arrange
        const { cycle } = await invitedCycle(['JAM'], {
          deadline: addDays(T0, 10),
          reminders: { daysBefore: [], overdueEveryDays: 7, maxOverdue: 2 },
        });
        const mail = recordingMailer();
        // Act
        for (let day = 1; day <= 30; day += 1) await run(addDays(cycle.deadline, day), mail.mailer);
        // Assert
        expect(mail.sent.map((e) => [e.context.kind, e.context.now])).toEqual([
          ['overdue', addDays(cycle.deadline, 7)],
          ['overdue', addDays(cycle.deadline, 14)],
        ]);
        expect((await assignmentOf(cycle.id, 'JAM')).nextReminderAt).toBeUndefined();
        expect((await cycleStatus(stores, cycle.id, addDays(cycle.deadline, 30))).totals.late).toBe(1);
      });

      it('sends each invitation once when three runs go at the same time', async () => {
        // Arrange
        await newCycle();
        const mail = recordingMailer();
        // Act
        await Promise.all([run(T0, mail.mailer), run(T0, mail.mailer), run(T0, mail.mailer)]);
        // Assert
        expect(mail.sent).toHaveLength(activeCodes.length);
        expect(Object.values(mail.perRecipient()).every((n) => n === 1)).toBe(true);
      });

      it('never sends again an email whose delivery was not recorded (a crash after sending), and shows it as unknown', async () => {
        // Arrange
        const cycle = await newCycle({ states: ['JAM', 'MEX', 'BRA'] });
        const mail = recordingMailer();
        let marks = 0;
        const crashing: Stores = {
          ...stores,
          outbox: {
            ...stores.outbox,
            markEmail: async (...args) => {
              marks += 1;
              if (marks === 2) throw new Error('process killed');
              return stores.outbox.markEmail(...args);
            },
          },
        };
        // Act
        const first = await sendDueEmails({ stores: crashing, mailer: mail.mailer, now: T0, settings });
        await run(T0, mail.mailer);
        await run(addDays(T0, 0.5), mail.mailer);
        // Assert
        expect(first.errors).toBe(1);
        expect(mail.perRecipient()).toEqual({ [focalPoint('JAM')]: 1, [focalPoint('MEX')]: 1, [focalPoint('BRA')]: 1 });
        const results = (await cycleStatus(stores, cycle.id, T0)).states.map((s) => s.lastEmail?.result).sort();
        expect(results).toEqual(['sent', 'sent', 'unknown']);
      });

      it('gives a throttled email back and sends it with the next run', async () => {
        // Arrange
        const cycle = await newCycle({ states: ['JAM'] });
        const mail = recordingMailer();
        // Act
        const first = await run(T0, refusingMailer({ name: 'Throttling', message: 'Maximum sending rate exceeded.' }), {
          maxThrottleRetries: 2,
        });
        const outboxAfterFirst = await stores.outbox.outboxOf(cycle.id, 'JAM');
        const second = await run(addDays(T0, 0.01), mail.mailer);
        // Assert
        expect(first).toMatchObject({ sent: 0, throttled: 1 });
        expect(outboxAfterFirst).toEqual([]);
        expect(second.sent).toBe(1);
        expect(mail.sent.map((e) => e.context.kind)).toEqual(['invitation']);
        expect(await stores.outbox.getToken(hashToken(tokenOf(mail.sent[0])!))).toMatchObject({ stateCode: 'JAM' });
      });

      it('never records a refused email as sent: it stays due, shows the reason, and goes out with a later run', async () => {
        // Arrange
        const cycle = await newCycle({ states: ['DMA'] });
        const mail = recordingMailer();
        // Act
        const first = await run(T0, refusingMailer({ name: 'MessageRejected', message: 'Email address is not verified.' }));
        await run(T0, mail.mailer);
        const refused = await assignmentOf(cycle.id, 'DMA');
        await run(addDays(T0, 1 / 24), mail.mailer);
        // Assert
        expect(first).toMatchObject({ refused: 1, sent: 0 });
        expect(refused.lastEmail).toMatchObject({
          kind: 'invitation',
          result: 'refused',
          refused: [{ to: focalPoint('DMA'), reason: 'Email address is not verified.' }],
        });
        expect(refused.invitationSent).toBe(false);
        expect(mail.sent).toHaveLength(1);
        expect((await assignmentOf(cycle.id, 'DMA')).lastEmail).toMatchObject({ kind: 'invitation', result: 'sent' });
        expect((await stores.outbox.outboxOf(cycle.id, 'DMA')).map((o) => o.status)).toEqual(['sent']);
      });

      it('sends every other email when the provider refuses one address, and tells who was refused', async () => {
        // Arrange
        await newCycle({ states: ['JAM', 'DMA', 'BRA'] });
        const mail = recordingMailer();
        const refusals: string[] = [];
        const picky = {
          send: async (email: Parameters<typeof mail.mailer.send>[0]) => {
            if (email.to === focalPoint('DMA')) throw Object.assign(new Error('Address blacklisted.'), { name: 'MessageRejected' });
            return mail.mailer.send(email);
          },
        };
        // Act
        const result = await sendDueEmails({ stores, mailer: picky, now: T0, settings, onRefused: (d) => refusals.push(d.to) });
        // Assert
        expect(result).toMatchObject({ sent: 2, refused: 1, errors: 0 });
        expect(mail.sent.map((e) => e.to).sort()).toEqual([focalPoint('BRA'), focalPoint('JAM')].sort());
        expect(refusals).toEqual([focalPoint('DMA')]);
      });

      it('retries a transient provider failure at once, and stops taking work when its time runs out', async () => {
        // Arrange
        await newCycle({ states: ['JAM', 'BRA'] });
        const mail = recordingMailer();
        let failures = 0;
        const flaky = {
          send: async (email: Parameters<typeof mail.mailer.send>[0]) => {
            if (failures++ < 2)
              throw Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } });
            return mail.mailer.send(email);
          },
        };
        // Act
        const flakyRun = await sendDueEmails({ stores, mailer: flaky, now: T0, settings: { ...settings, concurrency: 1 } });
        await newCycle({ states: ['MEX'] });
        const shortRun = await sendDueEmails({ stores, mailer: mail.mailer, now: T0, settings: { ...settings, timeLeftMs: () => 5_000 } });
        // Assert
        expect(flakyRun).toMatchObject({ sent: 2, refused: 0 });
        expect(shortRun).toMatchObject({ stoppedEarly: true, sent: 0 });
        expect(mail.sent).toHaveLength(2);
      });

      it('skips a state with no address, and invites it an hour later once the register has one', async () => {
        // Arrange
        const jamaica = (await stores.states.getState('JAM'))!;
        await stores.states.putState({ ...jamaica, focalPoints: [] });
        const cycle = await newCycle({ states: ['JAM'] });
        const mail = recordingMailer();
        // Act
        const first = await run(T0, mail.mailer);
        const afterFirst = await assignmentOf(cycle.id, 'JAM');
        await stores.states.putState(jamaica);
        await run(addDays(T0, 1 / 48), mail.mailer);
        const notYet = mail.sent.length;
        await run(addDays(T0, 1 / 24), mail.mailer);
        // Assert
        expect(first.skipped).toBe(1);
        expect(afterFirst.lastEmail).toMatchObject({ kind: 'invitation', result: 'no_address' });
        expect(afterFirst.nextReminderAt).toBe(addDays(T0, 1 / 24));
        expect(notYet).toBe(0);
        expect(mail.sent.map((e) => [e.to, e.context.kind])).toEqual([[focalPoint('JAM'), 'invitation']]);
      });

      it('sends every other due email when one assignment fails, and the failed one with the next run', async () => {
        // Arrange
        const codes = ['ATG', 'BHS', 'BRB', 'BLZ', 'DMA'];
        const cycle = await newCycle({ states: codes });
        const mail = recordingMailer();
        const failing: Stores = {
          ...stores,
          assignments: {
            ...stores.assignments,
            getAssignment: async (cycleId, code) => {
              if (code === 'BRB') throw new Error('item too large');
              return stores.assignments.getAssignment(cycleId, code);
            },
          },
        };
        // Act
        const first = await sendDueEmails({ stores: failing, mailer: mail.mailer, now: T0, settings });
        const firstRecipients = mail.sent.map((e) => e.to).sort();
        const second = await run(T0, mail.mailer);
        // Assert
        expect(first.errors).toBe(1);
        expect(firstRecipients).toEqual(
          codes
            .filter((c) => c !== 'BRB')
            .map(focalPoint)
            .sort(),
        );
        expect(second).toMatchObject({ errors: 0, sent: 1 });
        expect(mail.perRecipient()).toEqual(Object.fromEntries(codes.map((c) => [focalPoint(c), 1])));
        expect((await cycleStatus(stores, cycle.id, T0)).states.every((s) => s.lastEmail?.result === 'sent')).toBe(true);
      });
    });

    describe("the secretariat's actions on an assignment", () => {
      it('an extension sends a notice at once, then reminders against the new deadline only, and resolves the pending request', async () => {
        // Arrange
        const plan = { daysBefore: [7], overdueEveryDays: 7, maxOverdue: 0 };
        const { cycle } = await invitedCycle(['JAM', 'BRA'], { reminders: plan });
        const newDeadline = addDays(cycle.deadline, 20);
        await requestExtension(
          { cycleId: cycle.id, stateCode: 'JAM' },
          { proposedDeadline: newDeadline, reason: 'elections' },
          { stores, now: addDays(T0, 10) },
        );
        const mail = recordingMailer();
        const grantedAt = addDays(T0, 19);
        // Act
        await grantExtension(
          stores,
          cycle.id,
          'JAM',
          { deadline: newDeadline, reason: 'elections' },
          { actor: 'ana@oas.org', now: grantedAt },
        );
        await run(grantedAt, mail.mailer);
        await run(addDays(cycle.deadline, -7), mail.mailer);
        await run(addDays(newDeadline, -7), mail.mailer);
        // Assert
        expect(mail.to(focalPoint('JAM')).map((e) => [e.context.kind, e.context.deadline])).toEqual([
          ['extension', newDeadline],
          ['reminder', newDeadline],
        ]);
        expect(mail.to(focalPoint('JAM'))[0]!.context.previousDeadline).toBe(cycle.deadline);
        expect(mail.to(focalPoint('BRA')).map((e) => [e.context.kind, e.context.deadline])).toEqual([['reminder', cycle.deadline]]);
        const jam = (await cycleStatus(stores, cycle.id, grantedAt)).states.find((s) => s.code === 'JAM')!;
        expect(jam).toMatchObject({ deadline: newDeadline, extensionRequest: null });
        expect(jam.extensions).toEqual([
          { from: cycle.deadline, deadline: newDeadline, reason: 'elections', grantedAt, grantedBy: 'ana@oas.org' },
        ]);
        expect(await actionsOf(cycle.id)).toContain('assignment.extension_granted');
      });

      it('refuses an extension that does not move the deadline later', async () => {
        // Arrange
        const { cycle } = await invitedCycle(['JAM']);
        // Act
        await domainError(
          grantExtension(stores, cycle.id, 'JAM', { deadline: addDays(cycle.deadline, -1) }, { actor: 'sec', now: T0 }),
          'invalid',
          'invalid_deadline',
        );
        // Assert
        expect((await assignmentOf(cycle.id, 'JAM')).deadline).toBe(cycle.deadline);
      });

      it('answers not found for an assignment that does not exist', async () => {
        // Arrange
        const { cycle } = await invitedCycle(['JAM']);
        // Act / Assert
        await domainError(remindNow(stores, cycle.id, 'BRA', { actor: 'sec', now: T0 }), 'not_found');
        await domainError(remindNow(stores, 'no-such-cycle', 'JAM', { actor: 'sec', now: T0 }), 'not_found');
      });

      it('a reminder asked for goes out with the next run, once, even when asked twice', async () => {
        // Arrange
        const { cycle } = await invitedCycle(['BRA']);
        const mail = recordingMailer();
        const askedAt = addDays(T0, 2);
        // Act
        await remindNow(stores, cycle.id, 'BRA', { actor: 'sec', now: askedAt });
        await remindNow(stores, cycle.id, 'BRA', { actor: 'sec', now: addDays(askedAt, 0.001) });
        await run(addDays(askedAt, 0.01), mail.mailer);
        await run(addDays(askedAt, 0.02), mail.mailer);
        // Assert
        expect(mail.sent.map((e) => [e.context.kind, e.context.language])).toEqual([['reminder', 'pt']]);
        expect(tokenOf(mail.sent[0])).toBeDefined();
        expect((await actionsOf(cycle.id)).filter((a) => a === 'assignment.reminder_requested')).toHaveLength(2);
      });

      it('refuses a reminder to a state that submitted, and to one whose link is revoked', async () => {
        // Arrange
        const { cycle } = await invitedCycle(['BRA', 'MEX']);
        await submitReport({ cycleId: cycle.id, stateCode: 'BRA' }, { stores, now: addDays(T0, 1) });
        await revokeLink(stores, cycle.id, 'MEX', { actor: 'sec', now: addDays(T0, 1) });
        // Act / Assert
        await domainError(remindNow(stores, cycle.id, 'BRA', { actor: 'sec', now: addDays(T0, 2) }), 'conflict', 'already_submitted');
        await domainError(remindNow(stores, cycle.id, 'MEX', { actor: 'sec', now: addDays(T0, 2) }), 'conflict', 'link_revoked');
      });

      it('stops the emails when a state submits, and resumes them when the secretariat reopens the report, telling the state', async () => {
        // Arrange
        const { cycle } = await invitedCycle(['MEX']);
        const mail = recordingMailer();
        await submitReport({ cycleId: cycle.id, stateCode: 'MEX' }, { stores, now: addDays(T0, 1) });
        await run(addDays(T0, 1), mail.mailer);
        await run(addDays(cycle.deadline, -7), mail.mailer);
        await run(addDays(cycle.deadline, 8), mail.mailer);
        const whileSubmitted = mail.sent.map((e) => e.context.kind);
        // Act
        await reopen(stores, cycle.id, 'MEX', { actor: 'sec', now: addDays(cycle.deadline, 9) });
        await run(addDays(cycle.deadline, 14), mail.mailer);
        // Assert
        expect(whileSubmitted).toEqual(['receipt']);
        expect(mail.sent.map((e) => [e.context.kind, e.context.language])).toEqual([
          ['receipt', 'es'],
          ['reopened', 'es'],
          ['overdue', 'es'],
        ]);
        expect(await assignmentOf(cycle.id, 'MEX')).toMatchObject({ status: 'in_progress' });
        expect((await assignmentOf(cycle.id, 'MEX')).submittedAt).toBeUndefined();
        await domainError(reopen(stores, cycle.id, 'MEX', { actor: 'sec', now: addDays(cycle.deadline, 15) }), 'conflict', 'not_submitted');
      });

      it('a revoked link no longer opens and pauses the emails; a rotation sends a new invitation with a new link', async () => {
        // Arrange
        const { cycle, tokens } = await invitedCycle(['BRA']);
        const opened = await openLink(tokens.BRA!, linkContext(addDays(T0, 1)));
        const mail = recordingMailer();
        // Act
        await revokeLink(stores, cycle.id, 'BRA', { actor: 'sec', now: addDays(T0, 3) });
        const afterRevoke = await openLink(tokens.BRA!, linkContext(addDays(T0, 3)));
        const sessionAfterRevoke = await resolveSession(opened.sessionId, { stores, now: addDays(T0, 1.1) });
        await run(addDays(cycle.deadline, -7), mail.mailer);
        const whileRevoked = mail.sent.length;
        await rotateLink(stores, cycle.id, 'BRA', { actor: 'sec', now: addDays(T0, 34) });
        await run(addDays(T0, 34), mail.mailer);
        // Assert
        expect(opened.ok).toBe(true);
        expect(afterRevoke).toMatchObject({ ok: false, problem: 'revoked', language: 'pt' });
        expect(sessionAfterRevoke).toBeUndefined();
        expect(whileRevoked).toBe(0);
        expect(mail.sent.map((e) => e.context.kind)).toEqual(['invitation']);
        const newToken = tokenOf(mail.sent[0])!;
        expect(newToken).not.toBe(tokens.BRA);
        const assignment = await assignmentOf(cycle.id, 'BRA');
        expect(assignment).toMatchObject({ linkRevoked: false, linkEpoch: 3 });
        expect((await stores.outbox.getToken(hashToken(newToken)))!.linkEpoch).toBe(3);
        expect((await openLink(tokens.BRA!, linkContext(addDays(T0, 35)))).problem).toBe('revoked');
        expect((await openLink(newToken, linkContext(addDays(T0, 35)))).ok).toBe(true);
        expect(await actionsOf(cycle.id)).toEqual(expect.arrayContaining(['assignment.link_revoked', 'assignment.link_rotated']));
      });
    });

    describe('answering', () => {
      const answer = (status: 'in_progress' | 'fully_implemented' | null, version: number, narrative = 'Measures taken') => ({
        status,
        narrative,
        version,
      });

      it('opens the link of an invitation: a session for that assignment, and the assignment marked opened once', async () => {
        // Arrange
        const { cycle, tokens } = await invitedCycle(['HTI']);
        const firstAt = addDays(T0, 1);
        // Act
        const first = await openLink(tokens.HTI!, linkContext(firstAt));
        const second = await openLink(tokens.HTI!, linkContext(addDays(T0, 2)));
        // Assert
        expect(first).toMatchObject({ ok: true, cycleId: cycle.id, stateCode: 'HTI', language: 'fr' });
        expect(second.ok).toBe(true);
        expect(await resolveSession(first.sessionId, { stores, now: addDays(firstAt, 0.1) })).toEqual({
          cycleId: cycle.id,
          stateCode: 'HTI',
        });
        expect(await stores.sessions.getSession(first.sessionId!)).toBeUndefined();
        expect(await stores.sessions.getSession(hashToken(first.sessionId!))).toMatchObject({
          cycleId: cycle.id,
          stateCode: 'HTI',
          linkEpoch: 1,
        });
        expect(await assignmentOf(cycle.id, 'HTI')).toMatchObject({ status: 'opened', firstOpenedAt: firstAt });
        expect((await actionsOf(cycle.id)).filter((a) => a === 'assignment.opened')).toHaveLength(1);
      });

      it("saves a new answer at version 0, counts it as answered and moves the assignment's version", async () => {
        // Arrange
        const cycle = await newCycle({ states: ['JAM'] });
        const session = { cycleId: cycle.id, stateCode: 'JAM' };
        const mandateId = cycle.mandateIds[0]!;
        const before = await assignmentOf(cycle.id, 'JAM');
        const savedAt = addDays(T0, 1);
        // Act
        const saved = await saveAnswer(session, mandateId, answer('in_progress', 0), { stores, now: savedAt });
        // Assert
        expect(saved).toMatchObject({ mandateId, status: 'in_progress', version: 1, updatedAt: savedAt });
        expect(await stores.answers.getAnswer(cycle.id, 'JAM', mandateId)).toEqual(saved);
        expect(await assignmentOf(cycle.id, 'JAM')).toMatchObject({ answeredCount: 1, status: 'in_progress', version: before.version + 1 });
      });

      it('refuses a save over a version that is not the stored one with a conflict carrying the current answer, overwriting nothing', async () => {
        // Arrange
        const cycle = await newCycle({ states: ['JAM'] });
        const session = { cycleId: cycle.id, stateCode: 'JAM' };
        const mandateId = cycle.mandateIds[0]!;
        const first = await saveAnswer(session, mandateId, answer('in_progress', 0, 'first'), { stores, now: addDays(T0, 1) });
        // Act
        const stale = await domainError(
          saveAnswer(session, mandateId, answer('fully_implemented', 0, 'second'), { stores, now: addDays(T0, 2) }),
          'conflict',
          'version_conflict',
        );
        const ahead = await domainError(
          saveAnswer(session, mandateId, answer('fully_implemented', 5, 'third'), { stores, now: addDays(T0, 2) }),
          'conflict',
          'version_conflict',
        );
        // Assert
        expect(stale.details).toEqual({ current: first });
        expect(ahead.details).toEqual({ current: first });
        expect(await stores.answers.getAnswer(cycle.id, 'JAM', mandateId)).toEqual(first);
        expect((await assignmentOf(cycle.id, 'JAM')).answeredCount).toBe(1);
      });

      it('lets one of two first saves of the same answer win, and answers the other with a conflict', async () => {
        // Arrange
        const cycle = await newCycle({ states: ['JAM'] });
        const session = { cycleId: cycle.id, stateCode: 'JAM' };
        const mandateId = cycle.mandateIds[1]!;
        // Act
        const outcomes = await Promise.allSettled([
          saveAnswer(session, mandateId, answer('in_progress', 0, 'from the ministry'), { stores, now: addDays(T0, 1) }),
          saveAnswer(session, mandateId, answer('fully_implemented', 0, 'from the coordinator'), { stores, now: addDays(T0, 1) }),
        ]);
        // Assert
        const saved = outcomes.filter((o) => o.status === 'fulfilled');
        const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(saved).toHaveLength(1);
        expect(refused).toHaveLength(1);
        expect(refused[0]!.reason).toMatchObject({ kind: 'conflict', code: 'version_conflict' });
        const stored = await stores.answers.getAnswer(cycle.id, 'JAM', mandateId);
        expect(stored).toEqual((saved[0] as PromiseFulfilledResult<unknown>).value);
        expect(refused[0]!.reason.details).toEqual({ current: stored });
        expect((await assignmentOf(cycle.id, 'JAM')).answeredCount).toBe(1);
      });

      it('counts every answer when several mandates of one state are saved at the same time', async () => {
        // Arrange
        const cycle = await newCycle({ states: ['JAM'] });
        const session = { cycleId: cycle.id, stateCode: 'JAM' };
        const before = await assignmentOf(cycle.id, 'JAM');
        const ids = cycle.mandateIds.slice(0, 6);
        // Act
        const saved = await Promise.all(
          ids.map((id) => saveAnswer(session, id, answer('in_progress', 0), { stores, now: addDays(T0, 1) })),
        );
        // Assert
        expect(saved.map((a) => a.version)).toEqual(ids.map(() => 1));
        expect(await assignmentOf(cycle.id, 'JAM')).toMatchObject({ answeredCount: 6, version: before.version + 6 });
        expect(await stores.answers.listAnswers(cycle.id, 'JAM')).toHaveLength(6);
      });

      it('uncounts an answer whose status is cleared', async () => {
        // Arrange
        const cycle = await newCycle({ states: ['JAM'] });
        const session = { cycleId: cycle.id, stateCode: 'JAM' };
        await saveAnswer(session, cycle.mandateIds[0]!, answer('in_progress', 0), { stores, now: addDays(T0, 1) });
        await saveAnswer(session, cycle.mandateIds[1]!, answer('fully_implemented', 0), { stores, now: addDays(T0, 1) });
        // Act
        await saveAnswer(session, cycle.mandateIds[0]!, answer(null, 1, 'draft'), { stores, now: addDays(T0, 2) });
        // Assert
        expect((await assignmentOf(cycle.id, 'JAM')).answeredCount).toBe(1);
        expect((await stores.answers.listAnswers(cycle.id, 'JAM')).map((a) => [a.mandateId, a.status, a.version])).toEqual(
          [
            [cycle.mandateIds[0], null, 2],
            [cycle.mandateIds[1], 'fully_implemented', 1],
          ].sort((a, b) => Buffer.compare(Buffer.from(a[0] as string), Buffer.from(b[0] as string))),
        );
      });

      it('refuses an answer to a mandate that is not part of the cycle', async () => {
        // Arrange
        const outside = answerable.at(-1)!.id;
        const cycle = await newCycle({ states: ['JAM'], mandates: { ids: [answerable[0]!.id] } });
        // Act
        await domainError(
          saveAnswer({ cycleId: cycle.id, stateCode: 'JAM' }, outside, answer('in_progress', 0), { stores, now: addDays(T0, 1) }),
          'not_found',
        );
        // Assert
        expect(await stores.answers.listAnswers(cycle.id, 'JAM')).toEqual([]);
      });

      it('submits with a receipt hash of the stored answers, after which no answer can be saved', async () => {
        // Arrange
        const cycle = await newCycle({ states: ['JAM'] });
        const session = { cycleId: cycle.id, stateCode: 'JAM' };
        await saveAnswer(session, cycle.mandateIds[0]!, answer('fully_implemented', 0), { stores, now: addDays(T0, 1) });
        await saveAnswer(session, cycle.mandateIds[1]!, answer(null, 0, 'not yet'), { stores, now: addDays(T0, 1) });
        const submittedAt = addDays(T0, 2);
        // Act
        const receipt = await submitReport(session, { stores, now: submittedAt });
        // Assert
        const stored = await stores.answers.listAnswers(cycle.id, 'JAM');
        expect(receipt).toEqual({
          submittedAt,
          contentHash: receiptHash(cycle.id, 'JAM', stored),
          answered: 1,
          status: 'submitted',
          round: 1,
        });
        expect(await assignmentOf(cycle.id, 'JAM')).toMatchObject({ status: 'submitted', submittedAt, contentHash: receipt.contentHash });
        await domainError(
          saveAnswer(session, cycle.mandateIds[1]!, answer('in_progress', 1), { stores, now: addDays(T0, 3) }),
          'conflict',
          'already_submitted',
        );
        await domainError(
          saveAnswer(session, cycle.mandateIds[2]!, answer('in_progress', 0), { stores, now: addDays(T0, 3) }),
          'conflict',
          'already_submitted',
        );
        expect(await stores.answers.listAnswers(cycle.id, 'JAM')).toEqual(stored);
        await domainError(submitReport(session, { stores, now: addDays(T0, 3) }), 'conflict', 'already_submitted');
        const submitted = (await auditTrail(stores, cycle.id)).find((e) => e.action === 'assignment.submitted')!;
        expect(submitted).toMatchObject({ actor: 'JAM', stateCode: 'JAM', details: { contentHash: receipt.contentHash, answers: 2 } });
      });

      it('gives a receipt hash that matches the stored answers even when saves race the submission', async () => {
        for (let round = 0; round < 3; round += 1) {
          // Arrange
          const cycle = await newCycle({ states: ['KNA'] });
          const session = { cycleId: cycle.id, stateCode: 'KNA' };
          // Act
          const saves = cycle.mandateIds
            .slice(0, 6)
            .map((id, n) =>
              saveAnswer(session, id, answer('in_progress', 0, `round ${round} answer ${n}`), { stores, now: addDays(T0, 1) }).catch(
                () => undefined,
              ),
            );
          const receipt = await submitReport(session, { stores, now: addDays(T0, 1) });
          await Promise.all(saves);
          // Assert
          const stored = await stores.answers.listAnswers(cycle.id, 'KNA');
          expect(receipt.contentHash).toBe(receiptHash(cycle.id, 'KNA', stored));
          expect((await assignmentOf(cycle.id, 'KNA')).contentHash).toBe(receipt.contentHash);
        }
      });

      it('keeps one pending extension request, the latest, with every request in the audit trail', async () => {
        // Arrange
        const cycle = await newCycle({ states: ['GRD'] });
        const session = { cycleId: cycle.id, stateCode: 'GRD' };
        // Act
        for (let i = 1; i <= 5; i += 1) {
          await requestExtension(
            session,
            { proposedDeadline: addDays(cycle.deadline, i), reason: `reason ${i}` },
            { stores, now: addDays(T0, i) },
          );
        }
        // Assert
        const line = (await cycleStatus(stores, cycle.id, addDays(T0, 6))).states[0]!;
        expect(line.extensionRequest).toEqual({
          proposedDeadline: addDays(cycle.deadline, 5),
          reason: 'reason 5',
          requestedAt: addDays(T0, 5),
        });
        const requests = (await auditTrail(stores, cycle.id)).filter((e) => e.action === 'assignment.extension_requested');
        expect(requests.map((e) => (e.details as { reason: string }).reason)).toEqual([
          'reason 5',
          'reason 4',
          'reason 3',
          'reason 2',
          'reason 1',
        ]);
      });

      it('refuses an extension request that does not move the deadline later, or that comes after the submission', async () => {
        // Arrange
        const cycle = await newCycle({ states: ['GRD'] });
        const session = { cycleId: cycle.id, stateCode: 'GRD' };
        // Act / Assert
        await domainError(
          requestExtension(session, { proposedDeadline: cycle.deadline, reason: 'no' }, { stores, now: addDays(T0, 1) }),
          'invalid',
          'invalid_deadline',
        );
        await submitReport(session, { stores, now: addDays(T0, 2) });
        await domainError(
          requestExtension(session, { proposedDeadline: addDays(cycle.deadline, 3), reason: 'late' }, { stores, now: addDays(T0, 3) }),
          'conflict',
          'already_submitted',
        );
        expect((await assignmentOf(cycle.id, 'GRD')).extensionRequest).toBeUndefined();
      });
    });

    describe('links, sessions and attempts', () => {
      it('counts failed link attempts per client: past the limit, rate limited with a retry time, while a valid link still opens', async () => {
        // Arrange
        const { tokens } = await invitedCycle(['DOM']);
        const now = '2027-03-02T10:01:00.000Z';
        // Act
        const failures = [];
        for (let i = 0; i < 4; i += 1) failures.push(await openLink(badToken(), linkContext(now, 'office-a', 3)));
        const garbage = await openLink('not a token', linkContext(now, 'office-b', 3));
        const valid = await openLink(tokens.DOM!, linkContext(now, 'office-a', 3));
        // Assert
        expect(failures.map((f) => f.problem)).toEqual(['unknown', 'unknown', 'unknown', 'rate_limited']);
        expect(failures[3]!.retryAfterSeconds).toBe(14 * 60);
        expect(garbage).toEqual({ ok: false, problem: 'unknown' });
        expect(valid.ok).toBe(true);
      });

      it('holds the limit under a parallel burst: exactly the limit get a reason, the rest are rate limited', async () => {
        // Arrange
        const now = '2027-03-02T10:00:00.000Z';
        // Act
        const results = await Promise.all(Array.from({ length: 12 }, () => openLink(badToken(), linkContext(now, 'burst', 4))));
        // Assert
        expect(results.filter((r) => r.problem === 'unknown')).toHaveLength(4);
        expect(results.filter((r) => r.problem === 'rate_limited')).toHaveLength(8);
      });

      it("weighs in the previous window's failures by the share of it still within the last 15 minutes", async () => {
        // Arrange: three failures at the end of one window (the limit is 3)
        for (let i = 0; i < 3; i += 1) await openLink(badToken(), linkContext('2027-03-02T10:14:00.000Z', 'sliding', 3));
        // Act
        const justAfter = await openLink(badToken(), linkContext('2027-03-02T10:16:00.000Z', 'sliding', 3));
        const muchLater = await openLink(badToken(), linkContext('2027-03-02T10:44:00.000Z', 'sliding', 3));
        // Assert: 1 + 3 × 14/15 > 3, then 1 + 1 × 1/15 ≤ 3
        expect(justAfter.problem).toBe('rate_limited');
        expect(muchLater.problem).toBe('unknown');
      });

      it('refuses a link more than 90 days after the deadline as expired', async () => {
        // Arrange
        const { cycle, tokens } = await invitedCycle(['JAM']);
        // Act
        const expired = await openLink(tokens.JAM!, linkContext(addDays(cycle.deadline, 91)));
        const stillValid = await openLink(tokens.JAM!, linkContext(addDays(cycle.deadline, 89)));
        // Assert
        expect(expired).toMatchObject({ ok: false, problem: 'expired', language: 'en' });
        expect(stillValid.ok).toBe(true);
      });

      it('ends a session at its expiry, and when the link is rotated', async () => {
        // Arrange
        const { cycle, tokens } = await invitedCycle(['JAM']);
        const openedAt = addDays(T0, 1);
        const { sessionId } = await openLink(tokens.JAM!, linkContext(openedAt));
        // Act
        const during = await resolveSession(sessionId, { stores, now: addDays(openedAt, 0.4) });
        const after = await resolveSession(sessionId, { stores, now: addDays(openedAt, 0.6) });
        await rotateLink(stores, cycle.id, 'JAM', { actor: 'sec', now: addDays(openedAt, 0.1) });
        const afterRotation = await resolveSession(sessionId, { stores, now: addDays(openedAt, 0.2) });
        // Assert
        expect(during).toEqual({ cycleId: cycle.id, stateCode: 'JAM' });
        expect(after).toBeUndefined();
        expect(afterRotation).toBeUndefined();
        expect(await resolveSession(undefined, { stores, now: openedAt })).toBeUndefined();
        expect(await resolveSession(badToken(), { stores, now: openedAt })).toBeUndefined();
      });
    });

    describe('bounces and complaints', () => {
      const bounce = (cycleId: string, code: string, bounceType: string, address: string) => ({
        eventType: 'Bounce',
        bounce: { bounceType, bouncedRecipients: [{ emailAddress: address }] },
        mail: { messageId: 'message-1', tags: { cycle: [cycleId], state: [code], kind: ['invitation'] } },
      });

      it('a permanent bounce marks the address in the register and on the assignment, and no more mail goes to it', async () => {
        // Arrange
        const { cycle } = await invitedCycle(['GUY']);
        const mail = recordingMailer();
        const at = addDays(T0, 0.05);
        // Act
        const result = await handleSesEvent(bounce(cycle.id, 'GUY', 'Permanent', focalPoint('GUY')), { stores, now: at });
        await run(addDays(cycle.deadline, -7), mail.mailer);
        // Assert
        expect(result.blocked).toEqual([focalPoint('GUY')]);
        expect(await stores.states.getState('GUY')).toMatchObject({ bouncedAddresses: [focalPoint('GUY')], updatedAt: at });
        const line = (await cycleStatus(stores, cycle.id, at)).states[0]!;
        expect(line.emailHealth).toEqual({ undeliverable: [focalPoint('GUY')] });
        expect(mail.sent).toEqual([]);
        expect((await assignmentOf(cycle.id, 'GUY')).lastEmail).toMatchObject({ kind: 'reminder', result: 'no_address' });
        expect(await actionsOf(cycle.id)).toContain('email.bounced');
      });

      it('a complaint blocks the address like a permanent bounce, whatever its form', async () => {
        // Arrange
        const { cycle } = await invitedCycle(['JAM']);
        // Act
        const result = await handleSesEvent(
          {
            notificationType: 'Complaint',
            complaint: { complainedRecipients: [{ emailAddress: `Focal Point <${focalPoint('JAM').toUpperCase()}>` }] },
            mail: { tags: { cycle: [cycle.id], state: ['JAM'] } },
          },
          { stores, now: addDays(T0, 1) },
        );
        // Assert
        expect(result.blocked).toEqual([focalPoint('JAM')]);
        expect((await stores.states.getState('JAM'))!.bouncedAddresses).toEqual([focalPoint('JAM')]);
        expect((await assignmentOf(cycle.id, 'JAM')).undeliverable).toEqual([focalPoint('JAM')]);
        expect(await actionsOf(cycle.id)).toContain('email.complaint');
      });

      it('a transient bounce is only recorded in the audit trail', async () => {
        // Arrange
        const { cycle } = await invitedCycle(['JAM']);
        // Act
        const result = await handleSesEvent(bounce(cycle.id, 'JAM', 'Transient', focalPoint('JAM')), { stores, now: addDays(T0, 1) });
        // Assert
        expect(result.blocked).toEqual([]);
        expect((await stores.states.getState('JAM'))!.bouncedAddresses ?? []).toEqual([]);
        expect((await assignmentOf(cycle.id, 'JAM')).undeliverable).toEqual([]);
        expect((await auditTrail(stores, cycle.id))[0]).toMatchObject({
          action: 'email.bounced_transient',
          actor: 'ses',
          stateCode: 'JAM',
          details: { addresses: [focalPoint('JAM')] },
        });
      });

      it('still blocks the address when the email belonged to no known assignment', async () => {
        // Act
        const result = await handleSesEvent(bounce('no-such-cycle', 'JAM', 'Permanent', focalPoint('JAM')), { stores, now: T0 });
        // Assert
        expect(result.blocked).toEqual([focalPoint('JAM')]);
        expect((await stores.states.getState('JAM'))!.bouncedAddresses).toEqual([focalPoint('JAM')]);
      });
    });

    describe('what the secretariat reads', () => {
      it('pages the audit trail newest first, every entry once, with a cursor', async () => {
        // Arrange
        const { cycle } = await invitedCycle(['JAM']);
        await remindNow(stores, cycle.id, 'JAM', { actor: 'sec', now: addDays(T0, 1) });
        // Act
        const first = await auditPage(stores, cycle.id, { limit: 2 });
        const rest = await auditPage(stores, cycle.id, { limit: 10, cursor: first.cursor });
        // Assert
        expect(first.entries.map((e) => e.action)).toEqual(['assignment.reminder_requested', 'email.sent']);
        expect(first.cursor).toEqual(expect.any(String));
        expect(rest.entries.map((e) => e.action)).toEqual(['cycle.opened', 'cycle.created']);
        expect(rest.cursor).toBeUndefined();
        expect((await auditTrail(stores, cycle.id, 1)).map((e) => e.action)).toEqual(
          [...first.entries, ...rest.entries].map((e) => e.action),
        );
      });

      it("refuses a cursor that is not one of this trail's, and a cycle that does not exist", async () => {
        // Arrange
        const one = await newCycle({ states: ['JAM'] });
        const other = await newCycle({ states: ['JAM'] });
        const page = await auditPage(stores, one.id, { limit: 1 });
        // Act / Assert
        await domainError(auditPage(stores, other.id, { limit: 1, cursor: page.cursor }), 'invalid', 'invalid_cursor');
        await domainError(auditPage(stores, one.id, { limit: 1, cursor: 'bogus' }), 'invalid', 'invalid_cursor');
        await domainError(auditPage(stores, 'no-such-cycle', { limit: 1 }), 'not_found');
      });

      it('shows a line per state sorted by name, the totals by status, and late states once the deadline has passed', async () => {
        // Arrange: Brazil submits, Haiti opens its link, Mexico answers, Jamaica does nothing
        const { cycle, tokens } = await invitedCycle(['JAM', 'BRA', 'HTI', 'MEX']);
        await submitReport({ cycleId: cycle.id, stateCode: 'BRA' }, { stores, now: addDays(T0, 1) });
        await openLink(tokens.HTI!, linkContext(addDays(T0, 1)));
        await saveAnswer(
          { cycleId: cycle.id, stateCode: 'MEX' },
          cycle.mandateIds[0]!,
          { status: 'in_progress', version: 0 },
          { stores, now: addDays(T0, 1) },
        );
        // Act
        const during = await cycleStatus(stores, cycle.id, addDays(T0, 2));
        const after = await cycleStatus(stores, cycle.id, addDays(cycle.deadline, 1));
        // Assert
        expect(during.cycle).toMatchObject({ id: cycle.id, status: 'open', title: cycle.title });
        expect(during.states.map((s) => [s.name, s.status])).toEqual([
          ['Brazil', 'submitted'],
          ['Haiti', 'opened'],
          ['Jamaica', 'invited'],
          ['Mexico', 'in_progress'],
        ]);
        expect(during.totals).toEqual({ pending: 0, invited: 1, opened: 1, in_progress: 1, submitted: 1, late: 0 });
        expect(during.states.find((s) => s.code === 'MEX')).toMatchObject({
          answered: 1,
          total: answerable.length,
          emailsSent: 1,
          remindersSent: 0,
          submittedAt: null,
        });
        expect(during.states.find((s) => s.code === 'BRA')!.submittedAt).toBe(addDays(T0, 1));
        expect(after.totals).toEqual({ pending: 0, invited: 0, opened: 0, in_progress: 0, submitted: 1, late: 3 });
      });

      it('answers not found for the status of a cycle that does not exist', async () => {
        // Act / Assert
        await domainError(cycleStatus(stores, 'no-such-cycle', T0), 'not_found');
      });
    });
  });
}
