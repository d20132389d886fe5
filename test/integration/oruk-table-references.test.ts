import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * Open Referral UK's tables in one dataset: the standard's own example directory (an organisation,
 * its service, a location and the service at that location) publishes with every reference
 * holding; a service naming an organisation the dataset does not hold is reported by the
 * standard's field names, and a reference whose table the dataset lacks is said to be unchecked.
 */
const example = (file: string) => readFileSync(join(__dirname, '../fixtures/standards/oruk', file), 'utf8');
const TABLES: Array<[resource: string, schema: string, file: string]> = [
  ['organizations', 'oruk-organizations', 'organizations.csv'],
  ['services', 'oruk-services', 'services.csv'],
  ['locations', 'oruk-locations', 'locations.csv'],
  ['service-at-location', 'oruk-service-at-location', 'service_at_location.csv'],
];
const ORGANISATION_ID = 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610';
const UNKNOWN_ORGANISATION = '0b6c2f7e-52a4-4c1e-9a47-5f7d1f0c9a11';

let t: TestExchange;
let camden: string;

const references = (dataset: string, token?: string) => t.request('GET', `/api/v1/datasets/${dataset}/table-references`, { token });

const publishDirectory = async (dataset: string, tier: string, tables = TABLES) => {
  expect((await t.request('POST', '/api/v1/datasets', { token: camden, body: datasetInput(dataset, { tier }) })).status).toBe(201);
  for (const [resource, schema, file] of tables) {
    await createResource(t, camden, dataset, { name: resource, dataSchema: schema });
    const { resource: published } = await uploadAndWait(t, camden, dataset, resource, example(file), file);
    expect({ resource, status: published.body.status }).toEqual({ resource, status: 'published' });
  }
};

beforeAll(async () => {
  t = await startTestExchange();
  camden = await t.organisationWithToken('camden', 'admin');
  await publishDirectory('camden-services', 'open');
}, 120_000);
afterAll(() => t.stop());

it('finds every reference of the standard’s own example directory holding', async () => {
  const report = await references('camden-services');
  expect(report.status).toBe(200);
  expect(report.body).toMatchObject({ dataset: 'camden-services', valid: true, errorCount: 0, errors: [] });
  expect(report.body.checks.map((c: Record<string, any>) => [c.resource, c.fields, c.reference.schema, c.reference.resources, c.status])).toEqual([
    ['services', ['organization_id'], 'oruk-organizations', ['organizations'], 'checked'],
    ['service-at-location', ['service_id'], 'oruk-services', ['services'], 'checked'],
    ['service-at-location', ['location_id'], 'oruk-locations', ['locations'], 'checked'],
  ]);
});

it('reports a service whose organization_id names no organisation of the dataset, by the standard’s fields', async () => {
  const broken = example('services.csv').replace(`,${ORGANISATION_ID},`, `,${UNKNOWN_ORGANISATION},`);
  expect((await uploadAndWait(t, camden, 'camden-services', 'services', broken, 'services.csv')).resource.body.status).toBe('published');
  const report = await references('camden-services');
  expect(report.body).toMatchObject({ valid: false, errorCount: 1 });
  expect(report.body.errors).toEqual([
    {
      code: 'foreign-key-error',
      resource: 'services',
      schema: 'oruk-services',
      row: 2,
      field: 'organization_id',
      value: UNKNOWN_ORGANISATION,
      reference: { schema: 'oruk-organizations', fields: ['id'] },
      message: `organization_id "${UNKNOWN_ORGANISATION}" is not the id of any row of oruk-organizations in this dataset.`,
    },
  ]);
  // The service itself is still there, so the service-at-location row's references hold.
  expect(report.body.checks.filter((c: { errorCount: number }) => c.errorCount > 0).map((c: { resource: string }) => c.resource)).toEqual(['services']);
});

it('says a reference is unchecked when the dataset holds no table it refers to', async () => {
  await publishDirectory('camden-services-only', 'open', [TABLES[1]]);
  const report = await references('camden-services-only');
  expect(report.body).toMatchObject({
    valid: true,
    checks: [{ resource: 'services', fields: ['organization_id'], reference: { schema: 'oruk-organizations', resources: [] }, status: 'no-referenced-table' }],
  });
});

it('reads the data only for those who may read it', async () => {
  await publishDirectory('camden-private-services', 'private', TABLES.slice(0, 2));
  expect((await references('camden-private-services')).status).toBe(404);
  expect((await references('camden-private-services', await t.organisationWithToken('hackney', 'admin'))).status).toBe(404);
  const own = await references('camden-private-services', camden);
  expect(own.status).toBe(200);
  expect(own.body.checks[0]).toMatchObject({ resource: 'services', status: 'checked', errorCount: 0 });
  const audit = await t.request('GET', '/api/v1/datasets/camden-private-services/audit', { token: camden });
  expect(JSON.stringify(audit.body)).toContain('table-references');
  expect((await references('no-such-dataset')).status).toBe(404);
});
