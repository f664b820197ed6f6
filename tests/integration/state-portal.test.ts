import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, jsonOf, mailbox } from './helpers';
import { runJob } from '../../infra/local/jobs';
import { inject } from 'vitest';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const json = { 'Content-Type': 'application/json' };
const base = () => inject('apiUrl');

/** A state's browser: keeps the session cookie. */
class Browser {
  cookie = '';
  async open(link: string) {
    const response = await fetch(link);
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    return response;
  }
  fetch(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('Cookie', this.cookie);
    return fetch(`${base()}${path}`, { ...init, headers, redirect: 'manual' });
  }
  put(mandateId: string, body: unknown) {
    return this.fetch(`/api/assignment/answers/${encodeURIComponent(mandateId)}`, {
      method: 'PUT',
      body: JSON.stringify(body),
      headers: json,
    });
  }
}

const linkFor = (emails: Awaited<ReturnType<typeof mailbox>>, code: string) => {
  const email = emails.find((e) => e.destination.to[0] === `focal-point@${code.toLowerCase()}.example.org`)!;
  return /(http:\/\/\S+\/respond\/[A-Za-z0-9_-]+)/.exec(email.body.text!)![1]!;
};

let cycleId: string;
let title: string;
let links: Record<string, string>;

beforeAll(async () => {
  title = `Portal ${randomUUID().slice(0, 8)}`;
  const response = await api('/api/cycles', {
    method: 'POST',
    body: JSON.stringify({ title, titles: { fr: `${title} (fr)` }, deadline: inDays(30), states: ['HTI', 'JAM', 'BRA', 'MEX'] }),
    headers: json,
  });
  cycleId = (await jsonOf(response)).id;
  await runJob('reminders', new Date().toISOString());
  const emails = await mailbox(title);
  links = Object.fromEntries(['HTI', 'JAM', 'BRA', 'MEX'].map((code) => [code, linkFor(emails, code)]));
});

