import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SEQUENTIAL_PALETTE } from '../../functions/geo/svg/class-breaks';
import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, type TestExchange } from '../support/test-exchange';
import { launchBrowser, overflowsHorizontally, watchRequests } from './support/browser';
import { startBrowserExchange } from './support/exchange';

/**
 * A visitor reads the maps on dataset pages in a real browser: the borough choropleth of the GLA's
 * profiles and the LAQN's monitoring sites as points, with the keyboard and the pointer, at a
 * laptop's and a phone's width, with axe on the map section and nothing fetched from elsewhere.
 */
jest.setTimeout(120_000);

const seedFile = (name: string) => readFileSync(join(__dirname, '../../functions/local/seed/london-data', name));

let t: TestExchange & { objectStoreOrigin: string };
let browser: Browser;
let context: BrowserContext;
let page: Page;
let elsewhere: string[];

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.x A and AA rules, on the map section only (the rest of the page is tested with it elsewhere). */
const mapSectionViolations = async (): Promise<string[]> => {
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    "axe.run({ include: [['.map-section']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }).then((r) => r.violations.map((v) => v.id + ': ' + v.help + ' at ' + v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')))",
  )) as string[];
  return violations;
};

const publish = async (token: string, name: string, title: string, file: Buffer, filename: string) => {
  await t.request('POST', '/api/v1/datasets', { token, body: datasetInput(name, { title }) });
  await createResource(t, token, name, { name: 'data', title });
  const { resource } = await uploadAndWait(t, token, name, 'data', file, filename);
  if (resource.body.status !== 'published') throw new Error(resource.text);
};

