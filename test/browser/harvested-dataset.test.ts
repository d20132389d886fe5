import type { Browser, Page } from 'playwright-core';
import { checkHarvestedLinks } from '../../functions/harvest/link-checker';
import { ALLOW_HOSTS_ENV } from '../../functions/outbound/allow-list';
import { type FixtureServer, json, startFixtureServer } from '../integration/harvest-fixture-server';
import type { TestExchange } from '../support/test-exchange';
import { axeViolations, launchBrowser } from './support/browser';
import { startBrowserExchange } from './support/exchange';

/**
 * A reader in a real browser on the page of a dataset a mirror-mode source harvested: where it
 * comes from (the record at the source, by its identifier, with its link), the mirrored data file's
 * "Copied from" link to the file at the source, a dead link said in words, and, once the source
 * stops listing the file, the copy kept with a mark saying so. axe finds nothing on the page.
 */
jest.setTimeout(180_000);

let t: TestExchange & { objectStoreOrigin: string };
let portal: FixtureServer;
let files: FixtureServer;
let browser: Browser;
let page: Page;
let datasetName: string;
let admin: string;
let sourceRuns: string;

const record = (resources: Array<{ id: string; name: string; format: string; url: string }>) => ({
  id: 'trees-2024',
  name: 'street-trees',
  title: 'Street trees',
  license_id: 'uk-ogl',
  notes: 'Every street tree the borough looks after.',
  resources,
});

beforeAll(async () => {
  [portal, files] = await Promise.all([startFixtureServer(), startFixtureServer()]);
  process.env[ALLOW_HOSTS_ENV] = [portal.hostPort, files.hostPort].join(',');
  t = await startBrowserExchange();
  admin = await t.organisationWithToken('islington', 'admin');
  files.answers.set('/trees.csv', { headers: { 'content-type': 'text/csv' }, body: 'tree_id,species,ward\n1,Plane,Highbury\n2,Lime,Canonbury\n' });
  files.answers.set('/trees-map.html', { status: 404, body: 'gone' });
  portal.answers.set(
    '/api/3/action/package_search',
    json({
      success: true,
      result: {
        count: 1,
        results: [
          record([
            { id: 'csv', name: 'Trees', format: 'CSV', url: `${files.origin}/trees.csv` },
            { id: 'map', name: 'Map of the trees', format: 'HTML', url: `${files.origin}/trees-map.html` },
          ]),
        ],
      },
    }),
  );
  const base = '/api/v1/organisations/islington/harvest-sources';
  const source = await t.request('POST', base, { token: admin, body: { kind: 'ckan', url: `${portal.origin}/`, mode: 'mirror' } });
  expect(source.status).toBe(201);
  sourceRuns = `${base}/${source.body.id}/runs`;
  expect((await t.request('POST', sourceRuns, { token: admin })).body).toMatchObject({ status: 'completed', created: 1, mirror: { published: 1 } });
  await checkHarvestedLinks(t.exchange.domain, { maxWaitMs: 0 });
  const listing = (await t.request('GET', '/api/v1/datasets?organisation=islington')).body.results as Array<{ name: string }>;
  datasetName = listing[0].name;
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1024, height: 900 } })).newPage();
});

afterAll(async () => {
  delete process.env[ALLOW_HOSTS_ENV];
  await browser?.close();
  await t?.stop();
  await Promise.all([portal?.stop(), files?.stop()]);
});

const dataFilesRow = () => page.locator('table:has(caption:has-text("Data files of this dataset")) tbody tr').first();

it('shows where the dataset comes from, the mirrored file copied from its address at the source, and a dead link in words', async () => {
  await page.goto(`${t.url}/datasets/${datasetName}`);
  const recordLink = page.locator('dt:has-text("Record at the source") + dd a');
  await expect(recordLink.textContent()).resolves.toBe('trees-2024');
  await expect(page.textContent('dt:has-text("First harvested") + dd')).resolves.toMatch(/\d{4}/);
  const copiedFrom = dataFilesRow().locator('a', { hasText: `${files.origin}/trees.csv` });
  await expect(copiedFrom.getAttribute('href')).resolves.toBe(`${files.origin}/trees.csv`);
  await expect(dataFilesRow().textContent()).resolves.not.toMatch(/No longer listed/);
  await expect(page.textContent('table:has(caption:has-text("Files at the source"))')).resolves.toMatch(/Dead link: HTTP 404/);
  expect(await axeViolations(page)).toEqual([]);
});

it('keeps the copy, marked, once the source no longer lists the file', async () => {
  portal.answers.set(
    '/api/3/action/package_search',
    json({
      success: true,
      result: { count: 1, results: [record([{ id: 'map', name: 'Map of the trees', format: 'HTML', url: `${files.origin}/trees-map.html` }])] },
    }),
  );
  expect((await t.request('POST', sourceRuns, { token: admin })).body).toMatchObject({ status: 'completed', updated: 1, mirror: { withdrawn: 1 } });
  // The page is public and cacheable for a minute: a reload revalidates it, as a reader's would.
  await page.reload();
  await expect(dataFilesRow().textContent()).resolves.toMatch(
    /Copied from .*trees\.csv No longer listed by the source since .*: this copy is kept, but no longer updated\./,
  );
  // The copy's data is still there to download.
  await expect(page.locator('a:has-text("Download CSV")').count()).resolves.toBeGreaterThan(0);
  expect(await axeViolations(page)).toEqual([]);
});
