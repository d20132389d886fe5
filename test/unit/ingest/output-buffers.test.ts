import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ndjsonToJsonArray } from '../../../functions/ingest/core/outputs/json-array';
import { type BlockSink, BufferedTextFile } from '../../../functions/ingest/core/outputs/output-file';

/** Both writers reuse their buffers from one MB to the next: files of several MB check nothing is overwritten in flight. */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ldx-output-buffers-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const line = (i: number): string => `{"row":${i},"text":"ligne ${i} £ ✓ ${'x'.repeat(i % 97)}"}\n`;

describe('BufferedTextFile', () => {
  const fill = async (file: BufferedTextFile): Promise<string> => {
    const expected: string[] = [];
    for (let i = 0; i < 60_000; i++) {
      // Now and then a piece larger than a block, which bypasses the blocks.
      const piece = i % 20_000 === 10_000 ? `${'é'.repeat(600_000)}\n` : line(i);
      file.push(piece);
      expected.push(piece);
      if (i % 500 === 0 && file.hasFullBlocks) await file.flush();
    }
    return expected.join('');
  };

  it('writes every piece in order across many reused 1 MB blocks, oversized pieces included', async () => {
    const path = join(dir, 'blocks.txt');
    const file = await BufferedTextFile.create(path);
    const expected = await fill(file);
    const bytes = await file.close();
    const written = await readFile(path, 'utf8');
    expect(written).toBe(expected);
    expect(bytes).toBe(Buffer.byteLength(written));
    expect(bytes).toBeGreaterThan(6 * 1024 * 1024);
  });

  it('never refills a block before its write has finished, and finishes writes that take less than asked', async () => {
    // A slow writer that reads the bytes only when its write completes, and takes at most 300 000 at a time.
    const chunks: Buffer[] = [];
    const sink: BlockSink = {
      write: (bytes, offset, length) =>
        new Promise((resolve) =>
          setTimeout(() => {
            const taken = Math.min(length, 300_000);
            chunks.push(Buffer.from(bytes.subarray(offset, offset + taken)));
            resolve({ bytesWritten: taken });
          }, 2),
        ),
      close: async () => undefined,
    };
    const file = new BufferedTextFile('slow', sink);
    const expected = await fill(file);
    const bytes = await file.close();
    const written = Buffer.concat(chunks).toString('utf8');
    expect(written === expected).toBe(true);
    expect(bytes).toBe(Buffer.byteLength(expected));
  });
});

describe('ndjsonToJsonArray', () => {
  it('copies a multi-MB NDJSON file into the same rows as a JSON array', async () => {
    const ndjsonPath = join(dir, 'rows.ndjson');
    const rows = Array.from({ length: 50_000 }, (_, i) => line(i));
    await writeFile(ndjsonPath, rows.join(''));
    const jsonPath = join(dir, 'rows.json');
    const bytes = await ndjsonToJsonArray(ndjsonPath, jsonPath, Buffer.byteLength(rows.join('')));
    const text = await readFile(jsonPath, 'utf8');
    expect(bytes).toBe(Buffer.byteLength(text));
    expect(JSON.parse(text)).toEqual(rows.map((r) => JSON.parse(r)));
    expect(text).toBe(`[\n${rows.map((r) => r.slice(0, -1)).join(',\n')}\n]\n`);
  });
});
