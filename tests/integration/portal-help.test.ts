import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runJob } from '../../infra/local/jobs';
import { SENDER } from '../../infra/local/settings';
import { api, jsonOf, mailbox } from './helpers';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const json = { 'Content-Type': 'application/json' };
const formType = { 'Content-Type': 'application/x-www-form-urlencoded' };

/** A state's browser without JavaScript: keeps the session cookie. */
class Session {
  cookie = '';
  async open(link: string) {
    const response = await fetch(link);
    this.cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    return response;
  }
  fetch(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    headers.set('Cookie', this.cookie);
    return fetch(`${inject('apiUrl')}${path}`, { ...init, headers, redirect: 'manual' });
  }
  put(mandateId: string, body: unknown) {
    return this.fetch(`/api/assignment/answers/${encodeURIComponent(mandateId)}`, {
      method: 'PUT',
      body: JSON.stringify(body),
      headers: json,
    });
  }
}

let title: string;
let links: Record<string, string>;

beforeAll(async () => {
  title = `Help ${randomUUID().slice(0, 8)}`;
  await api('/api/cycles', {
    method: 'POST',
    body: JSON.stringify({ title, deadline: inDays(30), states: ['HTI', 'MEX', 'CHL'] }),
    headers: json,
  });
  await runJob('reminders', new Date().toISOString());
  const emails = await mailbox(title);
  links = Object.fromEntries(
    ['HTI', 'MEX', 'CHL'].map((code) => {
      const email = emails.find((e) => e.destination.to[0] === `focal-point@${code.toLowerCase()}.example.org`)!;
      return [code, /(http:\/\/\S+\/respond\/[A-Za-z0-9_-]+)/.exec(email.body.text!)![1]!];
    }),
  );
});

