import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, checkAxe, launchBrowser } from './browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { runJob } from '../../infra/local/jobs';
import { api, jsonOf, mailbox, TOKEN } from '../integration/helpers';

let browser: Browser;
let cycleId: string;
let cycleTitle: string;

const SIZES = [
  { name: 'desktop', width: 1366, height: 900 },
  { name: 'phone', width: 375, height: 812 },
] as const;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** A browser signed in to the console; axe's script needs bypassCSP to be injected past the page's policy. */
async function signedIn(size: (typeof SIZES)[number]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: size, bypassCSP: true, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${inject('apiUrl')}/console`);
  await page.getByLabel('Secretariat token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.locator('h1').textContent()).toBe('Reporting cycles');
  return { context, page };
}

/** What every console page must hold to, at every size: no sideways scroll of the page, no axe violation, a screenshot. */
async function checkPage(page: Page, name: string, size: (typeof SIZES)[number]) {
  const overflow = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    widest: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth && !e.closest('.scroll'))
      .slice(0, 3)
      .map((e) => `${e.tagName}#${e.id}.${e.className}`),
  }));
  expect(overflow.scroll, `${name} at ${size.width} px is wider than the screen: ${overflow.widest.join(', ')}`).toBeLessThanOrEqual(
    overflow.inner,
  );
  expect(await checkAxe(page), `axe on ${name} at ${size.width} px`).toEqual([]);
  expect(await page.locator('footer a[href^="mailto:"]').count(), `${name} shows the secretariat's contact`).toBe(1);
  await page.screenshot({ path: `${ARTIFACTS}/console-${name}-${size.name}.png`, fullPage: true });
}

