import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, checkAxe, launchBrowser } from './browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../infra/local/jobs';
import { api, jsonOf, mailbox } from '../integration/helpers';
import { renderProblem } from '../../shared/render/portal';
import { SENDER } from '../../infra/local/settings';

const json = { 'Content-Type': 'application/json' };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function invitationLink(code: string): Promise<{ link: string; cycleId: string }> {
  const title = `E2E ${randomUUID().slice(0, 8)}`;
  const cycle = await jsonOf(
    await api('/api/cycles', { method: 'POST', body: JSON.stringify({ title, deadline: inDays(21), states: [code] }), headers: json }),
  );
  await runJob('reminders', new Date().toISOString());
  const [email] = await mailbox(title);
  return { link: /(http:\/\/\S+\/respond\/[A-Za-z0-9_-]+)/.exec(email!.body.text!)![1]!, cycleId: cycle.id };
}

describe("Haiti's focal point, in the browser", () => {
  it('answers three mandates, comes back through the link, finds the draft, submits and sees the receipt', async () => {
    const { link, cycleId } = await invitationLink('HTI');
    const first = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await first.newPage();
    await page.goto(link);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Rapport sur les mandats des Sommets');

    const articles = page.locator('article');
    const choices = ['Pleinement mis en œuvre', 'Sans objet', 'En cours'];
    for (const [i, choice] of choices.entries()) {
      const article = articles.nth(i);
      await article.getByLabel(choice, { exact: true }).check();
      await article.getByLabel('Mesures prises').fill(`Mesure numéro ${i + 1}`);
      await expect.poll(() => article.locator('.status-line').textContent(), { timeout: 10_000 }).toMatch(/^Enregistré/);
    }
    await expect.poll(() => page.locator('#progress-text').textContent()).toBe('3 mandats sur 37 renseignés');
    await page.screenshot({ path: `${ARTIFACTS}/portal-answered.png`, fullPage: false });
    await first.close();

    const second = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const again = await second.newPage();
    await again.goto(link);
    for (const [i, choice] of choices.entries()) {
      const article = again.locator('article').nth(i);
      expect(await article.getByLabel(choice, { exact: true }).isChecked()).toBe(true);
      expect(await article.getByLabel('Mesures prises').inputValue()).toBe(`Mesure numéro ${i + 1}`);
    }

    await again.getByRole('button', { name: 'Soumettre le rapport…' }).click();
    const dialog = again.locator('dialog#confirm-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.locator('li').count()).toBe(34);
    await again.screenshot({ path: `${ARTIFACTS}/portal-confirm.png` });
    await dialog.getByRole('button', { name: 'Oui, soumettre' }).click();
    await again.waitForSelector('#content-hash');
    const hash = await again.locator('#content-hash').textContent();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await again.locator('form.answer').count()).toBe(0);
    await again.locator('.receipt').scrollIntoViewIfNeeded();
    await again.screenshot({ path: `${ARTIFACTS}/portal-receipt.png`, fullPage: false });
    await second.close();

    const status = await jsonOf(await api(`/api/cycles/${cycleId}`));
    expect(status.states[0]).toMatchObject({ code: 'HTI', status: 'submitted', answered: 3 });
  });

  it('labels every control, works with the keyboard, and fits a 320 px wide screen', async () => {
    const { link } = await invitationLink('JAM');
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(link);
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input:not([type=hidden]), textarea, select')]
        .filter((el) => !el.labels || el.labels.length === 0)
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unlabelled).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
    await page.keyboard.press('Enter');
    // Keyboard only: move to the first status choice, choose it with the arrow keys, then save with Enter on the button.
    for (let i = 0; i < 12 && (await page.evaluate(() => (document.activeElement as HTMLInputElement)?.name)) !== 'status'; i += 1) {
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('status');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('article').first().locator('.status-line').textContent(), { timeout: 10_000 }).toMatch(/^Saved/);
    await page.screenshot({ path: `${ARTIFACTS}/portal-320px.png`, fullPage: false });
    await context.close();
  });

  it('finds its way with the keyboard alone: the contents, a group, the next unanswered mandate, the filter', async () => {
    const { link } = await invitationLink('BRA');
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    await page.goto(link);
    const focused = () =>
      page.evaluate(() =>
        document.activeElement && document.activeElement !== document.body ? (document.activeElement.textContent ?? '') : '',
      );
    /** Tabs (or Shift+Tabs) until the focused element's text contains `text`. */
    const tabTo = async (text: string, key = 'Tab') => {
      for (let i = 0; i < 80 && !(await focused()).includes(text); i += 1) await page.keyboard.press(key);
      expect(await focused()).toContain(text);
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      expect(outline).not.toBe('none');
    };

    // A group of the contents, by its link.
    await tabTo('Plano de Ação de Quebec');
    await page.keyboard.press('Enter');
    await page.waitForURL(/group=migration\.plan-of-action-quebec-city/);
    expect(await page.locator('h2#g-migration\\.plan-of-action-quebec-city').textContent()).toContain('Plano de Ação de Quebec');
    expect(await page.locator('#contents a[aria-current="true"]', { hasText: 'Plano de Ação de Quebec' }).count()).toBe(1);

    // The list of the group's mandates opens with the keyboard, and shows a mark for each.
    // (back up from the group's heading, where the link led, to the contents)
    await tabTo('Mandatos deste grupo', 'Shift+Tab');
    await page.keyboard.press('Enter');
    expect(await page.locator('#contents details[open] li .mark').count()).toBeGreaterThan(0);

    // The next unanswered mandate.
    await page.goto(link.replace(/\/respond\/.*$/, '/respond'));
    for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement?.id)) !== 'next-unanswered'; i += 1) {
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('next-unanswered');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#m-/);
    const target = new URL(page.url()).hash.slice(1);
    expect(await page.locator(`article#${target} .mark`).first().getAttribute('class')).toContain('m-unanswered');
    expect(await page.locator(`article#${target}`).isVisible()).toBe(true);

    // The filter: words of the text, sent with Enter.
    await page.focus('#f-q');
    await page.keyboard.type('trafficking');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=/);
    expect(await page.textContent('#contents')).toMatch(/\d+ de 37 mandatos correspondem\./);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await context.close();
  });

  it('fits a 375 px phone: the contents open, a long group, the confirm page; no horizontal overflow', async () => {
    const { link } = await invitationLink('DOM');
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    await page.goto(link);
    const overflow = () =>
      page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        wide: [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
          .map((el) => el.outerHTML.slice(0, 80)),
      }));
    for (const details of await page.locator('#contents details').all()) await details.evaluate((el) => el.setAttribute('open', ''));
    expect(await overflow()).toEqual({ page: 375, wide: [] });
    await page.screenshot({
      path: `${ARTIFACTS}/portal-375px-contents.png`,
      fullPage: true,
      clip: { x: 0, y: 0, width: 375, height: 1600 },
    });
    await page.goto(`${new URL(link).origin}/respond?group=migration.plan-of-action-quebec-city`);
    for (const details of await page.locator('#contents details').all()) await details.evaluate((el) => el.setAttribute('open', ''));
    expect(await overflow()).toEqual({ page: 375, wide: [] });
    await page.goto(`${new URL(link).origin}/respond?confirm=submit`);
    expect(await overflow()).toEqual({ page: 375, wide: [] });
    expect(await page.locator('ul.unanswered li a').count()).toBe(37);
    await context.close();
  });

  it('works without JavaScript: a form save comes back to the same group with the answer kept; the filter works', async () => {
    const { link } = await invitationLink('MEX');
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(link);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    await page.locator('#contents a', { hasText: 'Plan de Acción de Québec' }).first().click();
    await page.waitForLoadState('load');
    const article = page.locator('article', { has: page.locator('h3', { hasText: 'Plan de Acción de Québec' }) }).first();
    const id = (await article.getAttribute('id'))!;
    await article.getByLabel('No iniciado', { exact: true }).check();
    await article.getByLabel('Medidas adoptadas').fill('Sin JavaScript');
    await article.getByRole('button', { name: 'Guardar' }).click();
    await page.waitForLoadState('load');
    expect(page.url()).toMatch(new RegExp(`/respond\\?group=migration\\.plan-of-action-quebec-city&lang=es&at=${id.slice(2)}#${id}$`));
    expect(await page.locator(`article#${id}`).getByLabel('Medidas adoptadas').inputValue()).toBe('Sin JavaScript');

    await page.selectOption('#f-filter', 'unanswered');
    await page.getByRole('button', { name: 'Mostrar', exact: true }).click();
    await page.waitForLoadState('load');
    expect(page.url()).toContain('filter=unanswered');
    expect(await page.textContent('#contents')).toContain('36 de 37 mandatos coinciden.');
    expect(await page.locator(`article#${id}`).count()).toBe(0);

    await page.getByRole('button', { name: 'Enviar el informe…' }).click();
    await page.waitForLoadState('load');
    expect(await page.textContent('body')).toContain('Estos mandatos aún no tienen respuesta');
    expect(await page.locator('ul.unanswered li a').count()).toBe(36);
    await context.close();
  });
});

