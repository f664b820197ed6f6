import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { runJob } from '../../infra/local/jobs';
import { api, mailbox, TOKEN } from './helpers';

const base = () => inject('apiUrl');
const form = { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' };
let cookie: string;

const asConsole = (path: string, init: RequestInit = {}) =>
  fetch(`${base()}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), Cookie: cookie }, redirect: 'manual' });

beforeAll(async () => {
  const signedIn = await fetch(`${base()}/console/sign-in`, { method: 'POST', headers: form, body: `token=${TOKEN}`, redirect: 'manual' });
  cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
});

afterAll(async () => {
  await api('/api/states/TTO', {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ focalPoints: ['focal-point@tto.example.org'] }),
  });
});

describe("the console's state register", () => {
  it('lists every state with its coordinator and copies, and links to each', async () => {
    const page = await (await asConsole('/console/states')).text();
    expect(page).toContain('Trinidad and Tobago');
    expect(page).toContain('href="/console/states/TTO"');
    expect(page).toContain('focal-point@tto.example.org');
  });

  it('keeps what was typed and marks the field when an address is wrong', async () => {
    const response = await asConsole('/console/states/TTO', {
      method: 'POST',
      headers: form,
      body: new URLSearchParams({
        focalPoints: 'not an address',
        name: 'Trinidad and Tobago',
        localName: 'Trinidad and Tobago',
        language: 'en',
        active: 'on',
        note: 'typed',
      }).toString(),
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('aria-invalid="true" aria-describedby="focalPoints-problem"');
    expect(page).toContain('Focal points: write one email address a line');
    expect(page).toMatch(/>\s*not an address<\/textarea>/);
    expect(page).toMatch(/>\s*typed<\/textarea>/);
  });

  it('sends the next invitation to the addresses the secretariat entered', async () => {
    const saved = await asConsole('/console/states/TTO', {
      method: 'POST',
      headers: form,
      body: new URLSearchParams({
        focalPoints: 'coordinator@foreign.gov.tt\ncopy@foreign.gov.tt',
        name: 'Trinidad and Tobago',
        localName: 'Trinidad and Tobago',
        language: 'en',
        active: 'on',
        note: '',
      }).toString(),
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toMatch(/^\/console\/states\?notice=/);
    const title = `Register ${randomUUID().slice(0, 8)}`;
    const created = await api('/api/cycles', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title, deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(), states: ['TTO'] }),
    });
    expect(created.status).toBe(201);
    await runJob('reminders', new Date().toISOString());
    expect((await mailbox(title)).map((e) => e.destination.to[0]).sort()).toEqual(['coordinator@foreign.gov.tt', 'copy@foreign.gov.tt']);
  });

  it('exports the register as CSV and previews an import before applying it', async () => {
    const csv = await (await asConsole('/console/states/export')).text();
    expect(csv).toContain('code,name,localName,language,active,focalPoints,note');
    const preview = await asConsole('/console/states/import', {
      method: 'POST',
      headers: form,
      body: new URLSearchParams({ csv: 'code,note\nTTO,Ministry of Foreign and CARICOM Affairs\n', step: 'preview' }).toString(),
    });
    expect(await preview.text()).toContain('1 state(s) would change');
    const refused = await asConsole('/console/states/import', {
      method: 'POST',
      headers: form,
      body: new URLSearchParams({ csv: 'code,language\nTTO,klingon\n', step: 'apply' }).toString(),
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Line 2: language');
  });
});
