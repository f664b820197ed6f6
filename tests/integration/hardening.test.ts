import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { handler as consoleFunction } from '../../functions/console/handler';
import { handler as listStates } from '../../functions/list-states/handler';
import { handler as respondPage } from '../../functions/respond-page/handler';
import { runJob } from '../../infra/local/jobs';
import { summits } from '../../seeds/registry';
import { addDays } from '../../shared/domain/reminders';
import { composeMail } from '../../shared/render/team-email';
import { sesMailer } from '../../shared/email/mailer';
import type { HttpEvent, HttpResult } from '../../shared/http/handler';
import { keys } from '../../shared/store/table';
import type { Stores } from '../../shared/store';
import { createCycle, cycleStatus, revokeLink } from '../../shared/usecases/cycles';
import { openLink, receiptHash, requestExtension, saveAnswer, submitReport } from '../../shared/usecases/respond';
import { sendDueEmails } from '../../shared/usecases/send-reminders';
import { api, jsonOf, localDynamo, mailbox, seededStores, TOKEN } from './helpers';

const json = { 'Content-Type': 'application/json' };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const base = () => inject('apiUrl');
const settings = { publicUrl: 'http://localhost:3000', maxSendRate: 1000, sleep: async () => {}, compose: composeMail };
const mailer = () => sesMailer({ region: 'us-east-1', endpoint: process.env.SES_ENDPOINT, sender: 'summits-secretariat@example.org' });

let stores: Stores;
let tableName: string;

beforeAll(async () => {
  ({ stores, tableName } = await seededStores('hardening'));
});

/** An API Gateway v2 event for calling a handler directly, from a chosen client address. */
function event(
  method: string,
  path: string,
  routeKey: string,
  init: { sourceIp?: string; headers?: Record<string, string>; body?: string; params?: Record<string, string>; cookies?: string[] } = {},
): HttpEvent {
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    cookies: init.cookies,
    headers: { host: 'localhost', ...init.headers },
    pathParameters: init.params,
    body: init.body,
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: init.sourceIp ?? '127.0.0.1', userAgent: 'test' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
  };
}
const call = async (fn: unknown, e: HttpEvent) =>
  (await (fn as (e: HttpEvent, c: Context) => Promise<HttpResult>)(e, {} as Context)) as HttpResult;
