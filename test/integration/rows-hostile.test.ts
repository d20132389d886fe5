import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * Hostile and malformed input: every one is a 400 in the one error shape — never a 500, never
 * rows of anything else. A private dataset's marker must appear in no response.
 */
let t: TestExchange;
const SECRET = 'Qzv9PrivateRowMarker';
const path = '/api/v1/datasets/road-casualties/resources/casualties/rows';

beforeAll(async () => {
  t = await startTestExchange();
  const publisher = await t.organisationWithToken('tfl', 'admin');
  await t.request('POST', '/api/v1/datasets', { token: publisher, body: datasetInput('road-casualties') });
  await createResource(t, publisher, 'road-casualties', { name: 'casualties' });
  await uploadAndWait(
    t,
    publisher,
    'road-casualties',
    'casualties',
    'borough,severity,count,day\nCamden,slight,3,2024-01-02\nHackney,serious,1,2024-01-03\n',
    'c.csv',
  );
  await t.request('POST', '/api/v1/datasets', { token: publisher, body: datasetInput('internal-notes', { tier: 'private', licence: 'proprietary' }) });
  await createResource(t, publisher, 'internal-notes', { name: 'casualties' });
  await uploadAndWait(t, publisher, 'internal-notes', 'casualties', `borough,severity,count,day\n${SECRET},fatal,9,2024-01-02\n`, 'n.csv');
}, 60_000);
afterAll(() => t.stop());

const q = (params: Record<string, string>) => `${path}?${new URLSearchParams(params)}`;

const hostile: Array<[string, string]> = [
  ['SQL in a filter column', q({ filters: JSON.stringify({ 'borough" = borough OR "1"="1': 'x' }) })],
  ['SQL in a filter column (union)', q({ filters: JSON.stringify({ 'count FROM t1 UNION SELECT * FROM t2 --': 1 }) })],
  ['SQL in a numeric filter value', q({ filters: JSON.stringify({ count: '1 OR 1=1' }) })],
  ['SQL in a date range value', q({ filters: JSON.stringify({ day: { gte: "2024-01-01' OR '1'='1" } }) })],
  ['SQL in a sort name', q({ sort: 'count; DROP TABLE t1' })],
  ['SQL in a sort direction', q({ sort: 'count:desc; SELECT 1' })],
  ['SQL in a JSON sort', q({ sort: JSON.stringify([{ field: 'count', order: 'desc, (SELECT 1)' }]) })],
  ['SQL in fields', q({ fields: "borough, (SELECT borough FROM read_csv('/etc/passwd'))" })],
  ['quote in fields', q({ fields: 'borough"' })],
  ['the internal row column', q({ fields: '__ldx_row' })],
  ['the internal text column as a field', q({ fields: '__ldx_text' })],
  ['the internal text column as a sort', q({ sort: '__ldx_text' })],
  ['the internal text column in a filter', q({ filters: JSON.stringify({ __ldx_text: 'x' }) })],
  ['an unknown operator', q({ filters: JSON.stringify({ count: { like: '%' } }) })],
  ['a range on text', q({ filters: JSON.stringify({ borough: { gt: 'A' } }) })],
  ['a nested object value', q({ filters: JSON.stringify({ count: { gte: { $gt: 1 } } }) })],
  ['a filters array', q({ filters: '[1,2]' })],
  ['non-JSON filters', q({ filters: "borough='Camden'" })],
  ['filters as a string', q({ filters: '"Camden"' })],
  ['an empty IN list', q({ filters: JSON.stringify({ borough: [] }) })],
  ['objects in an IN list', q({ filters: JSON.stringify({ borough: [{ a: 1 }] }) })],
  ['a bad date', q({ filters: JSON.stringify({ day: '2024-02-30' }) })],
  ['a fractional integer', q({ filters: JSON.stringify({ count: 1.5 }) })],
  ['an integer beyond 64 bits', q({ filters: JSON.stringify({ count: '99999999999999999999' }) })],
  ['limit=-1', q({ limit: '-1' })],
  ['limit=0', q({ limit: '0' })],
  ['limit=10000000', q({ limit: '10000000' })],
  ['limit=1.5', q({ limit: '1.5' })],
  ['limit=abc', q({ limit: 'abc' })],
  ['version=abc', q({ version: 'abc' })],
  ['total=maybe', q({ total: 'maybe' })],
  ['an unknown parameter', q({ filter: JSON.stringify({ borough: 'Camden' }) })],
  ['a parameter given twice', `${path}?limit=1&limit=2`],
  ['a garbage cursor', q({ cursor: "'; DROP TABLE x; --" })],
  ['an over-long filter', q({ filters: JSON.stringify({ borough: 'x'.repeat(10_000) }) })],
  ['an over-long value', q({ filters: JSON.stringify({ borough: 'x'.repeat(2_000) }) })],
  ['too many words', q({ q: Array.from({ length: 11 }, (_, i) => `w${i}`).join(' ') })],
  ['an empty sort item', q({ sort: 'count,,borough' })],
  ['a column twice in sort', q({ sort: 'count,count:desc' })],
];

describe.each(hostile)('%s', (_name, url) => {
  it('is a 400 with the error shape and no rows', async () => {
    const response = await t.request('GET', url);
    expect(response.status).toBe(400);
    expect(Object.keys(response.body)).toEqual(['error']);
    expect(['validation_failed', 'bad_request']).toContain(response.body.error.code);
    expect(response.text).not.toContain(SECRET);
    expect(response.text).not.toMatch(/duckdb|Binder|Parser Error|version_\d|\/tmp\//i);
  });
});

describe('SQL-looking text as a value of a text column', () => {
  it.each([["Camden' OR '1'='1"], ['Camden"; DROP TABLE version_1; --'], ["x') UNION SELECT * FROM read_csv('/etc/passwd') --"]])(
    'is just text that matches nothing: %s',
    async (value) => {
      const byFilter = await t.request('GET', q({ filters: JSON.stringify({ borough: value }) }));
      expect(byFilter.status).toBe(200);
      expect(byFilter.body).toMatchObject({ records: [], total: 0 });
      const bySearch = await t.request('GET', q({ q: value }));
      expect(bySearch.status).toBe(200);
      expect(bySearch.body.records).toEqual([]);
    },
  );

  it('still serves the real rows afterwards', async () => {
    const response = await t.request('GET', path);
    expect(response.body.records).toEqual([
      { borough: 'Camden', severity: 'slight', count: 3, day: '2024-01-02' },
      { borough: 'Hackney', severity: 'serious', count: 1, day: '2024-01-03' },
    ]);
  });
});

it('the private dataset is a 404 to an anonymous caller, the same as a missing one', async () => {
  const hidden = await t.request('GET', '/api/v1/datasets/internal-notes/resources/casualties/rows');
  const missing = await t.request('GET', '/api/v1/datasets/no-such-dataset/resources/casualties/rows');
  expect(hidden.status).toBe(404);
  expect(hidden.body).toEqual(missing.body);
  expect(hidden.text).not.toContain(SECRET);
});
