import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createCatalogueClient, createDocumentClient } from '../../functions/storage/aws-clients';
import { RecordExistsError, VersionConflictError } from '../../functions/storage/catalogue-store';
import { startTestExchange, type TestExchange } from '../support/test-exchange';

/** How the DynamoDB catalogue store holds a record in its item (catalogue-item.ts), against the emulator. */
let t: TestExchange;

beforeAll(async () => {
  t = await startTestExchange();
});
afterAll(() => t.stop());

const rawItem = async (pk: string, sk: string) => {
  const client = createCatalogueClient(t.exchange.endpoints);
  try {
    return (await client.send(new GetItemCommand({ TableName: t.exchange.names.table, Key: { pk: { S: pk }, sk: { S: sk } }, ConsistentRead: true }))).Item;
  } finally {
    client.destroy();
  }
};

it('holds the value as one JSON text attribute beside the keys and version, and reads it back whole', async () => {
  const store = t.exchange.domain.catalogue;
  const value = {
    name: 'ünïcødé – “quoted” \\ back\nslash',
    empty: '',
    none: null,
    left: undefined,
    count: 12.5,
    big: 2 ** 53 - 1,
    nested: { fields: Array.from({ length: 84 }, (_, i) => ({ name: `c${i}`, type: 'number', constraints: { required: i % 2 === 0 } })) },
    list: [1, undefined, 'two', [], {}],
  };
  await store.create({ pk: 'TEST#json', sk: 'ITEM' }, value, { list: 'TEST-LIST', order: 'a' });

  const item = await rawItem('TEST#json', 'ITEM');
  expect(Object.keys(item ?? {}).sort()).toEqual(['gsi1pk', 'gsi1sk', 'pk', 'sk', 'valueJson', 'version']);
  expect(item?.version).toEqual({ N: '1' });
  expect(typeof item?.valueJson?.S).toBe('string');

  const expected = { ...value, list: [1, 'two', [], {}] };
  delete (expected as Record<string, unknown>).left;
  expect(await store.get({ pk: 'TEST#json', sk: 'ITEM' })).toEqual({ value: expected, version: 1 });
  expect(await store.getMany([{ pk: 'TEST#json', sk: 'ITEM' }])).toEqual([{ value: expected, version: 1 }]);
  expect((await store.list('TEST-LIST', { limit: 10 })).items).toEqual([{ value: expected, version: 1 }]);
});

it('refuses values JSON would silently change, writing nothing', async () => {
  const store = t.exchange.domain.catalogue;
  for (const [i, bad] of [new Set(['a']), new Map([['a', 1]]), new Date(0), Number.POSITIVE_INFINITY, Number.NaN].entries()) {
    const key = { pk: `TEST#refused-${i}`, sk: 'ITEM' };
    await expect(store.create(key, { bad })).rejects.toThrow(TypeError);
    expect(await store.get(key)).toBeUndefined();
  }
});

it('still reads records written with the value as nested DynamoDB maps, and rewrites them in the new form', async () => {
  const documents = createDocumentClient(t.exchange.endpoints);
  const old = { name: 'older', tier: 'open', keywords: ['a', 'b'], profile: { rows: 3, columns: [{ name: 'x', min: 1 }] } };
  try {
    await documents.send(
      new PutCommand({
        TableName: t.exchange.names.table,
        Item: { pk: 'TEST#legacy', sk: 'ITEM', gsi1pk: 'TEST-LEGACY', gsi1sk: 'a', version: 4, value: old },
      }),
    );
  } finally {
    documents.destroy();
  }
  const store = t.exchange.domain.catalogue;
  const key = { pk: 'TEST#legacy', sk: 'ITEM' };
  expect(await store.get(key)).toEqual({ value: old, version: 4 });
  expect(await store.getMany([key])).toEqual([{ value: old, version: 4 }]);
  expect((await store.list('TEST-LEGACY', { limit: 10 })).items).toEqual([{ value: old, version: 4 }]);

  // The version condition holds across the two forms, and the write replaces the old form.
  await expect(store.replace(key, { name: 'stale' }, 3)).rejects.toThrow(VersionConflictError);
  await expect(store.create(key, { name: 'again' })).rejects.toThrow(RecordExistsError);
  expect(await store.replace(key, { ...old, name: 'newer' }, 4)).toEqual({ value: { ...old, name: 'newer' }, version: 5 });
  const item = await rawItem('TEST#legacy', 'ITEM');
  expect(item?.value).toBeUndefined();
  expect(await store.get(key)).toEqual({ value: { ...old, name: 'newer' }, version: 5 });
  await expect(store.remove(key, 4)).rejects.toThrow(VersionConflictError);
  await store.remove(key, 5);
  expect(await store.get(key)).toBeUndefined();
});

it('makes the catalogue client with its middleware stack cached (built once per kind of command, not on every call)', () => {
  const client = createCatalogueClient(t.exchange.endpoints);
  try {
    expect(client.config.cacheMiddleware).toBe(true);
  } finally {
    client.destroy();
  }
});
