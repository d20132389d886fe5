import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';
import { createResource, uploadAndWait } from '../support/publishing';

/**
 * Governance of a common standard over a catalogue with declaring datasets: the stewards propose a
 * compatible and a breaking version; the exchange classifies each, checks it against every
 * declaring dataset, publishes it, notifies the publishers, and applies it only where it may.
 */
const SPEND = 'transparency-spend-over-500';
const spendCsv = readFileSync(join(__dirname, '../fixtures/standards/transparency-spend-over-500.csv'), 'utf8');
/** The real example with every purpose cut to at most 20 characters (it conforms to the breaking 2.0.0 below). */
const shortPurposes = spendCsv.replace('Cleaning of public conveniences', 'Toilet cleaning');

let t: TestExchange;
let camden: string;
let hackney: string;
let gla: string;
let glaEditor: string;
let current: Record<string, any>;

const versionsPath = `/api/v1/schemas/${SPEND}/versions`;

/** The shipped document with one change applied (what a steward sends). */
const changed = (edit: (properties: Record<string, Record<string, unknown>>) => void) => {
  const document = structuredClone(current);
  edit(document.properties);
  return document;
};

const publishSpend = async (token: string, name: string, tier: string, csv: string) => {
  expect((await t.request('POST', '/api/v1/datasets', { token, body: datasetInput(name, { tier, dataSchema: SPEND }) })).status).toBe(201);
  await createResource(t, token, name, { name: 'payments' });
  const { resource } = await uploadAndWait(t, token, name, 'payments', csv, `${name}.csv`);
  return resource.body;
};

beforeAll(async () => {
  t = await startTestExchange();
  camden = await t.organisationWithToken('camden', 'admin');
  hackney = await t.organisationWithToken('hackney', 'admin');
  gla = await t.organisationWithToken('gla', 'admin');
  glaEditor = await t.tokenFor('gla', 'editor');
  current = (await t.request('GET', `/api/v1/schemas/${SPEND}`)).body;
  expect((await publishSpend(camden, 'camden-spend', 'open', spendCsv)).status).toBe('published');
  expect((await publishSpend(hackney, 'hackney-spend', 'private', shortPurposes)).status).toBe('published');
}, 60_000);
afterAll(() => t.stop());

it('lists the shipped version as the first published one', async () => {
  const listed = await t.request('GET', versionsPath);
  expect(listed.status).toBe(200);
  expect(listed.body.results).toEqual([expect.objectContaining({ version: '1.0.0', status: 'published', shipped: true, change: 'none' })]);
  expect((await t.request('GET', '/api/v1/schemas/no-such-standard/versions')).status).toBe(404);
});

it('lets only the platform administrator appoint stewards, and only stewards’ admins propose', async () => {
  const proposal = { version: '1.1.0', reason: 'Accept organisation codes that are not URIs.', schema: changed((p) => delete p.OrganisationURI.pattern) };
  expect((await t.request('PUT', `/api/v1/schemas/${SPEND}/stewards`, { token: gla, body: { organisations: ['gla'] } })).status).toBe(403);
  expect((await t.request('POST', versionsPath, { token: gla, body: proposal })).status).toBe(403);
  const appointed = await t.request('PUT', `/api/v1/schemas/${SPEND}/stewards`, { token: t.adminToken, body: { organisations: ['gla'] } });
  expect(appointed.status).toBe(200);
  expect((await t.request('GET', `/api/v1/schemas/${SPEND}/stewards`)).body.organisations).toEqual(['gla']);
  expect((await t.request('POST', versionsPath, { token: glaEditor, body: proposal })).status).toBe(403);
  expect((await t.request('POST', versionsPath, { token: camden, body: proposal })).status).toBe(403);
  expect((await t.request('POST', versionsPath, { body: proposal })).status).toBe(401);
});

it('refuses a version number that does not match the change, naming the number it needs', async () => {
  const breaking = changed((p) => (p.Purpose.maxLength = 20));
  const asMinor = await t.request('POST', versionsPath, {
    token: gla,
    body: { version: '1.1.0', reason: 'Shorter purposes for the national index.', schema: breaking },
  });
  expect(asMinor.status).toBe(400);
  expect(asMinor.body.error.details.fields[0]).toEqual({ field: 'version', message: expect.stringMatching(/breaking.*2\.0\.0/) });
  const unchanged = await t.request('POST', versionsPath, { token: gla, body: { version: '1.0.1', reason: 'Nothing changes at all here.', schema: current } });
  expect(unchanged.status).toBe(400);
  expect(unchanged.body.error.details.fields[0].message).toMatch(/does not change/);
});

it('publishes a compatible version, which then applies to the next uploads of declaring datasets', async () => {
  const widened = changed((p) => delete p.OrganisationURI.pattern);
  const proposed = await t.request('POST', versionsPath, {
    token: gla,
    body: { version: '1.1.0', reason: 'Accept organisation codes that are not URIs.', schema: widened },
  });
  expect(proposed.status).toBe(201);
  // The steward sees the open dataset only; the platform administrator sees both declaring datasets.
  expect(proposed.body).toMatchObject({ status: 'proposed', change: 'compatible', basedOn: '1.0.0', impactSummary: { conforms: 1, fails: 0 } });
  expect((await t.request('GET', `${versionsPath}/1.1.0`, { token: t.adminToken })).body.impactSummary).toMatchObject({ conforms: 2, fails: 0, noData: 0 });
  expect(proposed.body.differences).toEqual([expect.objectContaining({ field: 'OrganisationURI', breaking: false })]);

  // Proposed is not yet published: an organisation code that is not a URI still fails.
  const notUri = spendCsv.replaceAll('http://opendatacommunities.org/id/london-borough-council/camden', 'camden');
  expect((await uploadAndWait(t, camden, 'camden-spend', 'payments', notUri, 'spend.csv')).resource.body.status).toBe('failed');

  const published = await t.request('POST', `${versionsPath}/1.1.0/publish`, { token: gla });
  expect(published.status).toBe(200);
  expect(published.body).toMatchObject({ status: 'published', publishedBy: { kind: 'member', organisation: 'gla' } });
  expect((await t.request('POST', `${versionsPath}/1.1.0/publish`, { token: gla })).status).toBe(409);
  expect((await uploadAndWait(t, camden, 'camden-spend', 'payments', notUri, 'spend.csv')).resource.body.status).toBe('published');
});

