import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLdxClient, type LdxClient } from '../../cli/src/client';
import { startTestExchange, type TestExchange } from '../support/test-exchange';
import { freshConfigDir, ldxEnv, runLdx } from './ldx-process';

/**
 * ldx publish → validate → status → pull against a local exchange, with the real GLA borough
 * profiles file (Windows-1252, CRLF): the pulled file is byte for byte the published one, and
 * publishing again, the same package or the pulled one, makes no new version.
 */
// Each command is a new process (tsx, then the exchange's answers): slow on a busy machine.
jest.setTimeout(120_000);

let t: TestExchange;
let client: LdxClient;
let env: NodeJS.ProcessEnv;
let workDir: string;
const DATASET = 'london-borough-profiles-2017';
const FIXTURE = join(__dirname, 'fixtures', 'borough-profiles');

beforeAll(async () => {
  t = await startTestExchange();
  const token = await t.organisationWithToken('ldx-borough', 'editor');
  client = createLdxClient({ baseUrl: t.url, token });
  env = ldxEnv(t.url, token, freshConfigDir());
  workDir = mkdtempSync(join(tmpdir(), 'ldx-publish-'));
  copyFileSync(join(FIXTURE, 'datapackage.json'), join(workDir, 'datapackage.json'));
  copyFileSync(join(FIXTURE, 'london-borough-profiles.csv'), join(workDir, 'london-borough-profiles.csv'));
});
afterAll(() => t.stop());

const versionsOfProfiles = async () => {
  const { data } = await client.GET('/api/v1/datasets/{dataset}/resources/{resource}/versions', {
    params: { path: { dataset: DATASET, resource: 'profiles' } },
  });
  return data!.results.map((v) => [v.version, v.state]);
};

it('publishes the package, validates offline alike, reports status and pulls the file back byte for byte', async () => {
  const published = await runLdx(['publish', join(workDir, 'datapackage.json'), '--json', '--interval', '0.2'], env);
  expect(published.stderr).not.toMatch(/ldx:/);
  expect(published.code).toBe(0);
  const result = JSON.parse(published.stdout);
  expect(result.dataset).toEqual({ name: DATASET, action: 'created', changed: [] });
  expect(result.resources).toEqual([
    expect.objectContaining({ name: 'profiles', created: true, upload: 'sent', version: 1, state: 'published', bytes: 20255 }),
  ]);

  // The offline check runs the exchange's own ingest core: it finds what the exchange found.
  const validated = await runLdx(['validate', join(workDir, 'london-borough-profiles.csv'), '--json'], env);
  expect(validated.code).toBe(0);
  const report = JSON.parse(validated.stdout);
  const { data: version } = await client.GET('/api/v1/datasets/{dataset}/resources/{resource}/versions', {
    params: { path: { dataset: DATASET, resource: 'profiles' } },
  });
  expect(report).toMatchObject({
    valid: true,
    detected: { format: 'csv', encoding: 'windows-1252' },
    original: { sha256: version!.results[0].sha256, bytes: 20255 },
    report: { rowCount: version!.results[0].rowCount, columnCount: 84, errorCount: 0 },
  });

  const status = await runLdx(['status', DATASET, '--watch', '--interval', '0.2'], env);
  expect(status.code).toBe(0);
  expect(status.stdout).toMatch(/^london-borough-profiles-2017 \(open\): London borough profiles 2017$/m);
  expect(status.stdout).toMatch(/^profiles\s+published\s+1\s+38\s+19\.8 KiB\s+1\s+published\s+0$/m);

  const pullDir = join(workDir, 'pulled');
  const pulled = await runLdx(['pull', DATASET, '--dir', pullDir, '--json'], env);
  expect(pulled.code).toBe(0);
  const original = readFileSync(join(workDir, 'london-borough-profiles.csv'));
  expect(readFileSync(join(pullDir, 'london-borough-profiles.csv')).equals(original)).toBe(true);
  const pkg = JSON.parse(readFileSync(join(pullDir, 'datapackage.json'), 'utf8'));
  expect(pkg).toMatchObject({
    name: DATASET,
    licenses: [expect.objectContaining({ name: 'OGL-UK-3.0' })],
    tier: 'open',
    themes: ['demographics'],
    resources: [
      { name: 'profiles', path: 'london-borough-profiles.csv', bytes: 20255, hash: `sha256:${version!.results[0].sha256}`, encoding: 'windows-1252' },
    ],
  });
});

it('makes no new version when the same package is published again, or the pulled one', async () => {
  const before = await versionsOfProfiles();
  const { data: datasetBefore } = await client.GET('/api/v1/datasets/{dataset}', { params: { path: { dataset: DATASET } } });

  const again = await runLdx(['publish', join(workDir, 'datapackage.json'), '--json'], env);
  expect(again.code).toBe(0);
  expect(JSON.parse(again.stdout)).toMatchObject({
    dataset: { action: 'unchanged' },
    resources: [{ name: 'profiles', created: false, upload: 'unchanged', version: 1, state: 'published' }],
  });
  const fromPull = await runLdx(['publish', join(workDir, 'pulled', 'datapackage.json')], env);
  expect(fromPull.stderr).toBe('');
  expect(fromPull.code).toBe(0);
  expect(fromPull.stdout).toBe(`dataset ${DATASET}: unchanged\n  profiles: unchanged, version 1 published\n`);

  expect(await versionsOfProfiles()).toEqual(before);
  const { data: datasetAfter } = await client.GET('/api/v1/datasets/{dataset}', { params: { path: { dataset: DATASET } } });
  expect(datasetAfter!.version).toBe(datasetBefore!.version);
});

it('patches only what changed, and sends only the file that changed', async () => {
  const pkg = JSON.parse(readFileSync(join(workDir, 'datapackage.json'), 'utf8'));
  writeFileSync(join(workDir, 'datapackage.json'), JSON.stringify({ ...pkg, title: 'London borough profiles (2017 edition)' }));
  const changedFile = Buffer.concat([readFileSync(join(workDir, 'london-borough-profiles.csv')), Buffer.from('\r\n')]);
  writeFileSync(join(workDir, 'london-borough-profiles.csv'), changedFile);
  const changed = await runLdx(['publish', join(workDir, 'datapackage.json'), '--json', '--interval', '0.2'], env);
  expect(changed.code).toBe(0);
  expect(JSON.parse(changed.stdout)).toMatchObject({
    dataset: { action: 'updated', changed: ['title'] },
    resources: [{ upload: 'sent', version: 2, state: 'published', bytes: changedFile.byteLength }],
  });
  expect(await versionsOfProfiles()).toEqual([
    [1, 'published'],
    [2, 'published'],
  ]);
});
