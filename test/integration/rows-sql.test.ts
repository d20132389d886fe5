import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * Read-only SQL over HTTP: GET and POST .../sql and CKAN's datastore_search_sql. Typed results,
 * the tier policy before anything runs, audit of shared reads, and every statement of the
 * hostile file refused with a 400 that says why.
 */
let t: TestExchange;
let publisher: string;
let partner: string;
let stranger: string;
let openId: string;
let sharedId: string;
let privateId: string;
const DAY = 86_400_000;

const csv =
  'site,borough,value,day\n' +
  Array.from(
    { length: 24 },
    (_, i) => `S${i % 6},${['Camden', 'Hackney', 'Ealing'][i % 3]},${i % 5 === 0 ? '' : i * 1.5},2024-${String(1 + (i % 4)).padStart(2, '0')}-1${i % 9}`,
  ).join('\n') +
  '\n';

const publish = async (name: string, tier: 'open' | 'shared' | 'private', body: string) => {
  await t.request('POST', '/api/v1/datasets', {
    token: publisher,
    body: datasetInput(name, { tier, licence: tier === 'open' ? 'OGL-UK-3.0' : 'proprietary' }),
  });
  const resource = await createResource(t, publisher, name, { name: 'readings' });
  const { resource: after } = await uploadAndWait(t, publisher, name, 'readings', body, 'readings.csv');
  if (after.body.status !== 'published') throw new Error(after.text);
  return resource.body.id as string;
};

beforeAll(async () => {
  t = await startTestExchange();
  publisher = await t.organisationWithToken('gla', 'admin');
  partner = await t.organisationWithToken('hackney', 'viewer');
  stranger = await t.organisationWithToken('bromley', 'admin');
  openId = await publish('air', 'open', csv);
  sharedId = await publish('shared-air', 'shared', 'site,secret_value\nS1,SharedMarker77\n');
  privateId = await publish('private-air', 'private', 'site,secret_value\nS1,PrivateMarker88\n');
  const granted = await t.request('POST', '/api/v1/datasets/shared-air/grants', {
    token: publisher,
    body: {
      organisation: 'hackney',
      purpose: 'Checking read-only SQL respects grants',
      lawfulBasis: 'not-personal-data',
      agreementReference: 'DSA-SQL',
      expiresAt: new Date(t.clock.now().getTime() + 2 * DAY).toISOString(),
    },
  });
  if (granted.status !== 201) throw new Error(granted.text);
}, 90_000);
afterAll(() => t.stop());

const sql = (dataset: string, statement: string, token?: string) =>
  t.request('GET', `/api/v1/datasets/${dataset}/resources/readings/sql?sql=${encodeURIComponent(statement)}`, { token });

it('answers a group-by with typed fields and records', async () => {
  const response = await sql('air', 'SELECT borough, count(*) AS n, max(value) AS top, min(day) AS first FROM readings GROUP BY borough ORDER BY borough');
  expect(response.status).toBe(200);
  expect(response.body.fields).toEqual([
    { name: 'borough', type: 'string' },
    { name: 'n', type: 'integer' },
    { name: 'top', type: 'number' },
    { name: 'first', type: 'date' },
  ]);
  expect(response.body.records).toEqual([
    { borough: 'Camden', n: 8, top: 31.5, first: '2024-01-10' },
    { borough: 'Ealing', n: 8, top: 34.5, first: '2024-01-12' },
    { borough: 'Hackney', n: 8, top: 33, first: '2024-01-14' },
  ]);
  expect(response.body).toMatchObject({ dataset: 'air', resource: 'readings', version: 1, truncated: false });
});

it('keeps the statement’s order and exposes the row number as _id', async () => {
  const response = await sql('air', 'SELECT _id, site FROM readings WHERE value IS NOT NULL ORDER BY _id DESC LIMIT 3');
  expect(response.body.records).toEqual([
    { _id: 24, site: 'S5' },
    { _id: 23, site: 'S4' },
    { _id: 22, site: 'S3' },
  ]);
});

it('takes the statement in a POST body too, and refuses other fields', async () => {
  const posted = await t.request('POST', '/api/v1/datasets/air/resources/readings/sql', { body: { sql: 'SELECT count(*) AS n FROM readings' } });
  expect(posted.status).toBe(200);
  expect(posted.body.records).toEqual([{ n: 24 }]);
  const extra = await t.request('POST', '/api/v1/datasets/air/resources/readings/sql', { body: { sql: 'SELECT 1', limit: 5 } });
  expect(extra.status).toBe(400);
});

it('caps the rows and says the result was truncated', async () => {
  const response = await sql('air', 'SELECT unnest(range(20000)) AS i');
  expect(response.status).toBe(200);
  expect(response.body.records).toHaveLength(10_000);
  expect(response.body.truncated).toBe(true);
});

it('reports the statement’s own errors as a 400 that names them', async () => {
  const response = await sql('air', 'SELECT no_such_column FROM readings');
  expect(response.status).toBe(400);
  expect(response.body.error.message).toContain('no_such_column');
  expect(response.body.error.message).not.toMatch(/version_v/);
});

const hostile = JSON.parse(readFileSync(join(__dirname, '../fixtures/hostile-sql/statements.json'), 'utf8')) as Array<{ why: string; sql: string }>;

