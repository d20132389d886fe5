import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import dataPackageProfile from '../fixtures/reference/frictionless-2.0/datapackage.json';
import tableSchemaProfile from '../fixtures/reference/frictionless-2.0/tableschema.json';
import { createResource, download, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/** GET /api/v1/datasets/{dataset}/datapackage.json, validated against the Frictionless profile (draft-07). */
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addFormat('textarea', true); // an editor hint in the profile (multi-line text), not a constraint
const validatePackage = ajv.compile(dataPackageProfile);
const validateTableSchema = ajv.compile(tableSchemaProfile);

const expectValidPackage = (body: unknown) => {
  const valid = validatePackage(body);
  expect({ valid, errors: validatePackage.errors ?? null }).toEqual({ valid: true, errors: null });
};

let t: TestExchange;
let publisher: string;
let grantee: string;
let stranger: string;
const DAY = 86_400_000;

const MESSY_CSV =
  'site,visitors,opened,staffed,notes\nLibrary A,"1,234",01/02/2024,yes,\nLibrary B,87,15/03/2024,no,=SUM(A1)\nLibrary C,-,02/04/2024,yes,quiet\n';
const INDICATORS_CSV =
  'gss_code,area_name,indicator,period,value,unit,source\nE09000007,Camden,Population,2024,218000,people,ONS\nE09000012,Hackney,Population,2024,..,people,ONS\n';

beforeAll(async () => {
  t = await startTestExchange();
  publisher = await t.organisationWithToken('islington', 'admin');
  grantee = await t.organisationWithToken('hackney', 'viewer');
  stranger = await t.organisationWithToken('bexley', 'viewer');
  await t.request('POST', '/api/v1/datasets', {
    token: publisher,
    body: datasetInput('library-visits', { keywords: ['libraries'], contactPoint: { name: 'Libraries team', email: 'libraries@islington.gov.uk' } }),
  });
  await createResource(t, publisher, 'library-visits', { name: 'visits', title: 'Monthly visits', description: 'Visitors per library.' });
  await uploadAndWait(t, publisher, 'library-visits', 'visits', MESSY_CSV, 'visits.csv');
  await createResource(t, publisher, 'library-visits', { name: 'indicators', dataSchema: 'borough-indicators' });
  await uploadAndWait(t, publisher, 'library-visits', 'indicators', INDICATORS_CSV, 'indicators.csv');
  await createResource(t, publisher, 'library-visits', { name: 'not-yet-uploaded' });

  await t.request('POST', '/api/v1/datasets', { token: publisher, body: datasetInput('footfall-partner', { tier: 'shared', licence: 'proprietary' }) });
  await createResource(t, publisher, 'footfall-partner', { name: 'counts' });
  await uploadAndWait(t, publisher, 'footfall-partner', 'counts', 'street,count\nUpper St,901\n', 'counts.csv');
  await t.request('POST', '/api/v1/datasets/footfall-partner/grants', {
    token: publisher,
    body: {
      organisation: 'hackney',
      purpose: 'Town centre recovery analysis',
      lawfulBasis: 'not-personal-data',
      agreementReference: 'DSA-7',
      expiresAt: new Date(t.clock.now().getTime() + 30 * DAY).toISOString(),
    },
  });
  await t.request('POST', '/api/v1/datasets', { token: publisher, body: datasetInput('private-plans', { tier: 'private' }) });
  await createResource(t, publisher, 'private-plans', { name: 'plans' });
  await uploadAndWait(t, publisher, 'private-plans', 'plans', 'plan,cost\nP1,10\n', 'plans.csv');
  await t.request('POST', '/api/v1/datasets', { token: publisher, body: datasetInput('nothing-published') });
}, 120_000);
afterAll(() => t.stop());

const pkg = (name: string, token?: string) => t.request('GET', `/api/v1/datasets/${name}/datapackage.json`, { token });

describe('datapackage.json', () => {
  it('validates against the Data Package profile, with each published resource, its Table Schema and CSV path', async () => {
    const response = await pkg('library-visits');
    expect(response.status).toBe(200);
    expectValidPackage(response.body);
    expect(response.body).toMatchObject({
      $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
      name: 'library-visits',
      id: `${t.url}/api/v1/datasets/library-visits`,
      homepage: `${t.url}/datasets/library-visits`,
      keywords: ['libraries'],
      licenses: [{ name: 'OGL-UK-3.0', path: 'http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' }],
      contributors: [
        { title: 'Test organisation islington', roles: ['publisher'] },
        { title: 'Libraries team', email: 'libraries@islington.gov.uk', roles: ['contact'] },
      ],
    });
    expect(response.body.resources.map((r: { name: string }) => r.name)).toEqual(['visits', 'indicators']);
    for (const resource of response.body.resources) {
      expect(resource).toMatchObject({
        path: `${t.url}/api/v1/datasets/library-visits/resources/${resource.name}/download?format=csv`,
        type: 'table',
        mediatype: 'text/csv',
        encoding: 'utf-8',
      });
      expect(validateTableSchema(resource.schema)).toBe(true);
    }
  });

  it('describes the normalised CSV it points at, not the messy original', async () => {
    const visits = (await pkg('library-visits')).body.resources[0];
    expect(visits.schema).toEqual({
      fields: [
        { name: 'site', type: 'string' },
        { name: 'visitors', type: 'integer' },
        { name: 'opened', type: 'date' },
        { name: 'staffed', type: 'boolean' },
        { name: 'notes', type: 'string' },
      ],
      missingValues: [''],
    });
    const file = await download(t, visits.path.slice(t.url.length));
    expect(file.status).toBe(200);
    const [header, ...rows] = file.bytes
      .toString('utf8')
      .trim()
      .split(/\r?\n/)
      .map((line) => line.split(','));
    expect(header).toEqual(visits.schema.fields.map((f: { name: string }) => f.name));
    const cellPattern: Record<string, RegExp> = { integer: /^-?\d+$/, date: /^\d{4}-\d{2}-\d{2}$/, boolean: /^(true|false)$/, string: /.*/ };
    for (const row of rows) {
      visits.schema.fields.forEach((field: { type: string }, i: number) => {
        if (row[i] !== '') expect({ cell: row[i], type: field.type, ok: cellPattern[field.type].test(row[i]) }).toMatchObject({ ok: true });
      });
    }
    expect(rows.map((row) => row[1])).toEqual(['1234', '87', '']);
  });

  it('carries a declared common schema’s key and constraints', async () => {
    const indicators = (await pkg('library-visits')).body.resources[1];
    expect(indicators.schema.primaryKey).toEqual(['gss_code', 'indicator', 'period']);
    expect(indicators.schema.fields.find((f: { name: string }) => f.name === 'gss_code').constraints).toMatchObject({
      required: true,
      pattern: '^[EWSNK][0-9]{8}$',
    });
  });

  it('is served for shared data only to callers who may read it; others are asked to request access', async () => {
    const granted = await pkg('footfall-partner', grantee);
    expect(granted.status).toBe(200);
    expectValidPackage(granted.body);
    const path = granted.body.resources[0].path.slice(t.url.length);
    expect((await download(t, path, grantee)).bytes.toString('utf8')).toContain('Upper St,901');
    expect((await download(t, path)).status).toBe(404);

    const anonymous = await pkg('footfall-partner');
    expect(anonymous.status).toBe(401);
    const outsider = await pkg('footfall-partner', stranger);
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.message).toContain(`${t.url}/datasets/footfall-partner`);
    expect(outsider.text).not.toContain('/download');
    expect((await pkg('footfall-partner', publisher)).status).toBe(200);
  });

  it('hides a private dataset behind the same 404 as a missing one, and has no package without published data', async () => {
    const hidden = await pkg('private-plans', stranger);
    const missing = await pkg('no-such-dataset', stranger);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    expectValidPackage((await pkg('private-plans', publisher)).body);
    const empty = await pkg('nothing-published');
    expect(empty.status).toBe(404);
    expect(empty.body.error.message).toContain('no published data');
  });

  it('uses a profile that really requires a path or data for each resource', () => {
    expect(validatePackage({ name: 'x', resources: [{ name: 'r', path: 'https://example.org/r.csv' }] })).toBe(true);
    expect(validatePackage({ name: 'x', resources: [{ name: 'r', description: 'no data' }] })).toBe(false);
    expect(validatePackage({ name: 'x', resources: [] })).toBe(false);
  });
});
