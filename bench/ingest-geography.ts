/**
 * The JS path's geography (`npm run bench:geography -- [rows]`, default 1 000 000): the
 * readings file of bench/ingest.ts (latitude/longitude and a borough GSS column) published through
 * the JS path (processUpload, fastPath: false), then, over that publish's own NDJSON rows, side by
 * side in this process: describeGeography's second pass (read and parse every NDJSON line, write
 * the GeoJSON) and the GeographyPass the JS path now runs while it writes the rows (the same rows
 * fed from memory, so only its own work is timed). Both results are compared. CPU is this
 * process's (process.cpuUsage), less sensitive than wall time to other load on the machine.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { processUpload } from '../functions/ingest/core';
import type { CastValue } from '../functions/ingest/core/cast';
import { loadDuckDb } from '../functions/ingest/core/duckdb';
import { describeGeography, type Placed } from '../functions/ingest/core/geography/describe-geography';
import { GeographyPass } from '../functions/ingest/core/geography/geography-in-pass';
import { generate } from './ingest';

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await run();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

async function main(rows: number): Promise<void> {
  loadDuckDb(); // as the ingest Lambda does at init
  const dir = await mkdtemp(join(tmpdir(), 'ldx-bench-geo-'));
  try {
    const file = join(dir, 'readings.csv');
    await generate(file, rows);
    console.log(`node ${process.version}, ${rows} rows, load average ${load()}`);
    const workDir = await mkdtemp(join(dir, 'publish-'));
    const publish = await timed(() => processUpload({ source: createReadStream(file), filename: 'readings.csv', workDir, fastPath: false }));
    const result = publish.value;
    if (!result.ok || !result.outputs) throw new Error('the readings file did not publish');
    console.log(`JS-path publish (geography in the pass): ${(publish.ms / 1000).toFixed(2)} s wall, ${(publish.cpuMs / 1000).toFixed(2)} s CPU`);

    const fields = result.schema.fields;
    const lines = (await readFile(result.outputs.ndjson.path, 'utf8')).split('\n').filter((l) => l !== '');
    const values = lines.map((line) => {
      const row = JSON.parse(line) as Record<string, CastValue | null>;
      return fields.map((f) => (Object.hasOwn(row, f.name) ? row[f.name] : null));
    });
    const second = await timed(() =>
      mkdtemp(join(dir, 'describe-')).then((d) => describeGeography(result.outputs?.ndjson.path ?? '', fields, result.detected.format, d)),
    );
    const inPass = await timed(async () => {
      const pass = new GeographyPass(fields, result.detected.format, await mkdtemp(join(dir, 'pass-')));
      for (let i = 0; i < lines.length; i++) {
        pass.row(values[i], `${lines[i]}\n`);
        if (i % 1000 === 999) await pass.flush();
      }
      return pass.close();
    });
    const placed = inPass.value === 'describe' ? undefined : inPass.value;
    const same = await samePlaced(second.value, placed);
    console.log(
      `describeGeography's second pass: ${(second.ms / 1000).toFixed(2)} s wall, ${(second.cpuMs / 1000).toFixed(2)} s CPU; ` +
        `in the pass: ${(inPass.ms / 1000).toFixed(2)} s wall, ${(inPass.cpuMs / 1000).toFixed(2)} s CPU ` +
        `(${(second.cpuMs / Math.max(1, inPass.cpuMs)).toFixed(1)}x less CPU); same geography and GeoJSON: ${same}; load average ${load()}`,
    );
    if (!same) process.exitCode = 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function samePlaced(a: Placed | undefined, b: Placed | undefined): Promise<boolean> {
  if (JSON.stringify(a?.geography) !== JSON.stringify(b?.geography)) return false;
  if (!a?.geojson || !b?.geojson) return !a?.geojson && !b?.geojson;
  return (await readFile(a.geojson.path)).equals(await readFile(b.geojson.path));
}

main(Number(process.argv[2]) || 1_000_000).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
