/**
 * Many hands in the browser (French, Haiti): the coordinator adds a contributor through the page; the
 * contributor sees their banner and the rest read-only; a returned answer shows its comment and takes a
 * reply; an evidence file goes up through the page (under the page's real CSP); a carried answer is
 * confirmed unchanged. Each page at 1366 and 375 px: no sideways scrolling, no axe violation.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runJob } from '../../infra/local/jobs';
import { api, jsonOf, mailbox, type MailboxEmail } from '../integration/helpers';
import { ARTIFACTS, checkAxe, launchBrowser } from './browser';

const json = { 'Content-Type': 'application/json' };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const linkIn = (email: MailboxEmail | undefined) => /(http:\/\/\S+\/respond\/[A-Za-z0-9_-]+)/.exec(email?.body.text ?? '')![1]!;
const CONTRIBUTOR = `ana.${randomUUID().slice(0, 6)}@sante.gouv.ht`;

let browser: Browser;
let ids: string[];
let title: string;
let cycleId: string;
let coordinatorLink: string;

async function newCycle(name: string) {
  const created = await jsonOf(
    await api('/api/cycles', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ title: name, deadline: inDays(30), states: ['HTI'], mandates: { ids } }),
    }),
  );
  await runJob('reminders', new Date().toISOString());
  const email = (await mailbox(name)).find((e) => e.destination.to[0] === 'focal-point@hti.example.org');
  return { id: created.id as string, link: linkIn(email) };
}

/** The page at 1366 and 375 px: no horizontal overflow, no axe violation; a screenshot of each. */
async function checkBothWidths(page: Page, name: string) {
  for (const width of [1366, 375]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at ${width}px`).toBeLessThanOrEqual(width);
    expect(await checkAxe(page), `${name} at ${width}px`).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/team-${name}-${width}.png`, fullPage: false });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

/** The session cookie of a browser context, for API calls made beside the page. */
async function sessionOf(context: BrowserContext) {
  const cookie = (await context.cookies()).find((c) => c.name === 'mf_session')!;
  return (path: string, init: RequestInit = {}) =>
    fetch(`${inject('apiUrl')}${path}`, { ...init, headers: { ...json, Cookie: `mf_session=${cookie.value}` }, redirect: 'manual' });
}

beforeAll(async () => {
  browser = await launchBrowser();
  const mandates = (await jsonOf(await api('/api/mandates'))).mandates as { id: string; chapeau?: boolean }[];
  ids = mandates
    .filter((m) => !m.chapeau)
    .slice(0, 3)
    .map((m) => m.id);
  title = `E2E équipe ${randomUUID().slice(0, 8)}`;
  const cycle = await newCycle(title);
  cycleId = cycle.id;
  coordinatorLink = cycle.link;
});
afterAll(() => browser?.close());

