import { ckanActions } from '../../functions/ckan/actions';
import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';
import { signIn } from './web-support';

/**
 * Names from the request that every plain object already answers to (`constructor`,
 * `__proto__`, `toString`) are just unknown names: a clear 4xx in the surface's own error shape
 * (CKAN's envelope on CKAN routes), never a 500, and never a member of Object.prototype.
 */
let t: TestExchange;
let admin: string;
let resourceId: string;

beforeAll(async () => {
  t = await startTestExchange();
  admin = await t.organisationWithToken('sutton', 'admin');
  await t.request('POST', '/api/v1/datasets', { token: admin, body: datasetInput('sutton-parks', { keywords: ['parks'] }) });
  await createResource(t, admin, 'sutton-parks', { name: 'parks' });
  const uploaded = await uploadAndWait(t, admin, 'sutton-parks', 'parks', 'name,acres\nBeddington,120\nRoundshaw,40\n', 'parks.csv');
  resourceId = uploaded.resource.body.id;
});
afterAll(() => t.stop());

const ckanGet = (query: string) => t.request('GET', `/api/3/action/${query}`);
const ckanPost = (action: string, contentType: string, rawBody: string) =>
  t.request('POST', `/api/3/action/${action}`, { rawBody, headers: { 'content-type': contentType } });

/** Status and CKAN envelope, for one comparison. */
const envelope = (response: { status: number; body: any }) => ({
  status: response.status,
  success: response.body?.success,
  type: response.body?.error?.__type,
});

describe('CKAN actions', () => {
  it.each(['fq=constructor:x', 'fq=__proto__:x', 'fq=toString:x'])('package_search?%s is a Search Query Error', async (query) => {
    expect(envelope(await ckanGet(`package_search?${query}`))).toEqual({ status: 400, success: false, type: 'Search Query Error' });
  });

  it.each(['q=__proto__:x', 'q=constructor:x'])('package_search?%s searches for the words', async (query) => {
    const response = await ckanGet(`package_search?${query}`);
    expect({ status: response.status, count: response.body.result?.count }).toEqual({ status: 200, count: 0 });
  });

  it.each(['__proto__', 'constructor', 'toString'])('package_search with facet.field=["%s"] has no such facet', async (field) => {
    const response = await ckanGet(`package_search?facet.field=${encodeURIComponent(JSON.stringify([field, 'tags']))}`);
    expect(response.status).toBe(200);
    expect(Object.hasOwn(response.body.result.facets, field)).toBe(true);
    expect(response.body.result.facets[field]).toEqual({});
    expect(response.body.result.facets.tags).toEqual({ parks: 1 });
  });

  it('package_search?sort=constructor is refused, not sorted by something', async () => {
    expect(envelope(await ckanGet('package_search?sort=constructor'))).toEqual({ status: 400, success: false, type: 'Search Query Error' });
  });

  it.each(['constructor', '__proto__', 'toString'])('datastore_search with an unknown parameter %s is a Validation Error naming it', async (name) => {
    const viaQuery = await ckanGet(`datastore_search?resource_id=${resourceId}&${name}=1`);
    expect(envelope(viaQuery)).toEqual({ status: 409, success: false, type: 'Validation Error' });
    expect(Object.hasOwn(viaQuery.body.error, name)).toBe(true);
    const viaForm = await ckanPost('datastore_search', 'application/x-www-form-urlencoded', `resource_id=${resourceId}&${name}=1`);
    expect(envelope(viaForm)).toEqual({ status: 409, success: false, type: 'Validation Error' });
  });

  it('datastore_search filters on a column named like a prototype member are refused, never a 500', async () => {
    for (const filters of [{ constructor: 'x' }, JSON.parse('{"__proto__": "x"}')]) {
      const response = await ckanPost('datastore_search', 'application/json', JSON.stringify({ resource_id: resourceId, filters }));
      expect(response.status).toBeLessThan(500);
      expect(response.body.success).toBe(false);
    }
  });

  it.each([
    ['multipart/form-data; boundary=xx', 'garbage'],
    ['multipart/form-data', 'garbage'],
    ['multipart/form-data; boundary=xx', '--xx\r\nContent-Disposition: form-data; name="q"\r\n\r\nunterminated'],
  ])('a malformed multipart body (%s) is a CKAN Bad Request', async (contentType, body) => {
    expect(envelope(await ckanPost('package_search', contentType, body))).toEqual({ status: 400, success: false, type: 'Bad Request' });
  });

  it('JSON bodies with prototype keys are plain parameters', async () => {
    const response = await ckanPost('package_search', 'application/json', '{"__proto__": {"q": "parks"}, "constructor": 1, "toString": 2}');
    expect({ status: response.status, count: response.body.result?.count }).toEqual({ status: 200, count: 1 });
  });
});

describe('every CKAN action', () => {
  const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];
  const PARAMETERS = [
    'id',
    'name',
    'q',
    'fq',
    'sort',
    'facet.field',
    'resource_id',
    'filters',
    'fields',
    'limit',
    'offset',
    'rows',
    'start',
    'all_fields',
    'include_datasets',
    'organizations',
    'records_format',
  ];

  it.each(Object.keys(ckanActions))('%s answers prototype names as parameters and values in CKAN’s envelope, never a 500', async (action) => {
    for (const hostile of PROTOTYPE_NAMES) {
      const query = [...PARAMETERS.map((p) => `${p}=${hostile}`), ...PROTOTYPE_NAMES.map((p) => `${p}=${hostile}`)].join('&');
      const asQuery = await ckanGet(`${action}?${query}`);
      const asJson = await ckanPost(action, 'application/json', JSON.stringify(Object.fromEntries(PARAMETERS.map((p) => [p, { [hostile]: hostile }]))));
      const asForm = await ckanPost(action, 'application/x-www-form-urlencoded', query);
      for (const [how, response] of [
        ['query', asQuery],
        ['json', asJson],
        ['form', asForm],
      ] as const) {
        expect({ how, hostile, serverError: response.status >= 500, envelope: typeof response.body?.success }).toEqual({
          how,
          hostile,
          serverError: false,
          envelope: 'boolean',
        });
      }
    }
  });
});

describe('REST API and pages', () => {
  it('a merge patch with a __proto__ field is refused by the schema, not merged into the prototype', async () => {
    const response = await t.request('PATCH', '/api/v1/datasets/sutton-parks', {
      token: admin,
      rawBody: '{"__proto__": {"tier": "private"}, "title": "Sutton parks"}',
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': '*' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect((await t.request('GET', '/api/v1/datasets/sutton-parks')).body.tier).toBe('open');
  });

  it('a notice key from the query string that is a prototype member shows no notice', async () => {
    const session = await signIn(t, admin);
    for (const done of ['constructor', 'toString', '__proto__']) {
      const response = await fetch(`${t.url}/publish/datasets/sutton-parks?done=${done}`, { headers: { cookie: session.cookie } });
      const html = await response.text();
      expect({ done, status: response.status, nativeCode: html.includes('native code') }).toEqual({ done, status: 200, nativeCode: false });
    }
  });
});
