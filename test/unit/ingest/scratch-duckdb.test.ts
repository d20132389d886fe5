import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withScratchDuckDb } from '../../../functions/ingest/core/duckdb';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ldx-scratch-duckdb-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a scratch DuckDB answers its work and leaves no spill directory behind', async () => {
  const answer = await withScratchDuckDb(dir, 'spill', { threads: '1' }, async (connection) => {
    const reader = await connection.runAndReadAll('SELECT 40 + 2 AS n');
    return reader.getRowObjects()[0].n;
  });
  expect(answer).toBe(42);
  expect(readdirSync(dir)).toEqual([]);
});

test('an instance DuckDB refuses to open still leaves no spill directory behind', async () => {
  await expect(withScratchDuckDb(dir, 'spill', { threads: 'not a number' }, async () => 'never')).rejects.toThrow();
  expect(existsSync(join(dir, 'spill'))).toBe(false);
});
