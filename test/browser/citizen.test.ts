import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, type TestExchange } from '../support/test-exchange';
import { axeViolations, launchBrowser, overflowsHorizontally, watchRequests } from './support/browser';
import { startBrowserExchange } from './support/exchange';

/** A citizen in a real browser: search, filter, open a dataset, preview it, download the CSV. */
jest.setTimeout(120_000);

let t: TestExchange & { objectStoreOrigin: string };
let browser: Browser;
let context: BrowserContext;
let page: Page;
let elsewhere: string[];
const violations: string[] = [];

const boroughProfiles = readFileSync(join(__dirname, '..', 'fixtures', 'real', 'london-borough-profiles.csv'));

const checkAxe = async () => violations.push(...(await axeViolations(page)));

beforeAll(async () => {
  t = await startBrowserExchange();
  const gla = await t.organisationWithToken('gla', 'admin');
  const tfl = await t.organisationWithToken('tfl', 'admin');
  await t.request('POST', '/api/v1/datasets', {
    token: gla,
    body: datasetInput('london-borough-profiles', {
      title: 'London Borough Profiles',
      description: 'Key statistics for each London borough.',
      themes: ['demographics'],
      keywords: ['boroughs'],
      updateFrequency: 'annual',
    }),
  });
  await createResource(t, gla, 'london-borough-profiles', { name: 'profiles', title: 'Borough profiles' });
  await uploadAndWait(t, gla, 'london-borough-profiles', 'profiles', boroughProfiles, 'london-borough-profiles.csv');
  await t.request('POST', '/api/v1/datasets', {
    token: gla,
    body: datasetInput('borough-budgets', { title: 'Borough budgets', themes: ['london-government'], keywords: ['boroughs'] }),
  });
  await t.request('POST', '/api/v1/datasets', { token: tfl, body: datasetInput('cycle-hires', { title: 'Cycle hires', themes: ['transport'] }) });
  await t.request('POST', '/api/v1/datasets', {
    token: gla,
    body: datasetInput('borough-draft', { title: 'Borough draft figures', tier: 'private', licence: 'proprietary' }),
  });
  browser = await launchBrowser();
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1024, height: 800 } });
  elsewhere = watchRequests(context, [t.url, t.objectStoreOrigin]);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('a citizen finds and downloads data', () => {
  it('starts at the home page with a skip link as the first stop of the keyboard', async () => {
    await page.goto(`${t.url}/`);
    await expect(page.title()).resolves.toBe("Find and use London's data – London Data Exchange");
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement && document.activeElement.textContent')).resolves.toBe('Skip to main content');
    await checkAxe();
  });

  it('searches, and the query stays in the URL', async () => {
    await page.fill('#search-q', 'borough');
    await page.press('#search-q', 'Enter');
    await page.waitForURL(/\/datasets\?q=borough$/);
    await expect(page.textContent('#result-count')).resolves.toContain('2 datasets');
    await expect(page.locator('.result h3 a').allTextContents()).resolves.toEqual(expect.arrayContaining(['London Borough Profiles', 'Borough budgets']));
    await checkAxe();
  });

  it('filters by a theme facet', async () => {
    await page.click('nav.facet >> text=Demographics');
    await page.waitForURL(/theme=demographics/);
    expect(page.url()).toContain('q=borough');
    await expect(page.textContent('#result-count')).resolves.toContain('1 dataset filtered by theme: Demographics');
    await expect(page.locator('.result .tag').first().textContent()).resolves.toBe('open');
    await checkAxe();
  });

  it('opens the dataset and previews its rows and column profile', async () => {
    await page.click('.result h3 a');
    await page.waitForURL(/\/datasets\/london-borough-profiles$/);
    await expect(page.textContent('h1')).resolves.toBe('London Borough Profiles');
    await expect(page.locator('#preview-table tbody tr').count()).resolves.toBe(10);
    await expect(page.textContent('#preview-table caption')).resolves.toContain('First 10 of 33 rows');
    await expect(page.locator('#preview-table tbody tr').first().textContent()).resolves.toContain('City of London');
    await expect(page.locator('.profile svg[role="img"]').count()).resolves.toBe(14);
    await checkAxe();
  });

  it('downloads the CSV', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a.button:has-text("Download CSV")')]);
    expect(download.suggestedFilename()).toBe('profiles-v1.csv');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.split('\r\n')[0]).toMatch(/^Code,Area_name,/);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(34);
  });

  it('shows a private dataset as a 404 page', async () => {
    const response = await page.goto(`${t.url}/datasets/borough-draft`);
    expect(response?.status()).toBe(404);
    await expect(page.textContent('h1')).resolves.toBe('Page not found');
    await checkAxe();
  });

  it('works on a 360 px wide screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ['/', '/datasets?q=borough', '/datasets/london-borough-profiles', '/sharing-register', '/schemas', '/publish/sign-in']) {
      await page.goto(`${t.url}${path}`);
      expect({ path, overflows: await overflowsHorizontally(page) }).toEqual({ path, overflows: false });
    }
    await checkAxe();
  });

  it('has an accessibility check that does find problems when there are some', async () => {
    const scratch = await context.newPage();
    await scratch.setContent('<html><body><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text"></body></html>');
    const found = await axeViolations(scratch);
    await scratch.close();
    expect(found.join('\n')).toMatch(/image-alt/);
    expect(found.join('\n')).toMatch(/label/);
  });

  it('made no request to any other host, and axe found no violations on any page', () => {
    expect(elsewhere).toEqual([]);
    expect(violations).toEqual([]);
  });
});
