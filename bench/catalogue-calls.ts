/**
 * Catalogue call micro-benchmark: `npm run bench:catalogue-calls [calls]` (default 2000).
 * The in-process DynamoDB emulator, the catalogue store made as wiring.ts makes it (lazy store,
 * the catalogue client from aws-clients.ts), and a loop of each call the pages make: a consistent
 * get, a batched get of a dataset page's records, a listing page. Beside each, its anchor in the
 * same run: the same records held as nested maps, read through the SDK's document client (how the
 * store read them before catalogue-item.ts). Prints wall and CPU (this process: the SDK, HTTP both
 * ways and the emulator together) per call, the best of alternating rounds. With
 * BENCH_CPU_PROFILE_DIR set, writes a V8 CPU profile per call kind there (the last round's).
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { emulatorCredentials, startEmulators } from '../functions/local/emulators';
import { ensureTable } from '../functions/local/provision';
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, createDynamoClient } from '../functions/storage/aws-clients';
import { createDomainContext } from '../functions/wiring';
import { profiled } from './cpu-profile';

const CALLS = Number(process.argv[2] ?? 2000);
const TABLE = 'bench';
const ROUNDS = 3;

/** A version record shaped as ingest writes one: a Table Schema of 84 fields, objects, geography. */
const versionRecord = (version: number) => ({
  version,
  uploadId: 'u-0000',
  state: 'published',
  filename: 'profiles.csv',
  created: '2026-01-01T00:00:00.000Z',
  completedAt: '2026-01-01T00:00:01.000Z',
  detected: { format: 'csv', encoding: 'utf-8', delimiter: ',' },
  rowCount: 38,
  columnCount: 84,
  bytes: 40_000,
  sha256: 'a'.repeat(64),
  valid: true,
  errorCount: 0,
  schema: {
    fields: Array.from({ length: 84 }, (_, i) => ({
      name: `column_${i}_with_a_longish_name`,
      type: i % 3 === 0 ? 'string' : 'number',
      title: `Column ${i}`,
      constraints: { required: false },
    })),
  },
  objects: Object.fromEntries(
    ['original', 'csv', 'json', 'ndjson', 'parquet'].map((f) => [
      f,
      { key: `datasets/d/r/v${version}/data.${f}`, bytes: 40_000, mediaType: 'text/csv', extension: f },
    ]),
  ),
  geography: { gssColumns: [{ name: 'code', entity: 'E09', type: 'code', level: 'borough' }], boroughs: ['E09000001', 'E09000002'], placedRows: 33 },
});

const datasetRecord = (i: number) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  name: `bench-dataset-${i}`,
  title: `Dataset ${i}`,
  description: `Synthetic dataset ${i}, for the catalogue call benchmark.`,
  organisation: 'bench-org-00',
  tier: 'open',
  licence: 'OGL-UK-3.0',
  themes: ['environment'],
  keywords: ['air', `batch-${i % 50}`],
  updateFrequency: 'monthly',
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
});

const PAGE_KEYS = (pk: string) => [
  { pk, sk: 'DATASET' },
  { pk, sk: 'RESOURCE#profiles#V#00000001' },
  { pk: `${pk}-1`, sk: 'DATASET' },
];

