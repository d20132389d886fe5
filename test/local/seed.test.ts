import { realDatasets } from '../../functions/local/seed/real-datasets';
import { startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * A fresh local exchange publishes real London open data through the real upload path: every
 * file validates and publishes, search finds it, and the maps are drawn from it.
 */
let t: TestExchange;
beforeAll(async () => {
  t = await startTestExchange({ seed: true });
  await t.exchange.indexIdle();
}, 300_000);
afterAll(() => t?.stop());

const resourcesOf = async (dataset: string) => (await t.request('GET', `/api/v1/datasets/${dataset}/resources`)).body.results as Array<{ name: string }>;

it('publishes at least eight real datasets, every file of them valid and published, with honest metadata', async () => {
  expect(realDatasets.length).toBeGreaterThanOrEqual(8);
  for (const { metadata, organisation, resources } of realDatasets) {
    const dataset = await t.request('GET', `/api/v1/datasets/${metadata.name}`);
    expect(dataset.status).toBe(200);
    expect(dataset.body).toMatchObject({ organisation, tier: 'open', licence: expect.stringMatching(/^(OGL|CC-BY)/), updateFrequency: expect.any(String) });
    expect(dataset.body.title).not.toMatch(/fictional|demo/i);
    for (const { name } of resources) {
      const resource = await t.request('GET', `/api/v1/datasets/${metadata.name}/resources/${name}`);
      expect({ dataset: metadata.name, resource: name, status: resource.body.status }).toEqual({ dataset: metadata.name, resource: name, status: 'published' });
      expect(resource.body.current.rowCount).toBeGreaterThan(20);
    }
  }
}, 60_000);

it('labels the fictional partner data as fictional, and gives it data too', async () => {
  const partner = await t.request('GET', '/api/v1/datasets/demo-ev-charger-utilisation');
  expect(partner.body.title).toMatch(/fictional/);
  expect(partner.body.description).toMatch(/FICTIONAL/);
  const [resource] = await resourcesOf('demo-ev-charger-utilisation');
  const admin = await t.tokenFor('demo-mobility', 'viewer');
  expect((await t.request('GET', `/api/v1/datasets/demo-ev-charger-utilisation/resources/${resource.name}`, { token: admin })).body.status).toBe('published');
});

it.each([
  ['air', 'laqn-monitoring-sites'],
  ['camden', 'london-borough-profiles'],
  ['bike', 'tfl-cycle-hire-docking-stations'],
])('a search for "%s" finds %s', async (q, expected) => {
  const found = await t.request('GET', `/api/v1/datasets?q=${q}`);
  expect(found.body.results.map((d: { name: string }) => d.name)).toContain(expected);
});

it('draws a borough choropleth and point maps from the seeded data', async () => {
  const choropleth = await t.request('GET', '/api/v1/datasets/london-borough-profiles/resources/profiles/map.svg');
  expect(choropleth.status).toBe(200);
  expect(choropleth.text).toContain('aria-label="Camden: 242,500"');
  const docks = await t.request('GET', '/api/v1/datasets/tfl-cycle-hire-docking-stations/resources/stations/map.svg');
  expect(docks.status).toBe(200);
  expect(docks.text).toContain('Points in each 1 km square');
  const air = await t.request('GET', '/api/v1/datasets/laqn-hourly-air-quality-index/resources/index-by-site/map.svg?kind=points');
  expect(air.status).toBe(200);
  expect(air.text).toMatch(/aria-label="Westminster: \d+ points?"/);
});
