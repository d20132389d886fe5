import type { CatalogueStore, RecordKey } from '../../functions/storage/catalogue-store';
import { createResource } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * CKAN package_search reads a page's datasets and the resources their search documents name in
 * one consistent batch, and what it answers is what the policy lets the caller see.
 */
let t: TestExchange;
let camden: string;

/** Every batched read the exchange makes while `work` runs (the real store, watched). */
const batchesDuring = async (work: () => Promise<unknown>): Promise<RecordKey[][]> => {
  const domain = t.exchange.domain;
  const store = domain.catalogue;
  const batches: RecordKey[][] = [];
  const watched: CatalogueStore = {
    ...store,
    getMany: (keys) => {
      batches.push(keys);
      return store.getMany(keys);
    },
  };
  domain.catalogue = watched;
  try {
    await work();
  } finally {
    domain.catalogue = store;
  }
  return batches.filter((keys) => keys.length > 0);
};

beforeAll(async () => {
  t = await startTestExchange();
  camden = await t.organisationWithToken('camden', 'admin');
  for (const [name, tier] of [
    ['camden-reads-one', 'open'],
    ['camden-reads-two', 'open'],
    ['camden-reads-hidden', 'private'],
  ] as const) {
    await t.request('POST', '/api/v1/datasets', { token: camden, body: datasetInput(name, { title: `Reads ${name}`, tier, keywords: ['readsbatch'] }) });
    await createResource(t, camden, name, { name: 'rows' });
    await createResource(t, camden, name, { name: 'notes' });
  }
  await t.exchange.indexIdle();
}, 60_000);
afterAll(() => t.stop());

it('reads the datasets and their resources in one batch, and shows each dataset its own resources', async () => {
  let body: any;
  const batches = await batchesDuring(async () => {
    body = (await t.request('GET', '/api/3/action/package_search?q=readsbatch&sort=name%20asc')).body;
  });
  expect(body.success).toBe(true);
  expect(body.result.results.map((p: { name: string }) => p.name)).toEqual(['camden-reads-one', 'camden-reads-two']);
  for (const pkg of body.result.results) {
    expect(pkg.resources.map((r: { name: string }) => r.name).sort()).toEqual(['notes', 'rows']);
    expect(pkg.resources.every((r: { package_id: string }) => r.package_id === pkg.id)).toBe(true);
  }
  const withResources = batches.filter((keys) => keys.some((key) => key.sk.startsWith('RESOURCE#')));
  expect(withResources).toHaveLength(1);
  expect(withResources[0].some((key) => key.sk === 'DATASET')).toBe(true);
});

it('shows a hidden dataset and its resources only to its publisher', async () => {
  const anonymous = (await t.request('GET', '/api/3/action/package_search?q=readsbatch&include_private=true')).body.result;
  expect(JSON.stringify(anonymous)).not.toContain('camden-reads-hidden');
  const publisher = (await t.request('GET', '/api/3/action/package_search?q=readsbatch&include_private=true&sort=name%20asc', { token: camden })).body.result;
  const hidden = publisher.results.find((p: { name: string }) => p.name === 'camden-reads-hidden');
  expect(hidden.resources.map((r: { name: string }) => r.name).sort()).toEqual(['notes', 'rows']);
});

it('lists the resources of a dataset whose search document is older than its record', async () => {
  // A resource added after the document was built: the document's names are not used for that dataset.
  const before = (await t.request('GET', '/api/3/action/package_search?q=readsbatch&sort=name%20asc')).body.result;
  expect(before.results[0].resources).toHaveLength(2);
  await createResource(t, camden, 'camden-reads-one', { name: 'extra' });
  const after = (await t.request('GET', '/api/3/action/package_search?q=readsbatch&sort=name%20asc')).body.result;
  expect(after.results[0].resources.map((r: { name: string }) => r.name).sort()).toEqual(['extra', 'notes', 'rows']);
});
