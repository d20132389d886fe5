import type { Browser, Page } from 'playwright-core';
import type { TestExchange } from '../support/test-exchange';
import { datasetInput } from '../support/test-exchange';
import { axeViolations, launchBrowser } from './support/browser';
import { startBrowserExchange } from './support/exchange';

/**
 * A publisher in a real browser reads the message a new version of a standard left on their
 * pages: the dashboard's banner leads to it, marking it read clears the banner, and axe finds
 * nothing on either page.
 */
jest.setTimeout(180_000);

const SPEND = 'transparency-spend-over-500';

let t: TestExchange & { objectStoreOrigin: string };
let browser: Browser;
let page: Page;
const violations: string[] = [];

beforeAll(async () => {
  t = await startBrowserExchange();
  const camden = await t.organisationWithToken('camden', 'admin');
  expect((await t.request('POST', '/api/v1/datasets', { token: camden, body: datasetInput('camden-spend', { tier: 'open', dataSchema: SPEND }) })).status).toBe(
    201,
  );
  // A declaring dataset's resources are what a new version is checked against, and so what its publisher hears about.
  expect((await t.request('POST', '/api/v1/datasets/camden-spend/resources', { token: camden, body: { name: 'payments' } })).status).toBe(201);
  const schema = (await t.request('GET', `/api/v1/schemas/${SPEND}`)).body;
  delete schema.properties.OrganisationURI.pattern;
  const versions = `/api/v1/schemas/${SPEND}/versions`;
  expect(
    (await t.request('POST', versions, { token: t.adminToken, body: { version: '1.1.0', reason: 'Organisation codes need not be URIs.', schema } })).status,
  ).toBe(201);
  expect((await t.request('POST', `${versions}/1.1.0/publish`, { token: t.adminToken })).status).toBe(200);
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1024, height: 900 } })).newPage();
  await page.goto(`${t.url}/publish/sign-in`);
  await page.fill('#field-token', camden);
  await page.click('button:has-text("Sign in")');
  await page.waitForURL(/\/publish$/);
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

it('follows the dashboard’s banner to the message and marks it read', async () => {
  await expect(page.textContent('[role="status"]')).resolves.toMatch(/1 unread message about the standards/);
  violations.push(...(await axeViolations(page)));
  await page.click('text=Read them');
  await page.waitForURL(/\/publish\/notifications$/);
  await expect(page.textContent('article h2')).resolves.toMatch(/Compatible version 1\.1\.0 of transparency-spend-over-500/);
  violations.push(...(await axeViolations(page)));
  await page.click('button:has-text("Mark as read")');
  await page.waitForURL(/\/publish\/notifications\?done=read$/);
  await expect(page.textContent('[role="status"]')).resolves.toMatch(/marked read for everyone/);
  await expect(page.locator('button:has-text("Mark as read")').count()).resolves.toBe(0);
  violations.push(...(await axeViolations(page)));
  await page.goto(`${t.url}/publish`);
  await expect(page.locator('text=unread message').count()).resolves.toBe(0);
  expect(violations).toEqual([]);
});