beforeAll(async () => {
  t = await startBrowserExchange();
  const gla = await t.organisationWithToken('gla', 'admin');
  await publish(gla, 'borough-profiles', 'London Borough Profiles', seedFile('london-borough-profiles_2017_GLA_cp1252.csv'), 'profiles.csv');
  await publish(gla, 'air-quality-sites', 'Air quality monitoring sites', seedFile('laqn_sites_BayesNewton.csv'), 'sites.csv');
  await publish(gla, 'air-quality-index', 'Hourly air quality index', seedFile('laqn_hourly_aqi_2019-09-26T11_by_site_and_pollutant.csv'), 'index.csv');
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  elsewhere = watchRequests(context, [t.url, t.objectStoreOrigin]);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

/** The label shown in the map's band, if any. */
const visibleLabel = () =>
  page.evaluate(
    "[...document.querySelectorAll('.map-label')].filter((e) => getComputedStyle(e).visibility === 'visible').map((e) => e.textContent)",
  ) as Promise<string[]>;

describe('the borough choropleth on a dataset page', () => {
  it('draws all 33 boroughs from the page itself, with a legend of five classes and the same numbers in a table', async () => {
    await page.goto(`${t.url}/datasets/borough-profiles`);
    expect(await page.locator('.map-section svg.map-svg .map-area').count()).toBe(33);
    const fills = await page.locator('.map-area path').evaluateAll((paths) => paths.map((p) => p.getAttribute('fill')));
    expect(new Set(fills)).toEqual(new Set(SEQUENTIAL_PALETTE));
    expect(await page.locator('.map-key ul[aria-labelledby="map-legend"] li').count()).toBe(5);
    // Every borough's value in the table is the value its area reads out.
    const labels = await page.locator('.map-area').evaluateAll((areas) => areas.map((a) => a.getAttribute('aria-label')));
    const rows = await page.locator('#map-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toHaveLength(33);
    expect(rows.map(([name, , value]) => `${name}: ${value}`).sort()).toEqual([...labels].sort());
    expect(labels).toContain('Camden: 242,500');
  });

  it('shows a borough’s name and value on keyboard focus and on hover', async () => {
    expect(await visibleLabel()).toEqual([]);
    await page.locator('#map-column').focus();
    // From the column picker: its button, the skip link, then the first borough.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    const focused = await (page.evaluate("document.activeElement && document.activeElement.getAttribute('aria-label')") as Promise<string | null>);
    expect(focused).toMatch(/^[A-Z][A-Za-z &.-]+: [\d,.]+$/);
    expect(await visibleLabel()).toEqual([focused]);
    await page.keyboard.press('Tab');
    const next = await (page.evaluate("document.activeElement && document.activeElement.getAttribute('aria-label')") as Promise<string | null>);
    expect(next).not.toBe(focused);
    expect(await visibleLabel()).toEqual([next]);
    await page.locator('.map-area[aria-label^="Camden:"] path').hover();
    expect(await visibleLabel()).toContain('Camden: 242,500');
  });

  it('colours the boroughs by the column the visitor picks, without scripts', async () => {
    await page.locator('#map-column').selectOption('Average_Age,_2017');
    await page.getByRole('button', { name: 'Show on the map' }).click();
    await page.waitForURL(/map-column=Average_Age/);
    expect(await page.locator('#map-table thead th').last().textContent()).toBe('Average_Age,_2017');
    expect(await page.locator('.map-area[aria-label="Camden: 36.4"]').count()).toBe(1);
    expect(await page.locator('#map-column').inputValue()).toBe('Average_Age,_2017');
    // The SVG link draws the same map for a report.
    const href = await page.getByRole('link', { name: 'This map as an SVG file' }).getAttribute('href');
    expect(href).toContain('map.svg?column=Average_Age');
    const svg = await (await page.request.get(href!)).text();
    expect(svg).toContain('aria-label="Camden: 36.4"');
  });

  it('passes axe on the map section at 1280 px and 390 px, and fits a phone’s width', async () => {
    expect(await mapSectionViolations()).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    expect(await mapSectionViolations()).toEqual([]);
    expect(await overflowsHorizontally(page)).toBe(false);
    const box = await page.locator('.map-svg').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});

describe('the point map on a dataset page', () => {
  it('counts the LAQN sites in 1 km squares over the boroughs, says what it left out, and tabulates sites per borough', async () => {
    await page.goto(`${t.url}/datasets/air-quality-sites`);
    expect(await page.locator('.map-section .map-bin').count()).toBeGreaterThan(100);
    expect(await page.locator('.map-key h3').textContent()).toBe('Points in each 1 km square');
    expect(await page.locator('.map-key').textContent()).toMatch(/rows have a position outside London/);
    const westminster = await page.locator('#map-table tbody tr', { hasText: 'Westminster' }).locator('td.num').textContent();
    expect(Number(westminster)).toBeGreaterThan(5);
    expect(await page.locator('.map-area[aria-label^="Westminster:"]').getAttribute('aria-label')).toBe(`Westminster: ${westminster} points`);
    expect(await mapSectionViolations()).toEqual([]);
  });
});

describe('a resource with both borough codes and coordinates', () => {
  it('shows the boroughs first, and each row as a point when the visitor asks', async () => {
    await page.goto(`${t.url}/datasets/air-quality-index`);
    expect(await page.locator('#map-table thead th').last().textContent()).toBe('air_quality_index');
    await page.getByRole('link', { name: 'Show each row as a point instead' }).click();
    await page.waitForURL(/map-kind=points/);
    expect(await page.locator('.map-section circle.map-point').count()).toBeGreaterThan(100);
    expect(await page.locator('#map-table thead th').last().textContent()).toBe('Points');
    expect(await page.getByRole('link', { name: 'This map as an SVG file' }).getAttribute('href')).toMatch(/map\.svg\?kind=points$/);
    expect(await mapSectionViolations()).toEqual([]);
    await page.getByRole('link', { name: 'Show the boroughs coloured by a column instead' }).click();
    expect(await page.locator('.map-section .map-area path[fill="#d9d9d9"]').count()).toBeLessThan(33);
  });
});

describe('afterwards', () => {
  it('fetched nothing from another origin', () => {
    expect(elsewhere).toEqual([]);
  });
});