const randomIp = () => `198.51.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function newCycle(states: string[], opensAt = new Date().toISOString()) {
  const title = `Hardening ${randomUUID().slice(0, 8)}`;
  const { cycle } = await createCycle(
    { title, deadline: addDays(opensAt, 40), opensAt, states },
    { stores, summits, actor: 'test', now: opensAt },
  );
  return { cycle, title, opensAt };
}

describe('no request can stop the local system', () => {
  it('answers 400 to a malformed %-escape in any {param} segment, and keeps serving', async () => {
    for (const path of ['/respond/%ZZ', '/api/cycles/%ZZ/report', '/api/cycles/%E0%A4%A/states/HTI/remind', '/console/cycles/%C0/report']) {
      const response = await fetch(`${base()}${path}`, { method: path.endsWith('remind') ? 'POST' : 'GET' });
      expect(response.status, path).toBe(400);
      expect((await response.json()).error.code).toBe('invalid_path');
    }
    expect((await fetch(`${base()}/health`)).status).toBe(200);
  });

  it('answers 400, not 502, to a line break in a console path', async () => {
    const response = await fetch(`${base()}/console/cycles/abc%0D%0ASet-Cookie:x=1`);
    expect(response.status).toBe(400);
  });
});

describe('what a state can pile up on its assignment', () => {
  it('keeps one pending extension request however many are sent, with the history in the audit trail', async () => {
    const { cycle } = await newCycle(['GRD']);
    const session = { cycleId: cycle.id, stateCode: 'GRD' };
    const reason = 'r'.repeat(2000);
    for (let i = 0; i < 250; i += 1) {
      await requestExtension(
        session,
        { proposedDeadline: addDays(cycle.deadline, 1 + (i % 30)), reason: `${i} ${reason}` },
        { stores, now: new Date().toISOString() },
      );
    }
    const item = await localDynamo().doc.send(new GetCommand({ TableName: tableName, Key: keys.assignment(cycle.id, 'GRD') }));
    expect(JSON.stringify(item.Item).length).toBeLessThan(20_000);
    expect(item.Item!.extensionRequest.reason).toMatch(/^249 /);
    const audit = await stores.audit.listAudit(cycle.id, { limit: 500 });
    expect(audit !== 'bad_cursor' && audit.entries.filter((e) => e.action === 'assignment.extension_requested')).toHaveLength(250);
  });

  it('keeps the lists on an assignment bounded through many reminders, extensions and sends', async () => {
    const { cycle, opensAt } = await newCycle(['LCA']);
    const { grantExtension, remindNow } = await import('../../shared/usecases/cycles');
    await sendDueEmails({ stores, mailer: mailer(), now: opensAt, settings });
    let deadline = cycle.deadline;
    for (let i = 0; i < 15; i += 1) {
      const now = addDays(opensAt, i + 1);
      await remindNow(stores, cycle.id, 'LCA', { actor: 'test', now });
      await remindNow(stores, cycle.id, 'LCA', { actor: 'test', now });
      deadline = addDays(deadline, 3);
      await grantExtension(stores, cycle.id, 'LCA', { deadline }, { actor: 'test', now });
      await sendDueEmails({ stores, mailer: mailer(), now, settings });
      await sendDueEmails({ stores, mailer: mailer(), now, settings });
    }
    const a = (await stores.assignments.getAssignment(cycle.id, 'LCA'))!;
    expect(a.queued.length).toBeLessThanOrEqual(2);
    expect(a.sentSlots.length).toBeLessThanOrEqual(4);
    expect(a.extensions).toHaveLength(15);
  });
});

describe('the reminder job isolates failures per assignment', () => {
  it('sends every other due email exactly once when one assignment fails, and the failed one on the next run', async () => {
    const codes = ['ATG', 'BHS', 'BRB', 'BLZ', 'DMA'];
    const { cycle, title, opensAt } = await newCycle(codes);
    const logged: string[] = [];
    const failing: Stores = {
      ...stores,
      assignments: {
        ...stores.assignments,
        getAssignment: async (cycleId, code) => {
          if (cycleId === cycle.id && code === 'BRB') throw new Error('item too large');
          return stores.assignments.getAssignment(cycleId, code);
        },
      },
    };
    const first = await sendDueEmails({
      stores: failing,
      mailer: mailer(),
      now: opensAt,
      settings,
      log: (message) => logged.push(message),
    });
    expect(first.errors).toBe(1);
    expect(logged.some((m) => /failed for one assignment/.test(m))).toBe(true);
    const sentTo = (await mailbox(title)).map((e) => e.destination.to[0]).sort();
    expect(sentTo).toEqual(codes.filter((c) => c !== 'BRB').map((c) => `focal-point@${c.toLowerCase()}.example.org`));
    const second = await sendDueEmails({ stores, mailer: mailer(), now: opensAt, settings });
    expect(second.errors).toBe(0);
    const all = (await mailbox(title)).map((e) => e.destination.to[0]);
    expect(all).toHaveLength(5);
    expect(new Set(all).size).toBe(5);
    const status = await cycleStatus(stores, cycle.id, opensAt);
    expect(status.states.every((s) => s.lastEmail?.result === 'sent')).toBe(true);
  });

  it('the scheduled job returns (exit 0) with the failure counted', async () => {
    const result = (await runJob('reminders', new Date().toISOString())) as { errors: number };
    expect(result.errors).toEqual(expect.any(Number));
  });
});

describe('the receipt', () => {
  it('always matches the stored answers, even when saves race the submission', async () => {
    for (let round = 0; round < 6; round += 1) {
      const { cycle } = await newCycle(['KNA']);
      const session = { cycleId: cycle.id, stateCode: 'KNA' };
      const ids = cycle.mandateIds.slice(0, 8);
      const saves = ids.map((id, n) =>
        saveAnswer(
          session,
          id,
          { status: 'in_progress', narrative: `round ${round} answer ${n}`, version: 0 },
          { stores, now: new Date().toISOString() },
        ).catch(() => undefined),
      );
      const receipt = await submitReport(session, { stores, now: new Date().toISOString() });
      await Promise.all(saves);
      const stored = await stores.answers.listAnswers(cycle.id, 'KNA');
      expect(receipt.contentHash).toBe(receiptHash(cycle.id, 'KNA', stored));
      expect((await stores.assignments.getAssignment(cycle.id, 'KNA'))!.contentHash).toBe(receipt.contentHash);
    }
  });

  it('still goes out when the secretariat revokes the link right after submission, without a link', async () => {
    const { cycle, title, opensAt } = await newCycle(['VCT']);
    await sendDueEmails({ stores, mailer: mailer(), now: opensAt, settings });
    const submittedAt = addDays(opensAt, 1);
    await submitReport({ cycleId: cycle.id, stateCode: 'VCT' }, { stores, now: submittedAt });
    await revokeLink(stores, cycle.id, 'VCT', { actor: 'test', now: submittedAt });
    await sendDueEmails({ stores, mailer: mailer(), now: submittedAt, settings });
    const emails = await mailbox(title);
    expect(emails).toHaveLength(2);
    const receipt = emails.find((e) => e.subject !== emails[0]!.subject)!;
    expect(receipt.body.text).not.toMatch(/\/respond\//);
    const a = (await stores.assignments.getAssignment(cycle.id, 'VCT'))!;
    expect(a.lastEmail).toMatchObject({ kind: 'receipt', result: 'sent' });
    expect(a.nextReminderAt).toBeUndefined();
  });

  it('shows an email whose delivery was not recorded (a crash after the claim) as unknown, not as the previous one', async () => {
    const { cycle, opensAt } = await newCycle(['SUR']);
    const crashing: Stores = {
      ...stores,
      outbox: { ...stores.outbox, markEmail: async () => Promise.reject(new Error('process killed')) },
    };
    await sendDueEmails({ stores: crashing, mailer: mailer(), now: opensAt, settings });
    const status = await cycleStatus(stores, cycle.id, opensAt);
    expect(status.states[0]!.lastEmail).toMatchObject({ kind: 'invitation', result: 'unknown' });
  });
});

describe('the console', () => {
  it('refuses form posts from other sites, sign-in included', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const signIn = await fetch(`${base()}/console/sign-in`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': site },
        body: `token=${TOKEN}`,
        redirect: 'manual',
      });
      expect(signIn.status, site).toBe(403);
      expect(signIn.headers.get('set-cookie')).toBeNull();
    }
    const signedIn = await fetch(`${base()}/console/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' },
      body: `token=${TOKEN}`,
      redirect: 'manual',
    });
    expect(signedIn.status).toBe(303);
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    const { cycle } = await newCycle(['BLZ']);
    const action = await fetch(`${base()}/console/cycles/${cycle.id}/states/BLZ/remind`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });
    expect(action.status).toBe(403);
    const evil = await fetch(`${base()}/console/cycles/${cycle.id}/states/BLZ/remind`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });
    expect(evil.status).toBe(403);
  });

  it('limits sign-in attempts per client, a correct token included once over the limit', async () => {
    const ip = randomIp();
    const signIn = (token: string) =>
      call(
        consoleFunction,
        event('POST', '/console/sign-in', 'POST /console/sign-in', {
          sourceIp: ip,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `token=${encodeURIComponent(token)}`,
        }),
      );
    const results = await Promise.all(Array.from({ length: 15 }, () => signIn('wrong')));
    expect(results.filter((r) => r.statusCode === 401)).toHaveLength(10);
    expect(results.filter((r) => r.statusCode === 429)).toHaveLength(5);
    expect((await signIn(TOKEN)).statusCode).toBe(429);
    expect(
      (
        await call(
          consoleFunction,
          event('POST', '/console/sign-in', 'POST /console/sign-in', {
            sourceIp: randomIp(),
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: `token=${TOKEN}`,
          }),
        )
      ).statusCode,
    ).toBe(303);
  });
});

