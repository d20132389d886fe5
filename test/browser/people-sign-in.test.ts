import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LOCAL_PASSWORD } from '../../functions/identity/local-provider/seeded-people';
import { startTestExchange, type TestExchange } from '../support/test-exchange';
import { axeViolations, launchBrowser } from './support/browser';

/**
 * The full sign-in in Chromium: the exchange's sign-in page, the local OpenID provider's own
 * page, back to the publisher area, the acting-for choice for a person in two organisations, and
 * sign-out. The session cookie is SameSite=Strict, so this also proves the callback's same-site
 * step lets it through.
 */
jest.setTimeout(180_000);

let t: TestExchange;
let browser: Browser;
const contexts: BrowserContext[] = [];

const visitor = async (): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  contexts.push(context);
  return context.newPage();
};

const signInAs = async (page: Page, email: string) => {
  await page.goto(`${t.url}/publish`);
  await page.waitForURL(/\/publish\/sign-in$/);
  await page.click('a:has-text("Sign in with the local identity provider")');
  await page.waitForURL((url) => url.origin === new URL(t.exchange.identityIssuer!).origin);
  await page.fill('#email', email);
  await page.fill('#password', LOCAL_PASSWORD);
  await page.click('button:has-text("Sign in")');
  await page.waitForURL(/\/publish$/);
};

beforeAll(async () => {
  t = await startTestExchange({ identity: true });
  for (const id of ['camden', 'gla', 'tfl']) await t.organisationWithToken(id, 'admin');
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.stop();
});

test('the sign-in page offers the organisation first, says how to get access, and keeps token sign-in secondary', async () => {
  const page = await visitor();
  await page.goto(`${t.url}/publish/sign-in`);
  const headings = await page.locator('main h2').allTextContents();
  expect(headings).toEqual(['Sign in with your organisation', 'How to get access', 'Or sign in with an organisation token']);
  expect(await page.locator('text=invite you by email').count()).toBe(1);
  expect(await axeViolations(page)).toEqual([]);
});

test('a seeded admin signs in through the local provider, sees their organisation, and signs out', async () => {
  const page = await visitor();
  await signInAs(page, 'amara.okafor@camden.gov.uk');
  expect(await page.locator('.phase').textContent()).toContain('camden');
  const cookies = await page.context().cookies(t.url);
  const session = cookies.find((c) => c.name === 'ldx_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  await page.goto(`${t.url}/publish/account`);
  expect(await page.locator('main').textContent()).toContain('Amara Okafor <amara.okafor@camden.gov.uk>');
  expect(await axeViolations(page)).toEqual([]);
  await page.click('nav a:has-text("People")');
  await page.waitForURL(/\/publish\/members$/);
  expect(await page.locator('main').textContent()).toContain('Dev Patel');
  expect(await axeViolations(page)).toEqual([]);
  await page.click('header button:has-text("Sign out")');
  await page.waitForURL(`${t.url}/`);
  await page.goto(`${t.url}/publish`);
  await page.waitForURL(/\/publish\/sign-in$/);
});

test('a person in two organisations chooses which one they act for', async () => {
  const page = await visitor();
  await signInAs(page, 'ben.hughes@london.gov.uk');
  expect(await page.locator('.phase').textContent()).toContain('camden');
  await page.goto(`${t.url}/publish/account`);
  await page.selectOption('#field-organisation', 'gla');
  await page.click('button:has-text("Switch organisation")');
  await page.waitForURL(/\/publish$/);
  expect(await page.locator('.phase').textContent()).toContain('gla');
});