describe('the link in the email', () => {
  it("opens Haiti's page in French with an HttpOnly, SameSite=Strict session cookie", async () => {
    const browser = new Browser();
    const response = await browser.open(links.HTI!);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('Rapport sur les mandats des Sommets');
    expect(page).toContain('0 mandats sur 37 renseignés');
    expect(page).toContain(`<h2 id="cycle-title">${title} (fr)</h2>`);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'nonce-/);
    const status = await jsonOf(await api(`/api/cycles/${cycleId}`));
    expect(status.states.find((s: { code: string }) => s.code === 'HTI').status).toBe('opened');
  });

  it('shows the texts in the state\'s language where known, else in English marked lang="en" with a note', async () => {
    const browser = new Browser();
    await browser.open(links.MEX!);
    const page = await (await browser.fetch('/respond')).text();
    expect(page).toContain('<html lang="es">');
    // the seed's mandates are in English only
    expect(page).toMatch(/<p class="text" lang="en">/);
    expect(page).toContain('Este texto aún no está disponible en español: se muestra en inglés.');
    expect(page).not.toMatch(/<p class="text">/);
    // the instruments and summits are named in Spanish, from the registry
    expect(page).toContain('Plan de Acción Interamericano sobre Gobernabilidad Democrática');
    expect(page).toContain('IX Cumbre de las Américas, Los Angeles 2022');
    // the cycle has no Spanish title: the title stands in for it
    expect(page).toContain(`<h2 id="cycle-title">${title}</h2>`);
    const assignment = await jsonOf(await browser.fetch('/api/assignment'));
    expect(assignment.cycle.title).toBe(title);
    expect(assignment.mandates[0]).toMatchObject({ textLanguage: 'en', text: expect.any(String) });
    const haiti = new Browser();
    await haiti.open(links.HTI!);
    expect((await jsonOf(await haiti.fetch('/api/assignment'))).cycle.title).toBe(`${title} (fr)`);
  });

  it('shows a contents list by theme and instrument, a filter, and a link to the next unanswered mandate', async () => {
    const browser = new Browser();
    await browser.open(links.JAM!);
    const page = await (await browser.fetch('/respond')).text();
    expect(page).toContain('<nav id="contents" aria-labelledby="contents-title">');
    expect(page).toMatch(/<summary>Migration <span class="counts">\(\d+ of 37 answered\)<\/span><\/summary>/);
    expect(page).toContain('<span>Plan of Action Québec</span> (Québec City 2001)');
    expect(page).toContain('<form method="get" action="/respond" class="filter" role="search"');
    expect(page).toContain('id="next-unanswered"');
    const filtered = await (await browser.fetch('/respond?q=trafficking&filter=unanswered')).text();
    expect(filtered).toMatch(/\d+ of 37 mandates match\./);
    expect(filtered).toContain('<option value="unanswered" selected>');
    expect(filtered).toContain('value="trafficking"');
    const none = await (await browser.fetch('/respond?q=zzzzzz')).text();
    expect(none).toContain('No mandate matches.');
  });

  it('switches the page to another language', async () => {
    const browser = new Browser();
    await browser.open(links.HTI!);
    const page = await (await browser.fetch('/respond?lang=pt')).text();
    expect(page).toContain('<html lang="pt">');
    expect(page).toContain('Relatório sobre os mandatos das Cúpulas');
  });

  it('shows a clear page for an unknown link, never a stack trace', async () => {
    const response = await fetch(`${base()}/respond/${'x'.repeat(43)}`, { headers: { 'Accept-Language': 'es-MX,es;q=0.9' } });
    expect(response.status).toBe(404);
    const page = await response.text();
    expect(page).toContain('<html lang="es">');
    expect(page).toContain('Este enlace no es válido.');
    expect(page).not.toMatch(/Error|at \w+ \(/);
  });

  it("shows a revoked link's page in the state's language after the link is rotated", async () => {
    const t = `Rotate ${randomUUID().slice(0, 8)}`;
    const cycle = await jsonOf(
      await api('/api/cycles', {
        method: 'POST',
        body: JSON.stringify({ title: t, deadline: inDays(30), states: ['BRA'] }),
        headers: json,
      }),
    );
    await runJob('reminders', new Date().toISOString());
    const first = linkFor(await mailbox(t), 'BRA');
    await api(`/api/cycles/${cycle.id}/states/BRA/link/rotate`, { method: 'POST', body: '{}', headers: json });
    await runJob('reminders', new Date().toISOString());
    const response = await fetch(first);
    expect(response.status).toBe(410);
    const page = await response.text();
    expect(page).toContain('<html lang="pt">');
    expect(page).toContain('Este link foi substituído ou retirado.');
    const second = (await mailbox(t)).map((e) => /\/respond\/(\S+)/.exec(e.body.text!)![0]).at(-1)!;
    expect((await fetch(`${base()}${second}`)).status).toBe(200);
  });
});

describe('answering', () => {
  it('saves an answer, refuses a stale save with 409 and the current answer, and counts progress', async () => {
    const browser = new Browser();
    await browser.open(links.JAM!);
    const assignment = await jsonOf(await browser.fetch('/api/assignment'));
    expect(assignment.state.code).toBe('JAM');
    expect(assignment.mandates).toHaveLength(37);
    expect(assignment.progress).toEqual({ answered: 0, total: 37 });
    const mandateId = assignment.mandates[0].id;

    const first = await browser.put(mandateId, {
      status: 'partially_implemented',
      narrative: 'A national migration policy was adopted in 2025.',
      difficulties: 'Funding.',
      evidence: [{ title: 'Policy', url: 'https://gov.example.org/policy.pdf' }],
      version: 0,
    });
    expect(first.status).toBe(200);
    const saved = await jsonOf(first);
    expect(saved.answer.version).toBe(1);
    expect(saved.progress).toEqual({ answered: 1, total: 37 });

    const colleague = await browser.put(mandateId, { status: 'not_started', narrative: 'Other text', version: 0 });
    expect(colleague.status).toBe(409);
    const conflict = await jsonOf(colleague);
    expect(conflict.error.code).toBe('version_conflict');
    expect(conflict.error.details.current).toMatchObject({ status: 'partially_implemented', version: 1 });

    const again = await browser.put(mandateId, { status: 'not_applicable', version: 1 });
    expect(again.status).toBe(200);
    expect((await jsonOf(again)).progress.answered).toBe(1);
    const draft = await browser.put(assignment.mandates[1].id, { narrative: 'draft without status', version: 0 });
    expect((await jsonOf(draft)).progress.answered).toBe(1);

    const status = await jsonOf(await api(`/api/cycles/${cycleId}`));
    expect(status.states.find((s: { code: string }) => s.code === 'JAM')).toMatchObject({ status: 'in_progress', answered: 1 });
  });

  it.each([
    [{ status: 'done', version: 0 }, 'status'],
    [{ status: 'in_progress' }, 'version'],
    [{ status: 'in_progress', narrative: 'x'.repeat(10_001), version: 0 }, 'narrative'],
    [
      {
        status: 'in_progress',
        evidence: Array.from({ length: 21 }, (_, i) => ({ title: `t${i}`, url: 'https://a.example.org' })),
        version: 0,
      },
      'evidence',
    ],
    [{ status: 'in_progress', evidence: [{ title: 'x', url: 'javascript:alert(1)' }], version: 0 }, 'evidence.0.url'],
    [{ status: 'in_progress', version: 0, extra: 1 }, 'extra'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const browser = new Browser();
    await browser.open(links.MEX!);
    const { mandates } = await jsonOf(await browser.fetch('/api/assignment'));
    const response = await browser.put(mandates[2].id, body);
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).error.message).toContain(field);
  });

  it('answers 404 for a mandate that is not part of the cycle, and 401 without a session', async () => {
    const browser = new Browser();
    await browser.open(links.MEX!);
    expect(
      (await browser.put('migration-2022-inter-american-action-plan-on-democratic-governance-1', { status: 'in_progress', version: 0 }))
        .status,
    ).toBe(404);
    expect((await browser.put('no-such-mandate', { status: 'in_progress', version: 0 })).status).toBe(404);
    const anonymous = await fetch(`${base()}/api/assignment`);
    expect(anonymous.status).toBe(401);
  });

  it('saves an answer sent by the plain HTML form (no JavaScript) and redirects back to it', async () => {
    const browser = new Browser();
    await browser.open(links.BRA!);
    const { mandates } = await jsonOf(await browser.fetch('/api/assignment'));
    const form = new URLSearchParams({
      version: '0',
      status: 'in_progress',
      narrative: 'Plano nacional',
      difficulties: '',
      evidenceTitle: 'Lei',
      evidenceUrl: 'https://gov.example.org/lei',
    });
    form.append('evidenceTitle', '');
    form.append('evidenceUrl', '');
    const response = await browser.fetch(`/api/assignment/answers/${mandates[0].id}`, {
      method: 'POST',
      body: form.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(303);
    // back at the mandate: the page that holds it, scrolled to it
    expect(response.headers.get('location')).toBe(`/respond?at=${mandates[0].id}#m-${mandates[0].id}`);
    const after = await jsonOf(await browser.fetch('/api/assignment'));
    expect(after.mandates[0].answer).toMatchObject({
      status: 'in_progress',
      narrative: 'Plano nacional',
      evidence: [{ title: 'Lei', url: 'https://gov.example.org/lei' }],
    });
    const back = await (await browser.fetch(response.headers.get('location')!.replace(/#.*$/, ''))).text();
    expect(back).toContain(`<article id="m-${mandates[0].id}"`);
    expect(back).toContain('Plano nacional');

    // The page's forms say where they were sent from: the redirect keeps the group, the filter and the language, nothing else.
    const page = await (await browser.fetch(`/respond?at=${mandates[2].id}&filter=unanswered&lang=es`)).text();
    const backField = new RegExp(`action="/api/assignment/answers/${mandates[2].id}"[\\s\\S]*?name="back" value="([^"]*)"`)
      .exec(page)![1]!
      .replace(/&amp;/g, '&');
    const group = new URLSearchParams(backField).get('group')!;
    expect(backField).toBe(`group=${encodeURIComponent(group)}&filter=unanswered&lang=es`);
    const kept = await browser.fetch(`/api/assignment/answers/${mandates[2].id}`, {
      method: 'POST',
      body: new URLSearchParams({
        version: '0',
        status: '',
        narrative: 'borrador',
        back: `${backField}&evil=https://evil.example.com`,
      }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(kept.status).toBe(303);
    expect(kept.headers.get('location')).toBe(
      `/respond?group=${encodeURIComponent(group)}&filter=unanswered&lang=es&at=${mandates[2].id}#m-${mandates[2].id}`,
    );
    const again = await (await browser.fetch(kept.headers.get('location')!.replace(/#.*$/, ''))).text();
    expect(again).toContain('<html lang="es">');
    expect(again).toContain(`<article id="m-${mandates[2].id}"`);

    const bad = await browser.fetch(`/api/assignment/answers/${mandates[1].id}`, {
      method: 'POST',
      body: new URLSearchParams({ version: '0', status: 'bogus' }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('<html lang="pt">');
  });

  it('refuses a write that comes from another site', async () => {
    const browser = new Browser();
    await browser.open(links.BRA!);
    const { mandates } = await jsonOf(await browser.fetch('/api/assignment'));
    const response = await browser.fetch(`/api/assignment/answers/${mandates[3].id}`, {
      method: 'PUT',
      body: JSON.stringify({ status: 'in_progress', version: 0 }),
      headers: { ...json, Origin: 'https://evil.example.com' },
    });
    expect(response.status).toBe(403);
  });
});

describe('submitting', () => {
  it('submits with a receipt, makes the page read-only, shows Haiti as submitted and stops its reminders', async () => {
    const browser = new Browser();
    await browser.open(links.HTI!);
    const { mandates } = await jsonOf(await browser.fetch('/api/assignment'));
    for (const [i, status] of ['fully_implemented', 'not_applicable', 'in_progress'].entries()) {
      expect((await browser.put(mandates[i].id, { status, narrative: `Réponse ${i}`, version: 0 })).status).toBe(200);
    }
    const confirm = await (await browser.fetch('/respond?confirm=submit')).text();
    expect(confirm).toContain('Ces mandats n’ont pas encore de réponse');
    // each unanswered mandate is a link to it, with the beginning of its text
    expect(confirm).toContain(`<a href="/respond?at=${mandates[3].id}&amp;lang=fr#m-${mandates[3].id}"`);
    expect(confirm).toContain(mandates[3].text.slice(0, 40));
    expect(confirm.match(/<li>/g)).toHaveLength(34);
    const response = await browser.fetch('/api/assignment/submit', { method: 'POST' });
    expect(response.status).toBe(200);
    const receipt = await jsonOf(response);
    expect(receipt.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(receipt.answered).toBe(3);

    const page = await (await browser.fetch('/respond')).text();
    expect(page).toContain(receipt.contentHash);
    // No form saves an answer any more (a note to the secretariat about an answer still can be written).
    expect(page).not.toMatch(/<form method="post" action="\/api\/assignment\/answers\/[^"/]+"/);
    expect(page).toMatch(/<form method="post" action="\/api\/assignment\/answers\/[^"/]+\/comments"/);
    expect((await browser.put(mandates[4].id, { status: 'in_progress', version: 0 })).status).toBe(409);
    expect((await browser.fetch('/api/assignment/submit', { method: 'POST' })).status).toBe(409);

    const status = await jsonOf(await api(`/api/cycles/${cycleId}`));
    const haiti = status.states.find((s: { code: string }) => s.code === 'HTI');
    expect(haiti).toMatchObject({ status: 'submitted', answered: 3, nextReminderAt: expect.any(String) });
    await runJob('reminders', new Date().toISOString());
    const after = await jsonOf(await api(`/api/cycles/${cycleId}`));
    expect(after.states.find((s: { code: string }) => s.code === 'HTI').nextReminderAt).toBeNull();
    const receipts = (await mailbox(title)).filter((e) => e.subject.startsWith('Accusé de réception'));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.subject).toContain(`${title} (fr)`);
    expect(receipts[0]!.body.text).toContain(receipt.contentHash);
  });

  it('lets a state ask for more time, which the secretariat sees in the cycle status', async () => {
    const browser = new Browser();
    await browser.open(links.MEX!);
    const bad = await browser.fetch('/api/assignment/extension-request', {
      method: 'POST',
      body: JSON.stringify({ proposedDeadline: '2020-01-01', reason: 'x' }),
      headers: json,
    });
    expect(bad.status).toBe(400);
    const proposed = inDays(60).slice(0, 10);
    const response = await browser.fetch('/api/assignment/extension-request', {
      method: 'POST',
      body: JSON.stringify({ proposedDeadline: proposed, reason: 'Elecciones' }),
      headers: json,
    });
    expect(response.status).toBe(202);
    const status = await jsonOf(await api(`/api/cycles/${cycleId}`));
    expect(status.states.find((s: { code: string }) => s.code === 'MEX').extensionRequest).toEqual({
      proposedDeadline: `${proposed}T23:59:59.000Z`,
      reason: 'Elecciones',
      requestedAt: expect.any(String),
    });
  });
});
