import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { sqlString, withScratchDuckDb } from '../../../functions/ingest/core/duckdb';
import { splitLines } from '../../../functions/ingest/core/fast-path/split-lines';
import { newWorkDir, removeWorkDirs } from './helpers';

afterAll(removeWorkDirs);

/**
 * The split reads the lines file while DuckDB's COPY is still writing it (copy-outputs.ts,
 * growing-file.ts): it must give the very files a split of the finished file gives, whatever
 * the pieces the file grows by, and end (never wait for ever) whichever side fails.
 */
const RAW = `FORMAT csv, QUOTE '', ESCAPE '', DELIMITER chr(1), HEADER false, NEW_LINE '\\n', USE_TMP_FILE false`;
const LINES = `SELECT concat('{"n":', i, ',"t":"é', repeat('y', (i % 41)::INTEGER), '"}', chr(2), i, ',é', repeat('y', (i % 41)::INTEGER)) AS line FROM range(300000) t(i)`;
const lineText = (i: number) => `{"n":${i},"t":"é${'y'.repeat(i % 41)}"}\u0002${i},é${'y'.repeat(i % 41)}\n`;

async function splitOf(dir: string, name: string, linesPath: string, writing?: Promise<unknown>) {
  const paths = { csv: join(dir, `${name}.csv`), ndjson: join(dir, `${name}.ndjson`), json: join(dir, `${name}.json`) };
  const sizes = await splitLines(linesPath, paths, 'n,t', writing);
  return { sizes, files: await Promise.all(Object.values(paths).map((p) => readFile(p, 'utf8'))) };
}

const copyWith = (dir: string, sql: string, path: string) =>
  withScratchDuckDb(dir, 'spill', { threads: '1' }, (connection) => connection.run(`COPY (${sql}) TO ${sqlString(path)} (${RAW})`));

test("the split of DuckDB's lines as the COPY writes them is the split of the finished file", async () => {
  const dir = await newWorkDir();
  const linesPath = join(dir, 'lines.spool');
  const copy = copyWith(dir, LINES, linesPath);
  const following = await splitOf(dir, 'following', linesPath, copy);
  const finished = await splitOf(dir, 'finished', linesPath);
  expect(following).toEqual(finished);
  expect(finished.files[0].split('\r\n')).toHaveLength(300_002);
  expect(JSON.parse(finished.files[2])).toHaveLength(300_000);
});

test('a file that grows by pieces cut anywhere (mid-line, mid-character) splits as the whole file does', async () => {
  const dir = await newWorkDir();
  const whole = Buffer.from(Array.from({ length: 2000 }, (_, i) => lineText(i)).join(''));
  const wholePath = join(dir, 'whole.spool');
  await writeFile(wholePath, whole);
  const expected = await splitOf(dir, 'whole', wholePath);
  for (const piece of [1 + 7919, 65_537, 1_000_003]) {
    const growing = join(dir, `growing-${piece}.spool`);
    const writing = (async () => {
      await delay(20); // the reader starts before the file exists
      for (let at = 0; at < whole.length; at += piece) {
        await appendFile(growing, whole.subarray(at, at + piece));
        await delay(2);
      }
    })();
    expect(await splitOf(dir, `growing-${piece}`, growing, writing)).toEqual(expected);
  }
});

test('a COPY that fails before it makes the file fails the split with its error', async () => {
  const dir = await newWorkDir();
  const linesPath = join(dir, 'never.spool');
  const copy = copyWith(dir, 'SELECT no_such_column FROM range(3)', linesPath);
  await expect(splitOf(dir, 'never', linesPath, copy)).rejects.toThrow(/no_such_column/);
});

test('a writer that fails part-way fails the split (no outputs from half the lines)', async () => {
  const dir = await newWorkDir();
  const linesPath = join(dir, 'half.spool');
  const writing = (async () => {
    await appendFile(linesPath, Array.from({ length: 500 }, (_, i) => lineText(i)).join(''));
    await delay(30);
    throw new Error('the disk is full');
  })();
  await expect(splitOf(dir, 'half', linesPath, writing)).rejects.toThrow('the disk is full');
});

test('a split that fails while the COPY runs leaves the COPY to finish on its own', async () => {
  const dir = await newWorkDir();
  const linesPath = join(dir, 'bad.spool');
  // Lines without the separator: the split refuses the first one it reads.
  const copy = copyWith(dir, `SELECT concat('{"n":', i, '}') FROM range(300000) t(i)`, linesPath);
  await expect(splitOf(dir, 'bad', linesPath, copy)).rejects.toThrow(/without its CSV part/);
  await copy;
  expect((await readFile(linesPath, 'utf8')).split('\n')).toHaveLength(300_001);
});

test('a NUL byte (a part of the file not yet filled in) fails the split', async () => {
  const dir = await newWorkDir();
  const linesPath = join(dir, 'nul.spool');
  await writeFile(linesPath, Buffer.concat([Buffer.from(lineText(0)), Buffer.alloc(64), Buffer.from(lineText(1))]));
  await expect(splitOf(dir, 'nul', linesPath)).rejects.toThrow(/NUL byte/);
});
