import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/** A cursor stays on the version it started with, while a new version is published mid-paging. */
let t: TestExchange;
let tfl: string;
const path = '/api/v1/datasets/bus-stops/resources/stops/rows';
const csvOf = (label: string, count: number) => `id,label\n${Array.from({ length: count }, (_, i) => `${i + 1},${label}-${i + 1}`).join('\n')}\n`;

beforeAll(async () => {
  t = await startTestExchange();
  tfl = await t.organisationWithToken('tfl', 'admin');
  await t.request('POST', '/api/v1/datasets', { token: tfl, body: datasetInput('bus-stops') });
  await createResource(t, tfl, 'bus-stops', { name: 'stops' });
  await uploadAndWait(t, tfl, 'bus-stops', 'stops', csvOf('first', 25), 'stops.csv');
}, 60_000);
afterAll(() => t.stop());

const get = (url: string) => t.request('GET', url.startsWith('http') ? url.slice(t.url.length) : url);

it('continues on version 1 after version 2 is published, then new queries read version 2', async () => {
  const first = await get(`${path}?limit=10&sort=id:desc`);
  expect(first.body).toMatchObject({ version: 1, total: 25 });
  expect(first.body.records[0]).toEqual({ id: 25, label: 'first-25' });

  const { resource } = await uploadAndWait(t, tfl, 'bus-stops', 'stops', csvOf('second', 7), 'stops.csv');
  expect(resource.body.current.version).toBe(2);

  const second = await get(first.body.next);
  const third = await get(second.body.next);
  expect([second.body.version, third.body.version]).toEqual([1, 1]);
  expect([second.body.total, third.body.total]).toEqual([25, 25]);
  expect(third.body.next).toBeNull();
  const labels = [first, second, third].flatMap((page) => page.body.records.map((r: { label: string }) => r.label));
  expect(labels).toEqual(Array.from({ length: 25 }, (_, i) => `first-${25 - i}`));

  const fresh = await get(`${path}?limit=10&sort=id:desc`);
  expect(fresh.body).toMatchObject({ version: 2, total: 7, next: null });
  expect(fresh.body.records[0]).toEqual({ id: 7, label: 'second-7' });
});

it('refuses a cursor with another version, other filters or another sort, and a tampered cursor', async () => {
  const first = await get(`${path}?limit=2&version=1&filters=${encodeURIComponent('{"id":{"gt":3}}')}`);
  expect(first.status).toBe(200);
  const cursor = new URL(first.body.next).searchParams.get('cursor')!;
  const withVersion2 = await get(`${path}?limit=2&version=2&filters=${encodeURIComponent('{"id":{"gt":3}}')}&cursor=${cursor}`);
  expect(withVersion2.status).toBe(400);
  expect(withVersion2.body.error.details).toEqual({ field: 'version' });
  const otherFilter = await get(`${path}?limit=2&filters=${encodeURIComponent('{"id":{"gt":4}}')}&cursor=${cursor}`);
  expect(otherFilter.status).toBe(400);
  expect(otherFilter.body.error.details).toEqual({ field: 'cursor' });
  const otherSort = await get(`${path}?limit=2&sort=label&filters=${encodeURIComponent('{"id":{"gt":3}}')}&cursor=${cursor}`);
  expect(otherSort.status).toBe(400);

  const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  const tampered = (change: Record<string, unknown>) => Buffer.from(JSON.stringify({ ...decoded, ...change })).toString('base64url');
  for (const bad of [
    tampered({ p: ['x; DROP TABLE version_1'] }),
    tampered({ p: [{ a: 1 }] }),
    tampered({ v: -1 }),
    tampered({ p: [] }),
    'not a cursor',
    'e30',
  ]) {
    const response = await get(`${path}?limit=2&filters=${encodeURIComponent('{"id":{"gt":3}}')}&cursor=${encodeURIComponent(bad)}`);
    expect({ bad, status: response.status }).toEqual({ bad, status: 400 });
  }
  // A fields or limit change between pages is fine: the cursor describes a position, not a page size.
  const narrower = await get(`${path}?limit=5&fields=label&filters=${encodeURIComponent('{"id":{"gt":3}}')}&cursor=${cursor}`);
  expect(narrower.status).toBe(200);
  expect(narrower.body.records).toEqual([6, 7, 8, 9, 10].map((id) => ({ label: `first-${id}` })));
});

it('a cursor naming a version that does not exist is a 404, not other data', async () => {
  const first = await get(`${path}?limit=1`);
  const cursor = new URL(first.body.next).searchParams.get('cursor')!;
  const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  const elsewhere = Buffer.from(JSON.stringify({ ...decoded, v: 99 })).toString('base64url');
  expect((await get(`${path}?limit=1&cursor=${elsewhere}`)).status).toBe(404);
});
