import { SNAPSHOT_LOCATION, readSnapshot } from '../../functions/search/snapshot-store';
import { useLambdaEnvironment } from '../support/lambda-environment';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * The deployed indexer entry point against the emulators: queue batches fold changes in, and the
 * schedule's invocations (which carry no records) also read the stored snapshot back, replacing
 * one damaged where it is kept even when nothing has changed.
 */
let t: TestExchange;
let handler: (event: unknown) => Promise<{ changed: number; seq: number }>;
let restoreEnvironment: () => void;

const queueBatch = (seq: number) => ({
  Records: [
    { messageId: `m-${seq}`, body: JSON.stringify({ type: 'catalogue.changed', datasetId: 'any', seq, at: new Date().toISOString() }), eventSource: 'aws:sqs' },
  ],
});
/** An EventBridge schedule invocation, as Lambda receives it. */
const scheduled = {
  version: '0',
  id: 'b4f5e5f6-0000-0000-0000-000000000000',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: new Date().toISOString(),
  region: 'eu-west-2',
  resources: ['arn:aws:events:eu-west-2:123456789012:rule/indexer-schedule'],
  detail: {},
};

beforeAll(async () => {
  t = await startTestExchange();
  restoreEnvironment = useLambdaEnvironment(t);
  ({ handler } = require('../../functions/indexer/handler'));
  const token = await t.organisationWithToken('lambeth', 'admin');
  for (const name of ['lambeth-libraries', 'lambeth-parks']) {
    expect((await t.request('POST', '/api/v1/datasets', { token, body: datasetInput(name) })).status).toBe(201);
  }
  await t.exchange.indexIdle();
});
afterAll(async () => {
  restoreEnvironment();
  await t.stop();
});

it('replaces, on a scheduled run, a snapshot damaged under metadata that still names the good one', async () => {
  const domain = t.exchange.domain;
  await handler(queueBatch(1)); // the container's indexer now holds the index in memory
  const good = Buffer.concat(await (await domain.objects.get(SNAPSHOT_LOCATION))!.toArray());
  const damaged = Buffer.from(good);
  damaged[damaged.length >> 1] ^= 0xff;
  await domain.objects.put(SNAPSHOT_LOCATION, damaged, {
    contentType: 'application/octet-stream',
    metadata: (await domain.objects.head(SNAPSHOT_LOCATION))!.metadata,
  });

  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const logs = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    await handler(scheduled);
  } finally {
    errors.mockRestore();
    logs.mockRestore();
  }
  const stored = await readSnapshot(domain, 1);
  expect(stored).toBeDefined();
  expect([...stored!.index.documents()].map(([, d]) => d.name).sort()).toEqual(['lambeth-libraries', 'lambeth-parks']);
});
