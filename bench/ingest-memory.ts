/**
 * Memory breakdown of one processUpload run: `npx tsx bench/ingest-memory.ts [rows] [--js]` (default 1000000).
 * Samples process.memoryUsage() every 10 ms and prints the peak of each figure. With `--js`
 * (the JS path only), split into the streaming phase (validation + CSV/NDJSON/JSON) and the
 * Parquet phase; on the fast path DuckDB's check, the JS pass and the Parquet (whose spill
 * directory has another name) all count as `stream`. DuckDB's memory shows only in rss.
 */
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processUpload } from '../functions/ingest/core';
import { generate } from './ingest';

type Peaks = { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
const zero = (): Peaks => ({ rss: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 });
const phases: Record<string, Peaks> = { stream: zero(), parquet: zero() };
let phase = 'stream';

function sample(): void {
  const m = process.memoryUsage();
  const p = phases[phase];
  for (const k of Object.keys(p) as (keyof Peaks)[]) p[k] = Math.max(p[k], m[k]);
}

const mb = (n: number) => (n / 2 ** 20).toFixed(0).padStart(6);

async function main(): Promise<void> {
  const rows = Number(process.argv[2] && process.argv[2] !== '--js' ? process.argv[2] : 1_000_000);
  const dir = await mkdtemp(join(tmpdir(), 'ldx-mem-in-'));
  const file = join(dir, 'readings.csv');
  await generate(file, rows);
  const timer = setInterval(sample, 10);
  const started = Date.now();
  let streamMs = 0;
  let rssAtParquet = 0;
  const workDir = await mkdtemp(join(tmpdir(), 'ldx-mem-'));
  // writeParquet creates its spill directory first: that marks the start of the Parquet phase.
  const watch = setInterval(() => {
    if (phase === 'stream' && existsSync(join(workDir, '.duckdb-spill'))) {
      streamMs = Date.now() - started;
      rssAtParquet = process.memoryUsage().rss;
      phase = 'parquet';
    }
  }, 5);
  const fastPath = !process.argv.includes('--js');
  const result = await processUpload({ source: createReadStream(file), filename: 'readings.csv', dataSchemaId: 'air-quality-readings', workDir, fastPath });
  sample();
  clearInterval(timer);
  clearInterval(watch);
  const totalMs = Date.now() - started;
  await rm(workDir, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
  console.log(
    `valid ${result.report.valid} rows ${result.report.rowCount} stream ${streamMs} ms total ${totalMs} ms, rss when Parquet starts ${mb(rssAtParquet)} MB`,
  );
  console.log('phase       rss  heapUsed heapTotal external arrayBuf');
  for (const [name, p] of Object.entries(phases))
    console.log(`${name.padEnd(8)} ${mb(p.rss)} ${mb(p.heapUsed)} ${mb(p.heapTotal)} ${mb(p.external)} ${mb(p.arrayBuffers)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