describe('rate limits', () => {
  it('hold under a parallel burst of bad links: exactly the limit get a reason, the rest 429', async () => {
    const ip = randomIp();
    const link = (token: string) =>
      call(respondPage, event('GET', `/respond/${token}`, 'GET /respond/{token}', { sourceIp: ip, params: { token } }));
    const results = await Promise.all(Array.from({ length: 30 }, () => link(randomUUID().replace(/-/g, ''))));
    expect(results.filter((r) => r.statusCode === 404)).toHaveLength(10);
    expect(results.filter((r) => r.statusCode === 429)).toHaveLength(20);
  });

  it('let a valid link open from an address whose other links failed', async () => {
    const ip = randomIp();
    const { title, opensAt } = await newCycle(['DOM']);
    await sendDueEmails({ stores, mailer: mailer(), now: opensAt, settings });
    const context = { stores, now: new Date().toISOString(), client: ip, maxFailures: 3 };
    for (let i = 0; i < 5; i += 1) await openLink(randomUUID().replace(/-/g, ''), context);
    expect((await openLink(randomUUID().replace(/-/g, ''), context)).problem).toBe('rate_limited');
    const token = /\/respond\/(\S+)/.exec((await mailbox(title))[0]!.body.text!)![1]!;
    expect((await openLink(token, context)).ok).toBe(true);
  });

  it('limit wrong bearer tokens per client', async () => {
    const ip = randomIp();
    const statuses: number[] = [];
    for (let i = 0; i < 55; i += 1) {
      statuses.push(
        (
          await call(
            listStates,
            event('GET', '/api/states', 'GET /api/states', { sourceIp: ip, headers: { authorization: 'Bearer nope' } }),
          )
        ).statusCode!,
      );
    }
    expect(statuses.slice(0, 50).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(50).every((s) => s === 429)).toBe(true);
  });
});

