import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { summits } from '../../seeds/registry';
import { addDays } from '../../shared/domain/reminders';
import { composeMail } from '../../shared/render/team-email';
import { sesMailer } from '../../shared/email/mailer';
import type { Mailer } from '../../shared/email/ports';
import type { Stores } from '../../shared/store';
import {
  createCycle,
  grantExtension,
  openDueCycles,
  remindNow,
  reopen,
  rotateLink,
  revokeLink,
  cycleStatus,
} from '../../shared/usecases/cycles';
import { sendDueEmails } from '../../shared/usecases/send-reminders';
import { handleSesEvent } from '../../shared/usecases/ses-events';
import { hashToken, submitReport } from '../../shared/usecases/respond';
import { auditOf, localDynamo, mailbox, seededStores, type MailboxEmail } from './helpers';
import { ScanCommand } from '@aws-sdk/client-dynamodb';

let stores: Stores;
let tableName: string;
const realMailer = () => sesMailer({ region: 'us-east-1', endpoint: process.env.SES_ENDPOINT, sender: 'summits-secretariat@example.org' });
const settings = { publicUrl: 'http://localhost:3000', maxSendRate: 1000, sleep: async () => {}, compose: composeMail };
const run = (now: string, mailer: Mailer = realMailer()) => sendDueEmails({ stores, mailer, now, settings });

beforeAll(async () => {
  ({ stores, tableName } = await seededStores('cycles'));
});

/** A cycle with a unique title (the mailbox is shared), opened at `opensAt`. */
async function newCycle(opensAt: string, deadlineInDays = 40, extra: Record<string, unknown> = {}) {
  const title = `Cycle ${randomUUID().slice(0, 8)}`;
  const { cycle } = await createCycle({ title, deadline: addDays(opensAt, deadlineInDays), opensAt, ...extra } as never, {
    stores,
    summits,
    actor: 'test',
    now: opensAt,
  });
  return { cycle, title };
}

const byRecipient = (emails: MailboxEmail[]) => {
  const counts: Record<string, number> = {};
  for (const e of emails) for (const to of e.destination.to) counts[to] = (counts[to] ?? 0) + 1;
  return counts;
};
const linkOf = (email: MailboxEmail) => /\/respond\/([A-Za-z0-9_-]+)/.exec(email.body.text ?? '')?.[1];

