import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestExchange } from '../support/test-exchange';
import { axeViolations, launchBrowser, watchRequests } from './support/browser';
import { startBrowserExchange } from './support/exchange';

/**
 * A publisher in a real browser: signs in, creates a dataset, uploads the real borough profiles
 * CSV with the presigned upload, watches it publish, and shares it with a partner. The partner
 * then sees the data and a stranger does not.
 */
jest.setTimeout(180_000);

const FIXTURE = join(__dirname, '..', 'fixtures', 'real', 'london-borough-profiles.csv');

let t: TestExchange & { objectStoreOrigin: string };
let browser: Browser;
const contexts: BrowserContext[] = [];
const elsewhere: string[][] = [];
const violations: string[] = [];
let publisherToken: string;
let partnerToken: string;
let strangerToken: string;

const visitor = async (): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  contexts.push(context);
  elsewhere.push(watchRequests(context, [t.url, t.objectStoreOrigin]));
  return context.newPage();
};

const checkAxe = async (page: Page) => violations.push(...(await axeViolations(page)));

const signIn = async (page: Page, token: string) => {
  await page.goto(`${t.url}/publish`);
  await page.waitForURL(/\/publish\/sign-in$/);
  await page.fill('#field-token', token);
  await page.click('button:has-text("Sign in")');
  await page.waitForURL(/\/publish$/);
};

