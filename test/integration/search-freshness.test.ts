import { createApp } from '../../functions/api/app';
import { readChangeEntries, readLogHead } from '../../functions/search/change-log';
import { readSnapshot, SNAPSHOT_LOCATION } from '../../functions/search/snapshot-store';
import { LOG_RETENTION_MS } from '../../functions/indexer/run-indexer';
import { createDomainContext } from '../../functions/wiring';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * A deletion or tier downgrade is never visible in search once the write has returned, and a new
 * dataset is found at once, however far behind the stored snapshot is: each search first applies
 * the change log.
 */
let t: TestExchange;
let hackney: string;
let islington: string;

const names = (body: { results: Array<{ name: string }> }) => body.results.map((d) => d.name);
const everyFacetValue = (body: { facets: Record<string, Array<{ value: string }>> }) =>
  Object.values(body.facets).flatMap((values) => values.map((v) => v.value));

const create = async (name: string, fields: Record<string, unknown> = {}, token = hackney) => {
  const response = await t.request('POST', '/api/v1/datasets', { token, body: datasetInput(name, fields) });
  if (response.status !== 201) throw new Error(response.text);
  return response;
};
const patch = async (name: string, body: Record<string, unknown>) => {
  const response = await t.request('PATCH', `/api/v1/datasets/${name}`, { token: hackney, body, headers: { 'if-match': '*' } });
  if (response.status !== 200) throw new Error(response.text);
};

/** An API process that has just started: its own domain context on the same table and buckets. */
const coldProcess = () => {
  const domain = createDomainContext({
    endpoints: t.exchange.endpoints,
    tableName: t.exchange.names.table,
    buckets: { uploads: t.exchange.names.uploads, published: t.exchange.names.published },
    now: t.clock.now,
  });
  const app = createApp({ domain, publicBaseUrl: t.url });
  return async (path: string, token?: string) => {
    const response = await app.request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, body: (await response.json()) as any };
  };
};

beforeAll(async () => {
  t = await startTestExchange();
  hackney = await t.organisationWithToken('hackney', 'admin');
  islington = await t.organisationWithToken('islington', 'admin');
});
afterAll(() => t.stop());

it('never shows private data to anonymous callers or other organisations: not in results, counts or facets', async () => {
  await create('hackney-open-markets', { title: 'Street markets', keywords: ['markets'] });
  await create('hackney-private-markets', {
    title: 'Street markets internal review',
    tier: 'private',
    licence: 'proprietary',
    keywords: ['markets', 'hiddenword'],
    themes: ['planning'],
  });
  for (const token of [undefined, islington]) {
    const { body } = await t.request('GET', '/api/v1/datasets?q=markets', { token });
    expect(names(body)).toEqual(['hackney-open-markets']);
    expect(body.count).toBe(1);
    expect(everyFacetValue(body)).not.toEqual(expect.arrayContaining(['hiddenword']));
    expect(everyFacetValue(body)).not.toContain('planning');
    expect(everyFacetValue(body)).not.toContain('private');
    expect((await t.request('GET', '/api/v1/datasets?q=hiddenword', { token })).body.count).toBe(0);
  }
  expect(names((await t.request('GET', '/api/v1/datasets?q=hiddenword', { token: hackney })).body)).toEqual(['hackney-private-markets']);
});

it('drops a dataset from search as soon as a tier downgrade returns', async () => {
  await create('hackney-bins', { title: 'Bin collections', tier: 'shared', licence: 'proprietary', keywords: ['bins'] });
  expect(names((await t.request('GET', '/api/v1/datasets?q=bins')).body)).toEqual(['hackney-bins']);
  await patch('hackney-bins', { tier: 'private' });
  const after = await t.request('GET', '/api/v1/datasets?q=bins');
  expect(after.body).toMatchObject({ count: 0, results: [] });
  expect(everyFacetValue(after.body)).toEqual([]);
  expect((await t.request('GET', '/api/v1/datasets?keyword=bins')).body.count).toBe(0);
});

it('drops a deleted dataset, and finds a new one, at once', async () => {
  await create('hackney-libraries', { title: 'Library visits', keywords: ['libraries'] });
  expect(names((await t.request('GET', '/api/v1/datasets?q=libraries')).body)).toEqual(['hackney-libraries']);
  expect((await t.request('DELETE', '/api/v1/datasets/hackney-libraries', { token: hackney })).status).toBe(204);
  expect((await t.request('GET', '/api/v1/datasets?q=libraries')).body).toMatchObject({ count: 0, results: [] });
  await create('hackney-parks', { title: 'Parks and open spaces' });
  expect(names((await t.request('GET', '/api/v1/datasets?q=parks')).body)).toEqual(['hackney-parks']);
});

it('is exact in a fresh process whose snapshot is behind the catalogue', async () => {
  await t.exchange.indexIdle();
  const stale = await readSnapshot(t.exchange.domain);
  expect([...stale!.index.documents()].map(([, d]) => d.name)).toContain('hackney-parks');
  await patch('hackney-parks', { tier: 'private' });
  await create('hackney-swimming', { title: 'Swimming pools' });
  await t.exchange.indexIdle();
  await t.exchange.domain.objects.put(SNAPSHOT_LOCATION, stale!.bytes, { contentType: 'application/octet-stream', metadata: { seq: String(stale!.seq) } });

  const fresh = coldProcess();
  expect((await fresh('/api/v1/datasets?q=parks')).body.count).toBe(0);
  expect(names((await fresh('/api/v1/datasets?q=parks', hackney)).body)).toEqual(['hackney-parks']);
  expect(names((await fresh('/api/v1/datasets?q=swimming')).body)).toEqual(['hackney-swimming']);
});

it('reloads when the log has been trimmed past what a process has seen', async () => {
  const lagging = coldProcess();
  expect(names((await lagging('/api/v1/datasets?q=cemeteries')).body)).toEqual([]);
  const cemeteriesSeq = (await readLogHead(t.exchange.domain)).lastSeq + 1;
  await create('hackney-cemeteries', { title: 'Cemeteries' });
  await patch('hackney-swimming', { tier: 'private' });
  t.clock.advance(LOG_RETENTION_MS + 60_000);
  await create('hackney-trigger', { title: 'Anything, to wake the indexer' });
  await t.exchange.indexIdle();
  const head = await readLogHead(t.exchange.domain);
  expect(head.floor).toBeGreaterThanOrEqual(cemeteriesSeq + 1);
  // Trimmed: the lagging process cannot catch up from the log and must reload.
  expect((await readChangeEntries(t.exchange.domain, [cemeteriesSeq, cemeteriesSeq + 1])).size).toBe(0);
  expect((await readChangeEntries(t.exchange.domain, [head.lastSeq])).size).toBe(1);

  expect(names((await lagging('/api/v1/datasets?q=cemeteries')).body)).toEqual(['hackney-cemeteries']);
  expect((await lagging('/api/v1/datasets?q=swimming')).body.count).toBe(0);
});

it('rebuilds from the catalogue when the snapshot cannot be read', async () => {
  await t.exchange.indexIdle();
  await t.exchange.domain.objects.put(SNAPSHOT_LOCATION, '{"format": "ldx-search-snap', { contentType: 'application/json' });
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const fresh = coldProcess();
    const { body } = await fresh('/api/v1/datasets?limit=1000');
    expect(names(body)).toEqual(['hackney-cemeteries', 'hackney-open-markets', 'hackney-trigger']);
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('snapshot unreadable'), expect.anything());
  } finally {
    errors.mockRestore();
  }
});