describe('opening a cycle and inviting the states', () => {
  it('invites every active state with a focal point exactly once, in its language, with a working link', async () => {
    const opensAt = '2027-01-04T09:00:00.000Z';
    const { cycle, title } = await newCycle(opensAt);
    expect(cycle.status).toBe('open');
    expect(cycle.stateCount).toBe(32);
    expect(cycle.mandateCount).toBe(37);

    await run(opensAt);
    await run(opensAt);
    const invitations = await mailbox(title);
    expect(invitations).toHaveLength(32);
    expect(Object.values(byRecipient(invitations)).every((n) => n === 1)).toBe(true);
    expect(byRecipient(invitations)['focal-point@cub.example.org']).toBeUndefined();

    const to = (code: string) => invitations.find((e) => e.destination.to[0] === `focal-point@${code}.example.org`)!;
    expect(to('hti').body.html).toContain('<html lang="fr">');
    expect(to('hti').subject).toMatch(/^Mandats des Sommets/);
    expect(to('bra').body.html).toContain('<html lang="pt">');
    expect(to('mex').body.html).toContain('<html lang="es">');
    expect(to('jam').body.html).toContain('<html lang="en">');
    expect(to('jam').body.text).toContain('37 of 37 mandates unanswered; deadline February 13, 2027, 40 days left');
    expect(to('hti').body.text).toContain('37 mandats sur 37 sans réponse ; échéance : 13 février 2027, 40 jours restants');

    for (const email of invitations) {
      const token = linkOf(email)!;
      expect(token.length).toBeGreaterThanOrEqual(43); // 256 random bits
      const record = await stores.outbox.getToken(hashToken(token));
      expect(record).toMatchObject({ cycleId: cycle.id, stateCode: email.destination.to[0]!.slice(12, 15).toUpperCase() });
    }
    const status = await cycleStatus(stores, cycle.id, opensAt);
    expect(status.totals.invited).toBe(32);
    expect(status.states.find((s) => s.code === 'HTI')!.lastEmail).toMatchObject({ kind: 'invitation', result: 'sent' });
  });

  it('never stores a link token in plain text', async () => {
    const { title } = await newCycle('2027-01-05T09:00:00.000Z');
    await run('2027-01-05T09:00:00.000Z');
    const tokens = (await mailbox(title)).map(linkOf);
    const { Items } = await localDynamo().raw.send(new ScanCommand({ TableName: tableName }));
    const everything = JSON.stringify(Items);
    for (const token of tokens) expect(everything).not.toContain(token);
  });

  it('opens a scheduled cycle when its time comes, not before', async () => {
    const created = '2027-02-01T09:00:00.000Z';
    const opensAt = '2027-02-15T09:00:00.000Z';
    const title = `Scheduled ${randomUUID().slice(0, 8)}`;
    const { cycle } = await createCycle({ title, opensAt, deadline: '2027-04-01' }, { stores, summits, actor: 'test', now: created });
    expect(cycle.status).toBe('scheduled');
    await openDueCycles({ stores, now: '2027-02-10T00:00:00.000Z' });
    await run('2027-02-10T00:00:00.000Z');
    expect(await mailbox(title)).toHaveLength(0);
    const { opened } = await openDueCycles({ stores, now: opensAt });
    expect(opened).toContain(cycle.id);
    expect((await openDueCycles({ stores, now: opensAt })).opened).not.toContain(cycle.id);
    await run(opensAt);
    expect(await mailbox(title)).toHaveLength(32);
  });

  it('schedules the next cycle of a recurring series when one opens', async () => {
    const opensAt = '2027-03-01T09:00:00.000Z';
    const { cycle } = await newCycle(opensAt, 30, { recurrence: { everyMonths: 6, occurrences: 2 } });
    const next = await stores.cycles.getCycle(`${cycle.id}-r2`);
    expect(next).toMatchObject({
      status: 'scheduled',
      opensAt: '2027-09-01T09:00:00.000Z',
      deadline: '2027-09-30T09:00:00.000Z',
      title: cycle.title,
    });
    expect(next!.mandateIds).toEqual(cycle.mandateIds);
    await openDueCycles({ stores, now: '2027-09-01T09:00:00.000Z' });
    expect((await stores.cycles.getCycle(`${cycle.id}-r2`))!.status).toBe('open');
    expect(await stores.cycles.getCycle(`${cycle.id}-r3`)).toBeUndefined();
  });
});

