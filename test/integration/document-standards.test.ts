import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/** A council publishes its grants to the 360Giving standard through the API; each grant becomes a row. */
const trafford = readFileSync(join(__dirname, '../fixtures/standards/360giving/trafford_council_voluntary_sector_grants.json'));

let t: TestExchange;
let token: string;

beforeAll(async () => {
  t = await startTestExchange();
  token = await t.organisationWithToken('trafford', 'admin');
  expect((await t.request('POST', '/api/v1/datasets', { token, body: datasetInput('trafford-grants', { dataSchema: '360giving-grants' }) })).status).toBe(201);
}, 60_000);
afterAll(() => t.stop());

it('lists 360Giving among the schemas, with the standard’s own package schema', async () => {
  const listed = await t.request('GET', '/api/v1/schemas');
  expect(listed.body.results).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'document', id: '360giving-grants', version: '1.4.3' })]));
  const schema = await t.request('GET', '/api/v1/schemas/360giving-grants');
  expect(schema.status).toBe(200);
  expect(schema.body.required).toEqual(['grants']);
});

it('publishes a real 360Giving package declared as such, and serves its grants as rows', async () => {
  await createResource(t, token, 'trafford-grants', { name: 'grants' });
  const { resource } = await uploadAndWait(t, token, 'trafford-grants', 'grants', trafford, 'grants.json', 'application/json');
  expect(resource.body).toMatchObject({ status: 'published', dataSchema: '360giving-grants', current: { rowCount: 555 } });
  const rows = await t.request('GET', '/api/v1/datasets/trafford-grants/resources/grants/rows?limit=1');
  expect(rows.status).toBe(200);
  expect(rows.body.records[0]).toMatchObject({
    id: '360G-traffordmbc-VSG1342',
    amountAwarded: 2266,
    'recipientOrganization/0/name': "Altrincham Children's Choir",
  });
});

it('refuses a package with a grant that breaks the standard, naming the grant and the field', async () => {
  const document = JSON.parse(trafford.toString('utf8'));
  document.grants[9].currency = 'XYZ';
  await createResource(t, token, 'trafford-grants', { name: 'broken' });
  const { resource } = await uploadAndWait(t, token, 'trafford-grants', 'broken', JSON.stringify(document), 'grants.json', 'application/json');
  expect(resource.body.status).toBe('failed');
  const report = await t.request('GET', '/api/v1/datasets/trafford-grants/resources/broken/versions/1/report', { token });
  expect(report.body.report).toMatchObject({ valid: false, errorCount: 1 });
  expect(report.body.report.errors[0]).toMatchObject({ row: 11, field: 'currency', message: expect.stringMatching(/^Grant 10: currency/) });
});

it('shows who publishes 360Giving data on the standard’s page', async () => {
  const page = await t.request('GET', '/schemas/360giving-grants');
  expect(page.status).toBe(200);
  expect(page.text).toContain('360Giving: grants');
  const conformance = await t.request('GET', '/api/v1/schemas/360giving-grants/conformance');
  expect(conformance.body.organisations.find((o: { organisation: string }) => o.organisation === 'trafford')).toMatchObject({
    publishes: true,
    conforms: true,
    datasets: [{ name: 'trafford-grants', status: 'conforms' }],
  });
});