it(`refuses all ${hostile.length} hostile statements with a 400 that explains why`, async () => {
  expect(hostile.length).toBeGreaterThanOrEqual(100);
  const failures: string[] = [];
  for (const { sql: statement, why } of hostile) {
    // Sent as GET when it fits a URL, as POST otherwise: both are the same check.
    const response =
      statement.length < 2_000
        ? await sql('air', statement)
        : await t.request('POST', '/api/v1/datasets/air/resources/readings/sql', { body: { sql: statement } });
    const ok =
      response.status === 400 &&
      response.body.error?.code === 'bad_request' &&
      typeof response.body.error.details?.reason === 'string' &&
      response.body.error.message.length > 20;
    if (!ok || /root:|SharedMarker|PrivateMarker/.test(response.text))
      failures.push(`${why}: ${statement.slice(0, 80)} -> ${response.status} ${response.text.slice(0, 200)}`);
  }
  expect(failures).toEqual([]);
}, 120_000);

it('shared data: 404 for strangers and anonymous callers whatever the statement, served to the grantee and audited', async () => {
  for (const token of [undefined, stranger]) {
    for (const statement of ['SELECT * FROM readings', "SELECT * FROM read_csv('/etc/passwd')"]) {
      const refused = await sql('shared-air', statement, token);
      expect(refused.status).toBe(404);
      expect(refused.text).not.toContain('SharedMarker77');
    }
  }
  const served = await sql('shared-air', 'SELECT secret_value FROM readings', partner);
  expect(served.body.records).toEqual([{ secret_value: 'SharedMarker77' }]);
  const audit = await t.request('GET', '/api/v1/datasets/shared-air/audit?limit=1000', { token: publisher });
  const entry = audit.body.results.filter((e: { action: string }) => e.action === 'data.rows').at(-1);
  expect(entry).toMatchObject({
    actor: { kind: 'member', organisation: 'hackney' },
    route: 'GET /api/v1/datasets/:dataset/resources/:resource/sql',
    details: { resource: 'readings', version: 1, rows: 1, sql: expect.stringContaining('secret_value') },
  });
});

describe('CKAN datastore_search_sql', () => {
  const ckan = (statement: string, token?: string) => t.request('GET', `/api/3/action/datastore_search_sql?sql=${encodeURIComponent(statement)}`, { token });

  it('reads a resource named by its id, in CKAN’s result shape', async () => {
    const response = await ckan(`SELECT borough, count(*) AS n FROM "${openId}" GROUP BY borough ORDER BY n DESC, borough LIMIT 2`);
    expect(response.status).toBe(200);
    expect(response.body.success).toBe(true);
    expect(response.body.result.fields).toEqual([
      { id: 'borough', type: 'text' },
      { id: 'n', type: 'int8' },
    ]);
    expect(response.body.result.records).toEqual([
      { borough: 'Camden', n: 8 },
      { borough: 'Ealing', n: 8 },
    ]);
  });

  it('passes every resource it names through the tier policy', async () => {
    const join = `SELECT s.secret_value FROM "${openId}" o JOIN "${sharedId}" s ON o.site = s.site LIMIT 1`;
    expect((await ckan(join, partner)).body.result.records).toEqual([{ secret_value: 'SharedMarker77' }]);
    for (const token of [undefined, stranger]) {
      const refused = await ckan(join, token);
      expect(refused.status).toBe(404);
      expect(refused.text).not.toContain('SharedMarker77');
    }
    const hidden = await ckan(`SELECT * FROM "${privateId}"`, partner);
    expect(hidden.status).toBe(404);
    expect(hidden.text).not.toContain('PrivateMarker88');
    expect((await ckan(`SELECT * FROM "${privateId}"`, publisher)).body.result.records).toEqual([{ _id: 1, site: 'S1', secret_value: 'PrivateMarker88' }]);
  });

  it('refuses a hostile statement with CKAN’s status codes and envelope: a function it may not call is 403, any other refusal 409', async () => {
    const refused = await ckan(`SELECT * FROM "${openId}", read_csv('/etc/passwd')`);
    expect(refused.status).toBe(403);
    expect(refused.body.success).toBe(false);
    expect(refused.body.error).toMatchObject({ __type: 'Authorization Error', reason: 'table_function' });
    expect(refused.body.error.message).toMatch(/^Access denied: .*read_csv/);
    const scalar = await ckan(`SELECT getenv('HOME') FROM "${openId}"`);
    expect(scalar.status).toBe(403);
    expect(scalar.body.error.message).toContain('getenv');
    const notResource = await ckan('SELECT * FROM readings');
    expect(notResource.status).toBe(409);
    expect(notResource.body.error).toMatchObject({ __type: 'Validation Error', info: { reason: ['table_not_allowed'] } });
    expect(notResource.body.error.query[0]).toContain('readings');
    const stacked = await ckan(`SELECT 1 FROM "${openId}"; DROP TABLE x`);
    expect(stacked.status).toBe(409);
    expect(stacked.body.error.info.reason).toEqual(['not_a_single_select']);
    const ownError = await ckan(`SELECT no_such_column FROM "${openId}"`);
    expect(ownError.status).toBe(409);
    expect(ownError.body.error.query[0]).toContain('no_such_column');
  });
});
