import { startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * The 400 KB item limit with each value held as JSON text (catalogue-item.ts): JSON escapes every
 * `"`, `\` and control character, so a value of such text takes up to six times the bytes it did
 * as nested DynamoDB maps. A value that fitted as maps (a 1 000-column version whose header names
 * are full of quotes, say) must still be stored; one too big in both forms is refused whole.
 */
let t: TestExchange;

beforeAll(async () => {
  t = await startTestExchange();
});
afterAll(() => t.stop());

it('stores a value whose JSON text is over the item limit but which fits as maps, and reads it back whole', async () => {
  const store = t.exchange.domain.catalogue;
  const value = { schema: { fields: Array.from({ length: 1000 }, (_, i) => ({ name: `${'"'.repeat(300)}${i}`, type: 'integer' })) } };
  expect(Buffer.byteLength(JSON.stringify(value))).toBeGreaterThan(400 * 1024);
  const key = { pk: 'TEST#quoted', sk: 'ITEM' };
  expect(await store.create(key, value, { list: 'TEST-QUOTED', order: 'a' })).toEqual({ value, version: 1 });
  expect(await store.get(key)).toEqual({ value, version: 1 });
  expect(await store.getMany([key])).toEqual([{ value, version: 1 }]);
  expect((await store.list('TEST-QUOTED', { limit: 5 })).items).toEqual([{ value, version: 1 }]);
  expect(await store.replace(key, { small: true }, 1)).toEqual({ value: { small: true }, version: 2 });
  expect(await store.get(key)).toEqual({ value: { small: true }, version: 2 });
});

it('refuses a value too big in either form, writing nothing', async () => {
  const store = t.exchange.domain.catalogue;
  const key = { pk: 'TEST#huge', sk: 'ITEM' };
  await expect(store.create(key, { text: 'x'.repeat(450 * 1024) })).rejects.toThrow();
  expect(await store.get(key)).toBeUndefined();
});
