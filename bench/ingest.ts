/**
 * Ingest benchmark: `npm run bench:ingest [-- rows...]` (default 100000 1000000).
 * Generates CSVs of air-quality readings (10 typed columns of the common schema
 * `air-quality-readings`), then for each size runs, each in a fresh child process so
 * peak RSS is that run's own:
 *   - parse: reading and the CSV reader alone (read-csv.ts), the floor of the JS path
 *   - validate: validation alone as the ingest does it (validateUpload): detection and the header in
 *     JS, the file spooled to disk, then DuckDB proves every row valid (casts, schema keywords,
 *     uniqueness) — or, if it cannot, the JS path reads the file and writes the report
 *   - validate-js: the JS path alone (parse + cast + ajv + uniqueness): what a file DuckDB cannot
 *     vouch for costs (fastPath: false)
 *   - process: validation plus CSV, NDJSON, JSON and Parquet outputs (processUpload)
 *   - ingest: the real local path: presigned PUT to s3rver, the S3 event, the ingest handler,
 *     files copied and written to the published bucket, catalogue updated, timed from the PUT
 *     until published. The emulators run in a child process (in AWS, S3 is not in the Lambda's
 *     memory); "peak RSS" is the exchange's process (API, SDK clients, ingest and DuckDB, with the
 *     ingest Lambda's heap bounds, as `npm start` sets them), the emulators' is printed after it.
 *   - handler: the ingest Lambda alone, as deployed (bench/ingest-handler.ts): the dataset, the
 *     resource and the upload in the uploads bucket made beforehand, then the handler, bundled as
 *     CDK bundles it, in a fresh process of its own on the S3 event; timed from the event until
 *     published. "peak RSS" is that process's (the kernel's high-water mark, init included: what
 *     Lambda reports as Max Memory Used); its RSS after init is printed after it.
 *   - process-inferred, process-cp1252, process-utf16: publishing (processUpload) the same rows
 *     without a schema, in Windows-1252 and in UTF-16 (bench/ingest-variants.ts)
 *   - duckdb, duckdb-cp1252, duckdb-utf16: DuckDB alone doing the same reads and writes (typed,
 *     strict read with the checks, then CSV, NDJSON and Parquet by COPY): the anchor each
 *     publishing run is printed beside (target: within 1.5x); then, in the same run, the JSON
 *     array and the GeoJSON download publishing also writes, and the ratio beside that too
 * and, on the 100 000-row file, the `tableschema` package's validation of the same rows for comparison.
 * DuckDB's native library is loaded before timing, as the Lambda does at init (handler.ts).
 * LDX_BENCH_LAMBDA_NODE_OPTIONS adds node options to the handler's process (e.g. --require a sampler).
 * BENCH_MODES=handler,process runs only those modes (the tableschema ratio needs validate, validate-js and tableschema).
 * BENCH_MEMORY=1 also prints, on stderr, process.memoryUsage() at each run's peak RSS.
 * Then the Excel runs (bench/ingest-excel.ts): a 200 000-row × 10-column workbook (BENCH_EXCEL_ROWS),
 * published, beside yauzl+saxes' own read-only pass over it and exceljs's streaming reader.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { processUpload, validateUpload } from '../functions/ingest/core';
import { OriginalBytes, takeSample } from '../functions/ingest/core/byte-source';
import { loadDuckDb } from '../functions/ingest/core/duckdb';
import { boundLambdaHeap } from '../functions/ingest/lambda-heap';
import { toUtf8Bytes } from '../functions/ingest/core/decode-text';
import { readCsvRows } from '../functions/ingest/core/read-csv';
import { benchExcel } from './ingest-excel';
import { duckDbOwnPublish, type Variant, variantPath, variantSchema, writeVariants } from './ingest-variants';
import type * as IngestHandler from './ingest-handler';
import type * as IngestLocal from './ingest-local';
import type * as IngestTableschema from './ingest-tableschema';

const POLLUTANTS = ['NO2', 'PM10', 'PM2.5', 'O3'];
const HEADER = 'site_code,borough_gss_code,pollutant,measured_at,value,unit,ratified,data_capture_pct,latitude,longitude\n';

export async function generate(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  let chunk = HEADER;
  const start = Date.UTC(2020, 0, 1);
  for (let i = 0; i < rows; i++) {
    // Unique (site, pollutant, hour) per row: 40 sites x 4 pollutants, hour advancing every 160 rows.
    const site = `S${(i % 40).toString().padStart(3, '0')}`;
    const hour = `${new Date(start + Math.floor(i / 160) * 3_600_000).toISOString().slice(0, 19)}Z`;
    const borough = `E090000${String(1 + (i % 33)).padStart(2, '0')}`;
    chunk += `${site},${borough},${POLLUTANTS[Math.floor(i / 40) % 4]},${hour},${((i * 7919) % 2000) / 10},ug/m3,${i % 3 === 0 ? 'false' : 'true'},${i % 101},51.${(4000 + (i % 3000)).toString()},-0.${(1000 + (i % 4000)).toString()}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

interface Measurement {
  ms: number;
  /** CPU time of the run (all threads): less sensitive than wall time to other load on the machine. */
  cpuMs: number;
  peakRssMb: number;
  /** process.memoryUsage() when rss peaked, in MB: where the memory was (DuckDB's shows only in rss). */
  atPeakMb: { heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
  valid: boolean;
  errors: number;
  rows: number;
  emulatorPeakRssMb?: number;
  /** handler: the Lambda process's RSS once its init is done, before the event. */
  afterInitRssMb?: number;
  /** validate and process: whether DuckDB proved the file, or why the JS path decided. */
  fastPath?: string;
  /** duckdb modes: the whole run, the JSON array and GeoJSON written too (ms and cpuMs are the run up to its CSV, NDJSON and Parquet). */
  allOutputs?: { ms: number; cpuMs: number };
}

