import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createS3Client } from '../../functions/storage/aws-clients';
import { startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * The local S3 replaces an object whole, as S3 does: a GET racing PUTs of the same key reads one
 * version entire, with its own length and metadata, never half of one or a mix of two (the search
 * snapshot is rewritten by the indexer while processes starting up read it).
 */
let t: TestExchange;

beforeAll(async () => {
  t = await startTestExchange();
});
afterAll(() => t.stop());

it('never serves half an object, or one version’s bytes under another’s metadata, while it is replaced', async () => {
  const s3 = createS3Client(t.exchange.endpoints);
  const Bucket = t.exchange.names.published;
  const Key = 'test/atomic-replace.bin';
  // Versions of different sizes, each byte its version's letter, the version in the metadata too.
  const versions = ['a', 'b', 'c', 'd', 'e', 'f'].map((letter, i) => ({ letter, body: Buffer.alloc(2_000_000 + i * 300_000, letter) }));
  const put = (v: (typeof versions)[number]) => s3.send(new PutObjectCommand({ Bucket, Key, Body: v.body, Metadata: { letter: v.letter } }));
  await put(versions[0]);
  const reads: Array<Promise<{ letter: string | undefined; bytes: Buffer }>> = [];
  const read = async () => {
    const got = await s3.send(new GetObjectCommand({ Bucket, Key }));
    return { letter: got.Metadata?.letter, bytes: Buffer.from(await got.Body!.transformToByteArray()) };
  };
  for (const version of versions.slice(1)) {
    const writing = put(version);
    for (let i = 0; i < 4; i++) reads.push(read());
    await writing;
  }
  const seen = await Promise.all(reads);
  for (const { letter, bytes } of seen) {
    const version = versions.find((v) => v.letter === letter);
    expect(version).toBeDefined();
    expect(bytes.length).toBe(version!.body.length);
    expect(bytes.equals(version!.body)).toBe(true);
  }
  s3.destroy();
});
