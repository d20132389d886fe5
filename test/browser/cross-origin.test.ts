import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';
import { launchBrowser } from './support/browser';

/**
 * A browser application on another origin (a page served on another port) calling the exchange
 * with fetch: a search, a row query, a download that follows the redirect into the object store,
 * an authenticated read with a bearer token, and a CKAN POST. What must stay refused is refused by
 * the browser itself: a request with cookies (credentials: 'include') and the publisher pages.
 */
jest.setTimeout(120_000);

let t: TestExchange;
let browser: Browser;
let app: Server;
let appOrigin: string;
let page: Page;
let publisher: string;

/** The other site's page: nothing but a title; the test drives fetch from inside it. */
const servePage = async (): Promise<Server> => {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html lang="en"><head><title>A borough dashboard</title></head><body><h1>Dashboard</h1></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
};

interface Fetched {
  ok: boolean;
  status?: number;
  url?: string;
  contentType?: string | null;
  body?: string;
  error?: string;
  requestId?: string | null;
}

/** fetch from inside the page, on the page's origin; a CORS refusal comes back as the TypeError's message. */
const fetchInPage = (url: string, init: Record<string, unknown> = {}): Promise<Fetched> =>
  page.evaluate(
    async ([target, options]) => {
      try {
        const response = await fetch(target, options as RequestInit);
        return {
          ok: true,
          status: response.status,
          url: response.url,
          contentType: response.headers.get('content-type'),
          requestId: response.headers.get('x-request-id'),
          body: await response.text(),
        };
      } catch (error) {
        return { ok: false, error: String(error) };
      }
    },
    [url, init] as const,
  );

beforeAll(async () => {
  t = await startTestExchange();
  publisher = await t.organisationWithToken('southwark', 'admin');
  await t.request('POST', '/api/v1/datasets', {
    token: publisher,
    body: datasetInput('southwark-cycle-counts', { title: 'Southwark cycle counts', keywords: ['cycling'] }),
  });
  await createResource(t, publisher, 'southwark-cycle-counts', { name: 'counts' });
  await uploadAndWait(t, publisher, 'southwark-cycle-counts', 'counts', 'site,cyclists\nTower Bridge Road,812\nWalworth Road,455\n', 'counts.csv');
  await t.request('POST', '/api/v1/datasets', { token: publisher, body: datasetInput('southwark-draft-plans', { tier: 'private' }) });

  app = await servePage();
  appOrigin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  expect(new URL(appOrigin).origin).not.toBe(new URL(t.url).origin);
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
  await page.goto(`${appOrigin}/`);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => app?.close(resolve));
  await t?.stop();
});

describe('a page on another origin', () => {
  it('searches the catalogue', async () => {
    const found = await fetchInPage(`${t.url}/api/v1/datasets?q=cycle`);
    expect(found).toMatchObject({ ok: true, status: 200 });
    expect(JSON.parse(found.body!).results.map((d: any) => d.name)).toEqual(['southwark-cycle-counts']);
    // An exposed header, readable from the page.
    expect(found.requestId).toMatch(/\S/);
  });

  it('queries rows', async () => {
    const rows = await fetchInPage(`${t.url}/api/v1/datasets/southwark-cycle-counts/resources/counts/rows?sort=cyclists:desc`);
    expect(rows).toMatchObject({ ok: true, status: 200 });
    expect(JSON.stringify(JSON.parse(rows.body!))).toContain('Tower Bridge Road');
  });

  it('downloads a file, following the redirect to the object store', async () => {
    const file = await fetchInPage(`${t.url}/api/v1/datasets/southwark-cycle-counts/resources/counts/download?format=csv`);
    expect(file).toMatchObject({ ok: true, status: 200, contentType: 'text/csv; charset=utf-8' });
    expect(new URL(file.url!).origin).toBe(new URL(t.exchange.endpoints.s3Endpoint!).origin);
    expect(file.body!.split(/\r?\n/)[1]).toBe('Tower Bridge Road,812');
  });

  it('reads with a bearer token (a preflighted request) what only the token may see', async () => {
    const anonymous = await fetchInPage(`${t.url}/api/v1/datasets/southwark-draft-plans`);
    expect(anonymous).toMatchObject({ ok: true, status: 404 });
    const read = await fetchInPage(`${t.url}/api/v1/datasets/southwark-draft-plans`, { headers: { Authorization: `Bearer ${publisher}` } });
    expect(read).toMatchObject({ ok: true, status: 200 });
    expect(JSON.parse(read.body!).tier).toBe('private');
  });

  it("calls CKAN's package_search with a JSON POST", async () => {
    const searched = await fetchInPage(`${t.url}/api/3/action/package_search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ q: 'cycle' }),
    });
    expect(searched).toMatchObject({ ok: true, status: 200 });
    expect(JSON.parse(searched.body!).result.count).toBe(1);
  });

  it('reads a DCAT feed', async () => {
    const feed = await fetchInPage(`${t.url}/catalog/data.json`);
    expect(feed).toMatchObject({ ok: true, status: 200 });
    expect(feed.body).toContain('Southwark cycle counts');
  });

  it('cannot send cookies: the browser refuses a credentialed request, since the exchange never allows credentials', async () => {
    const credentialed = await fetchInPage(`${t.url}/api/v1/datasets?q=cycle`, { credentials: 'include' });
    expect(credentialed.ok).toBe(false);
    expect(credentialed.error).toContain('TypeError');
  });

  it('cannot read the publisher pages, which stay same-origin', async () => {
    const publish = await fetchInPage(`${t.url}/publish/sign-in`);
    expect(publish.ok).toBe(false);
    expect(publish.error).toContain('TypeError');
  });
});
