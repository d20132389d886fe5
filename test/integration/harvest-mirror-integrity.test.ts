import { mirroredResourceName } from '../../functions/harvest/mirror-records';
import { ALLOW_HOSTS_ENV } from '../../functions/outbound/allow-list';
import { download, uploadAndWait } from '../support/publishing';
import { startTestExchange, type TestExchange } from '../support/test-exchange';
import { type FixtureServer, json, startFixtureServer } from './harvest-fixture-server';

/**
 * A mirrored copy says "copied from <source URL>", so only the mirror writes its data: a member's
 * upload into a copy is refused (it would pass for the source's file, and the next run, seeing the
 * source unchanged, would keep it), and a mirrored file never lands in a resource the mirror did
 * not make (a native resource that happens to carry the copy's name keeps its data).
 */
let t: TestExchange;
let portal: FixtureServer;
let files: FixtureServer;
let admin: string;
let editor: string;
let sourceId: string;
const base = '/api/v1/organisations/hackney/harvest-sources';
const SOURCE_CSV = 'site,value\nBX1,1\nBX2,2\n';
const NATIVE_CSV = 'site,value\nNATIVE,9\n';

const file = (path: string) => ({ id: path, name: path, format: 'CSV', url: `${files.origin}${path}` });
const listing = (...paths: string[]) =>
  json({
    success: true,
    result: { count: 1, results: [{ id: 'aq', name: 'aq-sites', title: 'AQ sites', license_id: 'uk-ogl', resources: paths.map(file) }] },
  });

beforeAll(async () => {
  [portal, files] = await Promise.all([startFixtureServer(), startFixtureServer()]);
  process.env[ALLOW_HOSTS_ENV] = [portal.hostPort, files.hostPort].join(',');
  t = await startTestExchange();
  admin = await t.organisationWithToken('hackney', 'admin');
  editor = await t.tokenFor('hackney', 'editor');
  files.answers.set('/first.csv', { headers: { 'content-type': 'text/csv' }, body: SOURCE_CSV });
  files.answers.set('/second.csv', { headers: { 'content-type': 'text/csv' }, body: SOURCE_CSV });
  portal.answers.set('/api/3/action/package_search', listing('/first.csv'));
  const created = await t.request('POST', base, { token: admin, body: { kind: 'ckan', url: `${portal.origin}/`, mode: 'mirror' } });
  expect(created.status).toBe(201);
  sourceId = created.body.id;
});
afterAll(async () => {
  delete process.env[ALLOW_HOSTS_ENV];
  await t.stop();
  await Promise.all([portal.stop(), files.stop()]);
});

let datasetName: string;

it("refuses a member's upload into a mirrored copy, whose data stays the source's", async () => {
  const run = await t.request('POST', `${base}/${sourceId}/runs`, { token: admin });
  expect(run.body).toMatchObject({ status: 'completed', mirror: { copied: 1, published: 1 } });
  const listed = await t.request('GET', '/api/v1/datasets?organisation=hackney&limit=10');
  datasetName = listed.body.results[0].name;
  const copy = mirroredResourceName(`${files.origin}/first.csv`);

  const { upload, resource } = await uploadAndWait(t, editor, datasetName, copy, NATIVE_CSV, 'mine.csv');
  expect(upload.status).toBe(409);
  expect(upload.body.error.message).toMatch(/copy of .*first\.csv/);
  const started = await t.request('POST', `/api/v1/datasets/${datasetName}/resources/${copy}/uploads`, {
    token: editor,
    body: { filename: 'mine.csv', bytes: NATIVE_CSV.length, contentType: 'text/csv' },
  });
  expect(started.status).toBe(409);
  expect(resource.body).toMatchObject({ latestVersion: 1, mirroredFrom: { url: `${files.origin}/first.csv` } });
  const data = await download(t, `/api/v1/datasets/${datasetName}/resources/${copy}/download?format=csv`);
  expect(data.bytes.toString()).toContain('BX1');
});

it('never copies a file into a native resource that carries the name its copy would take', async () => {
  const name = mirroredResourceName(`${files.origin}/second.csv`);
  const made = await t.request('POST', `/api/v1/datasets/${datasetName}/resources`, { token: editor, body: { name, title: 'Our own file' } });
  expect(made.status).toBe(201);
  expect((await uploadAndWait(t, editor, datasetName, name, NATIVE_CSV, 'own.csv')).resource.body.latestVersion).toBe(1);

  portal.answers.set('/api/3/action/package_search', listing('/first.csv', '/second.csv'));
  const run = await t.request('POST', `${base}/${sourceId}/runs`, { token: admin });
  expect(run.body).toMatchObject({ status: 'completed', mirror: { copied: 0, notCopied: 1 } });
  expect(run.body.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/second\.csv not mirrored/) })]);
  await t.exchange.ingestIdle();
  const native = await t.request('GET', `/api/v1/datasets/${datasetName}/resources/${name}`);
  expect(native.body.latestVersion).toBe(1);
  expect(native.body.mirroredFrom).toBeUndefined();
  const data = await download(t, `/api/v1/datasets/${datasetName}/resources/${name}/download?format=csv`);
  expect(data.bytes.toString()).toContain('NATIVE');
});
