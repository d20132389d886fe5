import { checkHarvestedLinks } from '../../functions/harvest/link-checker';
import { ALLOW_HOSTS_ENV } from '../../functions/outbound/allow-list';
import { startTestExchange, type TestExchange } from '../support/test-exchange';
import { type FixtureAnswer, type FixtureServer, json, startFixtureServer } from './harvest-fixture-server';

/**
 * The link checker against real HTTP servers: it records status, type, size and when for each
 * harvested distribution, marks dead links in the API, asks with a ranged GET where HEAD is refused,
 * never has more than 2 requests at once at one host, waits out a 429's Retry-After and leaves a
 * host that asks for longer than it may wait; a dataset its source has not changed for longer
 * than its update frequency is flagged overdue.
 */
let t: TestExchange;
let portal: FixtureServer;
let files: FixtureServer;
let busyHost: FixtureServer;
let admin: string;
const base = '/api/v1/organisations/lambeth/harvest-sources';
let throttledOnce = false;

const resource = (url: string, name = url) => ({ id: name, name, format: 'CSV', url });

beforeAll(async () => {
  [portal, files, busyHost] = await Promise.all([startFixtureServer(), startFixtureServer(), startFixtureServer()]);
  process.env[ALLOW_HOSTS_ENV] = [portal.hostPort, files.hostPort, busyHost.hostPort].join(',');
  t = await startTestExchange();
  admin = await t.organisationWithToken('lambeth', 'admin');

  files.answers.set('/ok.csv', { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-length': '1234' }, body: 'x'.repeat(1234) });
  files.answers.set('/gone.csv', { status: 404, headers: { 'content-type': 'text/html' }, body: 'not here' });
  // HEAD refused: the first byte is asked for, and the size read from Content-Range.
  files.answers.set('/no-head.csv', (_query, request) =>
    request.method === 'HEAD'
      ? { status: 405, body: '' }
      : request.headers.range === 'bytes=0-0'
        ? { status: 206, headers: { 'content-type': 'text/csv', 'content-range': 'bytes 0-0/5000' }, body: 'a' }
        : { status: 200, body: 'a'.repeat(5000) },
  );
  // Throttled once with a short Retry-After: waited out, then checked.
  files.answers.set('/throttled.csv', (): FixtureAnswer => {
    if (!throttledOnce) {
      throttledOnce = true;
      return { status: 429, headers: { 'retry-after': '1' }, body: '' };
    }
    return { headers: { 'content-type': 'text/csv', 'content-length': '10' }, body: '0123456789' };
  });
  // Slow files, to see how many requests one host gets at once.
  for (let i = 0; i < 6; i++) files.answers.set(`/slow-${i}.csv`, { headers: { 'content-type': 'text/csv' }, body: 'slow', delayMs: 150 });
  // A host that asks for an hour's pause: left for the next run.
  busyHost.answers.set('/busy.csv', { status: 503, headers: { 'retry-after': '3600' }, body: '' });

  const slow = Array.from({ length: 6 }, (_, i) => resource(`${files.origin}/slow-${i}.csv`, `slow-${i}`));
  const packages = [
    {
      id: 'a1',
      name: 'street-lighting',
      title: 'Street lighting',
      license_id: 'uk-ogl',
      metadata_modified: new Date().toISOString(),
      extras: [{ key: 'frequency', value: 'monthly' }],
      resources: [
        resource(`${files.origin}/ok.csv`, 'ok'),
        resource(`${files.origin}/gone.csv`, 'gone'),
        resource(`${files.origin}/no-head.csv`, 'nohead'),
        resource(`${files.origin}/throttled.csv`, 'throttled'),
      ],
    },
    {
      id: 'a2',
      name: 'road-works',
      title: 'Road works',
      license_id: 'uk-ogl',
      // Monthly, last changed a year ago: overdue.
      metadata_modified: '2025-11-01T00:00:00',
      extras: [{ key: 'frequency', value: 'monthly' }],
      resources: [...slow, resource(`${busyHost.origin}/busy.csv`, 'busy')],
    },
  ];
  portal.answers.set('/api/3/action/package_search', json({ success: true, result: { count: packages.length, results: packages } }));
  const source = (await t.request('POST', base, { token: admin, body: { kind: 'ckan', url: `${portal.origin}/` } })).body.id;
  expect((await t.request('POST', `${base}/${source}/runs`, { token: admin })).body).toMatchObject({ status: 'completed', created: 2 });
});
afterAll(async () => {
  delete process.env[ALLOW_HOSTS_ENV];
  await t.stop();
  await Promise.all([portal.stop(), files.stop(), busyHost.stop()]);
});

const harvested = async (title: string) => {
  const listing = await t.request('GET', '/api/v1/datasets?organisation=lambeth&limit=10');
  const name = (listing.body.results as Array<{ name: string; title: string }>).find((d) => d.title === title)!.name;
  return (await t.request('GET', `/api/v1/datasets/${name}`)).body;
};
const checkOf = (dataset: { linkedResources: Array<{ url: string; check?: Record<string, unknown> }> }, path: string) =>
  dataset.linkedResources.find((r) => r.url.endsWith(path))?.check;

it('records status, type, size and time for each link, and marks dead links in the API', async () => {
  const report = await checkHarvestedLinks(t.exchange.domain, { maxWaitMs: 5_000 });
  expect(report).toMatchObject({ checked: 10, dead: 1, hostsLeftBusy: [busyHost.hostPort], datasetsUpdated: 2 });

  const lighting = await harvested('Street lighting');
  expect(checkOf(lighting, '/ok.csv')).toEqual({ status: 200, ok: true, contentType: 'text/csv', sizeBytes: 1234, checkedAt: expect.any(String) });
  expect(checkOf(lighting, '/gone.csv')).toMatchObject({ status: 404, ok: false, error: 'HTTP 404' });
  expect(checkOf(lighting, '/no-head.csv')).toMatchObject({ status: 206, ok: true, sizeBytes: 5000 });
  expect(checkOf(lighting, '/throttled.csv')).toMatchObject({ status: 200, ok: true });
  expect(files.log.filter((r) => r.path === '/no-head.csv').map((r) => [r.method, r.headers.range])).toEqual([
    ['HEAD', undefined],
    ['GET', 'bytes=0-0'],
  ]);
  // The 429 was waited out (Retry-After: 1), then asked once more.
  expect(files.log.filter((r) => r.path === '/throttled.csv')).toHaveLength(2);
  // Never more than 2 requests at once at one host.
  expect(files.maxInFlight()).toBe(2);
  // The host that asked for an hour was asked once; its link keeps no verdict.
  expect(busyHost.log).toHaveLength(1);
  expect(checkOf(await harvested('Road works'), '/busy.csv')).toBeUndefined();
});

it('flags a dataset overdue when its source has not changed it for longer than its update frequency', async () => {
  expect((await harvested('Road works')).provenance.overdueSince).toEqual(expect.any(String));
  expect((await harvested('Street lighting')).provenance.overdueSince).toBeUndefined();
});

it('does not check a link again before it is due, and a harvest run keeps the last check of a link still linked', async () => {
  const before = files.log.length;
  const report = await checkHarvestedLinks(t.exchange.domain, { maxWaitMs: 0 });
  // Only the busy host's link is due (never checked); it is still busy.
  expect(report).toMatchObject({ checked: 0, datasetsUpdated: 0, hostsLeftBusy: [busyHost.hostPort] });
  expect(files.log.length).toBe(before);

  const sources = (await t.request('GET', base, { token: admin })).body.results;
  await t.request('POST', `${base}/${sources[0].id}/runs`, { token: admin });
  expect(checkOf(await harvested('Street lighting'), '/gone.csv')).toMatchObject({ ok: false });
});

it('marks dead links and the overdue flag on the dataset pages', async () => {
  const lighting = await harvested('Street lighting');
  const page = await fetch(`${t.url}/datasets/${lighting.name}`, { headers: { accept: 'text/html' } });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('Where this dataset comes from');
  expect(html).toMatch(/Dead link: HTTP 404/);
  expect(html).toMatch(/Working \(checked/);
  const roads = await (await fetch(`${t.url}/datasets/${(await harvested('Road works')).name}`, { headers: { accept: 'text/html' } })).text();
  expect(roads).toContain('<dt>Overdue</dt>');
  expect(roads).toContain('Not checked yet');
});
