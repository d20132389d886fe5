import { request as httpRequest } from 'node:http';
import { createApp } from '../../functions/api/app';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * Links are built from configuration, never from the request: whatever Host a client sends,
 * redirects and absolute links point at the exchange's configured public base URL (locally, the
 * URL it prints).
 */
let t: TestExchange;
let editor: string;

beforeAll(async () => {
  t = await startTestExchange();
  editor = await t.organisationWithToken('harrow', 'editor');
  await t.request('POST', '/api/v1/datasets', { token: editor, body: datasetInput('harrow-libraries') });
  await t.request('POST', '/api/v1/datasets', { token: editor, body: datasetInput('harrow-parks') });
  await t.exchange.indexIdle();
});
afterAll(() => t.stop());

/** A request to the exchange's socket that claims to be for another host (fetch will not send a chosen Host). */
const withHost = (host: string, method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; location?: string; text: string }>((resolve, reject) => {
    const { port } = new URL(t.url);
    const request = httpRequest({ host: '127.0.0.1', port, method, path, headers: { host, 'x-forwarded-host': host, ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, location: response.headers.location, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });

const EVIL = 'evil.example';

describe('with Host: evil.example', () => {
  it('the sign-in redirect goes to the configured URL', async () => {
    const response = await withHost(EVIL, 'GET', '/publish');
    expect(response.status).toBe(303);
    expect(response.location).toBe(`${t.url}/publish/sign-in`);
  });

  it('a created dataset’s Location and links are on the configured URL', async () => {
    const response = await withHost(EVIL, 'POST', '/api/v1/datasets', JSON.stringify(datasetInput('harrow-trees')), {
      authorization: `Bearer ${editor}`,
      'content-type': 'application/json',
    });
    expect(response.status).toBe(201);
    expect(response.location).toBe(`${t.url}/api/v1/datasets/harrow-trees`);
    expect(response.text).not.toContain(EVIL);
  });

  it.each([
    '/api/v1/datasets?limit=1',
    '/api/v1/datasets/harrow-libraries',
    '/api/v1/openapi.json',
    '/api/3/action/package_search?rows=1',
    '/api/3/action/package_show?id=harrow-libraries',
    '/catalog/data.json',
    '/catalog.jsonld',
    '/dataset/harrow-libraries.jsonld',
    '/',
    '/datasets',
    '/datasets/harrow-libraries',
    '/api/docs',
  ])('GET %s builds no link from the Host header', async (path) => {
    const response = await withHost(EVIL, 'GET', path);
    expect(response.status).toBe(200);
    expect(response.text).not.toContain(EVIL);
  });

  it('the next page of a listing is on the configured URL', async () => {
    const response = await withHost(EVIL, 'GET', '/api/v1/datasets?limit=1');
    expect(JSON.parse(response.text).next).toMatch(new RegExp(`^${t.url}/api/v1/datasets\\?`));
  });
});

describe('an app configured with a public base URL', () => {
  it('uses it for every link, whatever origin the request came to', async () => {
    const app = createApp({ domain: t.exchange.domain, publicBaseUrl: 'https://data.example.london' });
    const listing = await app.request(`http://${EVIL}/api/v1/datasets?limit=1`);
    const body = (await listing.json()) as { next: string; results: Array<{ links: { self: string } }> };
    expect(body.next).toMatch(/^https:\/\/data\.example\.london\/api\/v1\/datasets\?/);
    expect(body.results[0].links.self).toMatch(/^https:\/\/data\.example\.london\/api\/v1\/datasets\//);
    const redirect = await app.request(`http://${EVIL}/publish`);
    expect(redirect.headers.get('location')).toBe('https://data.example.london/publish/sign-in');
  });
});