const main = async (): Promise<void> => {
  const emulators = await startEmulators();
  const endpoints = { region: 'eu-west-2', dynamoEndpoint: emulators.dynamoEndpoint, credentials: emulatorCredentials };
  const admin = createDynamoClient(endpoints);
  await ensureTable(admin, TABLE);
  const { catalogue } = createDomainContext({ endpoints, tableName: TABLE, buckets: { uploads: 'u', published: 'p' } });
  // The anchor: the same records as the store wrote them before (the value as nested maps), read through the document client.
  const documents = createDocumentClient(endpoints);
  const legacy = (pk: string, sk: string, value: unknown, listing?: { list: string; order: string }) =>
    documents.send(
      new PutCommand({ TableName: TABLE, Item: { pk, sk, version: 1, value, ...(listing ? { gsi1pk: listing.list, gsi1sk: listing.order } : {}) } }),
    );
  for (let i = 0; i < 50; i++) {
    const order = `bench-dataset-${String(i).padStart(3, '0')}`;
    await catalogue.create({ pk: `DATASET#${i}`, sk: 'DATASET' }, datasetRecord(i), { list: 'DATASETS', order });
    await legacy(`LEGACY#${i}`, 'DATASET', datasetRecord(i), { list: 'LEGACY-DATASETS', order });
  }
  await catalogue.create({ pk: 'DATASET#0', sk: 'RESOURCE#profiles#V#00000001' }, versionRecord(1));
  await legacy('LEGACY#0', 'RESOURCE#profiles#V#00000001', versionRecord(1));
  const documentGetMany = async (keys: Array<{ pk: string; sk: string }>) =>
    (await documents.send(new BatchGetCommand({ RequestItems: { [TABLE]: { Keys: keys, ConsistentRead: true } } }))).Responses?.[TABLE];
  const kinds: Array<[label: string, store: () => Promise<unknown>, anchor: () => Promise<unknown>]> = [
    [
      'get (small dataset record)',
      () => catalogue.get({ pk: 'DATASET#1', sk: 'DATASET' }),
      () => documents.send(new GetCommand({ TableName: TABLE, Key: { pk: 'LEGACY#1', sk: 'DATASET' }, ConsistentRead: true })),
    ],
    [
      'get (version, 84-field schema)',
      () => catalogue.get({ pk: 'DATASET#0', sk: 'RESOURCE#profiles#V#00000001' }),
      () => documents.send(new GetCommand({ TableName: TABLE, Key: { pk: 'LEGACY#0', sk: 'RESOURCE#profiles#V#00000001' }, ConsistentRead: true })),
    ],
    ['getMany (3 records incl. version)', () => catalogue.getMany(PAGE_KEYS('DATASET#0')), () => documentGetMany(PAGE_KEYS('LEGACY#0'))],
    [
      'list 10 (query + batch get)',
      () => catalogue.list('DATASETS', { limit: 10 }),
      async () => {
        const page = await documents.send(
          new QueryCommand({
            TableName: TABLE,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :list',
            ExpressionAttributeValues: { ':list': 'LEGACY-DATASETS' },
            Limit: 10,
          }),
        );
        return documentGetMany((page.Items ?? []).map((item) => ({ pk: item.pk as string, sk: item.sk as string })));
      },
    ],
  ];
  console.log(
    `catalogue calls, in-process dynalite, ${CALLS} calls each after 100 warm-up, best of ${ROUNDS} rounds (load average before: ${loadavg()[0].toFixed(2)})`,
  );
  console.log(
    "CPU is this process's (the SDK, HTTP both ways and the emulator); the anchor reads the same records as nested maps through the document client.",
  );
  console.log('call'.padEnd(36), 'store ms'.padStart(9), 'CPU ms'.padStart(8), 'anchor ms'.padStart(10), 'CPU ms'.padStart(8), 'CPU ratio'.padStart(10));
  const timed = async (label: string, call: () => Promise<unknown>): Promise<[wall: number, cpu: number]> => {
    for (let i = 0; i < 100; i++) await call();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await profiled(label.replace(/[^a-z0-9]+/gi, '-'), async () => {
      for (let i = 0; i < CALLS; i++) await call();
    });
    const cpu = process.cpuUsage(cpuBefore);
    return [(performance.now() - started) / CALLS, (cpu.user + cpu.system) / 1000 / CALLS];
  };
  // Store and anchor take turns, ROUNDS times; the least CPU of each is printed (other work on the machine only adds).
  for (const [label, store, anchor] of kinds) {
    const best = { storeWall: Infinity, storeCpu: Infinity, anchorWall: Infinity, anchorCpu: Infinity };
    for (let round = 0; round < ROUNDS; round++) {
      const [storeWall, storeCpu] = await timed(label, store);
      const [anchorWall, anchorCpu] = await timed(`${label} anchor`, anchor);
      if (storeCpu < best.storeCpu) Object.assign(best, { storeWall, storeCpu });
      if (anchorCpu < best.anchorCpu) Object.assign(best, { anchorWall, anchorCpu });
    }
    console.log(
      label.padEnd(36),
      best.storeWall.toFixed(3).padStart(9),
      best.storeCpu.toFixed(3).padStart(8),
      best.anchorWall.toFixed(3).padStart(10),
      best.anchorCpu.toFixed(3).padStart(8),
      (best.storeCpu / best.anchorCpu).toFixed(2).padStart(10),
    );
  }
  console.log(`load average after: ${loadavg()[0].toFixed(2)}`);
  admin.destroy();
  documents.destroy();
  await emulators.stop();
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