describe('input hygiene', () => {
  it('keeps focal-point addresses once whatever their capitals', async () => {
    const response = await api('/api/states/DOM', {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ focalPoints: ['Focal@Dom.example.org', 'focal@dom.EXAMPLE.org', 'copy@dom.example.org'] }),
    });
    expect(response.status).toBe(200);
    expect((await jsonOf(response)).focalPoints).toEqual(['Focal@Dom.example.org', 'copy@dom.example.org']);
    await api('/api/states/DOM', { method: 'PUT', headers: json, body: JSON.stringify({ focalPoints: ['focal-point@dom.example.org'] }) });
  });

  it('refuses line breaks and control characters in one-line fields', async () => {
    for (const title of ['Cycle\r\nBcc: someone@example.org', 'Cycle\u0007', 'Cycle\u2028two']) {
      const response = await api('/api/cycles', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ title, deadline: inDays(30), states: ['DOM'] }),
      });
      expect(response.status, JSON.stringify(title)).toBe(400);
      expect((await jsonOf(response)).error.message).toMatch(/title: must be one line/);
    }
    const name = await api('/api/states/DOM', { method: 'PUT', headers: json, body: JSON.stringify({ name: 'Dominican\nRepublic' }) });
    expect(name.status).toBe(400);
  });

  it('caps form bodies at 256 KB like JSON', async () => {
    const response = await fetch(`${base()}/console/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `token=${'x'.repeat(300 * 1024)}`,
      redirect: 'manual',
    });
    expect(response.status).toBe(413);
  });
});

describe('the audit trail, paged', () => {
  it('comes newest first, a page at a time, with a cursor; a foreign cursor is refused', async () => {
    const { cycle, opensAt } = await newCycle(['JAM']);
    await sendDueEmails({ stores, mailer: mailer(), now: opensAt, settings });
    const { remindNow } = await import('../../shared/usecases/cycles');
    await remindNow(stores, cycle.id, 'JAM', { actor: 'test', now: addDays(opensAt, 1) });
    const first = await stores.audit.listAudit(cycle.id, { limit: 2 });
    if (first === 'bad_cursor') throw new Error('unexpected');
    expect(first.entries.map((e) => e.action)).toEqual(['assignment.reminder_requested', 'email.sent']);
    const second = await stores.audit.listAudit(cycle.id, { limit: 10, cursor: first.cursor });
    if (second === 'bad_cursor') throw new Error('unexpected');
    expect(second.entries.map((e) => e.action)).toEqual(['cycle.opened', 'cycle.created']);
    expect(second.cursor).toBeUndefined();
    expect(await stores.audit.listAudit('another', { limit: 2, cursor: first.cursor })).toBe('bad_cursor');
  });

  it('is paged through the API', async () => {
    const created = await jsonOf(
      await api('/api/cycles', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ title: `Audit ${randomUUID().slice(0, 6)}`, deadline: inDays(30), states: ['JAM'] }),
      }),
    );
    const page = await jsonOf(await api(`/api/cycles/${created.id}/audit?limit=1`));
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0].action).toBe('cycle.opened');
    const next = await jsonOf(await api(`/api/cycles/${created.id}/audit?limit=1&cursor=${page.cursor}`));
    expect(next.entries[0].action).toBe('cycle.created');
    expect((await api(`/api/cycles/${created.id}/audit?cursor=bogus`)).status).toBe(400);
  });
});
