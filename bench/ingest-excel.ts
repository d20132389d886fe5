/**
 * Excel part of `npm run bench:ingest` (also alone: `npx tsx bench/ingest-excel.ts [rows]`, default
 * 200000): a generated workbook of `rows` × 10 columns (text, GSS codes, dates in a date format,
 * numbers, booleans), written by exceljs's streaming writer, then, each in a fresh process so peak
 * RSS is that run's own:
 *   - xlsx-library: the chosen libraries' own read-only pass, the anchor: yauzl inflating the
 *     sheet part and saxes parsing it, counting rows, doing nothing with the cells
 *   - xlsx-reader: the exchange's workbook reader alone (functions/ingest/core/workbook: the table
 *     found, cells turned into text), rows counted, nothing validated or written: how much of the
 *     gap to the anchor is the reading and how much the publishing
 *   - xlsx-exceljs: exceljs's streaming WorkbookReader reading every row (for comparison: the
 *     library the exchange did not choose, see functions/ingest/core/workbook)
 *   - xlsx-validate: validateUpload of the workbook (table found, cells typed and validated,
 *     nothing written): with xlsx-reader, it splits the publishing run into reading, validating,
 *     and writing the outputs (CSV, NDJSON, JSON, Parquet, GeoJSON and the geography)
 *   - xlsx-process: processUpload of the workbook, as the ingest does it (table found, cells typed,
 *     validated, CSV, NDJSON, JSON and Parquet written, geography checked); a sheet this large is
 *     parsed in a worker thread beside the casting and writing (workbook/sheet-in-worker.ts)
 *   - xlsx-process-1-thread: the same with the sheet parsed on the ingest's own thread, as a
 *     build without the worker does it (so the worker's gain, and its CPU cost, show beside it)
 * The anchor and xlsx-process run three times each, alternately, and are compared at their medians.
 * It prints the process's throughput as a share of the anchor's, with the load average (the
 * machine may be shared: wall times under load are longer, CPU times less so). CPU is the whole
 * process's (every thread); on Linux the busiest thread's CPU is printed too, the critical path
 * a run with its threads on cores of their own would take, whatever the load.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';
import { processUpload, validateUpload } from '../functions/ingest/core';
import { OriginalBytes, takeSample } from '../functions/ingest/core/byte-source';
import { loadDuckDb } from '../functions/ingest/core/duckdb';
import { resolveLimits } from '../functions/ingest/core/limits';
import { readWorkbookRows } from '../functions/ingest/core/workbook/read-workbook';
import { sheetWorkersStarted } from '../functions/ingest/core/workbook/sheet-in-worker';

const POLLUTANTS = ['NO2', 'PM10', 'PM2.5', 'O3'];

export async function generateWorkbook(path: string, rows: number): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
  const sheet = book.addWorksheet('Readings');
  sheet.columns = [
    { header: 'site_code', key: 'a' },
    { header: 'borough_gss_code', key: 'b' },
    { header: 'pollutant', key: 'c' },
    { header: 'measured_at', key: 'd', style: { numFmt: 'dd/mm/yyyy hh:mm' } },
    { header: 'value', key: 'e' },
    { header: 'unit', key: 'f' },
    { header: 'ratified', key: 'g' },
    { header: 'data_capture_pct', key: 'h' },
    { header: 'latitude', key: 'i' },
    { header: 'longitude', key: 'j' },
  ];
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < rows; i++) {
    sheet
      .addRow([
        `CD${i % 97}`,
        `E090000${String((i % 33) + 1).padStart(2, '0')}`,
        POLLUTANTS[i % 4],
        new Date(start + i * 3_600_000),
        Math.round((i % 1000) * 7.3) / 100,
        'ug/m3',
        i % 3 === 0,
        90 + (i % 10),
        51.45 + (i % 100) / 1000,
        -0.2 + (i % 100) / 1000,
      ])
      .commit();
  }
  sheet.commit();
  await book.commit();
}

interface Run {
  ms: number;
  rows: number;
  peakRssMb: number;
  cpuMs: number;
  /** CPU of the busiest thread (Linux); null elsewhere. */
  busiestThreadMs: number | null;
  sheetWorkers: number;
}

