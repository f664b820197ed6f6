import { mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const ARTIFACTS = 'tests/artifacts';

/** Debian's Chromium, headless, never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/**
 * Runs axe-core (every rule, every impact) on the page and returns its violations, each as
 * "rule-id: the first offending elements". The page's context must be created with `bypassCSP: true`,
 * so that the script can be injected past the page's Content-Security-Policy.
 */
export async function checkAxe(page: import('playwright-core').Page): Promise<string[]> {
  const { readFileSync } = await import('node:fs');
  await page.addScriptTag({ content: readFileSync('node_modules/axe-core/axe.min.js', 'utf8') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
    interface AxeViolation {
      id: string;
      impact: string;
      nodes: { target: unknown[] }[];
    }
    const result = await axe.run(document);
    return result.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => JSON.stringify(n.target))
          .join(' ')}`,
    );
  });
  return violations;
}
