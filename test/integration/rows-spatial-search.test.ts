import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * `GET /api/v1/datasets?spatial=E09000007`: datasets covering a borough, as ingest found from
 * their rows (points in it, or its code in a GSS column), through the tier policy.
 */
let t: TestExchange;
let publisher: string;

const publish = async (name: string, csv: string, overrides: Record<string, unknown> = {}) => {
  expect((await t.request('POST', '/api/v1/datasets', { token: publisher, body: datasetInput(name, overrides) })).status).toBe(201);
  await createResource(t, publisher, name, { name: 'data' });
  const { resource } = await uploadAndWait(t, publisher, name, 'data', csv, 'data.csv');
  expect(resource.body.current).toMatchObject({ version: 1 });
};

beforeAll(async () => {
  t = await startTestExchange();
  publisher = await t.organisationWithToken('camden', 'admin');
  await publish('camden-sites', 'site,latitude,longitude\ncamden-town,51.539,-0.1426\nkings-cross,51.5308,-0.124\n', { title: 'Monitoring sites' });
  await publish('hackney-sites', 'site,latitude,longitude\nhackney,51.545,-0.0553\n', { title: 'Monitoring sites east' });
  await publish('borough-counts', 'code,count\nE09000007,12\nE09000012,30\n', { title: 'Counts by borough' });
  await publish('camden-private', 'site,latitude,longitude\ncamden-town,51.539,-0.1426\n', {
    title: 'Private sites',
    tier: 'private',
    licence: 'proprietary',
  });
  await publish('no-places', 'substation,load_mw\nA,12.5\n', { title: 'Substation load' });
}, 120_000);
afterAll(() => t.stop());

const names = (body: { results: Array<{ name: string }> }) => body.results.map((d) => d.name).sort();

it('lists the datasets covering the borough, by points or by GSS code column', async () => {
  const camden = await t.request('GET', '/api/v1/datasets?spatial=E09000007');
  expect(camden.status).toBe(200);
  expect(names(camden.body)).toEqual(['borough-counts', 'camden-sites']);
  expect(camden.body.count).toBe(2);
  expect(names((await t.request('GET', '/api/v1/datasets?spatial=e09000012')).body)).toEqual(['borough-counts', 'hackney-sites']);
  expect((await t.request('GET', '/api/v1/datasets?spatial=E09000001')).body.count).toBe(0);
});

it('combines with words and other filters', async () => {
  expect(names((await t.request('GET', '/api/v1/datasets?spatial=E09000007&q=sites')).body)).toEqual(['camden-sites']);
  expect(names((await t.request('GET', '/api/v1/datasets?spatial=E09000012&q=counts&organisation=nobody')).body)).toEqual([]);
});

it('follows the tier policy: a private dataset only for its organisation', async () => {
  expect(names((await t.request('GET', '/api/v1/datasets?spatial=E09000007', { token: publisher })).body)).toEqual([
    'borough-counts',
    'camden-private',
    'camden-sites',
  ]);
  const stranger = await t.organisationWithToken('bromley', 'admin');
  expect(names((await t.request('GET', '/api/v1/datasets?spatial=E09000007', { token: stranger })).body)).toEqual(['borough-counts', 'camden-sites']);
});

it('a value that is not a GSS code is a 400 naming spatial', async () => {
  for (const bad of ['Camden', 'E0900000', 'E090000071', 'E09000007 OR 1']) {
    const response = await t.request('GET', `/api/v1/datasets?spatial=${encodeURIComponent(bad)}`);
    expect({ bad, status: response.status, field: response.body.error?.details?.fields?.[0]?.field }).toEqual({ bad, status: 400, field: 'spatial' });
  }
});
