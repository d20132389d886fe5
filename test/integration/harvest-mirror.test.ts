import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runHarvest } from '../../functions/harvest/run-harvest';
import { getHarvestSource } from '../../functions/harvest/sources';
import { ALLOW_HOSTS_ENV } from '../../functions/outbound/allow-list';
import { startTestExchange, type TestExchange } from '../support/test-exchange';
import { type FixtureServer, json, startFixtureServer } from './harvest-fixture-server';

/**
 * Mirror mode end to end: a local CKAN portal lists real London CSVs on a local file server; a
 * mirror-mode source copies them through the upload pipeline (validated, versioned, rows and
 * downloads served by the exchange, the source's link kept). A second run copies nothing (one file
 * answers 304 to its ETag, the other is recognised by its bytes). A file over the source's cap, a
 * redirect to a private address and a file that fails validation are errors of the run, which
 * still completes; the datasets keep their links.
 */
let t: TestExchange;
let portal: FixtureServer;
let files: FixtureServer;
let admin: string;
let sourceId: string;
const base = '/api/v1/organisations/hackney/harvest-sources';
const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/harvest/mirror', name));
const boroughs = fixture('london-borough-profiles_2017_GLA_cp1252.csv');
const sites = fixture('laqn_sites_BayesNewton.csv');
const CAP = 150_000;

const resource = (path: string, format = 'CSV') => ({ id: path, name: path, format, url: `${files.origin}${path}` });
type Package = { id: string; name: string; title: string; license_id: string; resources: Array<ReturnType<typeof resource>> };
let packages: Package[];
const serve = (listed: Package[]) =>
  portal.answers.set('/api/3/action/package_search', json({ success: true, result: { count: listed.length, results: listed } }));

beforeAll(async () => {
  [portal, files] = await Promise.all([startFixtureServer(), startFixtureServer()]);
  process.env[ALLOW_HOSTS_ENV] = [portal.hostPort, files.hostPort].join(',');
  t = await startTestExchange();
  admin = await t.organisationWithToken('hackney', 'admin');

  // With an ETag: a second run's If-None-Match gets 304.
  files.answers.set('/borough-profiles.csv', (_query, request) =>
    request.headers['if-none-match'] === '"bp-2017"'
      ? { status: 304, body: '' }
      : { headers: { 'content-type': 'text/csv', etag: '"bp-2017"' }, body: boroughs },
  );
  // No validators at all: recognised unchanged by its SHA-256.
  files.answers.set('/laqn-sites.csv', { headers: { 'content-type': 'text/csv' }, body: sites });
  files.answers.set('/too-large.csv', { headers: { 'content-type': 'text/csv' }, body: `a,b\n${'1,2\n'.repeat(CAP / 4)}` });
  files.answers.set('/moved.csv', { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/file.csv' }, body: '' });
  files.answers.set('/broken.json', { headers: { 'content-type': 'application/json' }, body: '{"sites": [{"code": "BX1", ' });
  files.answers.set('/about.html', { headers: { 'content-type': 'text/html' }, body: '<p>about</p>' });

  packages = [
    {
      id: 'bp',
      name: 'london-borough-profiles',
      title: 'London borough profiles',
      license_id: 'uk-ogl',
      resources: [resource('/borough-profiles.csv'), resource('/too-large.csv'), resource('/about.html', 'HTML')],
    },
    {
      id: 'aq',
      name: 'laqn-sites',
      title: 'LAQN monitoring sites',
      license_id: 'uk-ogl',
      resources: [resource('/laqn-sites.csv'), resource('/moved.csv'), resource('/broken.json', 'JSON')],
    },
  ];
  serve(packages);
  const created = await t.request('POST', base, {
    token: admin,
    body: { kind: 'ckan', url: `${portal.origin}/`, mode: 'mirror', mirror: { maxFileBytes: CAP } },
  });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ mode: 'mirror', mirror: { maxFileBytes: CAP } });
  sourceId = created.body.id;
});
afterAll(async () => {
  delete process.env[ALLOW_HOSTS_ENV];
  await t.stop();
  await Promise.all([portal.stop(), files.stop()]);
});

const harvested = async (title: string) => {
  const listing = await t.request('GET', '/api/v1/datasets?organisation=hackney&limit=10');
  const name = (listing.body.results as Array<{ name: string; title: string }>).find((d) => d.title === title)!.name;
  return (await t.request('GET', `/api/v1/datasets/${name}`)).body;
};
const mirroredResource = async (datasetName: string, path: string) => {
  const listed = (await t.request('GET', `/api/v1/datasets/${datasetName}/resources`)).body.results as Array<{ mirroredFrom?: { url: string } }>;
  return listed.find((r) => r.mirroredFrom?.url === `${files.origin}${path}`) as Record<string, any> | undefined;
};

let firstRun: Record<string, any>;

