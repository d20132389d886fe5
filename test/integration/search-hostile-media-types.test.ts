import { readSnapshot } from '../../functions/search/snapshot-store';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * Media types that name Object.prototype's members: an upload declaring one must not reach a
 * plain-object lookup, or every search, listing and feed built on the index fails.
 */
let t: TestExchange;
let editor: string;

const hostile = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];
const nameOf = (mediaType: string) => `hostile-${mediaType.replace(/[^a-z]/gi, '').toLowerCase()}`;

beforeAll(async () => {
  t = await startTestExchange();
  const admin = await t.organisationWithToken('bexley', 'admin');
  editor = await t.tokenFor('bexley', 'editor');
  for (const mediaType of hostile) {
    const name = nameOf(mediaType);
    expect((await t.request('POST', '/api/v1/datasets', { token: admin, body: datasetInput(name, { title: `Hostile ${mediaType}` }) })).status).toBe(201);
    expect((await t.request('POST', `/api/v1/datasets/${name}/resources`, { token: editor, body: { name: 'data' } })).status).toBe(201);
    const upload = await t.request('PUT', `/api/v1/datasets/${name}/resources/data/data?filename=data.csv`, {
      token: editor,
      rawBody: 'a,b\n1,2\n',
      headers: { 'content-type': mediaType },
    });
    expect(upload.status).toBeLessThan(300);
  }
  await t.exchange.indexIdle();
});
afterAll(() => t.stop());

it('keeps search, listing, CKAN and DCAT answering, and finds every such dataset', async () => {
  const search = await t.request('GET', '/api/v1/datasets?q=hostile&limit=50');
  expect(search.status).toBe(200);
  expect(search.body.results.map((d: { name: string }) => d.name).sort()).toEqual(hostile.map(nameOf).sort());
  const listing = await t.request('GET', '/api/v1/datasets?organisation=bexley');
  expect(listing.status).toBe(200);
  expect(listing.body.count).toBe(hostile.length);
  const ckan = await t.request('GET', '/api/3/action/package_search?q=hostile&facet.field=["res_format"]');
  expect(ckan.status).toBe(200);
  expect(ckan.body.result.count).toBe(hostile.length);
  const dcat = await t.request('GET', '/catalog/data.json');
  expect(dcat.status).toBe(200);
  for (const mediaType of hostile) expect(dcat.text).toContain(nameOf(mediaType));
  for (const mediaType of hostile) {
    const one = await t.request('GET', `/api/v1/datasets?q=${encodeURIComponent(`Hostile ${mediaType}`)}`);
    expect(one.status).toBe(200);
    expect(one.body.results.map((d: { name: string }) => d.name)).toContain(nameOf(mediaType));
  }
});

it('treats those names as plain values in filters and facets', async () => {
  for (const value of hostile) {
    const filtered = await t.request('GET', `/api/v1/datasets?format=${encodeURIComponent(value)}&theme=${encodeURIComponent(value)}`);
    expect(filtered.status).toBe(200);
    expect(filtered.body.count).toBe(0);
    const ckan = await t.request('GET', `/api/3/action/package_search?fq=${encodeURIComponent(`res_format:${value}`)}`);
    expect(ckan.status).toBe(200);
    expect(ckan.body.result.count).toBe(0);
  }
  const facets = await t.request('GET', '/api/v1/datasets?organisation=bexley');
  expect(facets.body.facets.format).toEqual([]);
});

it('stores a snapshot that loads and holds every such dataset', async () => {
  const snapshot = await readSnapshot(t.exchange.domain);
  expect(snapshot).toBeDefined();
  const names = [...snapshot!.index.documents()].map(([, d]) => d.name).sort();
  expect(names).toEqual(hostile.map(nameOf).sort());
});
