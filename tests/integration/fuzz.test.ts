import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { runJob } from '../../infra/local/jobs';
import { answerInputSchema } from '../../shared/domain/answers';
import { createCycleSchema } from '../../shared/domain/cycles';
import { api, jsonOf, mailbox, TOKEN } from './helpers';

const RUNS = 1000;
let cycleId: string;
let cookie: string;
let mandateId: string;

beforeAll(async () => {
  const title = `Fuzz ${randomUUID().slice(0, 8)}`;
  cycleId = (
    await jsonOf(
      await api('/api/cycles', {
        method: 'POST',
        body: JSON.stringify({ title, deadline: new Date(Date.now() + 20 * 86_400_000).toISOString(), states: ['DOM'] }),
        headers: { 'Content-Type': 'application/json' },
      }),
    )
  ).id;
  await runJob('reminders', new Date().toISOString());
  const link = /(http:\/\/\S+\/respond\/[A-Za-z0-9_-]+)/.exec((await mailbox(title))[0]!.body.text!)![1]!;
  cookie = (await fetch(link)).headers.get('set-cookie')!.split(';')[0]!;
  const view = await jsonOf(await fetch(`${inject('apiUrl')}/api/assignment`, { headers: { Cookie: cookie } }));
  mandateId = view.mandates[0].id;
  await fetch(`${inject('apiUrl')}/api/assignment/answers/${mandateId}`, {
    method: 'PUT',
    headers: { Cookie: cookie, 'Content-Type': 'application/json' },
    body: JSON.stringify({ status: 'in_progress', narrative: 'kept', version: 0 }),
  });
});

/** Bodies of every shape: JSON values, objects with likely keys and wrong values, and text that is not JSON. */
const bodies = fc.oneof(
  fc.json(),
  fc.string(),
  fc
    .record(
      {
        title: fc.anything(),
        deadline: fc.oneof(
          fc.string(),
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.integer(),
        ),
        status: fc.oneof(fc.constantFrom('fully_implemented', 'done', '', 'NOT_APPLICABLE'), fc.anything()),
        narrative: fc.oneof(fc.string(), fc.integer(), fc.constant('x'.repeat(10_001))),
        evidence: fc.anything(),
        version: fc.oneof(fc.integer(), fc.double(), fc.string()),
        states: fc.anything(),
        reason: fc.anything(),
        proposedDeadline: fc.string(),
        focalPoints: fc.anything(),
        language: fc.string(),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
);

const fingerprint = async () => {
  const base = inject('apiUrl');
  const [assignment, cycles, states, status] = await Promise.all([
    fetch(`${base}/api/assignment`, { headers: { Cookie: cookie } }).then((r) => r.text()),
    api('/api/cycles')
      .then((r) => r.json())
      .then((b) => b.count),
    api('/api/states').then((r) => r.text()),
    api(`/api/cycles/${cycleId}`)
      .then((r) => r.json())
      .then((b) => JSON.stringify(b.states)),
  ]);
  return JSON.stringify([assignment, cycles, states, status]);
};

/** Would the API accept this body? Those are left out: every fuzzed request must be refused. */
function acceptable(route: string, body: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return false;
  }
  if (route === 'answers') return answerInputSchema.safeParse(value).success && (value as { version: number }).version === 1;
  if (route === 'cycles') return createCycleSchema.safeParse(value).success;
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0 && route === 'states';
}

const routes = () => [
  { name: 'cycles', method: 'POST', path: '/api/cycles', auth: 'secretariat' },
  { name: 'states', method: 'PUT', path: '/api/states/DOM', auth: 'secretariat' },
  { name: 'extension', method: 'POST', path: `/api/cycles/${cycleId}/states/DOM/extension`, auth: 'secretariat' },
  { name: 'answers', method: 'PUT', path: `/api/assignment/answers/${mandateId}`, auth: 'state' },
  { name: 'extension-request', method: 'POST', path: '/api/assignment/extension-request', auth: 'state' },
];

describe('every JSON route, fuzzed', () => {
  it.each(['cycles', 'states', 'extension', 'answers', 'extension-request'])(
    `%s: ${RUNS} hostile bodies, never a 5xx, and nothing stored changes`,
    async (name) => {
      const route = routes().find((r) => r.name === name)!;
      const before = await fingerprint();
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          fc.pre(!acceptable(name, body));
          const headers: Record<string, string> = { 'Content-Type': 'application/json' };
          if (route.auth === 'secretariat') headers.Authorization = `Bearer ${TOKEN}`;
          else headers.Cookie = cookie;
          const response = await fetch(`${inject('apiUrl')}${route.path}`, { method: route.method, headers, body });
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const text = await response.text();
          expect(response.status, text).toBeGreaterThanOrEqual(400);
          expect(response.status, text).toBeLessThan(500);
          expect(JSON.parse(text).error.code).toEqual(expect.any(String));
        }),
        { numRuns: RUNS },
      );
      expect(await fingerprint()).toBe(before);
    },
    120_000,
  );

  it(`GET /api/mandates: ${RUNS} random query strings, never a 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom('year', 'summit', 'document', 'theme', 'q', 'limit', 'cursor', 'x'), fc.string()),
        async (query) => {
          const response = await api(`/api/mandates?${new URLSearchParams(query).toString()}`);
          await response.arrayBuffer();
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('refuses oversized bodies', async () => {
    const big = JSON.stringify({ status: 'in_progress', narrative: 'x'.repeat(300_000), version: 1 });
    const response = await fetch(`${inject('apiUrl')}/api/assignment/answers/${mandateId}`, {
      method: 'PUT',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: big,
    });
    expect(response.status).toBe(413);
    const huge = await fetch(`${inject('apiUrl')}/api/cycles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: 'x'.repeat(11 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
  });
});