const SIZES = [
  { width: 1366, height: 900 },
  { width: 375, height: 812 },
];

/** At each size: no horizontal overflow, no axe-core violation of any impact, and a screenshot in the artifacts. */
async function checkPage(page: Page, name: string) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${name} at ${size.width} px`).toBeLessThanOrEqual(size.width);
    expect(await checkAxe(page), `${name} at ${size.width} px`).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/portal-${name}-${size.width}.png`, fullPage: false });
  }
  await page.setViewportSize(SIZES[0]!);
}

describe.each([
  {
    code: 'HTI',
    language: 'fr',
    statuses: ['Pleinement mis en œuvre', 'En cours'],
    narrative: 'Mesures prises',
    addressLabel: 'Adresse (http ou https)',
    badLink: 'Adresse (http ou https), lien 1 : saisissez une adresse web complète',
    reload: 'Charger la réponse actuelle',
    submit: 'Soumettre le rapport…',
    yes: 'Oui, soumettre',
    receiptLink: 'Ouvrir mon rapport (accusé de réception imprimable)',
    switchTo: 'Español',
  },
  {
    code: 'MEX',
    language: 'es',
    statuses: ['Implementado plenamente', 'En curso'],
    narrative: 'Medidas adoptadas',
    addressLabel: 'Dirección (http o https)',
    badLink: 'Dirección (http o https), enlace 1: escriba una dirección web completa',
    reload: 'Cargar la respuesta actual',
    submit: 'Enviar el informe…',
    yes: 'Sí, enviar',
    receiptLink: 'Abrir mi informe (acuse de recibo imprimible)',
    switchTo: 'Français',
  },
])('$code answers in its language, submits and gets a receipt it can file', (journey) => {
  it('on a desktop and on a phone: no overflow, no axe violation, errors beside the field, nothing lost', async () => {
    const { link } = await invitationLink(journey.code);
    const origin = new URL(link).origin;
    const context = await browser.newContext({ viewport: SIZES[0], bypassCSP: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(link);
    expect(await page.getAttribute('html', 'lang')).toBe(journey.language);
    await checkPage(page, `${journey.code}-answering`);

    // Two answers, one with paragraphs and a list; the text box grows with its text.
    const first = page.locator('article').nth(0);
    const second = page.locator('article').nth(1);
    const long = 'Premier paragraphe.\n\n- un\n- deux\n- trois\n\n' + 'Une ligne de plus.\n'.repeat(12);
    await first.getByLabel(journey.statuses[0]!, { exact: true }).check();
    const box = first.getByLabel(journey.narrative);
    const before = (await box.boundingBox())!.height;
    await box.fill(long);
    expect((await box.boundingBox())!.height).toBeGreaterThan(before + 100);
    await expect.poll(() => first.locator('.status-line').textContent(), { timeout: 10_000 }).toMatch(/\d{1,2}:\d{2}/);
    await second.getByLabel(journey.statuses[1]!, { exact: true }).check();
    await second.getByLabel(journey.narrative).fill('Deuxième réponse');
    await expect.poll(() => second.locator('.status-line').textContent(), { timeout: 10_000 }).toMatch(/\d{1,2}:\d{2}/);

    // A bad evidence link: a message in the page's language beside the field, tied to it; nothing typed is lost.
    await second.locator('input[name=evidenceTitle]').first().fill('Loi');
    await second.locator('input[name=evidenceUrl]').first().fill('pas une adresse');
    const url = second.locator('input[name=evidenceUrl]').first();
    await expect.poll(() => url.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    const describedBy = (await url.getAttribute('aria-describedby'))!;
    expect(await page.locator(`#${describedBy}`).textContent()).toContain(journey.badLink);
    expect(await url.inputValue()).toBe('pas une adresse');
    expect(await second.getByLabel(journey.narrative).inputValue()).toBe('Deuxième réponse');
    await url.scrollIntoViewIfNeeded();
    await checkPage(page, `${journey.code}-field-error`);
    await url.fill('https://gov.example.org/loi');
    await expect.poll(() => url.getAttribute('aria-invalid'), { timeout: 10_000 }).toBeNull();

    // A conflict: "Load the current answer" puts the current answer on screen in place of the stale text.
    const mandateId = (await first.getAttribute('id'))!.slice(2);
    const current = await (await page.request.get(`${origin}/api/assignment?limit=500`)).json();
    const stored = current.mandates.find((m: { id: string }) => m.id === mandateId).answer;
    const put = await page.request.put(`${origin}/api/assignment/answers/${mandateId}`, {
      data: { status: 'not_started', narrative: 'Changed elsewhere', version: stored.version },
    });
    expect(put.status()).toBe(200);
    await box.fill('Stale text');
    const reload = first.getByRole('button', { name: journey.reload });
    await reload.waitFor({ timeout: 10_000 });
    await reload.click();
    expect(errors).toEqual([]);
    await expect.poll(() => box.inputValue()).toBe('Changed elsewhere');
    expect(await first.getByLabel(journey.statuses[0]!, { exact: true }).isChecked()).toBe(false);

    // Text typed just before a language switch is kept.
    await second.getByLabel(journey.narrative).fill('Typed just before switching');
    await page.locator('#languages a', { hasText: journey.switchTo }).click();
    await page.waitForURL(/lang=(es|fr)/);
    await page.waitForLoadState('load');
    const answers = await (await page.request.get(`${origin}/api/assignment?limit=500`)).json();
    expect(answers.mandates.map((m: { answer: { narrative: string } | null }) => m.answer?.narrative)).toContain(
      'Typed just before switching',
    );
    await page.goto(`${origin}/respond?lang=${journey.language}`);

    // The submit dialog opens with the focus on "Cancel"; the confirm page (without the dialog) fits and passes axe.
    await page.getByRole('button', { name: journey.submit }).click();
    const dialog = page.locator('dialog#confirm-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('confirm-no');
    await page.keyboard.press('Escape');
    const confirm = await context.newPage();
    await confirm.goto(`${origin}/respond?confirm=submit&lang=${journey.language}`);
    await checkPage(confirm, `${journey.code}-confirm`);
    await confirm.close();

    await page.getByRole('button', { name: journey.submit }).click();
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: journey.yes }).click();
    await page.waitForSelector('#content-hash');
    expect(await page.textContent('main')).not.toMatch(/jours restants|quedan \d+ días/);
    await checkPage(page, `${journey.code}-submitted`);

    // The printable report: every answer and the hash; a phone does not widen for the hash; a clean PDF.
    await page.getByRole('link', { name: journey.receiptLink }).click();
    await page.waitForSelector('#answers');
    const hash = (await page.locator('#content-hash').textContent())!;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.locator('#answers article').count()).toBe(37);
    expect(await page.textContent('#answers')).toContain('Changed elsewhere');
    expect(await page.locator('#answers .rich ul li').count()).toBeGreaterThanOrEqual(0);
    await checkPage(page, `${journey.code}-receipt`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header nav').isVisible()).toBe(false);
    await page.pdf({ path: `${ARTIFACTS}/portal-${journey.code}-receipt.pdf`, format: 'A4' });
    await context.close();
  });
});

describe('a session that ends while typing', () => {
  it('says so in the page’s language, and keeps the text on screen', async () => {
    const { link } = await invitationLink('HTI');
    const context = await browser.newContext({ viewport: SIZES[1] });
    const page = await context.newPage();
    await page.goto(link);
    await context.clearCookies();
    const article = page.locator('article').first();
    await article.getByLabel('Mesures prises').fill('Texte en cours');
    await expect
      .poll(() => article.locator('.status-line').textContent(), { timeout: 10_000 })
      .toBe('Non enregistré : Votre session a pris fin. Ouvrez de nouveau le lien reçu par courriel.');
    expect(await article.getByLabel('Mesures prises').inputValue()).toBe('Texte en cours');
    await context.close();
  });
});

describe('the pages for a link that cannot be used', () => {
  it('an invalid link and the outage page fit a phone and pass axe, in the state’s language, with the contact', async () => {
    const context = await browser.newContext({ viewport: SIZES[0], bypassCSP: true, locale: 'fr-FR' });
    const page = await context.newPage();
    const { link } = await invitationLink('JAM');
    const response = await page.goto(link.replace(/\/respond\/.*$/, '/respond/this-link-does-not-exist-at-all-0000000'));
    expect(response!.status()).toBe(404);
    expect(await page.textContent('main')).toContain('Ce lien n’est pas valide.');
    expect(await page.textContent('footer')).toContain(SENDER);
    await checkPage(page, 'invalid-link');
    await page.setContent(renderProblem('unavailable', 'es', 'nonce', SENDER));
    expect(await page.textContent('main')).toContain('El sistema no responde en este momento');
    await checkPage(page, 'outage');
    await context.close();
  });
});
