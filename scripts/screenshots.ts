import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createResource, uploadAndWait } from '../test/support/publishing';
import { launchBrowser } from '../test/browser/support/browser';
import { startBrowserExchange } from '../test/browser/support/exchange';

/**
 * `npm run screenshots`: boots a throwaway exchange seeded like `npm start`, publishes the real
 * borough profiles file, and writes PNGs of the main pages (1280 px and 390 px) to screenshots/
 * (git-ignored) for a reviewer to look at.
 */
const OUT = join(__dirname, '..', 'screenshots');

const main = async (): Promise<void> => {
  mkdirSync(OUT, { recursive: true });
  const t = await startBrowserExchange({ seed: true });
  const browser = await launchBrowser();
  try {
    const gla = await t.tokenFor('gla', 'admin');
    // The seed writes its datasets and files in the background: wait until they are published.
    await t.exchange.ingestIdle();
    // The seed publishes the borough profiles; a seed without them gets them here.
    if ((await t.request('GET', '/api/v1/datasets/london-borough-profiles/resources/profiles')).status === 404) {
      await createResource(t, gla, 'london-borough-profiles', { name: 'profiles', title: 'Borough profiles' });
      await uploadAndWait(
        t,
        gla,
        'london-borough-profiles',
        'profiles',
        readFileSync(join(__dirname, '..', 'test', 'fixtures', 'real', 'london-borough-profiles.csv')),
        'london-borough-profiles.csv',
      );
    }

    const shots: Array<[name: string, path: string, prepare?: (page: Page) => Promise<void>]> = [
      ['home', '/'],
      ['search', '/datasets?q=borough'],
      ['search-all', '/datasets'],
      ['search-newest', '/datasets?sort=modified'],
      ['search-no-results', '/datasets?q=boruogh'],
      ['search-no-results-filtered', '/datasets?q=borough&theme=health'],
      [
        'search-filters-open',
        '/datasets?q=borough',
        async (page) => {
          if (await page.locator('#filters > summary').isVisible()) await page.click('#filters > summary');
        },
      ],
      ['organisations', '/organisations'],
      ['organisations-filtered', '/organisations?q=camden'],
      [
        'dataset-profile-open',
        '/datasets/london-borough-profiles#profile',
        async (page) => {
          await page.click('#profile-more > summary');
        },
      ],
      [
        'api-docs',
        '/api/docs',
        async (page) => {
          await page.locator('.opblock').first().waitFor();
        },
      ],
      ['not-found', '/no-such-page'],
      ['dataset', '/datasets/london-borough-profiles'],
      ['dataset-map-column', '/datasets/london-borough-profiles?map-column=Average_Age%2C_2017#map'],
      ['dataset-map-points', '/datasets/tfl-cycle-hire-docking-stations#map'],
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
      ['publish-delete', '/publish/datasets/london-borough-profiles/delete'],
      [
        'publish-delete-error',
        '/publish/datasets/london-borough-profiles/delete',
        async (page) => {
          await page.fill('#field-confirm', 'not-its-name');
          await page.click('button:has-text("Delete this dataset")');
        },
      ],
    ];
    for (const [width, suffix] of [
      [1280, 'desktop'],
      [390, 'mobile'],
    ] as const) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const shoot = async ([name, path, prepare]: (typeof shots)[number]) => {
        await page.goto(`${t.url}${path}`);
        if (prepare) await prepare(page);
        await page.screenshot({ path: join(OUT, `${name}-${suffix}.png`), fullPage: true });
      };
      for (const shot of shots) await shoot(shot);
      await context.close();
      // The publisher's pages with the token as a bearer header (the pages treat it as a signed-in session).
      const publisher = await browser.newContext({ viewport: { width, height: 900 }, extraHTTPHeaders: { Authorization: `Bearer ${gla}` } });
      const publisherPage = await publisher.newPage();
      for (const [name, path, prepare] of publisherShots) {
        await publisherPage.goto(`${t.url}${path}`);
        if (prepare) await prepare(publisherPage);
        await publisherPage.screenshot({ path: join(OUT, `${name}-${suffix}.png`), fullPage: true });
      }
      await publisher.close();
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
