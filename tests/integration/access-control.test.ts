import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as respondPage } from '../../functions/respond-page/handler';
import { runJob } from '../../infra/local/jobs';
import type { HttpEvent, HttpResult } from '../../shared/http/handler';
import { routes } from '../../shared/http/routes';
import { stores } from '../../shared/store';
import { openLink } from '../../shared/usecases/respond';
import { api, jsonOf, mailbox } from './helpers';
import { inject } from 'vitest';

const json = { 'Content-Type': 'application/json' };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
let sessions: Record<string, string>;
let codes: string[];
let cycleId: string;

/** One cycle for all 35 states, and a session for each, opened through its own emailed link. */
beforeAll(async () => {
  const register = (await jsonOf(await api('/api/states'))).states as { code: string }[];
  codes = register.map((s) => s.code).sort();
  const title = `Matrix ${randomUUID().slice(0, 8)}`;
  cycleId = (
    await jsonOf(
      await api('/api/cycles', { method: 'POST', body: JSON.stringify({ title, deadline: inDays(30), states: codes }), headers: json }),
    )
  ).id;
  await runJob('reminders', new Date().toISOString());
  const emails = await mailbox(title);
  expect(emails).toHaveLength(35);
  sessions = {};
  // Which state a link belongs to is what its session says (focal-point addresses may be edited by other tests).
  for (const email of emails) {
    const link = /(http:\/\/\S+\/respond\/[A-Za-z0-9_-]+)/.exec(email.body.text!)![1]!;
    const response = await fetch(link);
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    const view = await jsonOf(await fetch(`${inject('apiUrl')}/api/assignment`, { headers: { Cookie: cookie } }));
    sessions[view.state.code] = cookie;
  }
  expect(Object.keys(sessions).sort()).toEqual(codes);
}, 120_000);

const as = (code: string, path: string, init: RequestInit = {}) =>
  fetch(`${inject('apiUrl')}${path}`, { ...init, headers: { ...(init.headers as object), Cookie: sessions[code]! }, redirect: 'manual' });

describe('a state session', () => {
  it('reads and writes only its own assignment: 35 × 35 pairs, nothing off the diagonal', async () => {
    expect(codes).toHaveLength(35);
    const first = (await jsonOf(await as(codes[0]!, '/api/assignment'))).mandates[0].id as string;
    // Each state writes its own code into the same mandate, and tries to name another state in every way the API could be asked.
    await Promise.all(
      codes.map(async (code, i) => {
        const other = codes[(i + 1) % codes.length]!;
        const response = await as(code, `/api/assignment/answers/${first}?state=${other}&cycleId=other`, {
          method: 'PUT',
          body: JSON.stringify({ status: 'in_progress', narrative: `written by ${code}`, version: 0 }),
          headers: { ...json, 'X-State': other },
        });
        expect(response.status).toBe(200);
      }),
    );
    let offDiagonal = 0;
    for (const reader of codes) {
      const view = await jsonOf(await as(reader, '/api/assignment?state=USA'));
      expect(view.state.code).toBe(reader);
      for (const owner of codes) {
        const seen = view.mandates.some((m: { answer: { narrative: string } | null }) => m.answer?.narrative === `written by ${owner}`);
        if (owner === reader) expect(seen).toBe(true);
        else if (seen) offDiagonal += 1;
      }
    }
    expect(offDiagonal).toBe(0);
    for (const code of codes) {
      const stored = await stores().answers.getAnswer(cycleId, code, first);
      expect(stored!.narrative).toBe(`written by ${code}`);
    }
  });

  it('is refused by every secretariat route', async () => {
    const secretariat = routes.filter((r) => r.access === 'secretariat');
    for (const code of ['HTI', 'USA', 'BRA']) {
      for (const route of secretariat) {
        const path = route.path.replace('{id}', cycleId).replace('{code}', code);
        const response = await as(code, path, { method: route.method, body: route.method === 'GET' ? undefined : '{}', headers: json });
        expect(response.status, `${code} ${route.method} ${path}`).toBe(401);
      }
    }
  });
});

function linkEvent(token: string, sourceIp: string): HttpEvent {
  return {
    version: '2.0',
    routeKey: 'GET /respond/{token}',
    rawPath: `/respond/${token}`,
    rawQueryString: '',
    headers: { host: 'localhost' },
    pathParameters: { token },
    isBase64Encoded: false,
    requestContext: {
      accountId: 'test',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method: 'GET', path: `/respond/${token}`, protocol: 'HTTP/1.1', sourceIp, userAgent: 'test' },
      requestId: randomUUID(),
      routeKey: 'GET /respond/{token}',
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
  };
}