/** `process-<variant>` and `duckdb-<variant>` modes: which variant (bare `process` is the declared one, bare `duckdb` the UTF-8 file). */
const VARIANT_MODES: ReadonlyMap<string, [kind: 'process' | 'duckdb', variant: Variant]> = new Map([
  ['process-inferred', ['process', 'inferred']],
  ['process-cp1252', ['process', 'cp1252']],
  ['process-utf16', ['process', 'utf16']],
  ['duckdb', ['duckdb', 'declared']],
  ['duckdb-cp1252', ['duckdb', 'cp1252']],
  ['duckdb-utf16', ['duckdb', 'utf16']],
]);

/** Publishing run and its DuckDB anchor, per variant, for the side-by-side lines. */
const SIDE_BY_SIDE: ReadonlyArray<[variant: string, publish: string, anchor: string]> = [
  ['declared UTF-8', 'process', 'duckdb'],
  ['inferred UTF-8', 'process-inferred', 'duckdb'],
  ['Windows-1252', 'process-cp1252', 'duckdb-cp1252'],
  ['UTF-16', 'process-utf16', 'duckdb-utf16'],
];

async function child(mode: string, file: string): Promise<void> {
  if (['validate', 'process', 'ingest'].includes(mode) || VARIANT_MODES.has(mode)) loadDuckDb(); // as handler.ts does at the Lambda's init
  if (mode === 'ingest') boundLambdaHeap(); // as `npm start` does: the local exchange ingests in its own process
  let atPeak = process.memoryUsage();
  const sample = () => {
    const now = process.memoryUsage();
    if (now.rss > atPeak.rss) atPeak = now;
  };
  const timer = setInterval(sample, 20);
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const input = { source: createReadStream(file), filename: 'readings.csv', dataSchemaId: 'air-quality-readings' };
  let result: {
    report: { valid: boolean; errorCount: number; rowCount: number };
    emulatorPeakRssMb?: number;
    ms?: number;
    fastPath?: { proven: boolean; reason?: string };
    /** duckdb: the run up to its first three outputs. */
    threeOutputs?: { ms: number; cpuMs: number };
    /** handler: measured in the Lambda's own process, not this one. */
    lambda?: { cpuMs: number; peakRssMb: number; afterInitRssMb: number; atPeakMb: Measurement['atPeakMb'] };
  };
  let workDir: string | undefined;
  const variantMode = VARIANT_MODES.get(mode);
  if (variantMode) workDir = await mkdtemp(join(tmpdir(), 'ldx-bench-out-'));
  if (variantMode?.[0] === 'duckdb') {
    const { rows, threeOutputs } = await duckDbOwnPublish(file, variantMode[1], workDir as string);
    result = { report: { valid: true, errorCount: 0, rowCount: rows }, threeOutputs };
  } else if (variantMode) {
    const variant = variantMode[1];
    result = await processUpload({
      source: createReadStream(variantPath(file, variant)),
      filename: 'readings.csv',
      dataSchemaId: variantSchema(variant),
      workDir: workDir as string,
    });
  } else if (mode === 'parse') result = await parseOnly(file);
  // Imported only in their own mode: the exchange and tableschema would otherwise sit in every child's heap.
  else if (mode === 'tableschema') result = await (require('./ingest-tableschema') as typeof IngestTableschema).validateWithTableschema(file);
  else if (mode === 'handler') result = await (require('./ingest-handler') as typeof IngestHandler).ingestThroughHandler(file);
  else if (mode === 'ingest') result = await (require('./ingest-local') as typeof IngestLocal).ingestThroughLocalExchange(file);
  else if (mode === 'validate') result = await validateUpload(input);
  else if (mode === 'validate-js') result = await validateUpload({ ...input, fastPath: false });
  else {
    workDir = await mkdtemp(join(tmpdir(), 'ldx-bench-out-'));
    result = await processUpload({ ...input, workDir });
  }
  const ms = result.ms ?? Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(timer);
  sample();
  if (workDir) await rm(workDir, { recursive: true, force: true });
  const own = {
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: atPeak.rss / 2 ** 20,
    atPeakMb: { heapUsed: mb(atPeak.heapUsed), heapTotal: mb(atPeak.heapTotal), external: mb(atPeak.external), arrayBuffers: mb(atPeak.arrayBuffers) },
  };
  const m: Measurement = {
    ms,
    ...own,
    ...(result.lambda
      ? { cpuMs: result.lambda.cpuMs, peakRssMb: result.lambda.peakRssMb, atPeakMb: result.lambda.atPeakMb, afterInitRssMb: result.lambda.afterInitRssMb }
      : {}),
    valid: result.report.valid,
    errors: result.report.errorCount,
    rows: result.report.rowCount,
    emulatorPeakRssMb: result.emulatorPeakRssMb,
    fastPath: result.fastPath && (result.fastPath.proven ? 'proven by DuckDB' : `JS path: ${result.fastPath.reason}`),
    ...(result.threeOutputs ? { ms: result.threeOutputs.ms, cpuMs: result.threeOutputs.cpuMs, allOutputs: { ms, cpuMs: own.cpuMs } } : {}),
  };
  process.stdout.write(JSON.stringify(m));
}

