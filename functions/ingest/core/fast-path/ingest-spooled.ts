import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { OriginalBytes, takeSample, type Sample } from '../byte-source';
import type { DataSchema } from '../data-schemas';
import { ingestWithJs, type IngestRun, type JsOptions } from '../js-ingest';
import { duckdbMemoryFor, type IngestLimits } from '../limits';
import { OUTPUT_NAMES } from '../outputs/row-outputs';
import type { UploadInput, ValidationResult } from '../upload-types';
import { ReportBuilder } from '../report';
import { checkWithDuckDb, writeParquetFromCsv, type DuckDbJob, type FastVerdict } from './duckdb-check';
import { spoolUpload, type FastPlan } from './plan-fast-path';

export interface SpooledJob {
  plan: FastPlan;
  dataSchema: DataSchema;
  /** The upload, its sample already taken. */
  original: OriginalBytes;
  sample: Sample;
  input: UploadInput;
  limits: IngestLimits;
  /** Where outputs go; null for validation only. */
  workDir: string | null;
}

/**
 * The fast path: the upload is spooled to disk (the byte guards watching), then DuckDB checks
 * it. Validation only: a proven file gets the JS path's report for a valid file, anything else
 * is read again from the spool by the JS path. With outputs: see below. DuckDB only ever says
 * "proven valid" or "not proven": every report with an error in it, and every text output,
 * comes from the JS path.
 */
export async function ingestSpooled(job: SpooledJob): Promise<IngestRun> {
  const { plan, original, sample, workDir } = job;
  const spoolDir = workDir ?? (await mkdtemp(join(tmpdir(), 'ldx-validate-')));
  const spoolPath = join(spoolDir, SPOOL_NAME);
  let spool: Spool | undefined;
  try {
    const guards = await spoolUpload(sample.chunks, spoolPath, plan.delimiter);
    spool = { path: spoolPath, dir: spoolDir, guardReason: guards.reason, original: { sha256: original.sha256(), bytes: original.bytes } };
    const run = workDir ? await withOutputs(job, spool, workDir) : await validationOnly(job, spool);
    if (run.parquet) spool.handedOver = true;
    return run;
  } finally {
    if (!spool?.handedOver) await rm(workDir ? spoolPath : spoolDir, { recursive: true, force: true });
  }
}

interface Spool {
  path: string;
  dir: string;
  /** Why the byte guards rule DuckDB out, or null. */
  guardReason: string | null;
  original: { sha256: string; bytes: number };
  /** The Parquet writer reads it later and removes it. */
  handedOver?: boolean;
}

async function validationOnly(job: SpooledJob, spool: Spool): Promise<IngestRun> {
  const verdict = await check(job, spool);
  if (verdict.proven) return { result: { ...provenResult(job, verdict.rows, spool.original), fastPath: verdict } };
  const run = await fromSpool(job, spool, {});
  run.result.fastPath = verdict;
  return run;
}

/**
 * DuckDB checks first (on every core); only a proven file then gets the JS pass that casts and
 * writes the text outputs trusting it (no schema rules, no uniqueness). Only if both agree
 * (no error, same rows) is that the result, with DuckDB to write the Parquet from the CSV;
 * otherwise a full JS pass decides. One after the other, not side by side: DuckDB's table of
 * unique-key hashes (growing with the rows, up to its memory limit) and the pass's heap added
 * up, and peak RSS grew with the file's size (+60 MB from 100k to 1M rows).
 */
async function withOutputs(job: SpooledJob, spool: Spool, workDir: string): Promise<IngestRun> {
  const verdict = await check(job, spool);
  if (verdict.proven) {
    const optimistic = await fromSpool(job, spool, { proven: true });
    const report = optimistic.result.report;
    if (report.valid && report.warnings.length === 0 && report.rowCount === verdict.rows) {
      optimistic.result.fastPath = verdict;
      const localDatetimes = optimistic.rows?.validator?.localDatetimes ?? [];
      const sameTypes = verdict.localDatetimes?.every((local, i) => local === localDatetimes[i]);
      // After the JS pass, so DuckDB's Parquet writer and the pass's memory do not add up.
      const parquet = sameTypes
        ? () => writeParquetFromCsv(duckDbJob(job, spool), localDatetimes, join(workDir, OUTPUT_NAMES.parquet)).finally(() => rm(spool.path, { force: true }))
        : undefined;
      return { ...optimistic, parquet };
    }
    await optimistic.outputs?.discard();
  }
  const run = await fromSpool(job, spool, {});
  run.result.fastPath = verdict.proven ? { proven: false, rows: verdict.rows, reason: 'the JS pass disagreed' } : verdict;
  return run;
}

/** The check uses every core (nothing else runs beside it); writeParquetFromCsv uses one. */
function duckDbJob({ plan, limits }: SpooledJob, spool: Spool): DuckDbJob {
  return {
    path: spool.path,
    plan: plan.sql,
    delimiter: plan.delimiter,
    threads: availableParallelism(),
    memoryLimit: duckdbMemoryFor(limits.duckdbCheckMemoryLimit, limits.duckdbMemoryPerColumn, plan.names.length),
    workDir: spool.dir,
    maxRecordBytes: limits.maxRecordBytes,
    maxUniqueKeys: limits.maxUniqueKeys,
    columnCount: plan.names.length,
  };
}

/** DuckDB's verdict; a DuckDB failure of any kind is "not proven" (the JS path can still do the job). */
async function check(job: SpooledJob, spool: Spool): Promise<FastVerdict> {
  if (spool.guardReason) return { proven: false, rows: 0, reason: spool.guardReason };
  let verdict: FastVerdict;
  try {
    verdict = await checkWithDuckDb(duckDbJob(job, spool));
  } catch (error) {
    verdict = { proven: false, rows: 0, reason: `DuckDB failed: ${String((error as Error).message).split('\n')[0]}` };
  }
  // Not the file's fault, and it makes a clean file take the slow path: worth a line in the logs.
  if (/DuckDB failed|Out of Memory/.test(verdict.reason ?? '')) console.warn(`ingest fast path not taken: ${verdict.reason}`);
  return verdict;
}

/** The JS path over the spooled copy (already hashed and counted on the way in). */
async function fromSpool(job: SpooledJob, spool: Spool, options: JsOptions): Promise<IngestRun> {
  const spooled = new OriginalBytes(createReadStream(spool.path), { hash: false });
  const sample = await takeSample(spooled, job.limits.sampleBytes);
  const run = await ingestWithJs({ ...job, original: spooled, sample, ...options });
  run.result.original = spool.original;
  return run;
}

const SPOOL_NAME = 'upload.spool';

/** The result the JS path gives a valid file: no errors, no warnings, the rows DuckDB counted. */
function provenResult({ plan, dataSchema, limits }: SpooledJob, rows: number, original: { sha256: string; bytes: number }): ValidationResult {
  const report = new ReportBuilder(limits.maxErrors);
  report.rowCount = rows;
  report.columnCount = plan.names.length;
  return {
    ok: true,
    detected: plan.detected,
    schema: plan.schema,
    schemaSource: 'declared',
    dataSchema: { id: dataSchema.id, $id: dataSchema.$id, version: dataSchema.version },
    report: report.build(),
    original,
  };
}
