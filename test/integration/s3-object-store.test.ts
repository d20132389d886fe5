import { createReadStream, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createS3Client } from '../../functions/storage/aws-clients';
import { S3ObjectStore } from '../../functions/storage/s3-object-store';
import { startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * The S3 object store against the emulator, with faults injected into the real SDK client's
 * middleware stack (the body read, then a failure): a single PUT of a file is retried with a
 * fresh read, as the SDK cannot rewind a stream.
 */
let t: TestExchange;
let dir: string;
let file: string;
const content = Buffer.from('day,count\n'.repeat(50_000));

beforeAll(async () => {
  t = await startTestExchange();
  dir = await mkdtemp(join(tmpdir(), 'ldx-s3-store-'));
  file = join(dir, 'data.csv');
  writeFileSync(file, content);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await t.stop();
});

/** A store whose PutObject calls fail, before sending, with `failure` for the first `failures` attempts. */
const storeFailingPuts = (failures: number, failure: () => Error) => {
  const client = createS3Client(t.exchange.endpoints);
  let attempts = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'PutObjectCommand' && ++attempts <= failures) {
        // As a connection dropped mid-upload would: the body is read, then the request fails.
        const body = (args.input as { Body?: unknown }).Body;
        if (body && typeof body === 'object' && Symbol.asyncIterator in body) for await (const _chunk of body as AsyncIterable<unknown>);
        throw failure();
      }
      return next(args);
    },
    { step: 'initialize', name: 'injectPutFailures' },
  );
  const store = new S3ObjectStore(client, { uploads: t.exchange.names.uploads, published: t.exchange.names.published });
  return { store, attempts: () => attempts };
};

const slowDown = () => Object.assign(new Error('Please reduce your request rate.'), { name: 'SlowDown', $metadata: { httpStatusCode: 503 } });
const accessDenied = () => Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });

const stored = async (key: string): Promise<Buffer> => Buffer.concat(await (await t.exchange.domain.objects.get({ bucket: 'published', key }))!.toArray());

it('retries a re-openable file after a transient failure and stores every byte', async () => {
  const { store, attempts } = storeFailingPuts(2, slowDown);
  await store.put({ bucket: 'published', key: 'test/retried.csv' }, () => createReadStream(file), { contentType: 'text/csv', contentLength: content.length });
  expect(attempts()).toBe(3);
  expect((await stored('test/retried.csv')).equals(content)).toBe(true);
});

it('gives up after three attempts, and at once on an error that will not pass', async () => {
  const transient = storeFailingPuts(3, slowDown);
  await expect(
    transient.store.put({ bucket: 'published', key: 'test/never.csv' }, () => createReadStream(file), {
      contentType: 'text/csv',
      contentLength: content.length,
    }),
  ).rejects.toThrow('reduce your request rate');
  expect(transient.attempts()).toBe(3);
  const denied = storeFailingPuts(1, accessDenied);
  await expect(
    denied.store.put({ bucket: 'published', key: 'test/denied.csv' }, () => createReadStream(file), { contentType: 'text/csv', contentLength: content.length }),
  ).rejects.toThrow('Access Denied');
  expect(denied.attempts()).toBe(1);
  expect(await t.exchange.domain.objects.head({ bucket: 'published', key: 'test/never.csv' })).toBeUndefined();
});
