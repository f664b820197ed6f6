import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runJob } from '../../infra/local/jobs';
import { api, jsonOf, mailbox, TOKEN } from '../integration/helpers';
import { ARTIFACTS, launchBrowser } from './browser';

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
const json = { 'Content-Type': 'application/json' };
let browser: Browser;
let cycleId: string;

/** Haiti answers two mandates with long narratives in paragraphs and lists, and submits; Mexico keeps a draft. */
beforeAll(async () => {
  browser = await launchBrowser();
  const title = `Report on a phone ${randomUUID().slice(0, 8)}`;
  cycleId = (
    await jsonOf(
      await api('/api/cycles', {
        method: 'POST',
        body: JSON.stringify({ title, deadline: new Date(Date.now() + 20 * 86_400_000).toISOString(), states: ['HTI', 'MEX'] }),
        headers: json,
      }),
    )
  ).id;
  await runJob('reminders', new Date().toISOString());
  for (const code of ['HTI', 'MEX']) {
    const email = (await mailbox(title)).find((e) => e.destination.to[0]!.includes(code.toLowerCase()))!;
    const link = /(http:\/\/\S+\/respond\/[A-Za-z0-9_-]+)/.exec(email.body.text!)![1]!;
    const cookie = (await fetch(link)).headers.get('set-cookie')!.split(';')[0]!;
    const base = link.replace(/\/respond\/.*/, '');
    const { mandates } = await jsonOf(await fetch(`${base}/api/assignment`, { headers: { Cookie: cookie } }));
    const narrative = `${'Le ministère a adopté un plan national de migration avec des mesures concrètes. '.repeat(6)}\n\n- Décret_n°2027-0001_relatif_à_la_protection_des_travailleurs_migrants_et_de_leurs_familles\n- une loi\n\nhttps://example.org/${'tres-long-chemin/'.repeat(8)}`;
    for (const mandate of mandates.slice(0, 2)) {
      await fetch(`${base}/api/assignment/answers/${mandate.id}`, {
        method: 'PUT',
        body: JSON.stringify({ version: 0, status: 'in_progress', narrative, difficulties: 'Budget.\nStaff.' }),
        headers: { ...json, Cookie: cookie },
      });
    }
    if (code === 'HTI') await fetch(`${base}/api/assignment/submit`, { method: 'POST', headers: { Cookie: cookie } });
  }
});
afterAll(() => browser?.close());

/** The page's width, and every element that reaches past the viewport outside a region that scrolls on its own. */
const overflow = (page: Page) =>
  page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    wide: [...document.querySelectorAll('body *')]
      .filter((el) => !el.closest('.scroll') && el.getBoundingClientRect().right > window.innerWidth + 1)
      .map((el) => el.outerHTML.slice(0, 80)),
  }));

async function axeViolations(page: Page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }
    ).axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
}

describe('the HTML report', () => {
  it.each([
    ['fr', 375],
    ['es', 1366],
  ] as const)('reads in %s at %i px: no horizontal overflow, tables scroll in labelled regions, axe finds nothing', async (lang, width) => {
    const context = await browser.newContext({
      viewport: { width, height: 800 },
      bypassCSP: true,
      extraHTTPHeaders: { Authorization: `Bearer ${TOKEN}` },
    });
    const page = await context.newPage();
    await page.goto(`${inject('apiUrl')}/api/cycles/${cycleId}/report?format=html&scope=all&lang=${lang}`);
    expect(await overflow(page)).toEqual({ page: width, wide: [] });
    for (const region of await page.locator('.scroll').all()) {
      expect(await region.getAttribute('role')).toBe('region');
      expect(await region.getAttribute('tabindex')).toBe('0');
      expect(await region.getAttribute('aria-label')).toBeTruthy();
    }
    const chart = await page.locator('svg.chart').first().boundingBox();
    expect(chart!.width).toBeLessThanOrEqual(width);
    expect(await page.locator('section ul li', { hasText: 'une loi' }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}/report-${lang}-${width}px.png`, fullPage: false });
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
