/**
 * Many hands on the answering page, without JavaScript: plain form posts that go back to the page. Haiti's
 * coordinator adds and removes a contributor, replies to the secretariat, sees a returned answer beside its
 * comment, and confirms a carried answer unchanged; a contributor's page is theirs only in part.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../infra/local/jobs';
import { api, jsonOf, mailbox, StateBrowser, type MailboxEmail } from './helpers';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const json = { 'Content-Type': 'application/json' };

const linkIn = (email: MailboxEmail | undefined) => /(http:\/\/\S+\/respond\/[A-Za-z0-9_-]+)/.exec(email?.body.text ?? '')![1]!;

async function haitiIn(title: string, mandates: string[]) {
  const created = await jsonOf(
    await api('/api/cycles', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ title, deadline: inDays(30), states: ['HTI'], mandates: { ids: mandates } }),
    }),
  );
  await runJob('reminders', new Date().toISOString());
  const session = new StateBrowser();
  await session.open(linkIn((await mailbox(title)).find((e) => e.destination.to[0] === 'focal-point@hti.example.org')));
  return { id: created.id as string, session };
}

let ids: string[];
let title: string;
let cycleId: string;
let haiti: StateBrowser;

beforeAll(async () => {
  const mandates = (await jsonOf(await api('/api/mandates'))).mandates as { id: string; chapeau?: boolean }[];
  ids = mandates
    .filter((m) => !m.chapeau)
    .slice(0, 3)
    .map((m) => m.id);
  title = `Page team ${randomUUID().slice(0, 8)}`;
  const cycle = await haitiIn(title, ids);
  cycleId = cycle.id;
  haiti = cycle.session;
});

describe('the contributors page, without JavaScript', () => {
  let contributorId: string;

  it('lists no one yet, in French, with a form that chooses mandates by group', async () => {
    const page = await haiti.page('/respond?view=team');
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('Aucun contributeur pour l’instant.');
    expect(page).toContain('action="/api/assignment/contributors"');
    expect(page).toMatch(/name="groups" value="[^"]+"/);
    const report = await haiti.page('/respond');
    expect(report).toContain('href="/respond?view=team&amp;lang=fr"');
  });

  it('adds a contributor from the form (whole groups and single mandates), then goes back to the page that says so', async () => {
    const page = await haiti.page(`/respond?view=team&group=x`);
    const groups = [...page.matchAll(/name="groups" value="([^"]+)"/g)].map((m) => m[1]!);
    const added = await haiti.post('/api/assignment/contributors', [
      ['lang', 'fr'],
      ['name', 'Ana Pérez'],
      ['email', `ana.${randomUUID().slice(0, 6)}@sante.gouv.ht`],
      ['institution', 'Ministère de la Santé'],
      ['groups', groups[0]!],
      ['mandates', ids[2]!],
    ]);
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe('/respond?view=team&lang=fr&done=added#team');
    const team = (await jsonOf(await haiti.fetch('/api/assignment/contributors'))).contributors;
    expect(team).toHaveLength(1);
    expect(team[0].mandates).toContain(ids[2]);
    expect(team[0].institution).toBe('Ministère de la Santé');
    contributorId = team[0].id;
    const after = await haiti.page('/respond?view=team&lang=fr&done=added');
    expect(after).toContain('Contributeur ajouté');
    expect(after).toContain('Ana Pérez');
    expect(after).toMatch(/0 sur \d+ renseignés/);
  });

  it('shows the picked group’s single mandates as checkboxes', async () => {
    const page = await haiti.page('/respond?view=team');
    const group = /name="groups" value="([^"]+)"/.exec(page)![1]!;
    const picked = await haiti.page(`/respond?view=team&group=${encodeURIComponent(group)}`);
    expect(picked).toMatch(/<input type="checkbox" name="mandates" value="[^"]+"/);
  });

  it('refuses a contributor with no mandate or a bad address (400, in French, with the way back)', async () => {
    const none = await haiti.post('/api/assignment/contributors', [
      ['lang', 'fr'],
      ['name', 'Sans mandat'],
      ['email', 'sans@gouv.ht'],
    ]);
    expect(none.status).toBe(400);
    const text = await none.text();
    expect(text).toContain('Choisissez au moins un groupe ou un mandat.');
    expect(text).toContain('href="/respond?view=team&amp;lang=fr"');
    const bad = await haiti.post('/api/assignment/contributors', [
      ['name', 'X'],
      ['email', 'not-an-address'],
      ['mandates', ids[0]!],
    ]);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Courriel : donnez une adresse valide.');
  });

  it('asks before removing, then removes through a form post', async () => {
    const asking = await haiti.page(`/respond?view=team&remove=${contributorId}`);
    expect(asking).toContain('Retirer Ana Pérez ?');
    expect(asking).toContain(`action="/api/assignment/contributors/${contributorId}/remove"`);
    const removed = await haiti.post(`/api/assignment/contributors/${contributorId}/remove`, [['lang', 'fr']]);
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe('/respond?view=team&lang=fr&done=removed#team');
    expect((await jsonOf(await haiti.fetch('/api/assignment/contributors'))).contributors).toEqual([]);
  });
});

describe('a contributor’s page', () => {
  it('has the banner, their mandates editable and the others read-only, and no submit, extension or team', async () => {
    const email = `luc.${randomUUID().slice(0, 6)}@educ.gouv.ht`;
    await haiti.post('/api/assignment/contributors', [
      ['name', 'Luc Joseph'],
      ['email', email],
      ['mandates', ids[0]!],
    ]);
    await runJob('reminders', new Date().toISOString());
    const luc = new StateBrowser();
    await luc.open(linkIn((await mailbox(title)).find((e) => e.destination.to[0] === email)));
    const page = await luc.page(`/respond?at=${encodeURIComponent(ids[0]!)}`);
    expect(page).toContain('Vous répondez à 1 mandat du rapport de');
    expect(page).toContain(`action="/api/assignment/answers/${ids[0]}"`);
    expect(page).not.toContain(`action="/api/assignment/answers/${ids[1]}"`);
    expect(page).toContain('Une autre personne y répond : lecture seule pour vous.');
    expect(page).not.toContain('id="submit-start"');
    expect(page).not.toContain('/api/assignment/extension-request');
    expect(page).not.toContain('id="team-link"');
    // the team page is the coordinator's: a contributor gets the answering page
    expect(await luc.page('/respond?view=team')).not.toContain('action="/api/assignment/contributors"');
  });
});

describe('the thread, the review and a carried answer, without JavaScript', () => {
  it('posts a reply from the page and goes back to the mandate; an empty one is refused in French', async () => {
    const sent = await haiti.post(`/api/assignment/answers/${encodeURIComponent(ids[1]!)}/comments`, [
      ['text', 'Le décret est en préparation.'],
      ['back', 'lang=fr'],
    ]);
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/respond?lang=fr&at=${ids[1]}#m-${ids[1]}`);
    const page = await haiti.page(`/respond?at=${encodeURIComponent(ids[1]!)}`);
    expect(page).toContain('Échanges avec le secrétariat');
    expect(page).toContain('Le décret est en préparation.');
    const empty = await haiti.post(`/api/assignment/answers/${encodeURIComponent(ids[1]!)}/comments`, [['text', '  ']]);
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('<html lang="fr">');
  });

  it('shows a returned answer with its comment, the banner, the new deadline and "Soumettre à nouveau"', async () => {
    for (const id of ids) {
      await haiti.fetch(`/api/assignment/answers/${encodeURIComponent(id)}`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({ status: 'in_progress', narrative: 'Plan adopté.', version: 0 }),
      });
    }
    expect((await haiti.fetch('/api/assignment/submit', { method: 'POST' })).status).toBe(200);
    const submitted = await haiti.page('/respond');
    expect(submitted).toContain('Soumis : en attente de l’examen du secrétariat.');
    const reviewed = await api(`/api/cycles/${cycleId}/states/HTI/review`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        decisions: [
          { mandateId: ids[0], decision: 'returned', comment: 'Quelle est la date du plan ?' },
          { mandateId: ids[1], decision: 'accepted' },
        ],
      }),
    });
    expect(reviewed.status).toBe(200);
    const page = await haiti.page(`/respond?at=${encodeURIComponent(ids[0]!)}`);
    expect(page).toContain('id="returned-banner"');
    expect(page).toContain('Le secrétariat a renvoyé des réponses');
    expect(page).toContain('Soumettre à nouveau');
    expect(page).toMatch(/class="review returned"[^]*Quelle est la date du plan \?/);
    expect(page).toContain('Acceptée par le secrétariat : verrouillée');
    expect(page).not.toContain(`action="/api/assignment/answers/${ids[1]}"`);
    expect(page).toMatch(/Dernière modification : HTI, le/);
  });

  it('offers a carried answer with its note and confirms it unchanged from a plain form', async () => {
    const next = await haitiIn(`${title} (2)`, ids);
    const page = await next.session.page(`/respond?at=${encodeURIComponent(ids[2]!)}`);
    expect(page).toContain(`Reprise de ${title} : confirmez ou mettez à jour.`);
    expect(page).toContain('Confirmer sans changement');
    expect(page).toContain('Lors des cycles précédents');
    const confirm = /<form method="post" action="[^"]+" class="confirm-carried">([^]*?)<\/form>/.exec(
      page.slice(page.indexOf(`id="m-${ids[2]}"`)),
    )![1]!;
    const fields = [...confirm.matchAll(/name="(\w+)" value="([^"]*)"/g)].map(
      (m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')] as [string, string],
    );
    const saved = await next.session.post(`/api/assignment/answers/${encodeURIComponent(ids[2]!)}`, fields);
    expect(saved.status).toBe(303);
    const view = await next.session.assignment();
    const entry = view.mandates.find((m: { id: string }) => m.id === ids[2]);
    expect(entry.carriedForward).toBe(false);
    expect(entry.answer.carried).toMatchObject({ outcome: 'confirmed' });
    expect(view.progress.answered).toBe(1);
    const after = await next.session.page(`/respond?at=${encodeURIComponent(ids[2]!)}`);
    expect(after.slice(after.indexOf(`id="m-${ids[2]}"`), after.indexOf('</article>', after.indexOf(`id="m-${ids[2]}"`)))).not.toContain(
      'confirm-carried',
    );
  });

  it('lets the page PUT files to the bucket: the S3 origin is in connect-src', async () => {
    const response = await haiti.fetch('/respond');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toMatch(/connect-src 'self' http:\/\/127\.0\.0\.1:\d+;/);
  });
});