const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);

/** The handler's and the local exchange's side figures, after the table's columns. */
function notes(m: Measurement): string {
  const parts = [
    ...(m.afterInitRssMb ? [`after init ${m.afterInitRssMb.toFixed(0)} MB`] : []),
    ...(m.emulatorPeakRssMb ? [`emulator process: peak RSS ${m.emulatorPeakRssMb.toFixed(0)} MB`] : []),
  ];
  return parts.length > 0 ? `  (${parts.join('; ')})` : '';
}

/** Bytes through the CSV reader with no casting or checks, shaped like a result for the table. */
async function parseOnly(file: string): Promise<{ report: { valid: boolean; errorCount: number; rowCount: number } }> {
  const sample = await takeSample(new OriginalBytes(createReadStream(file)), 64 * 1024);
  let records = 0;
  for await (const batch of readCsvRows(toUtf8Bytes(sample.chunks, { encoding: 'utf-8', bomLength: 0 }), ',', 1 << 20)) records += batch.length;
  return { report: { valid: true, errorCount: 0, rowCount: records - 1 } };
}

/**
 * Each run in a fresh Node process with tsx's CommonJS hook only: `tsx` itself also starts
 * an ESM loader thread (~20 MB of RSS) that a deployed, bundled Lambda does not have.
 */
