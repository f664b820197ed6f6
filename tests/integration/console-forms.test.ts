import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { api, jsonOf, TOKEN } from './helpers';

const base = () => inject('apiUrl');
const form = { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
let cookie: string;

const asConsole = (path: string, body?: Record<string, string | string[]>) =>
  fetch(`${base()}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { ...form, Cookie: cookie },
    body: body
      ? new URLSearchParams(Object.entries(body).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))).toString()
      : undefined,
    redirect: 'manual',
  });

const newCycle = (changes: Record<string, string | string[]>) => ({
  idempotencyKey: randomUUID(),
  title: 'Typed title',
  summit: '',
  document: '',
  states: ['JAM', 'MEX'],
  opensAt: '',
  deadline: inDays(40),
  daysBefore: '30, 14, 7, 1',
  overdueEveryDays: '7',
  maxOverdue: '3',
  everyMonths: '',
  ...changes,
});

beforeAll(async () => {
  const signedIn = await fetch(`${base()}/console/sign-in`, { method: 'POST', headers: form, body: `token=${TOKEN}`, redirect: 'manual' });
  cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
});

describe("the console's forms", () => {
  it('refuses a bad reminder day beside its field, in the words of its label, keeping everything typed', async () => {
    const response = await asConsole('/console/cycles', newCycle({ daysBefore: '30, x' }));
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toMatch(/id="daysBefore"[^>]*aria-invalid="true" aria-describedby="daysBefore-problem"/);
    expect(page).toContain('<p class="field-problem" id="daysBefore-problem">Days before the deadline: write whole numbers');
    expect(page).not.toContain('NaN');
    expect(page).not.toContain('reminders.daysBefore');
    expect(page).toContain('value="Typed title"');
    expect(page).toContain(`value="${inDays(40)}"`);
    expect(page).toContain('value="30, x"');
    expect(page).toMatch(/value="JAM"\s+checked/);
    expect(page).toMatch(/value="MEX"\s+checked/);
    expect(page).not.toMatch(/value="HTI"\s+checked/);
  });

  it('names every refused field at once: no title, no state, a deadline before the opening', async () => {
    const response = await asConsole('/console/cycles', newCycle({ title: '', states: [], opensAt: inDays(50), deadline: inDays(40) }));
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('id="title-problem">Title: write a title');
    expect(page).toContain('id="states-problem">States: tick at least one state');
    expect(page).toContain('<fieldset id="states" aria-describedby="states-problem">');
    expect(page).toContain('id="deadline-problem">Deadline: choose a date after today and not before the opening date');
    expect(page).toContain(`value="${inDays(50)}"`);
  });

  it('names the field of what only an altered page can send: a state code that is none', async () => {
    const response = await asConsole('/console/cycles', newCycle({ states: ['JAM', 'not-a-code'] }));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('id="states-problem">States: tick states from the list.');
  });

  it('puts a refusal of the use case beside the field it concerns: a selection that matches no mandate', async () => {
    const response = await asConsole('/console/cycles', newCycle({ summit: 'miami-1994', document: 'Declaration of Lima' }));
    expect([400, 422]).toContain(response.status);
    const page = await response.text();
    expect(page).toContain('id="summit-problem">Mandates: no mandate matches this summit and instrument together');
    expect(page).toContain('value="Typed title"');
  });
});

describe("the console's state actions", () => {
  let cycleId: string;
  beforeAll(async () => {
    const created = await api('/api/cycles', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: `Actions ${randomUUID().slice(0, 8)}`, deadline: inDays(30), states: ['JAM', 'MEX'] }),
    });
    cycleId = (await jsonOf(created)).id;
  });

  it('asks before a new link, saying what stops working, and changes nothing until confirmed', async () => {
    const asked = await asConsole(`/console/cycles/${cycleId}/states/MEX/link/rotate`, { view: '?sort=deadline' });
    expect(asked.status).toBe(200);
    const page = await asked.text();
    expect(page).toContain('Send Mexico a new link?');
    expect(page).toContain('focal points and any ministry are using stops working at once');
    expect(page).toContain('name="confirmed" value="yes"');
    const audit = await jsonOf(await api(`/api/cycles/${cycleId}/audit`));
    expect(audit.entries.map((e: { action: string }) => e.action)).not.toContain('assignment.link_rotated');

    const done = await asConsole(`/console/cycles/${cycleId}/states/MEX/link/rotate`, { view: '?sort=deadline', confirmed: 'yes' });
    expect(done.status).toBe(303);
    const location = done.headers.get('location')!;
    expect(location).toMatch(/#row-MEX$/);
    const query = new URL(location, base()).searchParams;
    expect(query.get('sort')).toBe('deadline');
    expect(query.get('row')).toBe('MEX');
    expect(query.get('notice')).toContain('Mexico: the old links stopped working; the new invitation goes out within 5 minutes');
  });

  it('grants an extension with a reason, and a refused one comes back open, the problem beside its field, the typed kept', async () => {
    const refused = await asConsole(`/console/cycles/${cycleId}/states/JAM/extension`, {
      deadline: inDays(10),
      reason: 'Typed reason',
      view: '?lang=en',
    });
    const location = refused.headers.get('location')!;
    expect(new URL(location, base()).searchParams.get('error')).toBe(
      `New deadline: choose a date after the current deadline, ${inDays(30)}.`,
    );
    const back = await (await asConsole(location.replace(/#.*/, ''))).text();
    expect(back).toMatch(/<details class="menu"\s+open>/);
    expect(back).toMatch(/id="ext-JAM"[^>]*value="[^"]*"\s+aria-invalid="true" aria-describedby="ext-JAM-problem"/);
    expect(back).toContain(`value="${inDays(10)}"`);
    expect(back).toContain('value="Typed reason"');
    expect(back).toContain('<p class="field-problem" id="ext-JAM-problem">New deadline: choose a date after the current deadline');

    const granted = await asConsole(`/console/cycles/${cycleId}/states/JAM/extension`, {
      deadline: inDays(45),
      reason: 'Elections',
      view: '',
    });
    expect(new URL(granted.headers.get('location')!, base()).searchParams.get('notice')).toContain('Jamaica: deadline extended to');
    const status = await jsonOf(await api(`/api/cycles/${cycleId}`));
    const jamaica = status.states.find((s: { code: string }) => s.code === 'JAM');
    expect(jamaica.extensions.at(-1).reason).toBe('Elections');
    const page = await (await asConsole(`/console/cycles/${cycleId}?row=JAM&notice=done`)).text();
    expect(page).toContain('(Elections); granted');
    expect(page).toMatch(/<tr class="row-notice">\s*<td colspan="6"><p class="notice" role="status">done<\/p><\/td>/);
  });

  it('filters the state table by status, language and lateness', async () => {
    const page = async (query: string) =>
      (await (await asConsole(`/console/cycles/${cycleId}${query}`)).text()).match(/id="row-[A-Z]{3}"/g) ?? [];
    expect(await page('')).toEqual(['id="row-JAM"', 'id="row-MEX"']);
    expect(await page('?lang=es')).toEqual(['id="row-MEX"']);
    expect(await page('?status=submitted')).toEqual([]);
    expect(await page('?late=overdue')).toEqual([]);
    expect(await page('?sort=deadline')).toEqual(['id="row-MEX"', 'id="row-JAM"']);
  });
});
