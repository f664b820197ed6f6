/**
 * Many hands on one report, through the store interfaces only: contributors, the secretariat's review
 * loop, comment threads, answers carried from cycle to cycle, history. Runs on the in-memory stores
 * (tests/unit/team-memory.test.ts) and on DynamoDB Local (tests/integration/team-dynamo.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { summits } from '../../seeds/registry';
import type { ImplementationStatus } from '../../shared/domain/answers';
import { addDays } from '../../shared/domain/reminders';
import type { Stores, StoredMandate } from '../../shared/store/ports';
import { createCycle, cycleStatus, reopen } from '../../shared/usecases/cycles';
import { buildReport, reportSource, responseOfStatus } from '../../shared/usecases/reports';
import { openLink, portalView, resolveSession, saveAnswer, submitReport, type StateSession } from '../../shared/usecases/respond';
import { sendDueEmails } from '../../shared/usecases/send-reminders';
import { addComment, addContributor, listContributors, removeContributor, reviewReport } from '../../shared/usecases/team';
import { linkMandates } from '../../shared/usecases/lineage';
import { changesSincePrevious } from '../../shared/usecases/changes';
import type { TeamEmailContext } from '../../shared/usecases/view-models';
import { auditTrail, domainError, focalPoint, recordingMailer, settings, tokenOf } from './fakes';

const T0 = '2027-03-01T09:00:00.000Z';
const at = (days: number) => addDays(T0, days);
const MINISTRY = 'ana.perez@sante.gouv.ht.example.org';

export function describeTeamUseCases(name: string, makeStores: () => Promise<Stores>) {
  describe(`many hands on one report, on ${name} stores`, () => {
    let stores: Stores;
    let answerable: StoredMandate[];

    beforeEach(async () => {
      stores = await makeStores();
      answerable = (await stores.mandates.listMandates()).filter((m) => !m.chapeau);
    });

    const run = async (now: string) => {
      const mail = recordingMailer();
      await sendDueEmails({ stores, mailer: mail.mailer, now, settings });
      return mail;
    };

    /** Haiti's coordinator signed in through the invitation of a new cycle over the first `count` mandates. */
    async function haitiCycle(count = 4, opensAt = T0) {
      const ids = answerable.slice(0, count).map((m) => m.id);
      const { cycle } = await createCycle(
        { title: `Cycle ${randomBytes(3).toString('hex')}`, opensAt, deadline: addDays(opensAt, 40), states: ['HTI'], mandates: { ids } },
        { stores, summits, actor: 'secretariat', now: opensAt },
      );
      const mail = await run(opensAt);
      const invitation = mail.to(focalPoint('HTI')).find((e) => e.tags.cycle === cycle.id && e.context.kind === 'invitation');
      const opened = await openLink(tokenOf(invitation)!, { stores, now: opensAt, client: 'c', maxFailures: 5 });
      const coordinator = (await resolveSession(opened.sessionId, { stores, now: opensAt }))!;
      return { cycle, ids, coordinator };
    }

    const answer = (status: ImplementationStatus = 'in_progress', narrative = 'Une loi a été adoptée.') => ({
      status,
      narrative,
      version: 0,
    });

    async function contributorSession(now: string) {
      const mail = await run(now);
      const invitation = mail.to(MINISTRY)[0];
      const opened = await openLink(tokenOf(invitation)!, { stores, now, client: 'c', maxFailures: 5 });
      return { invitation, session: (await resolveSession(opened.sessionId, { stores, now }))! };
    }

    it('a contributor gets their own invitation in the state’s language, saves their own mandates only, and cannot submit or add people', async () => {
      // Arrange
      const { cycle, ids, coordinator } = await haitiCycle();
      // Act
      const added = await addContributor(
        coordinator,
        { name: 'Ana Pérez', email: MINISTRY, institution: 'Ministère de la Santé', mandates: ids.slice(0, 2) },
        { stores, now: at(1) },
      );
      const { invitation, session } = await contributorSession(at(1));
      // Assert: a French invitation with a link of their own
      const context = invitation!.context as unknown as TeamEmailContext;
      expect(context).toMatchObject({ kind: 'contributor_invitation', language: 'fr', contributor: { name: 'Ana Pérez', mandates: 2 } });
      expect(session.contributor).toMatchObject({ id: added.id, name: 'Ana Pérez', mandates: ids.slice(0, 2) });
      const saved = await saveAnswer(session, ids[0]!, answer(), { stores, now: at(2) });
      expect(saved.updatedBy).toBe('HTI: Ana Pérez');
      await domainError(saveAnswer(session, ids[2]!, answer(), { stores, now: at(2) }), 'forbidden', 'not_your_mandate');
      await domainError(submitReport(session, { stores, now: at(2) }), 'forbidden', 'coordinator_only');
      await domainError(
        addContributor(session, { name: 'X', email: 'x@y.example.org', mandates: [ids[0]!] }, { stores, now: at(2) }),
        'forbidden',
      );
      // The contributor sees the whole report, read-only outside their mandates
      const view = await portalView(session, { stores, summits });
      expect(view.items.map((i) => [i.mandate.id, i.editable])).toEqual(ids.map((id, i) => [id, i < 2]));
      // The coordinator sees who answered what
      const team = await listContributors(coordinator, stores);
      expect(team).toEqual([expect.objectContaining({ id: added.id, answered: 1, total: 2, lastSavedAt: at(2) })]);
      const trail = await auditTrail(stores, cycle.id);
      expect(trail.find((e) => e.action === 'contributor.added')).toMatchObject({ actor: 'HTI', details: { name: 'Ana Pérez' } });
    });

    it('refuses a contributor for mandates outside the cycle, the same address twice, and stops a removed one’s link', async () => {
      // Arrange
      const { ids, coordinator } = await haitiCycle();
      const added = await addContributor(coordinator, { name: 'Ana', email: MINISTRY, mandates: [ids[0]!] }, { stores, now: at(1) });
      const { session } = await contributorSession(at(1));
      // Act & assert
      await domainError(
        addContributor(coordinator, { name: 'B', email: 'b@x.example.org', mandates: ['nope'] }, { stores, now: at(1) }),
        'invalid',
        'unknown_mandates',
      );
      await domainError(
        addContributor(coordinator, { name: 'A2', email: MINISTRY.toUpperCase(), mandates: [ids[1]!] }, { stores, now: at(1) }),
        'conflict',
        'contributor_exists',
      );
      await removeContributor(coordinator, added.id, { stores, now: at(2) });
      expect(await resolveSession(undefined, { stores, now: at(2) })).toBeUndefined();
      expect(await listContributors(coordinator, stores)).toEqual([]);
      // The session made from the old link no longer resolves (its epoch moved)
      const stored = await stores.team.getContributor(session.cycleId, session.stateCode, added.id);
      expect(stored).toMatchObject({ removedAt: at(2), linkEpoch: 2 });
    });

    it('sends a contributor reminders for their own unanswered mandates only, each email once', async () => {
      // Arrange: a reminder falls 30 days before the deadline (day 10)
      const { ids, coordinator } = await haitiCycle();
      await addContributor(coordinator, { name: 'Ana', email: MINISTRY, mandates: ids.slice(0, 2) }, { stores, now: at(1) });
      await contributorSession(at(1));
      // Act
      const reminders = await run(at(10.5));
      const again = await run(at(10.6));
      // Assert
      expect(reminders.to(focalPoint('HTI')).map((e) => e.context.kind)).toEqual(['reminder']);
      expect(reminders.to(MINISTRY)).toHaveLength(1);
      expect(tokenOf(reminders.to(MINISTRY)[0])).not.toBe(tokenOf(reminders.to(focalPoint('HTI'))[0]));
      expect(again.sent).toHaveLength(0);
    });

    it('the review loop: returned with a comment (email in French), a reply, resubmitted, accepted and locked', async () => {
      // Arrange: Haiti answers everything and submits
      const { cycle, ids, coordinator } = await haitiCycle(3);
      await addContributor(coordinator, { name: 'Ana', email: MINISTRY, mandates: [ids[1]!] }, { stores, now: at(1) });
      await contributorSession(at(1));
      for (const id of ids) await saveAnswer(coordinator, id, answer(), { stores, now: at(2) });
      const first = await submitReport(coordinator, { stores, now: at(3) });
      expect(first).toMatchObject({ status: 'submitted', round: 1 });
      // A return must carry a comment (the schema says so); a report not handed in cannot be reviewed
      const key = { cycleId: cycle.id, stateCode: 'HTI' };
      // Act: the secretariat returns one mandate and accepts another
      const reviewed = await reviewReport(
        key,
        {
          decisions: [
            { mandateId: ids[1]!, decision: 'returned', comment: 'Merci de préciser la date de la loi.' },
            { mandateId: ids[0]!, decision: 'accepted' },
          ],
        },
        { stores, now: at(5), actor: 'officer@oas.example.org' },
      );
      // Assert: returned, a new deadline 14 days on, an email in French to the coordinator and to the contributor of that mandate
      expect(reviewed).toMatchObject({ status: 'returned', returned: 1, accepted: 1, deadline: at(19) });
      const mail = await run(at(5));
      const notices = mail.sent.filter((e) => e.context.kind === ('returned' as string));
      expect(notices.map((e) => e.to).sort()).toEqual([MINISTRY, focalPoint('HTI')].sort());
      const notice = notices[0]!.context as unknown as TeamEmailContext;
      expect(notice).toMatchObject({
        language: 'fr',
        returned: { items: [{ mandateId: ids[1], comment: 'Merci de préciser la date de la loi.' }] },
      });
      // The state sees the review beside the answer, replies, edits and resubmits
      const view = await portalView(coordinator, { stores, summits });
      const returnedItem = view.items.find((i) => i.mandate.id === ids[1])!;
      expect(returnedItem.answer?.review).toMatchObject({ decision: 'returned', comment: 'Merci de préciser la date de la loi.' });
      expect(returnedItem.comments?.map((c) => c.side)).toEqual(['secretariat']);
      await addComment(
        { ...key, mandateId: ids[1]! },
        { text: 'La loi date du 3 mars.', side: 'state', author: 'HTI' },
        { stores, now: at(6) },
      );
      const current = (await stores.answers.getAnswer(cycle.id, 'HTI', ids[1]!))!;
      await saveAnswer(
        coordinator,
        ids[1]!,
        { ...answer(), narrative: 'Loi du 3 mars 2027.', version: current.version },
        { stores, now: at(6) },
      );
      const accepted = (await stores.answers.getAnswer(cycle.id, 'HTI', ids[0]!))!;
      await domainError(
        saveAnswer(coordinator, ids[0]!, { ...answer(), version: accepted.version }, { stores, now: at(6) }),
        'conflict',
        'answer_accepted',
      );
      const second = await submitReport(coordinator, { stores, now: at(7) });
      expect(second).toMatchObject({ status: 'resubmitted', round: 2 });
      // The secretariat accepts the rest: the report is accepted
      const done = await reviewReport(key, { decisions: [], acceptRest: true }, { stores, now: at(8), actor: 'officer@oas.example.org' });
      expect(done).toMatchObject({ status: 'accepted' });
      const thread = await stores.team.listComments(cycle.id, 'HTI', ids[1]!);
      expect(thread.map((c) => [c.side, c.text])).toEqual([
        ['secretariat', 'Merci de préciser la date de la loi.'],
        ['state', 'La loi date du 3 mars.'],
      ]);
      const actions = (await auditTrail(stores, cycle.id)).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['assignment.reviewed', 'answer.commented', 'assignment.resubmitted']));
    });

    it('gives the same response figures from the cycle status alone as the report adds up, returned reports counted as submitted', async () => {
      // Arrange: Haiti submits and is returned; Jamaica submits late; Mexico does not submit
      const { cycle } = await createCycle(
        {
          title: 'Figures',
          opensAt: T0,
          deadline: at(10),
          states: ['HTI', 'JAM', 'MEX'],
          mandates: { ids: answerable.slice(0, 2).map((m) => m.id) },
        },
        { stores, summits, actor: 'secretariat', now: T0 },
      );
      await run(T0);
      await submitReport({ cycleId: cycle.id, stateCode: 'HTI' }, { stores, now: at(2) });
      await reviewReport(
        { cycleId: cycle.id, stateCode: 'HTI' },
        { decisions: [{ mandateId: answerable[0]!.id, decision: 'returned', comment: 'Précisez.' }] },
        { stores, now: at(3), actor: 'officer' },
      );
      await submitReport({ cycleId: cycle.id, stateCode: 'JAM' }, { stores, now: at(12) });
      // Act
      const now = at(13);
      const fromStatus = responseOfStatus(await cycleStatus(stores, cycle.id, now));
      const fromReport = (await buildReport(stores, await reportSource(stores, cycle.id), { now })).response;
      // Assert
      expect(fromStatus).toEqual(fromReport);
      expect(fromStatus).toMatchObject({ invited: 3, submitted: 2, onTime: 1, late: 1, notSubmitted: 1 });
    });

    it('refuses a review of a report not handed in, and of mandates outside the cycle, writing nothing', async () => {
      const { cycle, ids, coordinator } = await haitiCycle(2);
      const key = { cycleId: cycle.id, stateCode: 'HTI' };
      const context = { stores, now: at(2), actor: 'officer' };
      await domainError(
        reviewReport(key, { decisions: [{ mandateId: ids[0]!, decision: 'accepted' }] }, context),
        'conflict',
        'not_submitted',
      );
      await submitReport(coordinator, { stores, now: at(3) });
      await domainError(reviewReport(key, { decisions: [{ mandateId: 'nope', decision: 'accepted' }] }, context), 'invalid');
      expect((await stores.answers.listAnswers(cycle.id, 'HTI')).filter((a) => a.review)).toEqual([]);
    });

    it('reopening a report emails the state', async () => {
      const { cycle, coordinator } = await haitiCycle(2);
      await submitReport(coordinator, { stores, now: at(2) });
      await run(at(2)); // the receipt
      await reopen(stores, cycle.id, 'HTI', { actor: 'officer', now: at(3) });
      const mail = await run(at(3));
      expect(mail.to(focalPoint('HTI')).map((e) => e.context.kind)).toEqual(['reopened']);
      expect(tokenOf(mail.to(focalPoint('HTI'))[0])).toBeTruthy();
    });

    it('carries answers into the next cycle, marked and unanswered until confirmed; history and the confirmed/updated outcome follow', async () => {
      // Arrange: cycle one answered and submitted
      const one = await haitiCycle(3);
      await saveAnswer(one.coordinator, one.ids[0]!, answer('in_progress', 'Plan adopté.'), { stores, now: at(2) });
      await saveAnswer(one.coordinator, one.ids[1]!, answer('not_started', ''), { stores, now: at(2) });
      await submitReport(one.coordinator, { stores, now: at(3) });
      // Act: a second cycle over the same mandates
      const two = await haitiCycle(3, at(60));
      const view = await portalView(two.coordinator, { stores, summits });
      // Assert
      const first = view.items.find((i) => i.mandate.id === one.ids[0])!;
      expect(first.mark).toBe('carried');
      expect(first.answer).toMatchObject({ status: 'in_progress', narrative: 'Plan adopté.', version: 0, carriedForward: true });
      expect(first.carriedFrom).toEqual({ cycleId: one.cycle.id, title: one.cycle.title });
      expect(first.history).toEqual([{ cycleId: one.cycle.id, title: one.cycle.title, status: 'in_progress' }]);
      expect(view.answered).toBe(0);
      expect(view.carried).toBe(2);
      expect(view.items.find((i) => i.mandate.id === one.ids[2])!.mark).toBe('unanswered');
      // Confirming unchanged, and changing
      const confirmed = await saveAnswer(two.coordinator, one.ids[0]!, answer('in_progress', 'Plan adopté.'), { stores, now: at(61) });
      const updated = await saveAnswer(two.coordinator, one.ids[1]!, answer('in_progress', 'Commencé.'), { stores, now: at(61) });
      expect(confirmed.carried).toEqual({ from: one.cycle.id, outcome: 'confirmed' });
      expect(updated.carried).toEqual({ from: one.cycle.id, outcome: 'updated' });
      const after = await portalView(two.coordinator, { stores, summits });
      expect(after.answered).toBe(2);
      expect(after.carried).toBe(0);
      // The report's view: the change since cycle one, confirmed apart from updated, and progress over the cycles
      const changes = await changesSincePrevious(stores, two.cycle.id);
      expect(changes.rows.map((r) => [r.mandateId, r.previous, r.current, r.change, r.carried])).toEqual([
        [one.ids[0], 'in_progress', 'in_progress', 'unchanged', 'confirmed'],
        [one.ids[1], 'not_started', 'in_progress', 'improved', 'updated'],
        [one.ids[2], null, null, 'unanswered', undefined],
      ]);
      expect(changes.summary).toMatchObject({ improved: 1, unchanged: 1, unanswered: 1, regressed: 0, new: 0 });
      expect(changes.carried).toEqual({ confirmed: 1, updated: 1 });
      expect(changes.progress.map((p) => [p.cycleId, p.counts.in_progress, p.counts.not_started])).toEqual([
        [one.cycle.id, 1, 1],
        [two.cycle.id, 2, 0],
      ]);
    });

    it('links mandates (no loops), shows the chain, and carries an answer along a "continues" link', async () => {
      // Arrange: cycle one asks about an older mandate; cycle two about a newer one that continues it
      const [older, newer, other] = answerable.slice(0, 3).map((m) => m.id) as [string, string, string];
      const one = await haitiCycle(1);
      await saveAnswer(one.coordinator, older, answer('partially_implemented', 'Programme lancé.'), { stores, now: at(2) });
      // Act
      const who = { actor: 'officer', now: at(3) };
      await linkMandates(stores, newer, { to: older, kind: 'continues' }, who);
      await linkMandates(stores, other, { to: newer, kind: 'reaffirms' }, who);
      // Assert: refusals
      await domainError(linkMandates(stores, older, { to: other, kind: 'continues' }, who), 'invalid', 'link_loop');
      await domainError(linkMandates(stores, newer, { to: 'nope', kind: 'continues' }, who), 'invalid', 'unknown_mandate');
      await domainError(linkMandates(stores, 'nope', { to: older, kind: 'continues' }, who), 'not_found');
      const ids = [newer, other];
      const { cycle } = await createCycle(
        { title: 'Second', opensAt: at(60), deadline: at(100), states: ['HTI'], mandates: { ids } },
        { stores, summits, actor: 'secretariat', now: at(60) },
      );
      const mail = await run(at(60));
      const invitation = mail.to(focalPoint('HTI')).find((e) => e.tags.cycle === cycle.id);
      const opened = await openLink(tokenOf(invitation)!, { stores, now: at(60), client: 'c', maxFailures: 5 });
      const session = (await resolveSession(opened.sessionId, { stores, now: at(60) }))!;
      const view = await portalView(session, { stores, summits });
      const carried = view.items.find((i) => i.mandate.id === newer)!;
      expect(carried.mark).toBe('carried');
      expect(carried.answer).toMatchObject({ mandateId: newer, status: 'partially_implemented', narrative: 'Programme lancé.' });
      expect(carried.carriedFrom).toMatchObject({ cycleId: one.cycle.id, mandateId: older });
      expect(carried.lineage?.map((l) => [l.id, l.kind])).toEqual([[older, 'continues']]);
      const reaffirming = view.items.find((i) => i.mandate.id === other)!;
      expect(reaffirming.lineage?.map((l) => [l.id, l.kind])).toEqual([
        [newer, 'reaffirms'],
        [older, 'continues'],
      ]);
      expect(reaffirming.mark).toBe('unanswered'); // "reaffirms" carries nothing
      const saved = await saveAnswer(session, newer, answer('partially_implemented', 'Programme lancé.'), { stores, now: at(61) });
      expect(saved.carried).toEqual({ from: one.cycle.id, outcome: 'confirmed' });
    });
  });
}

export type { StateSession };