function measure(mode: string, file: string): Measurement {
  const out = execFileSync(process.execPath, ['--require', require.resolve('tsx/cjs'), __filename, '--child', mode, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as Measurement;
}

async function main(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const only = process.env.BENCH_MODES?.split(',');
  const dir = await mkdtemp(join(tmpdir(), 'ldx-bench-'));
  try {
    console.log(
      `node ${process.version}, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log('rows       file MB  mode        seconds   rows/s      cpu s  peak RSS MB  valid');
    for (const rows of sizes.length > 0 ? sizes : [100_000, 1_000_000]) {
      const file = join(dir, `readings-${rows}.csv`);
      await generate(file, rows);
      const mb = (await stat(file)).size / 2 ** 20;
      const modes = [
        'parse',
        'validate',
        'validate-js',
        'process',
        ...VARIANT_MODES.keys(),
        'handler',
        'ingest',
        ...(rows <= 100_000 ? ['tableschema'] : []),
      ].filter((mode) => !only || only.includes(mode));
      if (modes.some((mode) => VARIANT_MODES.has(mode))) await writeVariants(file);
      const seconds = new Map<string, number>();
      const allOutputs = new Map<string, { ms: number; cpuMs: number }>();
      const rates: Record<string, number> = {};
      const cpu: Record<string, number> = {};
      for (const mode of modes) {
        const m = measure(mode, file);
        rates[mode] = rows / (m.ms / 1000);
        seconds.set(mode, m.ms / 1000);
        cpu[mode] = m.cpuMs;
        if (m.allOutputs) allOutputs.set(mode, m.allOutputs);
        if (m.rows !== rows) throw new Error(`expected ${rows} rows, read ${m.rows}`);
        if (process.env.BENCH_MEMORY) console.error(`  at peak: ${JSON.stringify(m.atPeakMb)} MB`);
        console.log(
          `${String(rows).padEnd(10)} ${mb.toFixed(1).padStart(7)}  ${mode.padEnd(10)} ${(m.ms / 1000).toFixed(2).padStart(8)} ${Math.round(
            rows / (m.ms / 1000),
          )
            .toLocaleString('en-GB')
            .padStart(
              10,
            )} ${(m.cpuMs / 1000).toFixed(2).padStart(8)} ${m.peakRssMb.toFixed(0).padStart(12)}  ${m.valid}${m.errors ? ` (${m.errors} errors)` : ''}${m.fastPath ? ` (${m.fastPath})` : ''}${notes(m)}`,
        );
      }
      for (const [variant, publish, anchor] of SIDE_BY_SIDE) {
        const [p, a] = [seconds.get(publish), seconds.get(anchor)];
        if (p === undefined || a === undefined) continue;
        // CPU time too: on a shared machine it is steadier than wall time.
        console.log(
          `${String(rows).padEnd(10)} publish ${variant.padEnd(15)} ${p.toFixed(2).padStart(6)} s beside DuckDB's own ${a.toFixed(2).padStart(6)} s: ${(p / a).toFixed(2)}x (target <= 1.5x); ` +
            `CPU ${(cpu[publish] / 1000).toFixed(2)} s beside ${(cpu[anchor] / 1000).toFixed(2)} s: ${(cpu[publish] / cpu[anchor]).toFixed(2)}x`,
        );
        // Publishing also writes the JSON array and the GeoJSON download: DuckDB's run with those too.
        const all = allOutputs.get(anchor);
        if (all) {
          console.log(
            `${String(rows).padEnd(10)}   the same beside DuckDB's own with the JSON array and GeoJSON too ${(all.ms / 1000).toFixed(2).padStart(6)} s: ${(p / (all.ms / 1000)).toFixed(2)}x; ` +
              `CPU ${(all.cpuMs / 1000).toFixed(2)} s: ${(cpu[publish] / all.cpuMs).toFixed(2)}x`,
          );
        }
      }
      if (rates['validate-js']) {
        console.log(
          `${String(rows).padEnd(10)} the JS path (validate-js) ${Math.round(rates['validate-js']).toLocaleString('en-GB')} rows/s (target >= 300 000)`,
        );
      }
      console.log(
        `${String(rows).padEnd(10)} load average now ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
      );
      if (rates.tableschema) {
        console.log(
          `${String(rows).padEnd(10)} validation is ${(rates.validate / rates.tableschema).toFixed(1)}x the tableschema package's throughput (the JS path alone: ${(rates['validate-js'] / rates.tableschema).toFixed(1)}x)`,
        );
        // CPU time is steadier than wall time on a shared machine (DuckDB's two threads both count).
        console.log(
          `${String(rows).padEnd(10)} by CPU time: ${(cpu.tableschema / cpu.validate).toFixed(1)}x (the JS path alone: ${(cpu.tableschema / cpu['validate-js']).toFixed(1)}x)`,
        );
      }
    }
    // The workbook: exceljs writes it, so generating it is slow; BENCH_MODES without `excel` skips it.
    if (!only || only.includes('excel')) await benchExcel(Number(process.env.BENCH_EXCEL_ROWS) || 200_000);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (require.main !== module) {
  // imported for `generate` (bench/ingest-memory.ts)
} else if (process.argv[2] === '--child') {
  child(process.argv[3], process.argv[4]).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