it('copies the files through the upload pipeline, and reports what it could not copy without failing the run', async () => {
  const run = await t.request('POST', `${base}/${sourceId}/runs`, { token: admin });
  expect(run.status).toBe(201);
  firstRun = run.body;
  expect(firstRun).toMatchObject({
    status: 'completed',
    created: 2,
    mirror: { copied: 3, unchanged: 0, published: 2, failed: 1, validating: 0, notCopied: 2 },
  });
  const messages = (firstRun.errors as Array<{ identifier?: string; message: string }>).map((e) => `${e.identifier}: ${e.message}`);
  expect(messages).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^bp: .*\/too-large\.csv not mirrored .*larger than the 150000-byte limit/),
      expect.stringMatching(/^aq: .*\/moved\.csv not mirrored .*Refused to fetch http:\/\/169\.254\.169\.254/),
      expect.stringMatching(/^aq: .*\/broken\.json was copied as resource 'source-file-[0-9a-f]{12}' .*version 1, which failed validation/),
    ]),
  );
  expect(messages).toHaveLength(3);
  // Nothing was ever sent to the private address, and the HTML page stayed a link (not fetched).
  expect(files.requests).not.toContain('/about.html');
});

it('serves the copies from the exchange (rows and downloads) with the source link kept on the resource and the dataset', async () => {
  const profiles = await harvested('London borough profiles');
  const copy = await mirroredResource(profiles.name, '/borough-profiles.csv');
  expect(copy).toMatchObject({ state: 'published', currentVersion: 1, rowCount: 38 });
  const full = (await t.request('GET', `/api/v1/datasets/${profiles.name}/resources/${copy!.name}`)).body;
  expect(full).toMatchObject({ latestVersion: 1, mirroredFrom: { url: `${files.origin}/borough-profiles.csv` }, current: { columnCount: 84 } });
  // Only the file that fitted was copied; every link stays on the dataset.
  expect(await mirroredResource(profiles.name, '/too-large.csv')).toBeUndefined();
  expect((profiles.linkedResources as Array<{ url: string }>).map((r) => r.url)).toEqual(
    ['/borough-profiles.csv', '/too-large.csv', '/about.html'].map((p) => `${files.origin}${p}`),
  );

  const rows = await t.request('GET', `/api/v1/datasets/${profiles.name}/resources/${copy!.name}/rows?limit=40`);
  expect(rows.status).toBe(200);
  expect(rows.body.records).toHaveLength(38);
  expect(JSON.stringify(rows.body.records)).toContain('Westminster');

  const original = await fetch(`${t.url}/api/v1/datasets/${profiles.name}/resources/${copy!.name}/download?format=original`);
  expect(original.status).toBe(200);
  expect(Buffer.from(await original.arrayBuffer()).equals(boroughs)).toBe(true);

  const sitesCopy = await mirroredResource((await harvested('LAQN monitoring sites')).name, '/laqn-sites.csv');
  expect(sitesCopy).toMatchObject({ state: 'published', rowCount: 988 });
  const broken = await mirroredResource((await harvested('LAQN monitoring sites')).name, '/broken.json');
  expect(broken).toMatchObject({ state: 'failed', currentVersion: null });
});

it('copies nothing again on a second run when the files have not changed', async () => {
  const before = files.log.length;
  const run = await t.request('POST', `${base}/${sourceId}/runs`, { token: admin });
  expect(run.body).toMatchObject({ status: 'completed', unchanged: 2, mirror: { copied: 0, unchanged: 3, published: 0, failed: 0, notCopied: 2 } });
  const asked = files.log.slice(before);
  // The file with an ETag was asked conditionally and answered 304.
  expect(asked.find((r) => r.path === '/borough-profiles.csv')?.headers['if-none-match']).toBe('"bp-2017"');
  const profiles = await harvested('London borough profiles');
  const copy = await mirroredResource(profiles.name, '/borough-profiles.csv');
  expect((await t.request('GET', `/api/v1/datasets/${profiles.name}/resources/${copy!.name}`)).body).toMatchObject({ latestVersion: 1 });
  const laqn = await harvested('LAQN monitoring sites');
  const sitesCopy = await mirroredResource(laqn.name, '/laqn-sites.csv');
  expect((await t.request('GET', `/api/v1/datasets/${laqn.name}/resources/${sitesCopy!.name}`)).body).toMatchObject({ latestVersion: 1 });
});

it('copies a file again when it changes at the source, as a new version', async () => {
  const fewer = Buffer.from(sites.toString('latin1').split('\n').slice(0, 11).join('\n'), 'latin1');
  files.answers.set('/laqn-sites.csv', { headers: { 'content-type': 'text/csv' }, body: fewer });
  const run = await t.request('POST', `${base}/${sourceId}/runs`, { token: admin });
  expect(run.body).toMatchObject({ status: 'completed', mirror: { copied: 1, unchanged: 2, published: 1 } });
  const copy = await mirroredResource((await harvested('LAQN monitoring sites')).name, '/laqn-sites.csv');
  expect(copy).toMatchObject({ state: 'published', currentVersion: 2, rowCount: 10 });
});