/** Per thread, its CPU ticks (user + system) as last seen in /proc: a worker's are read before it ends. */
function threadTicks(seen: Map<string, number>, from: Map<string, number>): void {
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]) - (from.get(tid) ?? 0);
      if (ticks >= (seen.get(tid) ?? 0)) seen.set(tid, ticks);
    } catch {
      // the thread ended between the listing and the read
    }
  }
}

async function child(mode: string, file: string): Promise<void> {
  if (mode === 'xlsx-process' || mode === 'xlsx-validate') loadDuckDb();
  let peak = process.memoryUsage().rss;
  const before = new Map<string, number>();
  threadTicks(before, new Map());
  const threads = new Map<string, number>();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
    threadTicks(threads, before);
  }, 20);
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let rows = 0;
  if (mode === 'xlsx-library') rows = await libraryPass(file);
  else if (mode === 'xlsx-reader') rows = await readerPass(file);
  else if (mode === 'xlsx-exceljs') {
    for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(file, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
    }))
      for await (const _row of sheet) rows++;
    rows -= 1; // the header
  } else if (mode === 'xlsx-validate') {
    const result = await validateUpload({ source: createReadStream(file), filename: 'readings.xlsx' });
    if (!result.ok) throw new Error(`not valid: ${JSON.stringify(result.report.errors.slice(0, 3))}`);
    rows = result.report.rowCount;
  } else {
    const workDir = await mkdtemp(join(tmpdir(), 'ldx-bench-xlsx-'));
    const limits = mode === 'xlsx-process-1-thread' ? { sheetWorkerAboveBytes: Number.MAX_SAFE_INTEGER } : undefined;
    const result = await processUpload({ source: createReadStream(file), filename: 'readings.xlsx', workDir, limits });
    if (!result.ok) throw new Error(`not published: ${JSON.stringify(result.report.errors.slice(0, 3))}`);
    rows = result.report.rowCount;
    await rm(workDir, { recursive: true, force: true });
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  threadTicks(threads, before);
  const ticksPerMs = 100 / 1000; // USER_HZ: Linux reports thread CPU in hundredths of a second
  const run: Run = {
    ms,
    rows,
    peakRssMb: peak / 2 ** 20,
    cpuMs: (used.user + used.system) / 1000,
    busiestThreadMs: threads.size ? Math.max(...threads.values()) / ticksPerMs : null,
    sheetWorkers: sheetWorkersStarted(),
  };
  process.stdout.write(JSON.stringify(run));
}

/** yauzl and saxes alone over the sheet part: every element parsed, rows counted, cells ignored. */
async function libraryPass(file: string): Promise<number> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  let rows = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', async (entry: yauzl.Entry) => {
      if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(entry.fileName)) return zip.readEntry();
      const parser = new SaxesParser({ position: false });
      parser.on('opentag', (tag) => {
        if (tag.name === 'row') rows++;
      });
      parser.on('text', () => undefined);
      const decoder = new TextDecoder();
      for await (const chunk of await zip.openReadStreamPromise(entry)) parser.write(decoder.decode(chunk as Buffer, { stream: true }));
      parser.close();
      zip.readEntry();
    });
    zip.readEntry();
  });
  zip.close();
  return rows - 1;
}

/** The exchange's workbook reader over the upload, as ingest opens it: rows counted, the header excluded. */
async function readerPass(file: string): Promise<number> {
  const limits = resolveLimits(undefined);
  const sample = await takeSample(new OriginalBytes(createReadStream(file)), limits.sampleBytes);
  let rows = 0;
  for await (const batch of readWorkbookRows(sample, {}, limits, () => undefined)) rows += batch.length;
  return rows - 1;
}