beforeAll(async () => {
  t = await startBrowserExchange();
  publisherToken = await t.organisationWithToken('camden', 'admin');
  partnerToken = await t.organisationWithToken('partner-analytics', 'viewer');
  strangerToken = await t.organisationWithToken('stranger-co', 'admin');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('a publisher publishes and shares a dataset', () => {
  let page: Page;
  beforeAll(async () => {
    page = await visitor();
  });

  it('signs in with an organisation token; an HttpOnly cookie keeps only an opaque session id', async () => {
    await page.goto(`${t.url}/publish/sign-in`);
    await checkAxe(page);
    await signIn(page, publisherToken);
    await expect(page.textContent('h1')).resolves.toBe('Publish for Test organisation camden');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'ldx_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie.value).not.toContain(publisherToken.slice(4));
    await expect(page.evaluate('document.cookie')).resolves.not.toContain('ldx_');
    await checkAxe(page);
  });

  it('creates a dataset, seeing the errors beside the fields first', async () => {
    await page.click('text=Create a dataset');
    await page.waitForURL(/\/publish\/datasets\/new$/);
    await checkAxe(page);
    await page.fill('#field-name', 'Not a slug');
    await page.click('button:has-text("Create dataset")');
    await expect(page.textContent('.error-summary')).resolves.toContain('There is a problem');
    await expect(page.textContent('#field-name-error')).resolves.toContain('must be lower-case letters, digits and hyphens');
    await expect(page.textContent('#field-title-error')).resolves.toContain('is required');
    await checkAxe(page);
    await page.fill('#field-name', 'camden-borough-profiles');
    await page.fill('#field-title', 'Camden borough profiles (partner extract)');
    await page.fill('#field-description', 'Borough profiles shared with partners for joint analysis.');
    await page.selectOption('#field-tier', 'shared');
    await page.selectOption('#field-licence', 'proprietary');
    await page.check('#theme-demographics');
    await page.click('button:has-text("Create dataset")');
    await page.waitForURL(/\/publish\/datasets\/camden-borough-profiles\?done=created$/);
    await expect(page.textContent('[role="status"]')).resolves.toContain('The dataset was created');
    await checkAxe(page);
  });

  it('uploads the real borough profiles CSV with a progress bar and watches it publish', async () => {
    await page.fill('#field-name', 'profiles');
    await page.fill('#field-title', 'Borough profiles');
    await page.click('button:has-text("Add data file")');
    await page.waitForURL(/\/resources\/profiles$/);
    await checkAxe(page);
    const puts: string[] = [];
    page.on('request', (request) => request.method() === 'PUT' && puts.push(request.url()));
    await page.setInputFiles('#file', FIXTURE);
    await page.click('button:has-text("Upload")');
    // A function, not a string: the page's CSP (no 'unsafe-eval') refuses string predicates.
    await page.waitForFunction(
      () => /Published version 1|failed/.test(String((globalThis as any).document.getElementById('upload-status').textContent)),
      undefined,
      { timeout: 60_000, polling: 200 },
    );
    await expect(page.textContent('#upload-status')).resolves.toBe('Published version 1: 33 rows, 84 columns.');
    await expect(page.evaluate("(p => p.value === p.max && p.max > 1)(document.getElementById('upload-progress'))")).resolves.toBe(true);
    await expect(page.textContent('#resource-status')).resolves.toBe('published');
    // The bytes went straight to the object store with the presigned URL, not through the exchange.
    expect(puts).toHaveLength(1);
    expect(new URL(puts[0]).origin).toBe(t.objectStoreOrigin);
    await checkAxe(page);
  });

  it('reads the validation report as a table', async () => {
    await page.click('#upload-result a');
    await page.waitForURL(/\/versions\/1\/report$/);
    await expect(page.textContent('main')).resolves.toContain('Every row passed validation.');
    await expect(page.textContent('.summary-list')).resolves.toContain('84');
    await checkAxe(page);
  });

  it('shares it with a partner organisation', async () => {
    await page.goto(`${t.url}/publish/datasets/camden-borough-profiles/sharing`);
    await checkAxe(page);
    await page.selectOption('#field-organisation', 'partner-analytics');
    await page.fill('#field-purpose', 'Joint analysis of borough indicators');
    await page.selectOption('#field-lawfulBasis', 'public-task');
    await page.fill('#field-agreementReference', 'DSA-2026-014');
    await page.click('button:has-text("Grant access")');
    await page.waitForURL(/done=granted/);
    await expect(page.textContent('#grants')).resolves.toContain('Joint analysis of borough indicators');
    await checkAxe(page);
  });

  it('sees the grant in the audit log', async () => {
    await page.goto(`${t.url}/publish/datasets/camden-borough-profiles/audit`);
    await expect(page.textContent('#audit-log')).resolves.toContain('grant.created');
    await checkAxe(page);
  });

  it('creates an API token, sees it once, and revokes it after confirming', async () => {
    await page.click('nav >> text=Tokens');
    await page.waitForURL(/\/publish\/tokens$/);
    await checkAxe(page);
    await page.fill('#field-label', 'Borough profiles pipeline');
    await page.selectOption('#field-role', 'editor');
    await page.fill('#field-expiresInDays', '30');
    await page.click('button:has-text("Create token")');
    await expect(page.textContent('h1')).resolves.toBe('Your new token');
    const secret = (await page.textContent('#new-token'))!;
    expect(secret).toMatch(/^ldx_[A-Za-z0-9_-]{43}$/);
    expect((await t.request('GET', '/api/v1/datasets', { token: secret })).status).toBe(200);
    await checkAxe(page);

    await page.click('text=Back to your tokens');
    await expect(page.textContent('main')).resolves.toContain('Borough profiles pipeline');
    await expect(page.content()).resolves.not.toContain(secret.slice(4));
    await page.click('a:has-text("Revoke Borough profiles pipeline")');
    await expect(page.textContent('h1')).resolves.toBe('Revoke Borough profiles pipeline?');
    await checkAxe(page);
    await page.click('button:has-text("Revoke token")');
    await page.waitForURL(/\/publish\/tokens\?done=revoked$/);
    await expect(page.textContent('[role="status"]')).resolves.toContain('The token was revoked');
    expect((await t.request('GET', '/api/v1/datasets', { token: secret })).status).toBe(401);
    await checkAxe(page);
  });
});

describe('the partner and a stranger', () => {
  it('the partner sees the data and can download it', async () => {
    const page = await visitor();
    await signIn(page, partnerToken);
    await page.goto(`${t.url}/datasets/camden-borough-profiles`);
    await expect(page.locator('#preview-table tbody tr').count()).resolves.toBe(10);
    await expect(page.locator('a.button:has-text("Download CSV")').count()).resolves.toBe(1);
    await checkAxe(page);
    await page.goto(`${t.url}/sharing-register`);
    await expect(page.textContent('main')).resolves.toContain('DSA-2026-014');
    await checkAxe(page);
  });

  it('a stranger sees the description but not the data, and can ask for access', async () => {
    const page = await visitor();
    await signIn(page, strangerToken);
    await page.goto(`${t.url}/datasets/camden-borough-profiles`);
    await expect(page.textContent('h1')).resolves.toBe('Camden borough profiles (partner extract)');
    await expect(page.locator('#preview-table').count()).resolves.toBe(0);
    await expect(page.locator('text=Download CSV').count()).resolves.toBe(0);
    await expect(page.textContent('#data-access')).resolves.toContain('shared only with named organisations');
    await checkAxe(page);
    const download = await page.goto(`${t.url}/datasets/camden-borough-profiles/resources/profiles/download?format=csv`);
    expect(download?.status()).toBe(404);
    await page.goto(`${t.url}/datasets/camden-borough-profiles`);
    await page.fill('#field-purpose', 'Benchmarking our own borough work');
    await page.click('button:has-text("Request access")');
    await expect(page.textContent('h1')).resolves.toBe('Request sent');
    await checkAxe(page);
  });

  it('an anonymous visitor does not see the data either', async () => {
    const page = await visitor();
    await page.goto(`${t.url}/datasets/camden-borough-profiles`);
    await expect(page.locator('#preview-table').count()).resolves.toBe(0);
    await expect(page.textContent('#data-access')).resolves.toContain('sign in with your organisation');
  });

  it('made no request to any other host, and axe found no violations on any page', () => {
    expect(elsewhere.flat()).toEqual([]);
    expect(violations).toEqual([]);
  });
});
