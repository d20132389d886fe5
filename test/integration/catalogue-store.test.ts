import { getVisibleDatasets } from '../../functions/domain/datasets';
import { startTestExchange, type TestExchange } from '../support/test-exchange';

/** The DynamoDB catalogue store's batched consistent read, against the emulator, and the policy applied on top of it. */
let t: TestExchange;

beforeAll(async () => {
  t = await startTestExchange();
});
afterAll(() => t.stop());

it('reads many records in one call, in the order asked, with gaps for missing keys and repeats allowed', async () => {
  const store = t.exchange.domain.catalogue;
  const keys = Array.from({ length: 130 }, (_, i) => ({ pk: `TEST#many-${i}`, sk: 'ITEM' }));
  for (const [i, key] of keys.entries()) if (i % 3 !== 0) await store.create(key, { n: i });

  // More than one batch (DynamoDB takes 100 keys at a time), shuffled, with a repeated key.
  const asked = [...keys.slice(65), ...keys.slice(0, 65), keys[1]];
  const found = await store.getMany<{ n: number }>(asked);

  expect(found).toHaveLength(asked.length);
  asked.forEach((key, i) => {
    const n = Number(key.pk.slice('TEST#many-'.length));
    if (n % 3 === 0) expect(found[i]).toBeUndefined();
    else expect(found[i]).toEqual({ value: { n }, version: 1 });
  });
  expect(await store.getMany([])).toEqual([]);
});

it('gives only the datasets the caller may see, in the order asked', async () => {
  const camden = await t.organisationWithToken('camden', 'admin');
  const ids: Record<string, string> = {};
  for (const [name, tier] of [
    ['camden-open', 'open'],
    ['camden-private', 'private'],
    ['camden-gone', 'open'],
  ] as const) {
    const created = await t.request('POST', '/api/v1/datasets', { token: camden, body: { name, title: name, licence: 'OGL-UK-3.0', tier } });
    expect(created.status).toBe(201);
    ids[name] = created.body.id as string;
  }
  expect((await t.request('DELETE', '/api/v1/datasets/camden-gone', { token: camden })).status).toBe(204);
  const asked = [ids['camden-private'], ids['camden-gone'], 'not-a-dataset', ids['camden-open']];

  const anonymous = await getVisibleDatasets(t.exchange.domain, { kind: 'anonymous' }, asked);
  expect(anonymous.map((r) => r.value.name)).toEqual(['camden-open']);
  const admin = await getVisibleDatasets(t.exchange.domain, { kind: 'platform-admin' }, asked);
  expect(admin.map((r) => r.value.name)).toEqual(['camden-private', 'camden-open']);
});