describe('reminders', () => {
  it('at deadline − 7 days, twice: one reminder per unsubmitted state, none to a submitted one', async () => {
    const opensAt = '2027-04-01T09:00:00.000Z';
    const { cycle, title } = await newCycle(opensAt, 40);
    await run(opensAt);
    await submitReport({ cycleId: cycle.id, stateCode: 'HTI' }, { stores, now: '2027-04-10T09:00:00.000Z' });
    await run('2027-04-10T09:00:00.000Z'); // sends Haiti's receipt
    const at = addDays(cycle.deadline, -7);
    await run(at);
    await run(at);
    const reminders = (await mailbox(title)).filter(
      (e) => e.subject.startsWith('Reminder') || /Recordatorio|Rappel|Lembrete/.test(e.subject),
    );
    expect(reminders).toHaveLength(31);
    expect(Object.values(byRecipient(reminders)).every((n) => n === 1)).toBe(true);
    expect(byRecipient(reminders)['focal-point@hti.example.org']).toBeUndefined();
    const jamaica = reminders.find((e) => e.destination.to[0] === 'focal-point@jam.example.org')!;
    expect(jamaica.body.text).toContain('37 of 37 mandates unanswered; deadline May 11, 2027, 7 days left');
    const receipt = (await mailbox(title)).filter((e) => e.destination.to[0] === 'focal-point@hti.example.org' && /Accusé/.test(e.subject));
    expect(receipt).toHaveLength(1);
    expect(receipt[0]!.body.text).toMatch(/SHA-256\) : [0-9a-f]{64}/);
  });

  it('after missed runs, sends only the latest due reminder', async () => {
    const opensAt = '2027-05-01T09:00:00.000Z';
    const { cycle, title } = await newCycle(opensAt, 40);
    await run(opensAt);
    // The runs at −30 and −14 days were missed; the next one is at −6 days.
    await run(addDays(cycle.deadline, -6));
    const jam = (await mailbox(title)).filter((e) => e.destination.to[0] === 'focal-point@jam.example.org');
    expect(jam.map((e) => e.subject.split(':')[0])).toEqual(['Summit mandates', 'Reminder']);
    expect(jam[1]!.body.text).toContain('6 days left');
    const status = await cycleStatus(stores, cycle.id, addDays(cycle.deadline, -6));
    expect(status.states.find((s) => s.code === 'JAM')!.nextReminderAt).toBe(`${addDays(cycle.deadline, -1).slice(0, 10)}T00:00:00.000Z`);
  });

  it('sends the overdue notices after the deadline, up to the maximum, then stops', async () => {
    const opensAt = '2027-06-01T09:00:00.000Z';
    const { cycle, title } = await newCycle(opensAt, 10, {
      states: ['JAM'],
      reminders: { daysBefore: [], overdueEveryDays: 7, maxOverdue: 2 },
    });
    await run(opensAt);
    for (let day = 1; day <= 30; day += 1) await run(addDays(cycle.deadline, day));
    const subjects = (await mailbox(title)).map((e) => e.subject.split(':')[0]);
    expect(subjects).toEqual(['Summit mandates', 'Overdue', 'Overdue']);
    expect((await mailbox(title)).at(-1)!.body.text).toMatch(/14 days late/);
    expect((await stores.assignments.getAssignment(cycle.id, 'JAM'))!.nextReminderAt).toBeUndefined();
  });

  it('follows an extension: a notice at once, then reminders against the new deadline only', async () => {
    const opensAt = '2027-07-01T09:00:00.000Z';
    const plan = { daysBefore: [7], overdueEveryDays: 7, maxOverdue: 0 };
    const { cycle, title } = await newCycle(opensAt, 40, { states: ['JAM', 'BRA'], reminders: plan });
    await run(opensAt);
    const newDeadline = addDays(cycle.deadline, 20);
    await grantExtension(
      stores,
      cycle.id,
      'JAM',
      { deadline: newDeadline, reason: 'elections' },
      { actor: 'sec', now: '2027-07-20T09:00:00.000Z' },
    );
    await run('2027-07-20T09:00:00.000Z');
    await run(addDays(cycle.deadline, -7)); // BRA's reminder; JAM is not due
    await run(addDays(newDeadline, -7)); // JAM's reminder against the new date
    const jam = (await mailbox(title)).filter((e) => e.destination.to[0] === 'focal-point@jam.example.org');
    expect(jam.map((e) => e.subject.split(':')[0])).toEqual(['Summit mandates', 'Extension granted', 'Reminder']);
    expect(jam[1]!.body.text).toContain('The deadline moves from August 10, 2027 to August 30, 2027.');
    expect(jam[2]!.body.text).toContain('deadline August 30, 2027, 7 days left');
    const bra = (await mailbox(title)).filter((e) => e.destination.to[0] === 'focal-point@bra.example.org');
    expect(bra).toHaveLength(2);
  });

  it('stops at once when a state submits, and resumes when the secretariat reopens, telling the state', async () => {
    const opensAt = '2027-08-01T09:00:00.000Z';
    const { cycle, title } = await newCycle(opensAt, 40, { states: ['MEX'] });
    await run(opensAt);
    await submitReport({ cycleId: cycle.id, stateCode: 'MEX' }, { stores, now: '2027-08-02T09:00:00.000Z' });
    await run(addDays(cycle.deadline, -7));
    await run(addDays(cycle.deadline, 8));
    expect((await mailbox(title)).map((e) => e.subject.split(':')[0])).toEqual(['Mandatos de las Cumbres', 'Acuse de recibo']);
    await reopen(stores, cycle.id, 'MEX', { actor: 'sec', now: addDays(cycle.deadline, 9) });
    await run(addDays(cycle.deadline, 14));
    expect((await mailbox(title)).map((e) => e.subject.split(':')[0])).toEqual([
      'Mandatos de las Cumbres',
      'Acuse de recibo',
      `Su informe para «${title}» está abierto de nuevo`,
      'Plazo vencido',
    ]);
  });

  it('sends a reminder on request, and a new link after a rotation; a revoked link pauses the emails', async () => {
    const opensAt = '2027-09-01T09:00:00.000Z';
    const { cycle, title } = await newCycle(opensAt, 40, { states: ['BRA'] });
    await run(opensAt);
    const firstToken = linkOf((await mailbox(title))[0]!)!;
    await remindNow(stores, cycle.id, 'BRA', { actor: 'sec', now: '2027-09-03T09:00:00.000Z' });
    await run('2027-09-03T09:00:00.000Z');
    await revokeLink(stores, cycle.id, 'BRA', { actor: 'sec', now: '2027-09-04T09:00:00.000Z' });
    await run(addDays(cycle.deadline, -7));
    expect(await mailbox(title)).toHaveLength(2);
    await rotateLink(stores, cycle.id, 'BRA', { actor: 'sec', now: '2027-10-05T09:00:00.000Z' });
    await run('2027-10-05T09:00:00.000Z');
    const emails = await mailbox(title);
    expect(emails.map((e) => e.subject.split(':')[0])).toEqual(['Mandatos das Cúpulas', 'Lembrete', 'Mandatos das Cúpulas']);
    const newToken = linkOf(emails[2]!)!;
    expect(newToken).not.toBe(firstToken);
    const assignment = (await stores.assignments.getAssignment(cycle.id, 'BRA'))!;
    expect((await stores.outbox.getToken(hashToken(firstToken)))!.linkEpoch).toBeLessThan(assignment.linkEpoch);
    expect((await stores.outbox.getToken(hashToken(newToken)))!.linkEpoch).toBe(assignment.linkEpoch);
  });
});