describe('secretariat routes', () => {
  it('refuse a missing, a wrong and a malformed token on every route', async () => {
    for (const route of routes.filter((r) => r.access === 'secretariat')) {
      const path = route.path.replace('{id}', cycleId).replace('{code}', 'HTI');
      for (const authorization of [undefined, 'Bearer wrong-token', 'Bearer', `Basic ${Buffer.from('a:b').toString('base64')}`]) {
        const response = await fetch(`${inject('apiUrl')}${path}`, {
          method: route.method,
          headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
          body: route.method === 'GET' ? undefined : '{}',
          redirect: 'manual',
        });
        expect(response.status, `${route.method} ${path} with ${authorization}`).toBe(401);
      }
    }
  });
});

describe('console routes', () => {
  const pathOf = (route: { path: string }) => route.path.replace('{id}', cycleId).replace('{code}', 'HTI');

  it('answer the sign-in page (401) without a console session, whatever else the request carries', async () => {
    for (const route of routes.filter((r) => r.access === 'console')) {
      const variants: Record<string, string>[] = [
        {},
        { Authorization: 'Bearer integration-test-token' },
        { Cookie: sessions.HTI! },
        { Cookie: 'mf_console=forged-session-id-0000000000' },
      ];
      for (const headers of variants) {
        const response = await fetch(`${inject('apiUrl')}${pathOf(route)}`, {
          method: route.method,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin', ...headers },
          body: route.method === 'GET' ? undefined : '',
          redirect: 'manual',
        });
        expect(response.status, `${route.method} ${route.path} with ${JSON.stringify(headers)}`).toBe(401);
        expect(await response.text()).toContain('Sign in');
      }
    }
  });

  it('refuse every form post sent by another site, even with a valid console session', async () => {
    const signedIn = await fetch(`${inject('apiUrl')}/console/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' },
      body: 'token=integration-test-token',
      redirect: 'manual',
    });
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    for (const route of routes.filter((r) => r.fn === 'console' && r.method === 'POST')) {
      const response = await fetch(`${inject('apiUrl')}${pathOf(route)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'cross-site', Cookie: cookie },
        body: 'deadline=2030-01-01&token=integration-test-token',
        redirect: 'manual',
      });
      expect(response.status, route.path).toBe(403);
    }
  });

  it('are every console page of the route table behind the console level, sign-in aside', () => {
    const consoleRoutes = routes.filter((r) => r.fn === 'console');
    expect(consoleRoutes.filter((r) => r.access !== 'console').map((r) => r.path)).toEqual(['/console/sign-in']);
  });
});

describe('hostile narratives', () => {
  it('come out escaped on the answering page', async () => {
    const code = codes[5]!;
    const view = await jsonOf(await as(code, '/api/assignment'));
    const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const mandate = view.mandates[1].id;
    expect(
      (
        await as(code, `/api/assignment/answers/${mandate}`, {
          method: 'PUT',
          body: JSON.stringify({ status: 'in_progress', narrative: hostile, version: 0 }),
          headers: json,
        })
      ).status,
    ).toBe(200);
    const page = await (await as(code, '/respond')).text();
    expect(page).not.toContain(hostile);
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('link attempts', () => {
  it('are rate-limited per client: after 10 failures in 15 minutes, 429 instead of the reason, yet a good link still opens', async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const call = async (token: string) => (await respondPage(linkEvent(token, ip), {} as Context)) as HttpResult;
    for (let i = 0; i < 10; i += 1) expect((await call(randomUUID().replace(/-/g, ''))).statusCode).toBe(404);
    const limited = await call(randomUUID().replace(/-/g, ''));
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers?.['Retry-After'])).toBeGreaterThan(0);
    const title = `Rate ${randomUUID().slice(0, 8)}`;
    await api('/api/cycles', { method: 'POST', body: JSON.stringify({ title, deadline: inDays(10), states: ['DOM'] }), headers: json });
    await runJob('reminders', new Date().toISOString());
    const good = /\/respond\/(\S+)/.exec((await mailbox(title))[0]!.body.text!)![1]!;
    expect((await call(good)).statusCode).toBe(200);
  });

  it('refuses an expired link (90 days after the deadline) and a tampered one', async () => {
    const title = `Expiry ${randomUUID().slice(0, 8)}`;
    await api('/api/cycles', { method: 'POST', body: JSON.stringify({ title, deadline: inDays(10), states: ['JAM'] }), headers: json });
    await runJob('reminders', new Date().toISOString());
    const token = /\/respond\/(\S+)/.exec((await mailbox(title))[0]!.body.text!)![1]!;
    const context = { stores: stores(), client: 'expiry-test', maxFailures: 100 };
    expect((await openLink(token, { ...context, now: inDays(101) })).problem).toBe('expired');
    expect((await openLink(token, { ...context, now: inDays(1) })).ok).toBe(true);
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect((await openLink(tampered, { ...context, now: inDays(1) })).problem).toBe('unknown');
  });
});
