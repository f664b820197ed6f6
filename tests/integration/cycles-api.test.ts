import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, jsonOf, mailbox } from './helpers';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  api(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } });

async function runJob(name: 'reminders' | 'open-cycles') {
  const { runJob: run } = await import('../../infra/local/jobs');
  return run(name, new Date().toISOString());
}

describe('POST /api/cycles', () => {
  it('opens a cycle for the active states and the seed mandates, and its invitations go out with the next run', async () => {
    const title = `API cycle ${randomUUID().slice(0, 8)}`;
    const response = await post('/api/cycles', { title, deadline: inDays(30).slice(0, 10) });
    expect(response.status).toBe(201);
    const cycle = await jsonOf(response);
    expect(cycle).toMatchObject({ title, status: 'open', stateCount: 32, mandateCount: 37 });
    expect(cycle.id).toEqual(expect.any(String));
    expect(cycle.mandateIds).toBeUndefined();

    await runJob('reminders');
    const invitations = await mailbox(title);
    expect(invitations).toHaveLength(32);

    const status = await jsonOf(await api(`/api/cycles/${cycle.id}`));
    expect(status.totals).toMatchObject({ invited: 32 });
    const haiti = status.states.find((s: { code: string }) => s.code === 'HTI');
    expect(haiti).toMatchObject({
      status: 'invited',
      answered: 0,
      total: 37,
      remindersSent: 0,
      lastEmail: { kind: 'invitation', result: 'sent' },
    });

    const list = await jsonOf(await api('/api/cycles'));
    expect(list.cycles.map((c: { id: string }) => c.id)).toContain(cycle.id);
  });

  it('replayed ten times with one Idempotency-Key makes one cycle and one set of invitations', async () => {
    const title = `Idempotent ${randomUUID().slice(0, 8)}`;
    const body = { title, deadline: inDays(20), states: ['JAM', 'HTI'] };
    const key = randomUUID();
    const responses = await Promise.all(Array.from({ length: 10 }, () => post('/api/cycles', body, { 'Idempotency-Key': key })));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    const ids = new Set(await Promise.all(responses.map(async (r) => (await jsonOf(r)).id)));
    expect(ids.size).toBe(1);
    const cycles = (await jsonOf(await api('/api/cycles'))).cycles.filter((c: { title: string }) => c.title === title);
    expect(cycles).toHaveLength(1);
    await runJob('reminders');
    await runJob('reminders');
    expect(await mailbox(title)).toHaveLength(2);
  });

  it('refuses a reused key with a different request', async () => {
    const key = randomUUID();
    expect((await post('/api/cycles', { title: 'A', deadline: inDays(20), states: ['JAM'] }, { 'Idempotency-Key': key })).status).toBe(201);
    const second = await post('/api/cycles', { title: 'B', deadline: inDays(20), states: ['JAM'] }, { 'Idempotency-Key': key });
    expect(second.status).toBe(422);
    expect((await jsonOf(second)).error.code).toBe('idempotency_key_reused');
  });

  it('schedules a cycle that opens later, with no assignment yet', async () => {
    const response = await post('/api/cycles', { title: 'Later', opensAt: inDays(10), deadline: inDays(40), states: ['JAM'] });
    const cycle = await jsonOf(response);
    expect(cycle.status).toBe('scheduled');
    const status = await jsonOf(await api(`/api/cycles/${cycle.id}`));
    expect(status.states).toEqual([]);
  });

  it.each([
    [{ deadline: '2030-01-01' }, 'title'],
    [{ title: 'x' }, 'deadline'],
    [{ title: 'x', deadline: 'next week' }, 'deadline'],
    [{ title: 'x', deadline: '2020-01-01' }, 'deadline'],
    [{ title: 'x', deadline: '2030-01-01', opensAt: '2030-02-01T00:00:00Z' }, 'deadline'],
    [{ title: 'x', deadline: '2030-01-01', states: ['XXX'] }, 'states'],
    [{ title: 'x', deadline: '2030-01-01', states: ['usa'] }, 'states'],
    [{ title: 'x', deadline: '2030-01-01', mandates: { ids: ['nope'] } }, 'mandates.ids'],
    [{ title: 'x', deadline: '2030-01-01', mandates: { summit: 'Atlantis' } }, 'mandates.summit'],
    [{ title: 'x', deadline: '2030-01-01', mandates: { year: 2018 } }, 'mandates'],
    [{ title: 'x', deadline: '2030-01-01', reminders: { daysBefore: [0], overdueEveryDays: 7, maxOverdue: 3 } }, 'reminders.daysBefore'],
    [{ title: 'x', deadline: '2030-01-01', recurrence: { everyMonths: 0 } }, 'recurrence.everyMonths'],
    [{ title: 'x', deadline: '2030-01-01', colour: 'red' }, 'colour'],
  ])('answers 400 naming the field for %j', async (body, field) => {
    const response = await post('/api/cycles', body);
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).error.message).toContain(field);
  });

  it('answers 400 for a body that is not JSON, 415 for another content type, 413 for an oversized body', async () => {
    const notJson = await api('/api/cycles', { method: 'POST', body: '{"title":', headers: { 'Content-Type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect((await jsonOf(notJson)).error.code).toBe('invalid_json');
    const form = await api('/api/cycles', {
      method: 'POST',
      body: 'title=x',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    const huge = await post('/api/cycles', { title: 'x'.repeat(300_000), deadline: '2030-01-01' });
    expect(huge.status).toBe(413);
  });

  it('refuses a request without the secretariat token', async () => {
    const response = await api('/api/cycles', { method: 'POST', body: '{}', token: null, headers: { 'Content-Type': 'application/json' } });
    expect(response.status).toBe(401);
  });
});

describe('actions on a state in a cycle', () => {
  it('grant an extension, remind, reopen, revoke and rotate the link, each recorded in the audit trail', async () => {
    const cycle = await jsonOf(
      await post('/api/cycles', { title: `Actions ${randomUUID().slice(0, 8)}`, deadline: inDays(20), states: ['JAM', 'BRA'] }),
    );
    const base = `/api/cycles/${cycle.id}/states/JAM`;
    const extended = await post(`${base}/extension`, { deadline: inDays(35).slice(0, 10), reason: 'national elections' });
    expect(extended.status).toBe(200);
    expect((await jsonOf(extended)).deadline).toBe(`${inDays(35).slice(0, 10)}T23:59:59.000Z`);
    expect((await post(`${base}/extension`, { deadline: inDays(5) })).status).toBe(400);
    expect((await post(`${base}/remind`, {})).status).toBe(200);
    const reopen = await post(`${base}/reopen`, {});
    expect(reopen.status).toBe(409);
    expect((await jsonOf(reopen)).error.code).toBe('not_submitted');
    expect((await post(`${base}/link/revoke`, {})).status).toBe(200);
    expect((await post(`${base}/remind`, {})).status).toBe(409);
    expect((await post(`${base}/link/rotate`, {})).status).toBe(200);
    expect((await post(`/api/cycles/${cycle.id}/states/ZZZ/remind`, {})).status).toBe(404);
    expect((await post(`/api/cycles/nope/states/JAM/remind`, {})).status).toBe(404);

    const audit = await jsonOf(await api(`/api/cycles/${cycle.id}/audit`));
    expect(audit.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining([
        'cycle.created',
        'cycle.opened',
        'assignment.extension_granted',
        'assignment.reminder_requested',
        'assignment.link_revoked',
        'assignment.link_rotated',
      ]),
    );
  });

  it('answers 404 for an unknown cycle', async () => {
    expect((await api('/api/cycles/nope')).status).toBe(404);
    expect((await api('/api/cycles/nope/audit')).status).toBe(404);
  });
});

describe('PUT /api/states/{code}', () => {
  it('updates the focal points of a state, and refuses bad values naming the field', async () => {
    const response = await api('/api/states/GRD', {
      method: 'PUT',
      body: JSON.stringify({ focalPoints: ['summits@grenada.example.org', 'deputy@grenada.example.org'] }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(response.status).toBe(200);
    expect((await jsonOf(response)).focalPoints).toHaveLength(2);
    const states = await jsonOf(await api('/api/states'));
    expect(states.states.find((s: { code: string }) => s.code === 'GRD').focalPoints).toEqual([
      'summits@grenada.example.org',
      'deputy@grenada.example.org',
    ]);

    const bad = await api('/api/states/GRD', {
      method: 'PUT',
      body: JSON.stringify({ focalPoints: ['not-an-email'], language: 'de' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    const message = (await jsonOf(bad)).error.message;
    expect(message).toContain('focalPoints');
    expect(message).toContain('language');
    expect((await api('/api/states/ZZZ', { method: 'PUT', body: '{}', headers: { 'Content-Type': 'application/json' } })).status).toBe(404);
    await api('/api/states/GRD', {
      method: 'PUT',
      body: JSON.stringify({ focalPoints: ['focal-point@grd.example.org'] }),
      headers: { 'Content-Type': 'application/json' },
    });
  });
});
