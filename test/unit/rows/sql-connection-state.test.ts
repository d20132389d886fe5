import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbEngine } from '../../../functions/rows/duckdb-engine';
import { checkSql } from '../../../functions/rows/sql-check';

/**
 * Read-only SQL runs on pooled connections (duckdb-engine.ts keeps them, with their prepared
 * statements, for the next statement, whoever sends it). A function that changes its
 * connection's state would carry over to another caller's statement: setseed fixes what
 * random() (and so `ORDER BY random()` sampling) gives the next caller on that connection.
 */
const root = mkdtempSync(join(tmpdir(), 'ldx-sql-state-'));
let engine: DuckDbEngine;
beforeAll(async () => {
  mkdirSync(join(root, 'spill'));
  engine = await DuckDbEngine.open({ directory: root, spillDirectory: join(root, 'spill'), memoryLimit: '256MB', threads: 1 });
});
afterAll(() => {
  engine.close();
  rmSync(root, { recursive: true, force: true });
});

const readings = { has: (name: string) => name === 'readings', described: ['"readings"'] };

it('refuses setseed, which would carry over to the next statement on the pooled connection', async () => {
  await expect(checkSql(engine, 'SELECT setseed(0.42)', readings)).rejects.toMatchObject({ code: 'bad_request', details: { reason: 'function_not_allowed' } });
  await expect(checkSql(engine, 'SELECT value FROM readings ORDER BY setseed(0.1), random()', readings)).rejects.toMatchObject({
    details: { reason: 'function_not_allowed' },
  });
});

it('still allows random() itself', async () => {
  await expect(checkSql(engine, 'SELECT value FROM readings ORDER BY random() LIMIT 5', readings)).resolves.toMatchObject({ tables: new Set(['readings']) });
});
