import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runHarvest } from '../../functions/harvest/run-harvest';
import type { HarvestSource } from '../../functions/harvest/sources';
import { ALLOW_HOSTS_ENV } from '../../functions/outbound/allow-list';
import { startTestExchange, type TestExchange } from '../support/test-exchange';
import { type FixtureServer, json, startFixtureServer } from './harvest-fixture-server';

/**
 * Harvest runs against a real local HTTP server serving the recorded fixtures of
 * test/fixtures/harvest: datasets appear with provenance, a second run writes nothing, a changed
 * record updates, a record gone is withdrawn (and leaves search), and a broken source is a run
 * error, never a crash.
 */
let t: TestExchange;
let server: FixtureServer;
let admin: string;
let editor: string;
const fixture = (path: string): string => readFileSync(join(__dirname, '../fixtures/harvest', path), 'utf8');
const base = '/api/v1/organisations/westminster/harvest-sources';

/** The recorded CKAN page, its licences given as data.gov.uk's `uk-ogl` (the recorded ones are Brazilian terms no exchange licence matches). */
const ckanPackages = (): Array<Record<string, unknown>> =>
  (JSON.parse(fixture('ckan/dados-gov-br-2023_package_search_rows10.json')).result.results as Array<Record<string, unknown>>).map((pkg) => ({
    ...pkg,
    license_id: 'uk-ogl',
  }));
let packages: Array<Record<string, unknown>>;
/** package_search, paged by start/rows over `packages`. */
const packageSearch = (query: URLSearchParams) => {
  const start = Number(query.get('start') ?? 0);
  const rows = Math.min(Number(query.get('rows') ?? 10), 4);
  return json({ success: true, result: { count: packages.length, results: packages.slice(start, start + rows) } });
};

const register = async (body: Record<string, unknown>): Promise<string> => {
  const created = await t.request('POST', base, { token: admin, body });
  if (created.status !== 201) throw new Error(`could not register: ${created.status} ${created.text}`);
  return created.body.id as string;
};
const run = async (id: string) => {
  const response = await t.request('POST', `${base}/${id}/runs`, { token: admin });
  expect(response.status).toBe(201);
  return response.body;
};
const harvestedNames = async (): Promise<Map<string, string>> => {
  const listing = await t.request('GET', '/api/v1/datasets?organisation=westminster&limit=100');
  return new Map(
    (listing.body.results as Array<{ name: string; provenance?: { identifier: string } }>)
      .filter((d) => d.provenance)
      .map((d) => [d.provenance!.identifier, d.name]),
  );
};

beforeAll(async () => {
  server = await startFixtureServer();
  process.env[ALLOW_HOSTS_ENV] = server.hostPort;
  t = await startTestExchange();
  admin = await t.organisationWithToken('westminster', 'admin');
  editor = await t.tokenFor('westminster', 'editor');
  server.answers.set('/api/3/action/package_search', packageSearch);
});
afterAll(async () => {
  delete process.env[ALLOW_HOSTS_ENV];
  await t.stop();
  await server.stop();
});

