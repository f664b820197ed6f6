import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, launchBrowser } from './browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../infra/local/jobs';
import { api, jsonOf, mailbox } from '../integration/helpers';

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
    const first = await browser.newContext({ viewport: { width: 1280, height: 900 } });
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

    const second = await browser.newContext({ viewport: { width: 1280, height: 900 } });
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

  it('works without JavaScript: a form save comes back to the page with the answer kept', async () => {
    const { link } = await invitationLink('MEX');
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(link);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    const article = page.locator('article').first();
    await article.getByLabel('No iniciado', { exact: true }).check();
    await article.getByLabel('Medidas adoptadas').fill('Sin JavaScript');
    await article.getByRole('button', { name: 'Guardar' }).click();
    await page.waitForLoadState('load');
    expect(page.url()).toMatch(/\/respond#m-/);
    expect(await page.locator('article').first().getByLabel('Medidas adoptadas').inputValue()).toBe('Sin JavaScript');
    await page.getByRole('button', { name: 'Enviar el informe…' }).click();
    await page.waitForLoadState('load');
    expect(await page.textContent('body')).toContain('Estos mandatos aún no tienen respuesta');
    await context.close();
  });
});