/** Runs of the anchor and of the publish in one bench: the ratio compares their medians. */
const REPEATS = 3;

function median(runs: Run[]): Run {
  return [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
}

function checked(run: Run, mode: string, rows: number): Run {
  if (run.rows !== rows) throw new Error(`${mode}: expected ${rows} rows, read ${run.rows}`);
  return run;
}

function measure(mode: string, file: string): Run {
  const out = execFileSync(process.execPath, ['--require', require.resolve('tsx/cjs'), __filename, '--child', mode, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as Run;
}

/** Generates the workbook and prints the runs and the ratios (called by bench/ingest.ts). */
export async function benchExcel(rows: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ldx-bench-xlsx-in-'));
  try {
    const file = join(dir, `readings-${rows}.xlsx`);
    await generateWorkbook(file, rows);
    const mb = (await stat(file)).size / 2 ** 20;
    const runs = new Map<string, Run>();
    // The anchor and the publish, whose ratio is the target, run REPEATS times each, one after the
    // other: each is taken at its median run, as a single run of either swings by a fifth here.
    const repeated = new Map<string, Run[]>();
    for (let i = 0; i < REPEATS; i++) {
      for (const mode of ['xlsx-library', 'xlsx-process']) repeated.set(mode, [...(repeated.get(mode) ?? []), checked(measure(mode, file), mode, rows)]);
    }
    for (const mode of ['xlsx-library', 'xlsx-reader', 'xlsx-exceljs', 'xlsx-validate', 'xlsx-process', 'xlsx-process-1-thread']) {
      const all = repeated.get(mode);
      const run = all ? median(all) : checked(measure(mode, file), mode, rows);
      runs.set(mode, run);
      const spread = all ? ` (median of ${all.map((r) => (r.ms / 1000).toFixed(2)).join(', ')} s)` : '';
      console.log(
        `${String(rows).padEnd(10)} ${mb.toFixed(1).padStart(7)}  ${mode.padEnd(13)} ${(run.ms / 1000).toFixed(2).padStart(8)} ${Math.round(
          rows / (run.ms / 1000),
        )
          .toLocaleString('en-GB')
          .padStart(10)} ${(run.cpuMs / 1000).toFixed(2).padStart(8)} ${run.peakRssMb.toFixed(0).padStart(12)}  busiest thread ${
          run.busiestThreadMs === null ? 'n/a' : `${(run.busiestThreadMs / 1000).toFixed(2)} s CPU`
        }${run.sheetWorkers ? `, sheet parsed in ${run.sheetWorkers} worker` : ''}${spread}`,
      );
    }
    const anchor = runs.get('xlsx-library')!;
    const reader = runs.get('xlsx-reader')!;
    const validated = runs.get('xlsx-validate')!;
    const processed = runs.get('xlsx-process')!;
    const oneThread = runs.get('xlsx-process-1-thread')!;
    const busiest = (run: Run) =>
      run.busiestThreadMs && anchor.busiestThreadMs ? `, ${((100 * anchor.busiestThreadMs) / run.busiestThreadMs).toFixed(0)}% by busiest-thread CPU` : '';
    const share = (run: Run) =>
      `${((100 * anchor.ms) / run.ms).toFixed(0)}% by wall time, ${((100 * anchor.cpuMs) / run.cpuMs).toFixed(0)}% by CPU time${busiest(run)}`;
    console.log(
      `${String(rows).padEnd(10)} publishing the workbook runs at ${share(processed)} of yauzl+saxes' own read-only throughput (target >= 75%); peak RSS ${processed.peakRssMb.toFixed(0)} MB (target < 400 MB); reading alone ${share(reader)}, reading and validating ${share(validated)}, publishing with the sheet parsed on one thread ${share(oneThread)}; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (require.main !== module) {
  // imported by bench/ingest.ts
} else if (process.argv[2] === '--child') {
  child(process.argv[3], process.argv[4]).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  benchExcel(Number(process.argv[2]) || 200_000).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
