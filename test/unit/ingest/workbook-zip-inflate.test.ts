import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { InflateRaw } from 'node:zlib';
import { CheckedZip } from '../../../functions/ingest/core/workbook/zip-archive';
import { writeZip } from '../../support/zip-writer';
import { newWorkDir, removeWorkDirs } from './helpers';

/**
 * A part of zeros compresses about 1 000 to 1: one 64 KiB read of it inflates to about 64 MiB. The
 * inflater must hand its output on a chunk at a time, stopping when its reader is behind, so
 * memory is bounded by the chunk size and a part lying about its size is stopped at the lie,
 * not after its whole compressed read is inflated. The bytes every inflater has pushed are
 * counted against those the reader took.
 */
const CHUNK = 256 * 1024;
const PART = Buffer.alloc(64 * 2 ** 20);

afterAll(removeWorkDirs);

async function zipOf(claimedSize: number): Promise<CheckedZip> {
  const path = join(await newWorkDir(), 'zeros.zip');
  await writeFile(path, writeZip([{ name: 'zeros.xml', data: PART, claimedSize }]));
  // The ratio cap (the directory's check) is lifted: this is about what inflation itself holds.
  return CheckedZip.open(path, { maxEntries: 10, maxUncompressedBytes: 2 ** 31, maxRatio: 1e9, ratioCheckAboveBytes: 2 ** 20 });
}

/** Reads the part slowly (a turn of the event loop per chunk); how far the inflaters ran ahead of it, and in all. */
async function readSlowly(zip: CheckedZip): Promise<{ inflated: number; maxAhead: number; read: number; error?: string }> {
  let inflated = 0;
  let read = 0;
  let maxAhead = 0;
  const push = Readable.prototype.push;
  const spy = jest.spyOn(Readable.prototype, 'push').mockImplementation(function (this: Readable, chunk: unknown, encoding?: BufferEncoding) {
    if (this instanceof InflateRaw && Buffer.isBuffer(chunk)) {
      inflated += chunk.length;
      maxAhead = Math.max(maxAhead, inflated - read);
    }
    return push.call(this, chunk, encoding);
  });
  try {
    for await (const chunk of zip.chunks('zeros.xml')) {
      read += chunk.length;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { inflated, maxAhead, read };
  } catch (error) {
    return { inflated, maxAhead, read, error: (error as Error).message };
  } finally {
    spy.mockRestore();
    zip.close();
  }
}

test('a part inflating 1 000 to 1 is inflated at most a chunk or two ahead of its reader', async () => {
  const result = await readSlowly(await zipOf(PART.length));
  expect(result.error).toBeUndefined();
  expect(result.read).toBe(PART.length);
  expect(result.maxAhead).toBeLessThanOrEqual(2 * CHUNK);
});

test('a part lying about its size is refused after a chunk or two inflated, not its whole compressed read', async () => {
  const result = await readSlowly(await zipOf(1000));
  expect(result.error).toMatch(/zeros\.xml cannot be unpacked \(more bytes than the 1000 its directory entry declares\)/);
  expect(result.inflated).toBeLessThanOrEqual(2 * CHUNK);
});
