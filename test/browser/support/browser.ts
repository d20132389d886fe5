import { readFileSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { findChromium } from './chromium';

/**
 * Chromium driven by playwright-core (`npx playwright install` cannot download browsers here; see
 * findChromium for which build). Playwright gives every launch a fresh temporary profile
 * (user-data-dir) and removes it on close; each visitor gets its own context (cookie jar).
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const launchBrowser = async (): Promise<Browser> => {
  const { executablePath, env } = await findChromium();
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS, env: { ...process.env, ...env } });
};

/** Every request a context makes to a host other than the exchange (and its own object store). */
export const watchRequests = (context: BrowserContext, firstParty: string[]): string[] => {
  const elsewhere: string[] = [];
  const allowed = new Set(firstParty.map((url) => new URL(url).origin));
  context.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (!allowed.has(new URL(url).origin)) elsewhere.push(url);
  });
  return elsewhere;
};

// axe-core is read from node_modules by the tests and evaluated in the page; the exchange never serves it.
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core (WCAG 2.0–2.2 A and AA rules) on the page; returns a readable list of violations. */
export const axeViolations = async (page: Page): Promise<string[]> => {
  // page.evaluate is not subject to the page's Content-Security-Policy, so no CSP exception is needed.
  await page.evaluate(axeSource);
  const run =
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }).then((result) => result.violations)";
  const violations = (await page.evaluate(run)) as AxeViolation[];
  return violations.map(
    (v) =>
      `${page.url()}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join(', ')}`,
  );
};

/** The page's content fits the viewport width (tables scroll inside their own region). */
export const overflowsHorizontally = async (page: Page): Promise<boolean> =>
  (await page.evaluate('document.documentElement.scrollWidth > document.documentElement.clientWidth + 1')) as boolean;