it('checks a breaking version against every declaring dataset, shows each caller only what they may see, and notifies the publishers', async () => {
  // Back to the real file, which conforms to 1.1.0.
  expect((await uploadAndWait(t, camden, 'camden-spend', 'payments', spendCsv, 'spend.csv')).resource.body.status).toBe('published');
  const shorter = changed((p) => (p.Purpose.maxLength = 20));
  delete (shorter.properties as Record<string, Record<string, unknown>>).OrganisationURI.pattern;
  const proposal = await t.request('POST', versionsPath, {
    token: gla,
    body: { version: '2.0.0', reason: 'Purposes of at most 20 characters, for the national index.', schema: shorter },
  });
  expect(proposal.status).toBe(201);
  expect(proposal.body).toMatchObject({ change: 'breaking', basedOn: '1.1.0' });
  // The whole impact, as the platform administrator sees it.
  const proposed = await t.request('GET', `${versionsPath}/2.0.0`, { token: t.adminToken });
  const outcomes = Object.fromEntries(proposed.body.impact.datasets.map((d: { dataset: string; outcome: string }) => [d.dataset, d.outcome]));
  expect(outcomes).toEqual({ 'camden-spend': 'fails', 'hackney-spend': 'conforms' });
  const camdenEntry = proposed.body.impact.datasets.find((d: { dataset: string }) => d.dataset === 'camden-spend');
  expect(camdenEntry.errors[0]).toMatchObject({ field: 'Purpose', row: 2 });

  // The public history never names the private dataset; its publisher sees it.
  const anonymous = await t.request('GET', `${versionsPath}/2.0.0`);
  expect(anonymous.body.impact.datasets.map((d: { dataset: string }) => d.dataset)).toEqual(['camden-spend']);
  expect(JSON.stringify((await t.request('GET', versionsPath)).body)).not.toContain('hackney-spend');
  const asHackney = await t.request('GET', `${versionsPath}/2.0.0`, { token: hackney });
  expect(asHackney.body.impact.datasets.map((d: { dataset: string }) => d.dataset).sort()).toEqual(['camden-spend', 'hackney-spend']);

  expect((await t.request('POST', `${versionsPath}/2.0.0/publish`, { token: gla })).status).toBe(200);
  const camdenNotes = await t.request('GET', '/api/v1/organisations/camden/notifications', { token: camden });
  expect(camdenNotes.body.results[0]).toMatchObject({ schema: SPEND, version: '2.0.0', change: 'breaking', failingDatasets: ['camden-spend'] });
  expect(camdenNotes.body.results[0].message).toMatch(/keep the version they declared/);
  const hackneyNotes = await t.request('GET', '/api/v1/organisations/hackney/notifications', { token: hackney });
  expect(hackneyNotes.body.results[0]).toMatchObject({ version: '2.0.0', failingDatasets: [] });
  expect((await t.request('GET', '/api/v1/organisations/camden/notifications', { token: hackney })).status).toBe(403);
  expect((await t.request('GET', '/api/v1/organisations/camden/notifications')).status).toBe(401);

  // Datasets that declared the standard without a range keep 1.x: the breaking version does not apply to them.
  expect((await uploadAndWait(t, camden, 'camden-spend', 'payments', spendCsv, 'spend.csv')).resource.body.status).toBe('published');

  // A resource that declares the new major takes it: the real file's long purpose now fails.
  await createResource(t, camden, 'camden-spend', { name: 'payments-v2', dataSchemaVersion: '^2.0.0' });
  const v2 = await uploadAndWait(t, camden, 'camden-spend', 'payments-v2', spendCsv, 'spend.csv');
  expect(v2.resource.body).toMatchObject({ status: 'failed', dataSchemaVersion: '^2.0.0' });
  // A range no published version satisfies fails the upload, saying so.
  await createResource(t, camden, 'camden-spend', { name: 'payments-v3', dataSchemaVersion: '^3.0.0' });
  const v3 = await uploadAndWait(t, camden, 'camden-spend', 'payments-v3', spendCsv, 'spend.csv');
  expect(v3.resource.body.status).toBe('failed');
  const report = await t.request('GET', '/api/v1/datasets/camden-spend/resources/payments-v3/versions/1/report', { token: camden });
  expect(report.body.report.errors[0].message).toMatch(/declares versions \^3\.0\.0 .* no published version is in that range/);
  expect(
    (await t.request('POST', '/api/v1/datasets/camden-spend/resources', { token: camden, body: { name: 'bad-range', dataSchemaVersion: 'two' } })).status,
  ).toBe(400);

  const history = (await t.request('GET', versionsPath)).body.results.map((v: { version: string; status: string; change: string }) => [
    v.version,
    v.status,
    v.change,
  ]);
  expect(history).toEqual([
    ['1.0.0', 'published', 'none'],
    ['1.1.0', 'published', 'compatible'],
    ['2.0.0', 'published', 'breaking'],
  ]);
});