describe('a CKAN source', () => {
  let source: string;
  beforeAll(async () => {
    packages = ckanPackages();
    source = await register({ kind: 'ckan', url: `${server.origin}/` });
  });

  it('creates every record, over pages, with provenance, as open datasets of the organisation', async () => {
    const report = await run(source);
    expect(report).toMatchObject({ status: 'completed', pages: 3, seen: 10, created: 10, updated: 0, unchanged: 0, withdrawn: 0, errors: [] });
    expect(server.requests.some((r) => r.includes('start=4') && r.includes('rows=1000'))).toBe(true);
    const names = await harvestedNames();
    expect(names.size).toBe(10);
    const name = names.get(packages[1].id as string)!;
    expect(name.startsWith('h--')).toBe(true);
    const read = await t.request('GET', `/api/v1/datasets/${name}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ organisation: 'westminster', tier: 'open', licence: 'OGL-UK-3.0', title: packages[1].title });
    expect(read.body.provenance).toMatchObject({ sourceId: source, sourceKind: 'ckan', identifier: packages[1].id });
    expect(read.body.linkedResources.length).toBeGreaterThan(0);
    const runs = await t.request('GET', `${base}/${source}/runs`, { token: admin });
    expect(runs.body.results.map((r: { id: string }) => r.id)).toEqual([report.id]);
    expect((await t.request('GET', `${base}/${source}/runs/${report.id}`, { token: admin })).body).toEqual(report);
  });

  it('finds harvested datasets by search', async () => {
    const title = String(packages[2].title);
    const names = await harvestedNames();
    const found = await t.request('GET', `/api/v1/datasets?q=${encodeURIComponent(title)}`);
    expect(found.body.results.map((d: { name: string }) => d.name)).toContain(names.get(packages[2].id as string));
  });

  it('a second run with nothing changed reports all unchanged and writes no dataset', async () => {
    const catalogue = t.exchange.domain.catalogue;
    const creates = jest.spyOn(catalogue, 'create');
    const replaces = jest.spyOn(catalogue, 'replace');
    try {
      const report = await run(source);
      expect(report).toMatchObject({ status: 'completed', seen: 10, created: 0, updated: 0, unchanged: 10, withdrawn: 0 });
      // The only writes are the run's own bookkeeping: its record (at start and end) and the source's schedule.
      expect(creates.mock.calls.map(([key]) => key.pk.split('#')[0])).toEqual(['HARVEST-RUN']);
      expect(new Set(replaces.mock.calls.map(([key]) => key.pk.split('#')[0]))).toEqual(new Set(['HARVEST-RUN', 'HARVEST-SCHEDULE']));
    } finally {
      creates.mockRestore();
      replaces.mockRestore();
    }
  });

  it('updates a changed record, withdraws a record gone (out of search), and refuses API edits with 409 naming the source', async () => {
    const names = await harvestedNames();
    const gone = packages[0];
    packages = packages.slice(1).map((pkg, i) => (i === 0 ? { ...pkg, title: 'Contratos renamed at the source' } : pkg));
    const report = await run(source);
    expect(report).toMatchObject({ status: 'completed', seen: 9, created: 0, updated: 1, unchanged: 8, withdrawn: 1, errors: [] });

    const changed = await t.request('GET', `/api/v1/datasets/${names.get(packages[0].id as string)}`);
    expect(changed.body.title).toBe('Contratos renamed at the source');
    const withdrawn = await t.request('GET', `/api/v1/datasets/${names.get(gone.id as string)}`);
    expect(withdrawn.body.provenance.withdrawnAt).toEqual(expect.any(String));
    const search = await t.request('GET', `/api/v1/datasets?q=${encodeURIComponent(String(gone.title))}`);
    expect(search.body.results.map((d: { name: string }) => d.name)).not.toContain(names.get(gone.id as string));
    // Listings and the feeds built on them (DCAT, CKAN) come from the same index.
    expect((await harvestedNames()).has(gone.id as string)).toBe(false);

    const edit = await t.request('PATCH', `/api/v1/datasets/${names.get(packages[0].id as string)}`, {
      token: editor,
      body: { title: 'Edited here' },
      headers: { 'if-match': changed.headers.get('etag')! },
    });
    expect(edit.status).toBe(409);
    expect(edit.body.error.message).toContain(source);
  });
});

it('stops at the page cap with a run error, withdrawing nothing', async () => {
  packages = ckanPackages();
  const id = await register({ kind: 'ckan', url: `${server.origin}/` });
  const source = (await t.request('GET', `${base}/${id}`, { token: admin })).body as HarvestSource;
  const report = await runHarvest(t.exchange.domain, source, { maxPages: 2 });
  expect(report).toMatchObject({ status: 'incomplete', pages: 2, seen: 8, created: 8, withdrawn: 0 });
  expect(report.errors).toEqual([{ message: 'stopped after 2 pages (the page cap)' }]);
});

it('takes a DCAT-US data.json: records whose licence the exchange does not recognise are shown as licence "other", the source\'s words kept', async () => {
  server.answers.set('/usda/data.json', { headers: { 'content-type': 'application/json' }, body: fixture('dcat-us/usda_data.json') });
  const source = await register({ kind: 'dcat-us', url: `${server.origin}/usda/data.json` });
  const report = await run(source);
  expect(report).toMatchObject({ status: 'completed', pages: 1, seen: 3, created: 3, errors: [] });
  expect((await harvestedNames()).has('USDA-DM-002')).toBe(true);
  const listing = await t.request('GET', '/api/v1/datasets?organisation=westminster&limit=100');
  const licences = (listing.body.results as Array<{ licence: string; provenance?: { sourceId: string; identifier: string; licenceAtSource?: string } }>).filter(
    (d) => d.provenance?.sourceId === source,
  );
  const other = licences.filter((d) => d.licence === 'other');
  expect(other).toHaveLength(2);
  for (const dataset of other) expect(dataset.provenance?.licenceAtSource).toEqual(expect.any(String));
  expect(licences.filter((d) => d.licence !== 'other').map((d) => d.provenance?.identifier)).toEqual(['USDA-DM-002']);
});

it('refuses the licence "other" on a native dataset', async () => {
  const created = await t.request('POST', '/api/v1/datasets', {
    token: editor,
    body: { name: 'native-other', title: 'Native', licence: 'other', tier: 'private' },
  });
  expect(created.status).toBe(400);
  expect(created.body.error.details.fields).toEqual([expect.objectContaining({ field: 'licence' })]);
});

it('takes a DCAT-AP Turtle catalogue: records it cannot take and a next page that fails are run errors', async () => {
  // The written catalogue's next page is on another host; here it points at a page this server does not have (404).
  const catalogue = fixture('dcat-ap/written_catalog_two-datasets.ttl').replaceAll(
    'https://catalogue.example.org/catalog.ttl?page=2',
    `${server.origin}/dcat/missing-page`,
  );
  server.answers.set('/dcat/catalog.ttl', { headers: { 'content-type': 'text/turtle' }, body: catalogue });
  const source = await register({ kind: 'dcat-ap', url: `${server.origin}/dcat/catalog.ttl` });
  const report = await run(source);
  expect(report).toMatchObject({ status: 'incomplete', pages: 1, withdrawn: 0 });
  expect(report.created).toBeGreaterThan(0);
  const messages = report.errors.map((e: { message: string }) => e.message);
  expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/page 2 could not be read.*404/), 'the record has no identifier']));
  const names = await harvestedNames();
  expect(names.has('cycle-counts')).toBe(true);
});

it('follows Hydra paging of a DCAT-AP JSON-LD catalogue to its last page', async () => {
  const page = (n: number) =>
    fixture(`dcat-ap/synthetic_partial-collection-${n}.jsonld`).replaceAll('http://data.test.org/catalog.jsonld', `${server.origin}/hydra/catalog.jsonld`);
  server.answers.set('/hydra/catalog.jsonld', (query) => ({
    headers: { 'content-type': 'application/ld+json' },
    body: page(query.get('page') === '2' ? 2 : 1),
  }));
  const source = await register({ kind: 'dcat-ap', url: `${server.origin}/hydra/catalog.jsonld` });
  const report = await run(source);
  expect(report).toMatchObject({ status: 'completed', pages: 2, seen: 4 });
  expect(server.requests).toContain('/hydra/catalog.jsonld?page=2');
  // The synthetic records carry no licence: they are shown with licence 'other' ('none given').
  expect(report).toMatchObject({ created: 4, errors: [] });
});

it('takes a Socrata catalogue, paged by offset', async () => {
  const recorded = JSON.parse(fixture('socrata/discovery-catalog-v1_2018.json'));
  // The recorded licences are ones the exchange does not recognise; the first two are given OGL.
  const results = recorded.results.map((r: { metadata: Record<string, unknown> }, i: number) =>
    i < 2 ? { ...r, metadata: { ...r.metadata, license: 'Open Government Licence v3.0' } } : r,
  );
  server.answers.set('/socrata/api/catalog/v1', (query) =>
    json({ ...recorded, resultSetSize: results.length, results: Number(query.get('offset') ?? 0) === 0 ? results : [] }),
  );
  const source = await register({ kind: 'socrata', url: `${server.origin}/socrata/api/catalog/v1` });
  const report = await run(source);
  expect(report).toMatchObject({ status: 'completed', seen: 7, created: 7, errors: [] });
  const socrata = await t.request('GET', `/api/v1/datasets?organisation=westminster&limit=100`);
  const licences = (socrata.body.results as Array<{ licence: string; provenance?: { sourceId: string } }>)
    .filter((d) => d.provenance?.sourceId === source)
    .map((d) => d.licence);
  expect(licences.filter((l) => l === 'OGL-UK-3.0')).toHaveLength(2);
  expect(licences.filter((l) => l === 'other')).toHaveLength(5);
});

it('stops at an OpenDataSoft page that repeats the previous one, with a run error and no withdrawal', async () => {
  server.answers.set('/ods/api/explore/v2.1/catalog/datasets', {
    headers: { 'content-type': 'application/json' },
    body: fixture('opendatasoft/explore-v2.1_catalog_datasets_written.json'),
  });
  const source = await register({ kind: 'opendatasoft', url: `${server.origin}/ods/api/explore/v2.1/catalog/datasets` });
  const report = await run(source);
  expect(report).toMatchObject({ status: 'incomplete', pages: 2, created: 2, withdrawn: 0 });
  expect(report.errors.map((e: { message: string }) => e.message)).toEqual(expect.arrayContaining([expect.stringMatching(/repeats the previous page/)]));
});

it.each([
  ['invalid JSON', { headers: { 'content-type': 'application/json' }, body: '{"success": true, "result": ' }, /not JSON/],
  ['HTML with 200', { headers: { 'content-type': 'text/html' }, body: '<!doctype html><title>Portal</title><p>Welcome</p>' }, /not JSON.*text\/html/],
  ['a 500', { status: 500, body: 'down' }, /500/],
  [
    'a redirect to an address that is not allowed',
    { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' }, body: '' },
    /could not be read/,
  ],
])('a source answering %s gives a run error, not a crash', async (label, answer, message) => {
  const path = `/broken/${label.replace(/\W+/g, '-')}`;
  server.answers.set(path, answer);
  const source = await register({ kind: 'dcat-us', url: `${server.origin}${path}` });
  const report = await run(source);
  expect(report).toMatchObject({ status: 'incomplete', pages: 0, seen: 0, created: 0 });
  expect(report.errors).toHaveLength(1);
  expect(report.errors[0].message).toMatch(message);
  expect(server.requests.some((r) => r.includes('169.254'))).toBe(false);
});

it('only the organisation admins may run a source or read its runs', async () => {
  const source = await register({ kind: 'dcat-us', url: `${server.origin}/usda/data.json` });
  const other = await t.organisationWithToken('ealing', 'admin');
  expect((await t.request('POST', `${base}/${source}/runs`, { token: editor })).status).toBe(403);
  expect((await t.request('POST', `${base}/${source}/runs`, { token: other })).status).toBe(404);
  expect((await t.request('GET', `${base}/${source}/runs`, { token: other })).status).toBe(404);
  expect((await t.request('POST', `${base}/${source}/runs`)).status).toBe(401);
});

it('passes the filter query and the publisher filter to CKAN as fq', async () => {
  const filtered = await register({ kind: 'ckan', url: `${server.origin}/`, filters: { fq: 'res_format:CSV', organisation: 'camara' } });
  await run(filtered);
  const asked = server.requests.filter((r) => r.startsWith('/api/3/action/package_search')).map((r) => new URL(r, server.origin).searchParams.get('fq'));
  expect(asked).toContain('res_format:CSV AND organization:"camara"');
});
