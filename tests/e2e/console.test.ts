import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, launchBrowser } from './browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { runJob } from '../../infra/local/jobs';
import { api, jsonOf, mailbox, TOKEN } from '../integration/helpers';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('the secretariat console', () => {
  it('signs in, opens a cycle, shows the states, grants an extension and downloads the same numbers as CSV', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${inject('apiUrl')}/console`);
    await page.getByLabel('Secretariat token').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('[role=alert]').textContent()).toContain('not right');
    await page.getByLabel('Secretariat token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Reporting cycles');

    const title = `Console ${randomUUID().slice(0, 8)}`;
    await page.getByRole('link', { name: 'Open a cycle' }).first().click();
    await page.getByLabel('Title').fill(title);
    for (const box of await page.locator('input[name=states]').all()) await box.uncheck();
    for (const name of ['Haiti', 'Jamaica', 'Mexico']) await page.getByLabel(name, { exact: true }).check();
    await page.getByLabel('Deadline', { exact: true }).fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Open the cycle' }).click();
    await expect.poll(() => page.locator('h2#summary').textContent()).toBe(title);
    expect(await page.locator('#state-table tbody tr').count()).toBe(3);

    // Haiti answers and submits through its link.
    await runJob('reminders', new Date().toISOString());
    const email = (await mailbox(title)).find((e) => e.destination.to[0]!.includes('hti'))!;
    const link = /(http:\/\/\S+\/respond\/[A-Za-z0-9_-]+)/.exec(email.body.text!)![1]!;
    const cookie = (await fetch(link)).headers.get('set-cookie')!.split(';')[0]!;
    const base = inject('apiUrl');
    const { mandates } = await jsonOf(await fetch(`${base}/api/assignment`, { headers: { Cookie: cookie } }));
    await fetch(`${base}/api/assignment/answers/${mandates[0].id}`, {
      method: 'PUT',
      body: JSON.stringify({ status: 'fully_implemented', narrative: '<script>alert(1)</script>', version: 0 }),
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
    });
    await fetch(`${base}/api/assignment/submit`, { method: 'POST', headers: { Cookie: cookie } });

    await page.reload();
    expect(await page.locator('#total-submitted').textContent()).toBe('1');
    const jamaica = page.locator('#state-table tbody tr', { hasText: 'Jamaica' });
    await jamaica.getByLabel('New deadline').fill(new Date(Date.now() + 50 * 86_400_000).toISOString().slice(0, 10));
    await jamaica.getByRole('button', { name: 'Extend' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('JAM: deadline extended');
    await page.screenshot({ path: `${ARTIFACTS}/console-cycle.png`, fullPage: true });

    const cycleId = page.url().split('/cycles/')[1]!.split('?')[0]!;
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'CSV' }).click();
    const csv = await (await download).path();
    const text = (await import('node:fs')).readFileSync(csv!, 'utf8');
    expect(text).toContain('"Submitted",1');
    const api1 = await jsonOf(await api(`/api/cycles/${cycleId}/report?format=json`));
    expect(api1.response.submitted).toBe(1);
    expect(text).toContain(`"Response rate",${api1.response.responseRate}`);
    await context.close();
  });

  it('prints the HTML report to PDF with its charts, the hostile narrative inert', async () => {
    const list = await jsonOf(await api('/api/cycles'));
    const cycle = list.cycles.find((c: { title: string }) => c.title.startsWith('Console '));
    const context = await browser.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${TOKEN}` } });
    const page = await context.newPage();
    const alerts: string[] = [];
    page.on('dialog', (d) => {
      alerts.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${inject('apiUrl')}/api/cycles/${cycle.id}/report?format=html&scope=all`);
    expect(await page.locator('svg').count()).toBeGreaterThan(3);
    await page.screenshot({ path: `${ARTIFACTS}/report.png`, fullPage: false });
    const pdf = await page.pdf({ path: `${ARTIFACTS}/report.pdf`, format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(alerts).toEqual([]);
    await context.close();
  });
});
