import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { auditList } from '../../functions/domain/audit';
import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, type TestExchange } from '../support/test-exchange';
import { axeViolations, launchBrowser, overflowsHorizontally, watchRequests } from './support/browser';
import { startBrowserExchange } from './support/exchange';

/**
 * The frictions of a first visit (issue 18, item 3), the publisher's delete (item 4), and every
 * page touched checked with axe at 1280 px and 390 px, with no request leaving the exchange.
 */
jest.setTimeout(180_000);

let t: TestExchange & { objectStoreOrigin: string };
let browser: Browser;
let context: BrowserContext;
let page: Page;
let elsewhere: string[];
let gla: string;
/** The id of the dataset the publisher deletes (its audit log is kept under it). */
let deletedId: string;

const WIDE = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

const organisation = async (id: string, name: string, type: string) => {
  const created = await t.request('POST', '/api/v1/organisations', { token: t.adminToken, body: { id, name, type } });
  if (created.status !== 201) throw new Error(`organisation ${id}: ${created.status} ${created.text}`);
  return t.tokenFor(id, 'admin');
};

const dataset = async (token: string, name: string, overrides: Record<string, unknown>) => {
  const created = await t.request('POST', '/api/v1/datasets', { token, body: datasetInput(name, overrides) });
  if (created.status !== 201) throw new Error(`dataset ${name}: ${created.status} ${created.text}`);
};

const text = (selector: string) => page.locator(selector).textContent();

