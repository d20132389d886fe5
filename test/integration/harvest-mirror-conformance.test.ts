import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Caller } from '../../functions/domain/caller';
import { createHarvestedDataset, type Dataset } from '../../functions/domain/datasets';
import { type MirrorReport, mirrorPageFiles } from '../../functions/harvest/mirror-files';
import { getHarvestSource } from '../../functions/harvest/sources';
import { ALLOW_HOSTS_ENV } from '../../functions/outbound/allow-list';
import { startTestExchange, type TestExchange } from '../support/test-exchange';
import { type FixtureServer, startFixtureServer } from './harvest-fixture-server';

/**
 * A standard's conformance view: a harvested dataset declaring the standard is `unverified` while
 * its files are only links, and `conforms` once a mirror-mode source has copied a file in and it
 * passed the standard's checks (the copy is validated against the dataset's standard like an upload).
 */
const SPEND = 'transparency-spend-over-500';
const spendCsv = readFileSync(join(__dirname, '../fixtures/standards/transparency-spend-over-500.csv'));
const admin: Caller = { kind: 'platform-admin' };

let t: TestExchange;
let files: FixtureServer;

beforeAll(async () => {
  files = await startFixtureServer();
  process.env[ALLOW_HOSTS_ENV] = files.hostPort;
  files.answers.set('/spend.csv', { headers: { 'content-type': 'text/csv' }, body: spendCsv });
  t = await startTestExchange();
  await t.organisationWithToken('lambeth', 'admin');
});
afterAll(async () => {
  delete process.env[ALLOW_HOSTS_ENV];
  await t.stop();
  await files.stop();
});

const standing = async (name: string) => {
  await t.exchange.indexIdle();
  const view = await t.request('GET', `/api/v1/schemas/${SPEND}/conformance`);
  const lambeth = (view.body.organisations as Array<{ organisation: string; datasets: Array<{ name: string; status: string }> }>).find(
    (o) => o.organisation === 'lambeth',
  );
  return lambeth?.datasets.find((d) => d.name === name)?.status;
};

it('counts a harvested dataset as conforming only once a mirrored copy of its file passed the standard', async () => {
  const ctx = t.exchange.domain;
  const created = await t.request('POST', '/api/v1/organisations/lambeth/harvest-sources', {
    token: t.adminToken,
    body: { kind: 'dcat-us', url: `${files.origin}/data.json`, mode: 'mirror' },
  });
  const source = (await getHarvestSource(ctx, admin, 'lambeth', created.body.id)).value;
  const now = ctx.now().toISOString();
  const dataset: Dataset = {
    id: '5b0c9a3e-1f2d-4c5b-8a7e-0d1c2b3a4f5e',
    name: 'harvested-lambeth-spend',
    title: 'Lambeth spend over £500 (harvested)',
    organisation: 'lambeth',
    tier: 'open',
    licence: 'OGL-UK-3.0',
    dataSchema: SPEND,
    created: now,
    modified: now,
    provenance: { sourceId: source.id, sourceKind: 'dcat-us', identifier: 'spend', firstHarvested: now, lastHarvested: now, contentHash: 'x' },
    linkedResources: [{ title: 'Payments', url: `${files.origin}/spend.csv`, format: 'CSV' }],
  };
  await createHarvestedDataset(ctx, dataset);
  expect(await standing(dataset.name)).toBe('unverified');

  const report: MirrorReport = { errors: [] };
  await mirrorPageFiles(ctx, source, report, [dataset.name]);
  expect(report).toMatchObject({ errors: [], mirror: { copied: 1, published: 1 } });
  const resources = (await t.request('GET', `/api/v1/datasets/${dataset.name}/resources`)).body.results;
  expect(resources).toEqual([expect.objectContaining({ state: 'published', dataSchema: SPEND, mirroredFrom: { url: `${files.origin}/spend.csv` } })]);
  expect(await standing(dataset.name)).toBe('conforms');
});