describe('the secretariat console', () => {
  it('signs in, keeps a refused new-cycle form with the problem beside its field, and opens the cycle', async () => {
    const context = await browser.newContext({ viewport: SIZES[0], bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${inject('apiUrl')}/console`);
    await page.getByLabel('Secretariat token').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('[role=alert]').textContent()).toContain('not right');
    await page.getByLabel('Secretariat token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Reporting cycles');

    cycleTitle = `Console ${randomUUID().slice(0, 8)}`;
    await page.getByRole('link', { name: 'Open a cycle' }).first().click();
    await page.getByLabel('Title').fill(cycleTitle);
    for (const box of await page.locator('input[name=states]').all()) await box.uncheck();
    for (const name of ['Haiti', 'Jamaica', 'Mexico']) await page.getByLabel(name, { exact: true }).check();
    await page.getByLabel('Deadline', { exact: true }).fill(inDays(30));
    await page.getByLabel('Days before the deadline').fill('30, x');
    await page.getByRole('button', { name: 'Open the cycle' }).click();

    // Refused: the message sits beside its field, in the words of its label, and nothing typed is lost.
    const days = page.getByLabel('Days before the deadline');
    await expect.poll(() => days.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await days.getAttribute('aria-describedby'))!;
    expect(await page.locator(`#${describedBy}`).textContent()).toContain('Days before the deadline: write whole numbers');
    expect(await page.content()).not.toContain('NaN');
    expect(await page.getByLabel('Title').inputValue()).toBe(cycleTitle);
    expect(await page.getByLabel('Deadline', { exact: true }).inputValue()).toBe(inDays(30));
    expect(await days.inputValue()).toBe('30, x');
    expect(await page.getByLabel('Jamaica', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Antigua and Barbuda', { exact: true }).isChecked()).toBe(false);
    await checkPage(page, 'new-cycle-refused', SIZES[0]);

    await days.fill('30, 14, 7, 1');
    await page.getByRole('button', { name: 'Open the cycle' }).click();
    await expect.poll(() => page.locator('h2#summary').textContent()).toBe(cycleTitle);
    expect(await page.locator('#state-table tbody tr').count()).toBe(3);
    expect(await page.locator('.notice').textContent()).toContain('within 5 minutes');
    cycleId = page.url().split('/cycles/')[1]!.split('?')[0]!;
    await context.close();
  });

  it('shows a sign of work while a cycle opens', async () => {
    const { context, page } = await signedIn(SIZES[0]);
    await page.goto(`${inject('apiUrl')}/console/cycles/new`);
    // The form is kept from leaving, so that the page can be seen as it is while a cycle opens.
    await page.evaluate(() => document.getElementById('new-cycle-form')!.addEventListener('submit', (event) => event.preventDefault()));
    await page.getByLabel('Title').fill(`Held ${randomUUID().slice(0, 8)}`);
    await page.getByLabel('Deadline', { exact: true }).fill(inDays(30));
    await page.getByRole('button', { name: 'Open the cycle' }).click();
    await expect.poll(() => page.locator('#opening-status').textContent()).toContain('Opening the cycle');
    expect(await page.locator('#open-cycle').getAttribute('aria-disabled')).toBe('true');
    await context.close();
  });

  it('fits the state table at 1366 px with its actions visible, filters it, and returns every action to its row', async () => {
    // Jamaica asks for more time through its link; Haiti answers and submits.
    await runJob('reminders', new Date().toISOString());
    const emails = await mailbox(cycleTitle);
    const base = inject('apiUrl');
    const sessionOf = async (code: string) => {
      const email = emails.find((e) => e.destination.to[0]!.includes(code))!;
      const link = /(http:\/\/\S+\/respond\/[A-Za-z0-9_-]+)/.exec(email.body.text!)![1]!;
      return (await fetch(link)).headers.get('set-cookie')!.split(';')[0]!;
    };
    const jamaica = await sessionOf('jam');
    await fetch(`${base}/api/assignment/extension-request`, {
      method: 'POST',
      body: JSON.stringify({ proposedDeadline: inDays(60), reason: 'Hurricane season' }),
      headers: { 'Content-Type': 'application/json', Cookie: jamaica },
    });
    const haiti = await sessionOf('hti');
    const { mandates } = await jsonOf(await fetch(`${base}/api/assignment`, { headers: { Cookie: haiti } }));
    await fetch(`${base}/api/assignment/answers/${mandates[0].id}`, {
      method: 'PUT',
      body: JSON.stringify({ status: 'fully_implemented', narrative: '<script>alert(1)</script>', version: 0 }),
      headers: { 'Content-Type': 'application/json', Cookie: haiti },
    });
    await fetch(`${base}/api/assignment/submit`, { method: 'POST', headers: { Cookie: haiti } });

    const { context, page } = await signedIn(SIZES[0]);
    await page.goto(`${base}/console/cycles/${cycleId}`);
    expect(await page.locator('#total-submitted').textContent()).toBe('1');
    expect(await page.locator('#updated').textContent()).toContain('Updated at');

    // The table fits its box, and every row's actions are on screen without scrolling sideways.
    const region = page.getByRole('region', { name: 'Table of the states' });
    const fit = await region.evaluate((box) => ({ scroll: box.scrollWidth, client: box.clientWidth }));
    expect(fit.scroll).toBeLessThanOrEqual(fit.client);
    for (const name of ['Haiti', 'Jamaica', 'Mexico']) {
      const menu = page.getByText(`Actions for ${name}`);
      const box = (await menu.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(SIZES[0].width);
    }
    // The keyboard reaches the last state's actions in a few presses: one stop a row, not one a button.
    let presses = 0;
    while (presses < 60 && (await page.evaluate(() => document.activeElement?.textContent?.trim())) !== 'Actions for Mexico') {
      await page.keyboard.press('Tab');
      presses += 1;
    }
    expect(presses).toBeLessThanOrEqual(25);
    const row = page.locator('#row-JAM');
    expect(await row.textContent()).toContain('Asks for more time');
    expect(await row.textContent()).toContain('Hurricane season');

    // Filters and sorting are plain links and forms.
    await page.getByLabel('Status').selectOption('submitted');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.locator('#state-table tbody tr').count()).toBe(1);
    expect(await page.locator('#state-table tbody').textContent()).toContain('Haiti');
    await page.getByLabel('Status').selectOption('');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.locator('#state-table tbody tr').count()).toBe(3);
    await page.getByRole('link', { name: 'Deadline' }).click();
    await expect.poll(() => page.url()).toContain('sort=deadline');

    // Extend Jamaica with a reason: back on Jamaica's row, the request shown resolved.
    await page.getByText('Actions for Jamaica').click();
    await page.getByLabel('New deadline for Jamaica').fill(inDays(50));
    await page.getByLabel("Reason for Jamaica's extension").fill('Granted for the hurricane season');
    await page.getByRole('button', { name: "Extend Jamaica's deadline" }).click();
    await expect.poll(() => page.url()).toContain('#row-JAM');
    expect(page.url()).toContain('sort=deadline');
    const notice = page.locator('tr.row-notice [role=status]');
    expect(await notice.textContent()).toContain('Jamaica: deadline extended to');
    expect(await notice.textContent()).toContain('within 5 minutes');
    expect(await page.locator('#row-JAM').textContent()).not.toContain('Asks for more time');
    expect(await page.locator('#row-JAM').textContent()).toContain('Granted for the hurricane season');
    await checkPage(page, 'cycle', SIZES[0]);

    // Remind names its state and says when the email goes.
    await page.getByText('Actions for Mexico').click();
    await page.getByRole('button', { name: 'Remind Mexico' }).click();
    await expect
      .poll(() => page.locator('tr.row-notice').textContent())
      .toContain('Mexico: the reminder is queued; it goes out within 5 minutes');

    // A new link asks first, saying what stops working; Cancel changes nothing.
    await page.getByText('Actions for Mexico').click();
    await page.getByRole('button', { name: 'New link for Mexico' }).click();
    await expect.poll(() => page.locator('h2#confirm').textContent()).toBe('Send Mexico a new link?');
    expect(await page.locator('main').textContent()).toContain('stops working at once');
    await checkPage(page, 'confirm', SIZES[0]);
    await page.getByRole('link', { name: 'Cancel' }).click();
    await expect.poll(() => page.url()).toContain('#row-MEX');
    await page.getByText('Actions for Mexico').click();
    await page.getByRole('button', { name: 'New link for Mexico' }).click();
    await page.getByRole('button', { name: 'Yes, send Mexico a new link' }).click();
    await expect.poll(() => page.locator('tr.row-notice').textContent()).toContain('the old links stopped working');

    // Reopen asks too.
    await page.getByText('Actions for Haiti').click();
    await page.getByRole('button', { name: "Reopen Haiti's report" }).click();
    await expect.poll(() => page.locator('h2#confirm').textContent()).toBe("Reopen Haiti's report?");
    await page.getByRole('button', { name: "Yes, reopen Haiti's report" }).click();
    await expect.poll(() => page.locator('tr.row-notice').textContent()).toContain('Haiti: the report is open again');

    // The downloads still give the same numbers as the API.
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'CSV' }).click();
    const text = readFileSync((await (await download).path())!, 'utf8');
    const fromApi = await jsonOf(await api(`/api/cycles/${cycleId}/report?format=json`));
    expect(text).toContain(`"Response rate",${fromApi.response.responseRate}`);
    await context.close();
  });

  for (const size of SIZES) {
    it(`fits a ${size.width} px screen and passes axe on every console page`, async () => {
      const signedOut = await browser.newContext({ viewport: size, bypassCSP: true });
      const signIn = await signedOut.newPage();
      await signIn.goto(`${inject('apiUrl')}/console`);
      await checkPage(signIn, 'sign-in', size);
      await signedOut.close();

      const { context, page } = await signedIn(size);
      const pages: [string, string][] = [
        ['cycles', '/console'],
        ['new-cycle', '/console/cycles/new'],
        ['cycle', `/console/cycles/${cycleId}`],
        ['review', `/console/cycles/${cycleId}/states/MEX/review`],
        ['states', '/console/states'],
        ['state-form', '/console/states/JAM'],
        ['states-import', '/console/states/import'],
        ['mandates-import', '/console/mandates/import'],
        ['not-found', '/console/states/XXX'],
        ['cycle-not-found', '/console/cycles/no-such-cycle'],
      ];
      for (const [name, path] of pages) {
        await page.goto(`${inject('apiUrl')}${path}`);
        await checkPage(page, name, size);
      }
      // The previews of both imports (nothing is written until applied).
      await page.goto(`${inject('apiUrl')}/console/states/import`);
      await page.getByLabel('The register as CSV').fill('code,note\nJAM,Preview only');
      await page.getByRole('button', { name: 'Preview' }).click();
      await expect.poll(() => page.locator('[role=status]').first().textContent()).toContain('would change');
      await checkPage(page, 'states-import-preview', size);
      await page.goto(`${inject('apiUrl')}/console/mandates/import`);
      await page.getByLabel('Name', { exact: false }).first().fill('migration-preview');
      await page.getByLabel('The page (paste it here)').fill(readFileSync('seeds/summits-mandates-migration.txt', 'utf8'));
      await page.getByRole('button', { name: 'Preview' }).click();
      await expect.poll(() => page.locator('h2#page').textContent()).toContain('Preview of');
      await checkPage(page, 'mandates-import-preview', size);
      // A refused form, and a refused action, at this size too.
      await page.goto(`${inject('apiUrl')}/console/states/JAM`);
      await page.getByLabel('Focal points: one address a line, the coordinator first').fill('not an address');
      await page.getByRole('button', { name: 'Save Jamaica' }).click();
      await expect.poll(() => page.locator('#focalPoints').getAttribute('aria-invalid')).toBe('true');
      await checkPage(page, 'state-form-refused', size);
      await page.goto(`${inject('apiUrl')}/console/cycles/${cycleId}`);
      await page.getByText('Actions for Jamaica').click();
      await checkPage(page, 'cycle-menu-open', size);
      await page.getByRole('button', { name: "Revoke Jamaica's links" }).click();
      await expect.poll(() => page.locator('h2#confirm').textContent()).toBe("Revoke Jamaica's links?");
      await checkPage(page, 'confirm-revoke', size);
      await context.close();
    });
  }

  it('prints the HTML report to PDF with its charts, the hostile narrative inert', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${TOKEN}` } });
    const page = await context.newPage();
    const alerts: string[] = [];
    page.on('dialog', (d) => {
      alerts.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${inject('apiUrl')}/api/cycles/${cycleId}/report?format=html&scope=all`);
    expect(await page.locator('svg').count()).toBeGreaterThan(3);
    await page.screenshot({ path: `${ARTIFACTS}/report.png`, fullPage: false });
    const pdf = await page.pdf({ path: `${ARTIFACTS}/report.pdf`, format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(alerts).toEqual([]);
    await context.close();
  });
});