describe('a form refused without JavaScript', () => {
  it('comes back on the French page as typed, with a French message beside the bad link, tied to it', async () => {
    const session = new Session();
    await session.open(links.HTI!);
    const { mandates } = await jsonOf(await session.fetch('/api/assignment'));
    const form = new URLSearchParams({
      version: '0',
      status: 'in_progress',
      narrative: 'Mesures prises :\n\n- une loi\n- un plan',
      difficulties: 'Budget',
    });
    for (const [t, u] of [
      ['Loi', 'https://gov.example.org/loi'],
      ['Plan', 'pas une adresse'],
      ['', ''],
    ]) {
      form.append('evidenceTitle', t!);
      form.append('evidenceUrl', u!);
    }
    form.set('back', 'lang=fr');
    const response = await session.fetch(`/api/assignment/answers/${mandates[0].id}`, {
      method: 'POST',
      body: form.toString(),
      headers: formType,
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('<html lang="fr">');
    expect(page).not.toContain('must be an http');
    expect(page).not.toContain('evidence.1.url');
    // the second row of links is marked, and the message names it as the page labels it
    const field = /<input\s+type="url"\s+id="(ev-url-\d+-1)"[^>]*>/.exec(page)![0]!;
    expect(field).toContain('aria-invalid="true"');
    const describedBy = /aria-describedby="([^"]+)"/.exec(field)![1]!;
    expect(page).toMatch(
      new RegExp(`<p class="field-error" id="${describedBy}">Adresse \\(http ou https\\), lien 2 : saisissez une adresse web complète`),
    );
    expect(page).toContain('Non enregistré : un champ est à corriger.');
    // everything typed is kept
    expect(page).toContain('value="pas une adresse"');
    expect(page).toContain('value="https://gov.example.org/loi"');
    expect(page).toContain('Mesures prises :\n\n- une loi\n- un plan</textarea>');
    expect(page).toContain('>Budget</textarea>');
    expect(page).toMatch(/value="in_progress"[^>]*\schecked/);
    // and nothing was saved (an answer offered from an earlier cycle of Haiti's may show, never stored: version 0)
    const after = await jsonOf(await session.fetch('/api/assignment'));
    expect(after.mandates[0].answer?.version ?? 0).toBe(0);
    expect(after.progress.answered).toBe(0);
  });

  it('names a refused extension request in the page’s language', async () => {
    const session = new Session();
    await session.open(links.MEX!);
    const response = await session.fetch('/api/assignment/extension-request', {
      method: 'POST',
      body: new URLSearchParams({ proposedDeadline: 'mañana', reason: 'Elecciones' }).toString(),
      headers: formType,
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('<html lang="es">');
    expect(page).toContain('Nuevo plazo propuesto: este valor no se puede guardar');
    expect(page).not.toContain('proposedDeadline');
  });

  it('says in the page’s language that the session has ended, as a page, when a form comes after it ended', async () => {
    const ended = await fetch(`${inject('apiUrl')}/api/assignment/answers/some-mandate`, {
      method: 'POST',
      body: new URLSearchParams({ status: 'in_progress', narrative: 'Texte tapé', version: '0', lang: 'fr' }).toString(),
      headers: { ...formType, Cookie: 'mf_session=ended-long-ago' },
      redirect: 'manual',
    });
    expect(ended.status).toBe(401);
    expect(ended.headers.get('content-type')).toMatch(/text\/html/);
    const page = await ended.text();
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('Votre session a pris fin');
    // Without the form's language, the one remembered from the link; a script's JSON call still gets JSON.
    const remembered = await fetch(`${inject('apiUrl')}/api/assignment/submit`, {
      method: 'POST',
      body: '',
      headers: { ...formType, Cookie: 'mf_lang=es' },
      redirect: 'manual',
    });
    expect(await remembered.text()).toContain('Su sesión terminó');
    const script = await fetch(`${inject('apiUrl')}/api/assignment/submit`, { method: 'POST', headers: json, body: '{}' });
    expect(script.status).toBe(401);
    expect((await script.json()).error.code).toBeDefined();
  });
});

describe('the state’s pages', () => {
  it('show the secretariat’s contact, the intro and the help for each status; the themes in the state’s language', async () => {
    const session = new Session();
    const first = await (await session.open(links.MEX!)).text();
    expect(first).toContain(`<a href="mailto:${SENDER}">${SENDER}</a>`);
    expect(first).toContain('Sus respuestas se guardan solas');
    expect(first).toContain('una descripción guardada sin estado sigue contando como sin respuesta');
    expect(first).toContain('Una parte de lo que pide el mandato está en marcha y funciona');
    expect(first).toMatch(/<summary>Migración <span class="counts">/);
    expect(first).toMatch(/<button type="submit">Guardar<span class="vh"> [^<]+<\/span><\/button>/);
    for (const path of ['/respond?confirm=submit', '/respond?view=receipt']) {
      expect(await (await session.fetch(path)).text()).toContain(`mailto:${SENDER}`);
    }
    const unknown = await fetch(`${inject('apiUrl')}/respond/not-a-real-link-at-all-xxxxxxxxxxxxxx`);
    expect(await unknown.text()).toContain(`mailto:${SENDER}`);
  });
});

describe('the receipt', () => {
  it('is a printable page with the state, cycle, time with zone, counts, every answer and the hash; the email has the same summary', async () => {
    const session = new Session();
    await session.open(links.CHL!);
    expect((await session.fetch('/respond?view=receipt')).status).toBe(409);
    const { mandates } = await jsonOf(await session.fetch('/api/assignment'));
    const answers = [
      { status: 'fully_implemented', narrative: 'Primer párrafo.\n\nSegundo párrafo:\n- una ley\n- un plan' },
      { status: 'in_progress', narrative: 'En curso' },
      { status: 'in_progress', narrative: 'También' },
    ];
    for (const [i, body] of answers.entries()) expect((await session.put(mandates[i].id, { ...body, version: 0 })).status).toBe(200);
    const submitted = await jsonOf(await session.fetch('/api/assignment/submit', { method: 'POST' }));

    const answering = await (await session.fetch('/respond')).text();
    expect(answering).not.toMatch(/quedan? \d+ días?/);
    expect(answering).toContain('href="/respond?view=receipt&amp;lang=es"');

    const response = await session.fetch('/respond?view=receipt');
    expect(response.status).toBe(200);
    const receipt = await response.text();
    expect(receipt).toContain('Mi informe: acuse de recibo');
    expect(receipt).toContain('Chile');
    expect(receipt).toContain(title);
    expect(receipt).toMatch(/<dd id="submitted-at">[^<]*\d{1,2}:\d{2}:\d{2} UTC<\/dd>/);
    expect(receipt).toMatch(/<th scope="row">En curso<\/th>\s*<td>2<\/td>/);
    expect(receipt).toMatch(/<th scope="row">Implementado plenamente<\/th>\s*<td>1<\/td>/);
    expect(receipt).toContain(submitted.contentHash);
    expect(receipt.match(/<article id="m-/g)).toHaveLength(mandates.length);
    expect(receipt).toContain('@media print');
    // paragraphs and lists kept in the read-only view
    expect(receipt).toMatch(
      /<div class="rich"><p>Primer párrafo.<\/p><p>Segundo párrafo:<\/p><ul>\s*<li>una ley<\/li><li>un plan<\/li>\s*<\/ul><\/div>/,
    );

    await runJob('reminders', new Date().toISOString());
    const email = (await mailbox(title)).find(
      (e) => e.subject.startsWith('Acuse de recibo') && e.destination.to[0] === 'focal-point@chl.example.org',
    )!;
    expect(email.body.text).toContain('Estado: Chile');
    expect(email.body.text).toContain(`Ciclo de informes: ${title}`);
    expect(email.body.text).toMatch(/Enviado: .*UTC/);
    expect(email.body.text).toContain(`3 de ${mandates.length} mandatos respondidos`);
    expect(email.body.text).toContain(`Huella del contenido (SHA-256): ${submitted.contentHash}`);
    expect(email.body.text).not.toMatch(/días?\b.*quedan?|quedan? \d+/);
  });
});

describe('every email', () => {
  it('carries the secretariat’s contact address as Reply-To', async () => {
    const response = await fetch(`${inject('mailboxUrl')}store`);
    const { emails } = (await response.json()) as { emails: { subject: string; replyTo?: string[] }[] };
    const ours = emails.filter((e) => e.subject.includes(title));
    expect(ours.length).toBeGreaterThanOrEqual(3);
    for (const email of ours) expect(email.replyTo).toEqual([SENDER]);
  });
});