describe("Haiti's report, many hands, in the browser", () => {
  let coordinator: BrowserContext;
  let page: Page;

  it('the coordinator adds a contributor through the Contributors page', async () => {
    coordinator = await browser.newContext({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
    page = await coordinator.newPage();
    await page.goto(coordinatorLink);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.getByRole('link', { name: 'Contributeurs : qui répond à quoi' }).click();
    await page.waitForSelector('#add-contributor');
    await checkBothWidths(page, 'contributors-empty');
    await page.getByLabel('Nom', { exact: true }).fill('Ana Pérez');
    await page.getByLabel('Courriel', { exact: true }).fill(CONTRIBUTOR);
    await page.getByLabel('Institution (facultatif)').fill('Ministère de la Santé');
    await page.locator('#groups input[type=checkbox]').first().check();
    await page.getByRole('button', { name: 'Ajouter et envoyer l’invitation' }).click();
    await page.waitForSelector('#team-notice');
    expect(await page.locator('#team-notice').textContent()).toContain('Contributeur ajouté');
    expect(await page.locator('.team-list li').first().textContent()).toContain('Ana Pérez');
    await checkBothWidths(page, 'contributors');
  });

  it("the contributor's page has the banner, and the mandates of others read-only", async () => {
    await runJob('reminders', new Date().toISOString());
    const invitation = (await mailbox(title)).find((e) => e.destination.to[0] === CONTRIBUTOR);
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
    const mine = await context.newPage();
    await mine.goto(linkIn(invitation));
    await mine.waitForSelector('#contributor-banner');
    expect(await mine.locator('#contributor-banner h2').textContent()).toMatch(
      /^Vous répondez à \d+ mandats? du rapport de .+ pour le coordinateur\.$/,
    );
    expect(await mine.locator('#submit-start').count()).toBe(0);
    const team = (await jsonOf(await (await sessionOf(coordinator))('/api/assignment/contributors'))).contributors;
    const theirs: string[] = team[0].mandates;
    const other = ids.find((id) => !theirs.includes(id));
    if (other) {
      await mine.goto(`${inject('apiUrl')}/respond?at=${encodeURIComponent(other)}`);
      const article = mine.locator(`article[id="m-${other}"]`);
      expect(await article.textContent()).toContain('Une autre personne y répond : lecture seule pour vous.');
      expect(await article.locator('form.answer').count()).toBe(0);
    }
    await checkBothWidths(mine, 'contributor');
    await context.close();
  });

  it('a returned answer shows the comment beside it, and takes a reply', async () => {
    const call = await sessionOf(coordinator);
    for (const id of ids) {
      const view = await jsonOf(await call('/api/assignment?limit=50'));
      const version = view.mandates.find((m: { id: string }) => m.id === id).answer?.version ?? 0;
      await call(`/api/assignment/answers/${encodeURIComponent(id)}`, {
        method: 'PUT',
        body: JSON.stringify({ status: 'in_progress', narrative: 'Plan national adopté.', version }),
      });
    }
    expect((await call('/api/assignment/submit', { method: 'POST' })).status).toBe(200);
    const reviewed = await api(`/api/cycles/${cycleId}/states/HTI/review`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ decisions: [{ mandateId: ids[0], decision: 'returned', comment: 'Quelle est la date du plan ?' }] }),
    });
    expect(reviewed.status).toBe(200);
    await page.goto(`${inject('apiUrl')}/respond?lang=fr`);
    await page.waitForSelector('#returned-banner');
    expect(await page.locator('#returned-banner').textContent()).toContain('Quelle est la date du plan ?');
    expect(await page.locator('#submit-start button').textContent()).toContain('Soumettre à nouveau');
    await page.locator('#returned-banner a').first().click();
    const article = page.locator(`article[id="m-${ids[0]}"]`);
    expect(await article.locator('.review.returned').textContent()).toContain('Quelle est la date du plan ?');
    await article.getByLabel('Votre message').fill('Adopté le 3 mars.');
    await article.getByRole('button', { name: /^Envoyer le message/ }).click();
    await page.waitForURL(/#m-/);
    await expect.poll(() => page.locator(`article[id="m-${ids[0]}"] .thread li`).count()).toBe(2);
    expect(await page.locator(`article[id="m-${ids[0]}"] .thread li.state`).textContent()).toContain('Adopté le 3 mars.');
    await page.locator(`article[id="m-${ids[0]}"] .review`).scrollIntoViewIfNeeded();
    await checkBothWidths(page, 'returned');
  });

  it('uploads an evidence file through the page, under its real Content-Security-Policy', async () => {
    const cookies = await coordinator.cookies();
    const strict = await browser.newContext({ viewport: { width: 375, height: 900 } });
    await strict.addCookies(cookies);
    const upload = await strict.newPage();
    const problems: string[] = [];
    upload.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await upload.goto(`${inject('apiUrl')}/respond?at=${encodeURIComponent(ids[0]!)}&lang=fr`);
    const article = upload.locator(`article[id="m-${ids[0]}"]`);
    expect(await article.locator('.needs-script').isVisible()).toBe(false);
    const pdf = Buffer.from('%PDF-1.4\n% un décret\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    await article.locator('input[type=file]').setInputFiles({ name: 'Décret 2027-14.pdf', mimeType: 'application/pdf', buffer: pdf });
    await article.locator('.upload-button').click();
    await expect.poll(() => article.locator('.upload-status').textContent(), { timeout: 15_000 }).toBe('Fichier envoyé.');
    expect(problems).toEqual([]);
    expect(await article.locator('.files a').first().textContent()).toBe('Décret 2027-14.pdf');
    await upload.screenshot({ path: `${ARTIFACTS}/team-upload-375.png` });
    await upload.reload();
    expect(await upload.locator(`article[id="m-${ids[0]}"] .files a`).first().getAttribute('href')).toMatch(/^\/api\/assignment\/files\//);
    await strict.close();
  });

  it('a carried answer shows its note, and "Confirmer sans changement" saves it', async () => {
    await coordinator.close();
    const next = await newCycle(`${title} (2)`);
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
    const carried = await context.newPage();
    await carried.goto(next.link);
    const article = carried.locator(`article[id="m-${ids[1]}"]`);
    expect(await article.locator('.carried-note').textContent()).toBe(`Reprise de ${title} : confirmez ou mettez à jour.`);
    expect(await article.getByLabel('Mesures prises').inputValue()).toBe('Plan national adopté.');
    await checkBothWidths(carried, 'carried');
    await article.getByRole('button', { name: /^Confirmer sans changement/ }).click();
    await carried.waitForURL(/#m-/);
    const after = carried.locator(`article[id="m-${ids[1]}"]`);
    expect(await after.locator('.carried-note').count()).toBe(0);
    expect(await after.locator('.mark').getAttribute('class')).toContain('m-answered');
    await context.close();
  });
});