describe('exactly once, under faults', () => {
  it('two reminder runs at once send no duplicates', async () => {
    const opensAt = '2027-10-01T09:00:00.000Z';
    const { title } = await newCycle(opensAt);
    await Promise.all([run(opensAt), run(opensAt), run(opensAt)]);
    const emails = await mailbox(title);
    expect(emails).toHaveLength(32);
    expect(Object.values(byRecipient(emails)).every((n) => n === 1)).toBe(true);
  });

  it('SES throttling on 30% of sends: every email still goes out exactly once', async () => {
    const opensAt = '2027-11-01T09:00:00.000Z';
    const { title } = await newCycle(opensAt);
    const real = realMailer();
    let calls = 0;
    const flaky: Mailer = {
      send: async (email) => {
        calls += 1;
        if (calls % 10 < 3) throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'Throttling' });
        return real.send(email);
      },
    };
    await run(opensAt, flaky);
    expect(calls).toBeGreaterThan(32);
    const emails = await mailbox(title);
    expect(emails).toHaveLength(32);
    expect(Object.values(byRecipient(emails)).every((n) => n === 1)).toBe(true);
  });

  it('a throttled email that never gets through is left for the next run, not lost', async () => {
    const opensAt = '2027-11-15T09:00:00.000Z';
    const { title } = await newCycle(opensAt, 40, { states: ['JAM'] });
    const refusing: Mailer = { send: async () => Promise.reject(Object.assign(new Error('slow down'), { name: 'Throttling' })) };
    const first = await sendDueEmails({ stores, mailer: refusing, now: opensAt, settings: { ...settings, maxThrottleRetries: 2 } });
    expect(first.sent).toBe(0);
    expect(first.throttled).toBeGreaterThanOrEqual(1);
    expect(await mailbox(title)).toHaveLength(0);
    await run(addDays(opensAt, 0.01));
    expect(await mailbox(title)).toHaveLength(1);
  });

  it('a crash between sending and recording never sends the email again', async () => {
    const opensAt = '2027-12-01T09:00:00.000Z';
    const { title } = await newCycle(opensAt, 40, { states: ['JAM', 'MEX', 'BRA'] });
    let marks = 0;
    const crashing: Stores = {
      ...stores,
      outbox: {
        ...stores.outbox,
        markEmail: async (...args: Parameters<Stores['outbox']['markEmail']>) => {
          marks += 1;
          if (marks === 2) throw new Error('process killed');
          return stores.outbox.markEmail(...args);
        },
      },
    };
    expect((await sendDueEmails({ stores: crashing, mailer: realMailer(), now: opensAt, settings })).errors).toBe(1);
    await run(opensAt);
    await run(opensAt);
    const emails = await mailbox(title);
    expect(Object.values(byRecipient(emails))).toEqual([1, 1, 1]);
  });

  it('a crash half-way through a run: the next run sends each remaining email exactly once', async () => {
    const opensAt = '2027-12-10T09:00:00.000Z';
    const { title } = await newCycle(opensAt);
    let saves = 0;
    const dying: Stores = {
      ...stores,
      assignments: {
        ...stores.assignments,
        saveAssignment: async (...args: Parameters<Stores['assignments']['saveAssignment']>) => {
          saves += 1;
          if (saves === 12) throw new Error('process killed');
          return stores.assignments.saveAssignment(...args);
        },
      },
    };
    expect((await sendDueEmails({ stores: dying, mailer: realMailer(), now: opensAt, settings })).errors).toBe(1);
    await run(opensAt);
    const counts = byRecipient(await mailbox(title));
    expect(Object.keys(counts)).toHaveLength(32);
    expect(Object.values(counts).every((n) => n === 1)).toBe(true);
  });

  it('an email SES refuses is never recorded as sent: it stays due, shows the reason, and goes out an hour later once SES takes it', async () => {
    const opensAt = '2027-12-20T09:00:00.000Z';
    const { cycle, title } = await newCycle(opensAt, 40, { states: ['DMA'] });
    const refusing: Mailer = {
      send: async () => Promise.reject(Object.assign(new Error('Email address is not verified.'), { name: 'MessageRejected' })),
    };
    const refusals: string[] = [];
    const first = await sendDueEmails({ stores, mailer: refusing, now: opensAt, settings, onRefused: (d) => refusals.push(d.to) });
    // Other tests' cycles share this table: whatever else was due was refused too.
    expect(first.refused).toBeGreaterThanOrEqual(1);
    expect(refusals).toContain('focal-point@dma.example.org');
    await run(opensAt);
    let assignment = (await stores.assignments.getAssignment(cycle.id, 'DMA'))!;
    expect(assignment.lastEmail).toMatchObject({
      kind: 'invitation',
      result: 'refused',
      refused: [{ reason: 'Email address is not verified.' }],
    });
    expect(assignment.invitationSent).toBe(false);
    expect(await stores.outbox.outboxOf(cycle.id, 'DMA')).toEqual([]);
    expect(await mailbox(title)).toHaveLength(0);
    await run(addDays(opensAt, 1 / 24));
    assignment = (await stores.assignments.getAssignment(cycle.id, 'DMA'))!;
    expect(assignment).toMatchObject({ invitationSent: true, status: 'invited', lastEmail: { result: 'sent' } });
    expect(await mailbox(title)).toHaveLength(1);
  });
});

