import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqlString, withScratchDuckDb } from '../../../functions/ingest/core/duckdb';
import { openLinesPipe } from '../../../functions/ingest/core/fast-path/lines-pipe';
import { splitLines } from '../../../functions/ingest/core/fast-path/split-lines';

/**
 * The named pipe DuckDB's COPY writes the lines into while they are split (copy-outputs.ts):
 * whichever side fails, the other ends rather than waiting for ever; and the split gives the
 * same files whatever the chunks the lines arrive in.
 */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ldx-lines-pipe-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const RAW = `FORMAT csv, QUOTE '', ESCAPE '', DELIMITER chr(1), HEADER false, NEW_LINE '\\n', USE_TMP_FILE false`;
const LINES = `SELECT concat('{"n":', i, '}', chr(2), i, ',x') AS line FROM range(200000) t(i)`;

const withDuckDb = <T>(work: Parameters<typeof withScratchDuckDb<T>>[3]) => withScratchDuckDb(dir, 'spill', { threads: '1' }, work);

async function drain(lines: AsyncIterable<Buffer>): Promise<number> {
  let bytes = 0;
  for await (const chunk of lines) bytes += chunk.length;
  return bytes;
}

test('the lines DuckDB writes into the pipe are all read, and the reader then sees the end', async () => {
  const path = join(dir, 'whole.pipe');
  const pipe = await openLinesPipe(path);
  if (!pipe) throw new Error('mkfifo is missing here');
  const read = drain(pipe.lines);
  await withDuckDb((connection) => connection.run(`COPY (${LINES}) TO ${sqlString(path)} (${RAW})`).finally(() => pipe.writerSettled()));
  const expected = Array.from({ length: 200_000 }, (_, i) => `{"n":${i}}\u0002${i},x\n`).join('');
  expect(await read).toBe(Buffer.byteLength(expected));
  pipe.close();
});

test('a COPY failing before it opens the pipe ends the reader (no wait for a writer that never comes)', async () => {
  const path = join(dir, 'never-opened.pipe');
  const pipe = await openLinesPipe(path);
  if (!pipe) throw new Error('mkfifo is missing here');
  const read = drain(pipe.lines);
  const copy = withDuckDb((connection) =>
    connection.run(`COPY (SELECT no_such_column FROM range(3)) TO ${sqlString(path)} (${RAW})`).finally(() => pipe.writerSettled()),
  );
  await expect(copy).rejects.toThrow(/no_such_column/);
  expect(await read).toBe(0);
  pipe.close();
});

test('a reader that stops (the split failed) makes the COPY fail rather than block on a full pipe', async () => {
  const path = join(dir, 'reader-stops.pipe');
  const pipe = await openLinesPipe(path);
  if (!pipe) throw new Error('mkfifo is missing here');
  const copy = withDuckDb((connection) => connection.run(`COPY (${LINES}) TO ${sqlString(path)} (${RAW})`).finally(() => pipe.writerSettled()));
  for await (const _ of pipe.lines) break; // one chunk, then the for-await ends the socket
  pipe.close();
  await expect(copy).rejects.toThrow();
});

test('the split writes the same files whatever the chunks the lines come in', async () => {
  const lines = Buffer.from(Array.from({ length: 3000 }, (_, i) => `{"n":${i},"t":"é${'y'.repeat(i % 41)}"}\u0002${i},"é${'y'.repeat(i % 41)}"\n`).join(''));
  const outputs = async (name: string, size: number) => {
    const paths = { csv: join(dir, `${name}.csv`), ndjson: join(dir, `${name}.ndjson`), json: join(dir, `${name}.json`) };
    async function* chunks() {
      for (let at = 0; at < lines.length; at += size) yield Buffer.from(lines.subarray(at, at + size));
    }
    const sizes = await splitLines(chunks(), paths, 'n,t');
    return { sizes, files: await Promise.all(Object.values(paths).map((p) => readFile(p, 'utf8'))) };
  };
  const whole = await outputs('whole', lines.length);
  expect(whole.files[0].split('\r\n')).toHaveLength(3002);
  expect(JSON.parse(whole.files[2])).toHaveLength(3000);
  for (const size of [1, 2, 7, 100, 4096]) expect(await outputs(`chunks-${size}`, size)).toEqual(whole);
});
