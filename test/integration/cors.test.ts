import { startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * The CORS headers as a browser reads them (test/browser/cross-origin.test.ts drives a real one):
 * preflights, every kind of answer of the public reads, never credentials, and the publisher
 * pages left same-origin.
 */
let t: TestExchange;
const ORIGIN = 'https://dashboard.example.org';

beforeAll(async () => {
  t = await startTestExchange();
});
afterAll(() => t.stop());

const preflight = (path: string, method: string, headers = 'authorization, content-type') =>
  t.request('OPTIONS', path, { headers: { origin: ORIGIN, 'access-control-request-method': method, 'access-control-request-headers': headers } });

describe('preflight', () => {
  it.each([
    ['/api/v1/datasets/some-dataset', 'GET', ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']],
    ['/api/3/action/package_search', 'POST', ['GET', 'POST']],
    ['/api/action/group_list', 'POST', ['GET', 'POST']],
    ['/catalog/data.json', 'GET', ['GET', 'HEAD']],
    ['/catalog.ttl', 'GET', ['GET', 'HEAD']],
    ['/data.json', 'GET', ['GET', 'HEAD']],
  ])('OPTIONS %s answers 204 with the allowed methods and headers', async (path, method, methods) => {
    const answer = await preflight(path, method);
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-allow-methods')?.split(', ')).toEqual(methods);
    expect(answer.headers.get('access-control-allow-headers')?.toLowerCase().split(', ')).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'if-match', 'x-ckan-api-key']),
    );
    expect(Number(answer.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    expect(answer.headers.has('access-control-allow-credentials')).toBe(false);
  });
});

describe('answers', () => {
  it.each([
    ['a search', '/api/v1/datasets?q=air', 200],
    ['a 404 in the one error shape', '/api/v1/datasets/no-such-dataset', 404],
    ['a CKAN action', '/api/3/action/package_list', 200],
    ['a CKAN error', '/api/3/action/no_such_action', 400],
    ['the OpenAPI document', '/api/v1/openapi.json', 200],
    ['a DCAT feed', '/catalog.jsonld', 200],
  ])('%s carries Access-Control-Allow-Origin: * and never Allow-Credentials', async (_what, path, status) => {
    const answer = await t.request('GET', path, { headers: { origin: ORIGIN } });
    expect(answer.status).toBe(status);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-expose-headers')).toContain('ETag');
    expect(answer.headers.has('access-control-allow-credentials')).toBe(false);
  });

  it('a refused method says so cross-origin too', async () => {
    const answer = await t.request('DELETE', '/api/v1/datasets', { headers: { origin: ORIGIN } });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('the publisher area stays same-origin', () => {
  it.each(['/publish', '/publish/sign-in', '/'])('%s has no CORS headers, and OPTIONS is no preflight answer', async (path) => {
    const read = await t.request('GET', path, { headers: { origin: ORIGIN } });
    expect(read.headers.has('access-control-allow-origin')).toBe(false);
    const options = await preflight(path, 'POST');
    expect(options.status).not.toBe(204);
    expect(options.headers.has('access-control-allow-origin')).toBe(false);
  });
});