describe('bounces', () => {
  it('a hard bounce stops mail to the address and shows in the cycle status', async () => {
    const opensAt = '2028-01-10T09:00:00.000Z';
    const { cycle, title } = await newCycle(opensAt, 40, { states: ['GUY'] });
    await run(opensAt);
    const [invitation] = await mailbox(title);
    await handleSesEvent(
      {
        eventType: 'Bounce',
        bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'focal-point@guy.example.org' }] },
        mail: { messageId: invitation!.messageId, tags: { cycle: [cycle.id], state: ['GUY'], kind: ['invitation'] } },
      },
      { stores, now: '2028-01-10T10:00:00.000Z' },
    );
    const status = await cycleStatus(stores, cycle.id, '2028-01-10T10:00:00.000Z');
    expect(status.states[0]!.emailHealth.undeliverable).toEqual(['focal-point@guy.example.org']);
    expect((await stores.states.getState('GUY'))!.bouncedAddresses).toEqual(['focal-point@guy.example.org']);
    await run(addDays(cycle.deadline, -7));
    expect(await mailbox(title)).toHaveLength(1);
    expect((await stores.assignments.getAssignment(cycle.id, 'GUY'))!.lastEmail!.result).toBe('no_address');
    const audit = await auditOf(stores, cycle.id);
    expect(audit.map((e) => e.action)).toContain('email.bounced');
    await stores.states.putState({ ...(await stores.states.getState('GUY'))!, bouncedAddresses: [] });
  });
});

describe('the audit trail', () => {
  it('records the cycle, the actions and every email sent', async () => {
    const opensAt = '2028-02-01T09:00:00.000Z';
    const { cycle } = await newCycle(opensAt, 40, { states: ['JAM'] });
    await run(opensAt);
    await grantExtension(
      stores,
      cycle.id,
      'JAM',
      { deadline: addDays(cycle.deadline, 5) },
      { actor: 'ana@oas.org', now: '2028-02-02T09:00:00.000Z' },
    );
    const actions = (await auditOf(stores, cycle.id)).map((e) => `${e.actor} ${e.action}`);
    expect(actions).toEqual(['test cycle.created', 'test cycle.opened', 'system email.sent', 'ana@oas.org assignment.extension_granted']);
  });
});
