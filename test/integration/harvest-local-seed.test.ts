import { LOCAL_SOURCES, startLocalHarvesting } from '../../functions/local/seed/harvest-sources';
import { ALLOW_HOSTS_ENV } from '../../functions/outbound/allow-list';
import { startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * Local mode's federation (what `npm start` runs): the recorded catalogues are served on loopback,
 * one source per kind is registered for the GLA, and the first dispatch harvests them, so harvested
 * datasets of every kind appear in the listing beside native ones, with provenance. Starting again
 * registers nothing twice.
 */
let t: TestExchange;
let admin: string;
const savedAllow = process.env[ALLOW_HOSTS_ENV];

beforeAll(async () => {
  delete process.env[ALLOW_HOSTS_ENV];
  t = await startTestExchange();
  admin = await t.organisationWithToken('gla', 'admin');
  const native = await t.request('POST', '/api/v1/datasets', {
    token: admin,
    body: { name: 'gla-native', title: 'A native dataset', licence: 'OGL-UK-3.0', tier: 'open' },
  });
  expect(native.status).toBe(201);
});
afterAll(async () => {
  if (savedAllow === undefined) delete process.env[ALLOW_HOSTS_ENV];
  else process.env[ALLOW_HOSTS_ENV] = savedAllow;
  await t.stop();
});

it('registers a source of each kind over the recordings and harvests them beside the native datasets', async () => {
  const harvesting = await startLocalHarvesting(t.exchange.domain, { port: 0 });
  try {
    await harvesting.scheduler.idle();
    expect(process.env[ALLOW_HOSTS_ENV]).toContain(new URL(harvesting.fixturesOrigin).host);
    const sources = (await t.request('GET', '/api/v1/organisations/gla/harvest-sources', { token: admin })).body.results as Array<{ id: string; kind: string }>;
    expect(sources.map((s) => s.kind).sort()).toEqual(LOCAL_SOURCES.map((s) => s.kind).sort());
    for (const source of sources) {
      const runs = (await t.request('GET', `/api/v1/organisations/gla/harvest-sources/${source.id}/runs`, { token: admin })).body.results;
      expect({ kind: source.kind, runs: runs.length, status: runs[0]?.status }).toEqual({ kind: source.kind, runs: 1, status: 'completed' });
      expect({ kind: source.kind, created: runs[0].created > 0 }).toEqual({ kind: source.kind, created: true });
    }
    await t.exchange.indexIdle();
    const listing = await t.request('GET', '/api/v1/datasets?limit=100');
    const kinds = new Set((listing.body.results as Array<{ provenance?: { sourceKind: string } }>).map((d) => d.provenance?.sourceKind ?? 'native'));
    expect([...kinds].sort()).toEqual(['ckan', 'dcat-ap', 'dcat-us', 'native', 'opendatasoft', 'socrata']);
  } finally {
    await harvesting.stop();
  }

  // A restart (another port) points the same sources at the new address.
  const again = await startLocalHarvesting(t.exchange.domain, { port: 0 });
  try {
    await again.scheduler.idle();
    const sources = (await t.request('GET', '/api/v1/organisations/gla/harvest-sources', { token: admin })).body.results as Array<{ url: string }>;
    expect(sources).toHaveLength(LOCAL_SOURCES.length);
    for (const source of sources) expect(source.url.startsWith(again.fixturesOrigin)).toBe(true);
  } finally {
    await again.stop();
  }
});