beforeAll(async () => {
  t = await startBrowserExchange();
  gla = await organisation('gla', 'Greater London Authority', 'gla');
  const tfl = await organisation('tfl', 'Transport for London', 'tfl');
  const camden = await organisation('camden', 'London Borough of Camden', 'borough');
  await organisation('demo-partner', 'Demo Partner Ltd', 'private');
  await dataset(gla, 'london-borough-profiles', {
    title: 'London Borough Profiles',
    themes: ['demographics'],
    keywords: ['boroughs'],
  });
  await createResource(t, gla, 'london-borough-profiles', { name: 'profiles', title: 'Borough profiles' });
  const csv = readFileSync(join(__dirname, '..', 'fixtures', 'real', 'london-borough-profiles.csv'));
  await uploadAndWait(t, gla, 'london-borough-profiles', 'profiles', csv, 'london-borough-profiles.csv');
  await dataset(gla, 'borough-budgets', { title: 'Borough budgets', themes: ['london-government'], keywords: ['boroughs'] });
  await dataset(tfl, 'cycle-hires', { title: 'Cycle hires', themes: ['transport'] });
  // A private dataset whose keyword no one else may learn, not even as a spelling suggestion.
  await dataset(gla, 'draft-crossings', { title: 'Draft crossings', tier: 'private', licence: 'proprietary', keywords: ['zebracrossing'] });
  // An open dataset that the private keyword, searched for, would find by prefix: a suggestion of it would find something.
  await dataset(camden, 'zebra-crossings', { title: 'Zebra crossings', keywords: ['zebracrossingsx'] });
  await dataset(gla, 'old-survey', { title: 'Old survey to withdraw', keywords: ['survey'] });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: WIDE });
  elsewhere = watchRequests(context, [t.url, t.objectStoreOrigin]);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('the listing', () => {
  it('says which datasets have data and in which formats', async () => {
    await page.goto(`${t.url}/datasets`);
    const profiles = page.locator('.result', { hasText: 'London Borough Profiles' });
    await expect(profiles.locator('.data-note').textContent()).resolves.toMatch(/CSV\s+1 file/);
    await expect(page.locator('.result', { hasText: 'Cycle hires' }).locator('.data-note').textContent()).resolves.toBe('No data yet');
  });

  it('has visible sort controls: title by default, newest on request, relevance when words are searched', async () => {
    await page.goto(`${t.url}/datasets`);
    await expect(page.locator('.sort a').allInnerTexts()).resolves.toEqual(['Newest', 'Title']);
    await expect(page.locator('.sort a[aria-current="true"]').textContent()).resolves.toBe('Title');
    await expect(page.locator('.result h3').allInnerTexts()).resolves.toEqual([
      'Borough budgets',
      'Cycle hires',
      'London Borough Profiles',
      'Old survey to withdraw',
      'Zebra crossings',
    ]);
    await page.click('.sort a:has-text("Newest")');
    await page.waitForURL(/sort=modified/);
    await expect(page.locator('.result h3').first().textContent()).resolves.toBe('Old survey to withdraw');
    await page.goto(`${t.url}/datasets?q=borough`);
    await expect(page.locator('.sort a').allInnerTexts()).resolves.toEqual(['Relevance', 'Newest', 'Title']);
    await expect(page.locator('.sort a[aria-current="true"]').textContent()).resolves.toBe('Relevance');
  });

  it('says what was searched when nothing matches, offers close matches, and mentions filters only when there are some', async () => {
    await page.goto(`${t.url}/datasets?q=boruogh`);
    const none = await text('#no-results');
    expect(none).toContain('No datasets match “boruogh”.');
    expect(none).not.toMatch(/filter/i);
    await expect(page.locator('#suggestions a').allInnerTexts()).resolves.toEqual(['“borough”']);
    await page.click('#suggestions a');
    await page.waitForURL(/q=borough/);
    await expect(text('#result-count')).resolves.toContain('3 datasets');

    await page.goto(`${t.url}/datasets?q=borough&theme=transport`);
    const filtered = await text('#no-results');
    expect(filtered).toContain('No datasets match “borough” with the filters chosen.');
    expect(filtered).toContain('remove a filter');
    await expect(text('#suggestions')).resolves.toContain('without the filters: 3 datasets');
  });

  it('never suggests a word that only a dataset the visitor may not see holds', async () => {
    // Two edits from the private keyword: the closest word of the whole catalogue, but not of what the visitor may see.
    const anonymous = await t.request('GET', '/datasets?q=zebrcrosing');
    expect(anonymous.text).toContain('No datasets match');
    expect(anonymous.text).not.toContain('zebracrossing');
    // The publisher, who may see the private dataset, finds it with the same words.
    const publisher = await t.request('GET', '/datasets?q=zebrcrosing', { token: gla });
    expect(publisher.text).toContain('Draft crossings');
  });

  it('puts the results before the filters on a phone, with the filters behind a disclosure', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${t.url}/datasets?q=borough`);
    const offset = (await page.evaluate("document.querySelector('.result').getBoundingClientRect().top + window.scrollY")) as number;
    expect(offset).toBeLessThan(PHONE.height);
    await expect(page.locator('nav.facet a').first().isVisible()).resolves.toBe(false);
    await page.click('#filters > summary');
    await expect(page.locator('nav.facet a').first().isVisible()).resolves.toBe(true);
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.setViewportSize(WIDE);
    await page.goto(`${t.url}/datasets?q=borough`);
    // On a wide screen the filters are a sidebar, open without a click.
    await expect(page.locator('#filters > summary').isVisible()).resolves.toBe(false);
    await expect(page.locator('nav.facet a').first().isVisible()).resolves.toBe(true);
  });
});

describe('the organisations page', () => {
  it('groups organisations by kind, counts with correct plurals, and filters with a form', async () => {
    await page.goto(`${t.url}/organisations`);
    await expect(page.locator('main h2').allInnerTexts()).resolves.toEqual(['Boroughs', 'The GLA family', 'Transport', 'Partners']);
    await expect(page.locator('section', { hasText: 'Transport for London' }).locator('li').textContent()).resolves.toBe('Transport for London (1 dataset)');
    await expect(page.locator('li', { hasText: 'Greater London Authority' }).textContent()).resolves.toBe('Greater London Authority (3 datasets)');
    await expect(page.locator('li', { hasText: 'Camden' }).textContent()).resolves.toBe('London Borough of Camden (1 dataset)');
    await page.fill('#organisation-filter', 'transport');
    await page.click('button:has-text("Filter")');
    await page.waitForURL(/organisations\?q=transport/);
    await expect(page.locator('.organisation-list li').allInnerTexts()).resolves.toEqual(['Transport for London (1 dataset)']);
    await expect(text('#organisation-count')).resolves.toContain('1 organisation matching');
  });
});

describe('the dataset page', () => {
  it('formats and aligns numbers, keeps codes as stored, and shows readable headings above the real names', async () => {
    await page.goto(`${t.url}/datasets/london-borough-profiles`);
    const headings = page.locator('#preview-table thead th');
    await expect(headings.nth(1).textContent()).resolves.toBe('Area name Area_name');
    await expect(headings.nth(3).locator('code').textContent()).resolves.toBe('GLA_Population_Estimate_2017');
    const firstRow = page.locator('#preview-table tbody tr').first().locator('td');
    await expect(firstRow.nth(0).textContent()).resolves.toBe('E09000001');
    await expect(firstRow.nth(3).textContent()).resolves.toBe('8,800');
    await expect(
      firstRow
        .nth(3)
        .evaluate((cell) => (globalThis as unknown as { getComputedStyle: (e: unknown) => { textAlign: string } }).getComputedStyle(cell).textAlign),
    ).resolves.toBe('right');
    await expect(page.locator('#preview-table tbody tr').nth(1).locator('td').nth(3).textContent()).resolves.toBe('209,000');
  });

  it('draws no chart for identifier columns and keeps the long profile folded', async () => {
    const figures = page.locator('.profile figure');
    await expect(figures.first().textContent()).resolves.toContain('Identifies each row: all 33 values in the sample are different');
    await expect(figures.first().locator('svg').count()).resolves.toBe(0);
    await expect(figures.nth(1).locator('svg').count()).resolves.toBe(0); // Area_name
    await expect(figures.nth(2).locator('svg').count()).resolves.toBe(1);
    await expect(page.locator('#profile-more').getAttribute('open')).resolves.toBeNull();
    await expect(page.locator('#profile-more figure').first().isVisible()).resolves.toBe(false);
  });
});

describe('pages that explain themselves', () => {
  it('the empty sharing register says what it is and why it matters', async () => {
    await page.goto(`${t.url}/sharing-register`);
    const empty = await text('#register-empty');
    expect(empty).toContain('No data is shared under an agreement at the moment.');
    expect(empty).toContain('It matters because');
  });

  it('/api/docs is the site page, and its padlocks are open until a token is given, then closed (required or optional); public operations have none', async () => {
    await page.goto(`${t.url}/api/docs`);
    await expect(page.locator('header.header').count()).resolves.toBe(1);
    await expect(page.locator('footer.footer').count()).resolves.toBe(1);
    const operation = (method: string, path: string) =>
      page.locator('.opblock', { has: page.locator(`.opblock-summary-method:text-is("${method}")`) }).filter({
        has: page.locator(`.opblock-summary-path[data-path="${path}"]`),
      });
    const list = operation('GET', '/api/v1/datasets');
    await list.waitFor();
    await expect(list.locator('.opblock-summary-description').textContent()).resolves.toContain('token optional');
    await expect(list.locator('.authorization__btn').getAttribute('aria-label')).resolves.toBe('authorization button unlocked');
    const create = operation('POST', '/api/v1/datasets');
    await expect(create.locator('.opblock-summary-description').textContent()).resolves.toContain('token required');
    await expect(create.locator('.authorization__btn').getAttribute('aria-label')).resolves.toBe('authorization button unlocked');
    await expect(operation('GET', '/api/v1/sharing-register').locator('.authorization__btn').count()).resolves.toBe(0);
    // Given a token through Authorize, both padlocks close.
    await page.click('.auth-wrapper .authorize');
    await page.fill('#auth-bearer-value', gla);
    await page.click('button[aria-label="Apply credentials"]');
    await page.click('.modal-ux .btn-done');
    await expect(list.locator('.authorization__btn').getAttribute('aria-label')).resolves.toBe('authorization button locked');
    await expect(create.locator('.authorization__btn').getAttribute('aria-label')).resolves.toBe('authorization button locked');
  });

  it('unknown paths outside the API answer the HTML 404 page; the API keeps its JSON 404', async () => {
    const response = await page.goto(`${t.url}/no-such-page`);
    expect(response?.status()).toBe(404);
    expect(response?.headers()['content-type']).toMatch(/^text\/html/);
    await expect(text('h1')).resolves.toBe('Page not found');
    const api = await t.request('GET', '/api/v1/no-such-route');
    expect({ status: api.status, code: api.body.error?.code }).toEqual({ status: 404, code: 'not_found' });
    const feed = await t.request('GET', '/catalog/no-such-feed');
    expect(feed.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

describe('a publisher deletes a dataset', () => {
  let publisher: BrowserContext;
  let desk: Page;

  beforeAll(async () => {
    // Pages treat a bearer token as a signed-in session, so the test does not depend on the sign-in form.
    publisher = await browser.newContext({ viewport: WIDE, extraHTTPHeaders: { Authorization: `Bearer ${gla}` } });
    elsewhere.push(...watchRequests(publisher, [t.url, t.objectStoreOrigin]));
    desk = await publisher.newPage();
  });
  afterAll(() => publisher.close());

  it('asks for a confirmation that names the dataset, refuses a wrong name, then deletes it everywhere', async () => {
    deletedId = (await t.request('GET', '/api/v1/datasets/old-survey')).body.id;
    await desk.goto(`${t.url}/publish/datasets/old-survey`);
    await desk.click('a:has-text("Delete Old survey to withdraw")');
    await desk.waitForURL(/\/publish\/datasets\/old-survey\/delete$/);
    await expect(desk.locator('h1').textContent()).resolves.toContain('Delete “Old survey to withdraw”?');
    await desk.fill('#field-confirm', 'old-surve');
    const refused = await Promise.all([desk.waitForNavigation(), desk.click('button:has-text("Delete this dataset")')]);
    expect(refused[0]?.status()).toBe(400);
    await expect(desk.locator('.error-summary').textContent()).resolves.toContain("does not match the dataset's name");
    expect((await t.request('GET', '/api/v1/datasets/old-survey')).status).toBe(200);

    await desk.fill('#field-confirm', 'old-survey');
    await desk.click('button:has-text("Delete this dataset")');
    await desk.waitForURL(/\/publish\/deleted$/);
    await expect(desk.locator('h1').textContent()).resolves.toBe('Dataset deleted');

    expect((await t.request('GET', '/api/v1/datasets/old-survey', { token: gla })).status).toBe(404);
    expect((await t.request('GET', '/datasets/old-survey')).status).toBe(404);
    expect((await t.request('GET', '/datasets?q=survey')).text).not.toContain('Old survey to withdraw');
    expect((await t.request('GET', '/catalog/data.json')).text).not.toContain('old-survey');
    expect((await t.request('GET', '/api/3/action/package_search?q=survey')).body.result.count).toBe(0);
  });

  it('recorded the deletion in the audit log', async () => {
    const ids = await t.request('GET', '/api/3/action/package_list');
    expect(ids.body.result).not.toContain('old-survey');
    const stored = await t.exchange.domain.catalogue.list<{ action: string; id?: string }>(auditList(deletedId), { limit: 50 });
    expect(stored.items.map((i) => i.value.action)).toContain('dataset.deleted');
  });

  it('is not offered to an editor, and the page refuses one', async () => {
    const editor = await t.tokenFor('gla', 'editor');
    const manage = await t.request('GET', '/publish/datasets/borough-budgets', { token: editor });
    expect(manage.text).not.toContain('/delete');
    expect((await t.request('GET', '/publish/datasets/borough-budgets/delete', { token: editor })).status).toBe(403);
  });
});

describe('every page touched, at 1280 px and 390 px', () => {
  it('has no axe violations, no sideways scrolling on a phone, and asked no other origin for anything', async () => {
    const found: string[] = [];
    const paths = [
      '/datasets',
      '/datasets?q=borough',
      '/datasets?q=boruogh',
      '/datasets?q=borough&theme=transport',
      '/organisations',
      '/organisations?q=transport',
      '/datasets/london-borough-profiles',
      '/sharing-register',
      '/no-such-page',
      '/api/docs',
    ];
    for (const viewport of [WIDE, PHONE]) {
      await page.setViewportSize(viewport);
      for (const path of paths) {
        await page.goto(`${t.url}${path}`);
        if (path === '/api/docs') await page.locator('.opblock').first().waitFor();
        found.push(...(await axeViolations(page)));
        if (viewport === PHONE && path !== '/api/docs') expect({ path, overflows: await overflowsHorizontally(page) }).toEqual({ path, overflows: false });
      }
    }
    const publisherContext = await browser.newContext({ viewport: WIDE, extraHTTPHeaders: { Authorization: `Bearer ${gla}` } });
    elsewhere.push(...watchRequests(publisherContext, [t.url, t.objectStoreOrigin]));
    const publisherPage = await publisherContext.newPage();
    for (const viewport of [WIDE, PHONE]) {
      await publisherPage.setViewportSize(viewport);
      await publisherPage.goto(`${t.url}/publish/datasets/borough-budgets/delete`);
      found.push(...(await axeViolations(publisherPage)));
      await publisherPage.click('button:has-text("Delete this dataset")');
      found.push(...(await axeViolations(publisherPage)));
    }
    await publisherContext.close();
    expect(found).toEqual([]);
    expect(elsewhere).toEqual([]);
  });
});
