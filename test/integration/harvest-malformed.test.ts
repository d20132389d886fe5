import { runHarvest } from '../../functions/harvest/run-harvest';
import type { HarvestSource } from '../../functions/harvest/sources';
import { ALLOW_HOSTS_ENV } from '../../functions/outbound/allow-list';
import { startTestExchange, type TestExchange } from '../support/test-exchange';
import { type FixtureServer, json, startFixtureServer } from './harvest-fixture-server';

/**
 * Malformed sources beyond those of harvest-runs.test.ts: a 10 MB description, a wrong content
 * type, endless paging, a source that never answers, redirects to private addresses. Each is a
 * clear run error (or a record cut to the schema's limits), never a crash or a hang.
 */
let t: TestExchange;
let server: FixtureServer;
let admin: string;
const base = '/api/v1/organisations/bexley/harvest-sources';

const register = async (body: Record<string, unknown>): Promise<HarvestSource> => {
  const created = await t.request('POST', base, { token: admin, body });
  if (created.status !== 201) throw new Error(`${created.status} ${created.text}`);
  return created.body as HarvestSource;
};

beforeAll(async () => {
  server = await startFixtureServer();
  process.env[ALLOW_HOSTS_ENV] = server.hostPort;
  t = await startTestExchange();
  admin = await t.organisationWithToken('bexley', 'admin');
});
afterAll(async () => {
  delete process.env[ALLOW_HOSTS_ENV];
  await t.stop();
  await server.stop();
});

it('takes a record with a 10 MB description, cut to the schema limit', async () => {
  const huge = `<p>${'Lorem ipsum dolor sit amet. '.repeat(375_000)}</p>`;
  expect(huge.length).toBeGreaterThan(10_000_000);
  server.answers.set(
    '/big/api/3/action/package_search',
    json({ success: true, result: { count: 1, results: [{ id: 'big', name: 'big', title: 'Big', license_id: 'uk-ogl', notes: huge }] } }),
  );
  const source = await register({ kind: 'ckan', url: `${server.origin}/big/api/3/action/package_search` });
  const report = await runHarvest(t.exchange.domain, source);
  expect(report).toMatchObject({ status: 'completed', created: 1, errors: [] });
  const listing = await t.request('GET', '/api/v1/datasets?organisation=bexley&limit=10');
  const name = listing.body.results.find((d: { title: string }) => d.title === 'Big').name;
  const description = (await t.request('GET', `/api/v1/datasets/${name}`)).body.description as string;
  expect(description.length).toBeLessThanOrEqual(20_000);
  expect(description.startsWith('Lorem ipsum')).toBe(true);
});

it('refuses a DCAT-AP page that is not RDF (a CSV) with a run error', async () => {
  server.answers.set('/csv/catalog.ttl', { headers: { 'content-type': 'text/csv' }, body: 'a,b\n1,2\n' });
  const report = await runHarvest(t.exchange.domain, await register({ kind: 'dcat-ap', url: `${server.origin}/csv/catalog.ttl` }));
  expect(report).toMatchObject({ status: 'incomplete', created: 0 });
  expect(report.errors[0].message).toMatch(/not RDF \(Content-Type: text\/csv\)/);
});

it('stops endless paging at the page cap, withdrawing nothing', async () => {
  server.answers.set('/endless/api/3/action/package_search', (query) => {
    const start = Number(query.get('start') ?? 0);
    const results = [0, 1].map((i) => ({ id: `e-${start + i}`, name: `e-${start + i}`, title: `Endless ${start + i}`, license_id: 'uk-ogl' }));
    return json({ success: true, result: { count: 1_000_000_000, results } });
  });
  const report = await runHarvest(t.exchange.domain, await register({ kind: 'ckan', url: `${server.origin}/endless/api/3/action/package_search` }), {
    maxPages: 4,
  });
  expect(report).toMatchObject({ status: 'incomplete', pages: 4, withdrawn: 0 });
  expect(report.errors.map((e) => e.message)).toEqual(['stopped after 4 pages (the page cap)']);
});

it('ends a page that never comes at its timeout with a run error', async () => {
  server.answers.set('/slow/data.json', { headers: { 'content-type': 'application/json' }, body: '{"dataset":[]}', delayMs: 10_000 });
  const started = Date.now();
  const report = await runHarvest(t.exchange.domain, await register({ kind: 'dcat-us', url: `${server.origin}/slow/data.json` }), { pageTimeoutMs: 500 });
  expect(Date.now() - started).toBeLessThan(9_000);
  expect(report).toMatchObject({ status: 'incomplete', pages: 0 });
  expect(report.errors[0].message).toMatch(/page 1 could not be read: .*(timed out|timeout)/i);
});

it.each([
  ['a private network address', 'http://10.0.0.1/data.json'],
  ['loopback on a port not allowed', 'http://127.0.0.1:1/data.json'],
  ['an IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]/data.json'],
])('refuses a redirect to %s with a run error', async (_label, location) => {
  const path = `/redirect-${Buffer.from(location).toString('hex').slice(0, 16)}`;
  server.answers.set(path, { status: 302, headers: { location }, body: '' });
  const report = await runHarvest(t.exchange.domain, await register({ kind: 'dcat-us', url: `${server.origin}${path}` }));
  expect(report).toMatchObject({ status: 'incomplete', pages: 0 });
  expect(report.errors[0].message).toMatch(/page 1 could not be read/);
});
