import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createResource, uploadAndWait } from '../test/support/publishing';
import { launchBrowser } from '../test/browser/support/browser';
import { startBrowserExchange } from '../test/browser/support/exchange';

/**
 * `npm run screenshots`: boots a throwaway exchange seeded like `npm start`, publishes the real
 * borough profiles file, and writes PNGs of the main pages (desktop and 360 px) to screenshots/
 * (git-ignored) for a reviewer to look at.
 */
const OUT = join(__dirname, '..', 'screenshots');

const main = async (): Promise<void> => {
  mkdirSync(OUT, { recursive: true });
  const t = await startBrowserExchange({ seed: true });
  const browser = await launchBrowser();
  try {
    const gla = await t.tokenFor('gla', 'admin');
    await createResource(t, gla, 'london-borough-profiles', { name: 'profiles', title: 'Borough profiles' });
    await uploadAndWait(
      t,
      gla,
      'london-borough-profiles',
      'profiles',
      readFileSync(join(__dirname, '..', 'test', 'fixtures', 'real', 'london-borough-profiles.csv')),
      'london-borough-profiles.csv',
    );

    const shots: Array<[name: string, path: string, prepare?: (page: Page) => Promise<void>]> = [
      ['home', '/'],
      ['search', '/datasets?q=borough'],
      ['search-all', '/datasets'],
      ['dataset', '/datasets/london-borough-profiles'],
      ['organisation', '/organisations/gla'],
      ['sharing-register', '/sharing-register'],
      ['schemas', '/schemas'],
      ['sign-in', '/publish/sign-in'],
    ];
    const publisherShots: Array<[name: string, path: string, prepare?: (page: Page) => Promise<void>]> = [
      ['publish-dashboard', '/publish'],
      [
        'publish-create-errors',
        '/publish/datasets/new',
        async (page) => {
          await page.fill('#field-name', 'Not valid');
          await page.click('button:has-text("Create dataset")');
        },
      ],
      ['publish-dataset', '/publish/datasets/london-borough-profiles'],
      ['publish-upload', '/publish/datasets/london-borough-profiles/resources/profiles'],
      ['publish-report', '/publish/datasets/london-borough-profiles/resources/profiles/versions/1/report'],
      ['publish-sharing', '/publish/datasets/london-borough-profiles/sharing'],
      ['publish-audit', '/publish/datasets/london-borough-profiles/audit'],
      ['publish-tokens', '/publish/tokens'],
    ];
    for (const [width, suffix] of [
      [1100, 'desktop'],
      [360, 'mobile'],
    ] as const) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const shoot = async ([name, path, prepare]: (typeof shots)[number]) => {
        await page.goto(`${t.url}${path}`);
        if (prepare) await prepare(page);
        await page.screenshot({ path: join(OUT, `${name}-${suffix}.png`), fullPage: true });
      };
      for (const shot of shots) await shoot(shot);
      await page.goto(`${t.url}/publish/sign-in`);
      await page.fill('#field-token', gla);
      await page.click('button:has-text("Sign in")');
      await page.waitForURL(/\/publish$/);
      for (const shot of publisherShots) await shoot(shot);
      await context.close();
    }
    console.log(`screenshots written to ${OUT}`);
  } finally {
    await browser.close();
    await t.stop();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