it('keeps a copy whose file the source no longer lists, marked as such (API and dataset page), and unmarks it when the source lists it again', async () => {
  const laqnName = (await harvested('LAQN monitoring sites')).name;
  const url = `${files.origin}/laqn-sites.csv`;
  const before = await mirroredResource(laqnName, '/laqn-sites.csv');
  expect(before).toMatchObject({ state: 'published', currentVersion: 2 });
  expect(before!.mirroredFrom).toEqual({ url });

  serve(packages.map((p) => (p.id === 'aq' ? { ...p, resources: p.resources.filter((r) => r.url !== url) } : p)));
  const dropped = await t.request('POST', `${base}/${sourceId}/runs`, { token: admin });
  expect(dropped.body).toMatchObject({ status: 'completed', updated: 1, mirror: { withdrawn: 1 } });
  const laqn = await harvested('LAQN monitoring sites');
  expect((laqn.linkedResources as Array<{ url: string }>).map((r) => r.url)).not.toContain(url);
  // The copy stays where people found it: same resource, same version, rows still served.
  const kept = await mirroredResource(laqnName, '/laqn-sites.csv');
  expect(kept).toMatchObject({ name: before!.name, state: 'published', currentVersion: 2, mirroredFrom: { url, withdrawnAt: expect.any(String) } });
  expect((await t.request('GET', `/api/v1/datasets/${laqnName}/resources/${before!.name}/rows?limit=1`)).status).toBe(200);
  const resourceId = (await t.request('GET', `/api/v1/datasets/${laqnName}/resources/${before!.name}`)).body.id;
  const ckan = (await t.request('GET', `/api/3/action/resource_show?id=${resourceId}`)).body.result;
  expect(ckan).toMatchObject({ ldx_mirrored_from: url, ldx_withdrawn_at_source: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]{15}$/) });
  const html = await (await fetch(`${t.url}/datasets/${laqnName}`, { headers: { accept: 'text/html' } })).text();
  expect(html).toContain(`Copied from <a href="${url}" rel="nofollow noopener">${url}</a>`);
  expect(html).toMatch(/No longer listed by the source<\/strong> since [^<]*: this copy is kept, but no longer updated\./);
  // Provenance: the record at the source by its identifier, first and last harvested.
  expect(html).toContain('<dt>Record at the source</dt>');
  expect(html).toContain('<dt>First harvested</dt>');
  const profilesHtml = await (
    await fetch(`${t.url}/datasets/${(await harvested('London borough profiles')).name}`, { headers: { accept: 'text/html' } })
  ).text();
  expect(profilesHtml).toContain(`Copied from <a href="${files.origin}/borough-profiles.csv"`);
  expect(profilesHtml).not.toContain('No longer listed by the source');

  // A later run that still does not see it counts nothing new.
  const again = await t.request('POST', `${base}/${sourceId}/runs`, { token: admin });
  expect(again.body).toMatchObject({ status: 'completed', mirror: { withdrawn: 0 } });
  expect((await mirroredResource(laqnName, '/laqn-sites.csv'))!.mirroredFrom.withdrawnAt).toBe(kept!.mirroredFrom.withdrawnAt);

  serve(packages);
  const back = await t.request('POST', `${base}/${sourceId}/runs`, { token: admin });
  expect(back.body).toMatchObject({ status: 'completed', updated: 1, mirror: { withdrawn: 0 } });
  const relisted = await mirroredResource(laqnName, '/laqn-sites.csv');
  expect(relisted!.mirroredFrom).toEqual({ url });
  const ckanAfter = (await t.request('GET', `/api/3/action/resource_show?id=${resourceId}`)).body.result;
  expect(ckanAfter.ldx_mirrored_from).toBe(url);
  expect(ckanAfter).not.toHaveProperty('ldx_withdrawn_at_source');
});

it('leaves the files it has no time for to the next run, as one error (the links stay)', async () => {
  const source = (await getHarvestSource(t.exchange.domain, { kind: 'platform-admin' }, 'hackney', sourceId)).value;
  const before = files.log.length;
  const run = await runHarvest(t.exchange.domain, source, { mirrorBudgetMs: 0 });
  expect(run).toMatchObject({ status: 'completed', mirror: { copied: 0, unchanged: 0, notCopied: 5 } });
  expect(run.errors).toEqual([{ message: expect.stringMatching(/^5 files not copied in this run: .* ran out \(the links stay; the next run copies them\)$/) }]);
  expect(files.log.length).toBe(before);
});

it('refuses mirror settings that exceed the hard maximum', async () => {
  const refused = await t.request('POST', base, {
    token: admin,
    body: { kind: 'ckan', url: `${portal.origin}/`, mode: 'mirror', mirror: { maxFileBytes: 500_000_000 } },
  });
  expect(refused.status).toBe(400);
  expect(refused.body.error.details.fields[0]).toMatchObject({ field: expect.stringContaining('maxFileBytes') });
});
