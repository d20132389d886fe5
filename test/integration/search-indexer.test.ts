import { runIndexer } from '../../functions/indexer/run-indexer';
import { appendChange, readChangeEntries, readLogHead } from '../../functions/search/change-log';
import { runSearch } from '../../functions/search/search-query';
import { readSnapshot, type StoredSnapshot, storedSnapshotSeq } from '../../functions/search/snapshot-store';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/** The indexer: folds catalogue changes into the stored snapshot, one run at a time, whatever the events say. */
let t: TestExchange;
let sutton: string;

const documentsOf = (snapshot: StoredSnapshot | undefined) => (snapshot ? [...snapshot.index.documents()].map(([, d]) => d) : []);
const snapshotNames = async () =>
  documentsOf(await readSnapshot(t.exchange.domain))
    .map((d) => d.name)
    .sort();

beforeAll(async () => {
  t = await startTestExchange();
  sutton = await t.organisationWithToken('sutton', 'admin');
});
afterAll(() => t.stop());

it('stores a new dataset in the snapshot well within 5 seconds', async () => {
  const started = Date.now();
  const created = await t.request('POST', '/api/v1/datasets', { token: sutton, body: datasetInput('sutton-allotments', { title: 'Allotments' }) });
  expect(created.status).toBe(201);
  await t.exchange.indexIdle();
  expect(await snapshotNames()).toContain('sutton-allotments');
  expect(Date.now() - started).toBeLessThan(5000);
  const snapshot = await readSnapshot(t.exchange.domain);
  expect(snapshot!.seq).toBe((await readLogHead(t.exchange.domain)).lastSeq);
  expect(await storedSnapshotSeq(t.exchange.domain)).toBe(snapshot!.seq);
});

it('is unmoved by duplicate, late and out-of-order events', async () => {
  const created = await t.request('POST', '/api/v1/datasets', { token: sutton, body: datasetInput('sutton-toilets', { title: 'Public toilets' }) });
  await t.request('DELETE', '/api/v1/datasets/sutton-toilets', { token: sutton });
  await t.exchange.indexIdle();
  expect(await snapshotNames()).not.toContain('sutton-toilets');
  const seqBefore = (await readSnapshot(t.exchange.domain))!.seq;

  // The creation event again, late, and a duplicate of an older one: the dataset stays deleted.
  const events = t.exchange.domain.events!;
  await events.publish({ type: 'catalogue.changed', datasetId: created.body.id, datasetVersion: 1, seq: 1, at: created.body.created });
  await events.publish({ type: 'catalogue.changed', datasetId: created.body.id, datasetVersion: 1, seq: 1, at: created.body.created });
  await t.exchange.indexIdle();
  expect(await snapshotNames()).not.toContain('sutton-toilets');
  expect((await readSnapshot(t.exchange.domain))!.seq).toBe(seqBefore);
  expect((await t.request('GET', '/api/v1/datasets?q=toilets')).body.count).toBe(0);
});

it('changes nothing when run again, and a new indexer starts from the stored snapshot', async () => {
  await t.exchange.indexIdle();
  const before = await readSnapshot(t.exchange.domain);
  const fresh = {};
  const first = await runIndexer(t.exchange.domain, fresh);
  expect(first).toMatchObject({ from: 'snapshot', changed: 0, seq: before!.seq });
  expect(first.snapshotBytes).toBeUndefined();
  expect(await runIndexer(t.exchange.domain, fresh)).toMatchObject({ from: 'memory', changed: 0 });
  expect((await readSnapshot(t.exchange.domain))!.bytes.equals(before!.bytes)).toBe(true);
});

it('hands out every change-log position exactly once under concurrent writers', async () => {
  const start = (await readLogHead(t.exchange.domain)).lastSeq;
  const seqs = await Promise.all(Array.from({ length: 12 }, (_, i) => appendChange(t.exchange.domain, `concurrent-${i}`)));
  expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => start + i + 1));
  const entries = await readChangeEntries(t.exchange.domain, seqs);
  expect([...entries.values()].map((e) => e.datasetId).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `concurrent-${i}`).sort());
});

it('keeps column names of published resources in the snapshot', async () => {
  await t.request('POST', '/api/v1/datasets/sutton-allotments/resources', { token: sutton, body: { name: 'plots' } });
  await t.request('PUT', '/api/v1/datasets/sutton-allotments/resources/plots/data?filename=plots.csv', {
    token: sutton,
    rawBody: 'plot_number,waiting_list_length\n1,4\n',
    headers: { 'content-type': 'text/csv' },
  });
  await t.exchange.indexIdle();
  const snapshot = await readSnapshot(t.exchange.domain);
  expect(documentsOf(snapshot).find((d) => d.name === 'sutton-allotments')).toMatchObject({ formats: ['CSV'] });
  // Column names are searchable text: the loaded snapshot finds the dataset by them.
  for (const column of ['plot_number', 'waiting_list_length']) {
    const found = runSearch(
      snapshot!.index,
      { kind: 'platform-admin' },
      { text: column, conditions: [], sort: { by: 'name', direction: 'asc' }, limit: 10, facets: [], facetLimit: 0, facetMode: 'conjunctive' },
    );
    expect(found.hits.map((h) => h.doc.name)).toEqual(['sutton-allotments']);
  }
});

it('is not held up by a number whose writer died before writing its entry', async () => {
  const domain = t.exchange.domain;
  // A writer that takes a number and dies before its entry is written.
  const store = domain.catalogue;
  const dying: typeof domain = {
    ...domain,
    catalogue: {
      get: (key) => store.get(key),
      getMany: (keys) => store.getMany(keys),
      putNew: (records) => store.putNew(records),
      replace: (key, value, expected, listing) => store.replace(key, value, expected, listing),
      remove: (key, expected) => store.remove(key, expected),
      list: (list, options) => store.list(list, options),
      create: async (key, value, listing) => {
        if (key.pk.startsWith('SEARCH#CHANGE#')) throw new Error('process died');
        return store.create(key, value, listing);
      },
    },
  };
  await expect(appendChange(dying, 'never-written')).rejects.toThrow('process died');
  const gap = (await readLogHead(domain)).lastSeq;

  // Later changes are still seen at once, by searches and by the indexer…
  await t.request('POST', '/api/v1/datasets', { token: sutton, body: datasetInput('sutton-ponds', { title: 'Ponds' }) });
  expect((await t.request('GET', '/api/v1/datasets?q=ponds')).body.count).toBe(1);
  await t.exchange.indexIdle();
  expect(await snapshotNames()).toContain('sutton-ponds');
  // …but the snapshot does not claim the missing number until its writer is evidently gone.
  expect((await readSnapshot(domain))!.seq).toBe(gap - 1);
  t.clock.advance(61_000);
  await t.request('POST', '/api/v1/datasets', { token: sutton, body: datasetInput('sutton-wells', { title: 'Wells' }) });
  await t.exchange.indexIdle();
  expect((await readSnapshot(domain))!.seq).toBe((await readLogHead(domain)).lastSeq);
  expect((await t.request('GET', '/api/v1/datasets?q=wells')).body.count).toBe(1);
});
