import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { OriginalBytes, takeSample, type Sample } from '../byte-source';
import type { DataSchema } from '../data-schemas';
import { InferenceSample, inferTableSchema } from '../infer-schema';
import type { CopiedOutputs, IngestRun, JsOptions } from '../ingest-run';
import { ingestWithJs } from '../js-ingest';
import { duckdbMemoryFor, type IngestLimits } from '../limits';
import { OUTPUT_NAMES } from '../outputs/row-outputs';
import { RowSerialiser } from '../outputs/serialise-row';
import type { FastVerdict, UploadInput, ValidationResult } from '../upload-types';
import { readCsvRows } from '../read-csv';
import { ReportBuilder } from '../report';
import type { TableSchema } from '../table-schema';
import { type CopyJob, copyOutputs, copyUnchecked, geographyInCheck } from './copy-outputs';
import { checkAndMeasure, writeParquetFromCsv, type DuckDbJob } from './duckdb-check';
import { spoolUpload, type FastPlan, type SettledSchema } from './plan-fast-path';
import type { TextFacts } from './text-facts';
import { planSql } from './sql-plan';

export interface SpooledJob {
  plan: FastPlan;
  /** Undefined: the schema is inferred from the spool's first rows, as the JS path infers it. */
  dataSchema: DataSchema | undefined;
  /** The upload, its sample already taken. */
  original: OriginalBytes;
  sample: Sample;
  input: UploadInput;
  limits: IngestLimits;
  /** Where outputs go; null for validation only. */
  workDir: string | null;
}

/** The job once the schema is settled (declared, or inferred from the spool). */
interface SettledJob extends SpooledJob {
  settled: SettledSchema | null;
}

/**
 * The fast path: the upload is spooled to disk (the byte guards watching; other than UTF-8,
 * transcoded into a UTF-8 copy DuckDB reads), the schema settled, then DuckDB checks it.
 * Validation only: a proven file gets the JS path's report for a valid file; anything else is
 * read again from the spool by the JS path. With outputs: see withOutputs. DuckDB only ever
 * says "proven valid" or "not proven": every report with an error in it comes from the JS path.
 */
export async function ingestSpooled(job: SpooledJob): Promise<IngestRun> {
  const { plan, original, sample, workDir } = job;
  const spoolDir = workDir ?? (await mkdtemp(join(tmpdir(), 'ldx-validate-')));
  const spoolPath = join(spoolDir, SPOOL_NAME);
  const utf8 = plan.detection.encoding === 'utf-8' || plan.detection.encoding === 'utf-8-bom';
  const textPath = utf8 ? spoolPath : join(spoolDir, TEXT_SPOOL_NAME);
  let spool: Spool | undefined;
  try {
    // A declared unique key: more rows than its check holds keys are never proven (see copyBeforeCheck).
    const keyRows = plan.declared?.sql.keyCount ? job.limits.maxUniqueKeys : undefined;
    const { guards, facts } = await spoolUpload(sample.chunks, { path: spoolPath, textPath }, plan.delimiter, plan.detection, keyRows);
    spool = {
      path: spoolPath,
      textPath,
      dir: spoolDir,
      guardReason: guards.reason,
      moreRowsThanKeys: facts.moreLineFeedsThanLimit,
      unquoted: facts.unquoted,
      original: { sha256: original.sha256(), bytes: original.bytes },
    };
    const settled = plan.declared ?? (spool.guardReason ? null : await inferFromSpool(job, spool));
    const settledJob: SettledJob = { ...job, settled };
    const run = workDir ? await withOutputs(settledJob, spool, workDir) : await validationOnly(settledJob, spool);
    if (run.parquet) spool.handedOver = true;
    return run;
  } finally {
    if (workDir) {
      if (textPath !== spoolPath) await rm(spoolPath, { force: true });
      if (!spool?.handedOver) await rm(textPath, { force: true });
    } else {
      await rm(spoolDir, { recursive: true, force: true });
    }
  }
}

/**
 * The schema the JS path infers for this file: the same rows (InferenceSample) read by the
 * same parser from the same text. Null when the text cannot be read that far (the JS path
 * then reports why) or some inferred type has no SQL twin.
 */
async function inferFromSpool({ plan, limits }: SpooledJob, spool: Spool): Promise<SettledSchema | null> {
  const sample = new InferenceSample<string[]>(limits.inferenceRows, limits.inferenceChars);
  let header = true;
  try {
    for await (const batch of readCsvRows(createReadStream(spool.textPath), plan.delimiter, limits.maxRecordBytes)) {
      sample.take(batch, header ? 1 : 0);
      header = false;
      if (sample.full) break;
    }
  } catch {
    return null;
  }
  const schema: TableSchema = inferTableSchema(plan.names, sample.rows);
  const sql = planSql(plan.names, schema, undefined);
  return sql ? { schema, sql } : null;
}

interface Spool {
  /** The upload as it came (the JS path reads this). */
  path: string;
  /** The UTF-8 text DuckDB reads: the spool itself for UTF-8, else its transcoded copy. */
  textPath: string;
  dir: string;
  /** Why the byte guards rule DuckDB out, or null. */
  guardReason: string | null;
  /** Whether the file may hold more rows than the uniqueness check holds keys (only looked at with a declared key). */
  moreRowsThanKeys: boolean;
  /** Without a quote in the text: its longest line, and whether it holds no control byte but line ends (text-facts.ts). */
  unquoted: TextFacts['unquoted'];
  original: { sha256: string; bytes: number };
  /** The Parquet writer reads it later and removes it. */
  handedOver?: boolean;
}

async function validationOnly(job: SettledJob, spool: Spool): Promise<IngestRun> {
  const { verdict } = await check(job, spool, false);
  if (verdict.proven) return { result: { ...provenResult(job, verdict.rows, spool.original), fastPath: verdict } };
  const run = await fromSpool(job, spool, {});
  run.result.fastPath = verdict;
  return run;
}

/**
 * DuckDB checks first (on every core). A proven file whose every row DuckDB can write as the
 * JS serialiser does gets all its outputs from DuckDB (copyOutputs). Another proven file gets
 * the JS pass that casts and writes the text outputs trusting it (no schema rules, no
 * uniqueness). Only if both agree
 * (no error, same rows) is that the result, with DuckDB to write the Parquet from the CSV;
 * otherwise a full JS pass decides. One after the other, not side by side: DuckDB's table of
 * unique-key hashes (growing with the rows, up to its memory limit) and the pass's heap added
 * up, and peak RSS grew with the file's size (+60 MB from 100k to 1M rows).
 */
async function withOutputs(job: SettledJob, spool: Spool, workDir: string): Promise<IngestRun> {
  const unchecked = await copyBeforeCheck(job, spool, workDir);
  if (unchecked) return { result: { ...provenResult(job, unchecked.verdict.rows, spool.original), fastPath: unchecked.verdict }, copied: unchecked.outputs };
  const { verdict, measured } = await check(job, spool, true);
  if (verdict.proven && verdict.writable && job.settled) {
    const copied = await copyProven(job, job.settled, spool, workDir, verdict.localDatetimes ?? [], measured);
    if (copied) return { result: { ...provenResult(job, verdict.rows, spool.original), fastPath: verdict }, copied };
  }
  if (verdict.proven) {
    const optimistic = await fromSpool(job, spool, { proven: true });
    const report = optimistic.result.report;
    if (report.valid && report.warnings.length === 0 && report.rowCount === verdict.rows) {
      optimistic.result.fastPath = verdict;
      const localDatetimes = optimistic.rows?.validator?.localDatetimes ?? [];
      const sameTypes =
        verdict.localDatetimes?.every((local, i) => local === localDatetimes[i]) && sameFieldTypes(optimistic.result.schema, job.settled?.schema);
      // After the JS pass, so DuckDB's Parquet writer and the pass's memory do not add up.
      const settled = job.settled;
      const parquet =
        sameTypes && settled
          ? () =>
              writeParquetFromCsv(duckDbJob(job, settled, spool), localDatetimes, join(workDir, OUTPUT_NAMES.parquet)).finally(() =>
                rm(spool.textPath, { force: true }),
              )
          : undefined;
      return { ...optimistic, parquet };
    }
    await optimistic.outputs?.discard();
  }
  const run = await fromSpool(job, spool, {});
  run.result.fastPath = verdict.proven ? { proven: false, rows: verdict.rows, reason: 'the JS pass disagreed' } : verdict;
  return run;
}

/**
 * Most files published are valid: their outputs are written first, the writers checking every row
 * as the check would (copyUnchecked), which spares the check's own parse and cast of the file.
 * Undefined, nothing left behind, when that does not prove the file (or fails): withOutputs then
 * goes on as if it had not been tried, so any other file gets the same verdict, route and report.
 */
async function copyBeforeCheck(job: SettledJob, spool: Spool, workDir: string) {
  const settled = job.settled;
  // The check refuses a file this narrow a row limit leaves no room for (its max_record_bytes of no rows),
  // and one with more rows than the uniqueness check holds keys: the writers would find that out at the end.
  if (spool.guardReason || spool.moreRowsThanKeys || !settled || 3 * job.plan.names.length >= job.limits.maxRecordBytes) return undefined;
  const unquoted = spool.unquoted;
  return copyUnchecked({
    duck: duckDbJob(job, settled, spool),
    // What the spool's bytes already rule out for every row: the writers' check leaves it out.
    ruledOut: {
      controlCharacters: unquoted?.controlFree === true,
      longRows: unquoted !== null && 2 * unquoted.longestLine + 3 * job.plan.names.length < job.limits.maxRecordBytes,
      // Unquoted, no cell holds a quote, a line break (the byte guards refuse lone CRs) or the delimiter.
      csvQuotes: unquoted?.commaFree === true,
      jsonEscapes: unquoted?.backslashFree === true,
    },
    fields: settled.schema.fields,
    csvHeader: new RowSerialiser(settled.schema.fields).csvHeader().slice(0, -2),
    format: job.plan.detected.format,
    workDir,
  });
}

/** A proven file's every output by DuckDB (copy-outputs.ts); undefined (nothing left behind) when DuckDB fails: the JS pass then writes them. */
async function copyProven(
  job: SettledJob,
  settled: SettledSchema,
  spool: Spool,
  workDir: string,
  localDatetimes: readonly boolean[],
  measured: CopyJob['measured'],
): Promise<CopiedOutputs | undefined> {
  try {
    return await copyOutputs({
      duck: duckDbJob(job, settled, spool),
      fields: settled.schema.fields,
      csvHeader: new RowSerialiser(settled.schema.fields).csvHeader().slice(0, -2),
      format: job.plan.detected.format,
      localDatetimes,
      workDir,
      measured,
    });
  } catch (error) {
    console.warn(`ingest fast path: DuckDB could not write the outputs (${String((error as Error).message).split('\n')[0]}); the JS pass writes them`);
    return undefined;
  }
}

const sameFieldTypes = (a: TableSchema, b: TableSchema | undefined): boolean =>
  b !== undefined && a.fields.length === b.fields.length && a.fields.every((f, i) => f.type === b.fields[i].type);

/** The check uses every core (nothing else runs beside it); writeParquetFromCsv uses one. */
function duckDbJob({ plan, limits }: SpooledJob, settled: SettledSchema, spool: Spool): DuckDbJob {
  return {
    path: spool.textPath,
    plan: settled.sql,
    delimiter: plan.delimiter,
    threads: availableParallelism(),
    memoryLimit: duckdbMemoryFor(limits.duckdbCheckMemoryLimit, limits.duckdbMemoryPerColumn, plan.names.length),
    workDir: spool.dir,
    maxRecordBytes: limits.maxRecordBytes,
    maxUniqueKeys: limits.maxUniqueKeys,
    columnCount: plan.names.length,
  };
}

/**
 * DuckDB's verdict; a DuckDB failure of any kind is "not proven" (the JS path can still do the job).
 * With outputs to write, the check's read also recognises and measures the geography.
 */
async function check(job: SettledJob, spool: Spool, outputs: boolean): Promise<{ verdict: FastVerdict; measured?: CopyJob['measured'] }> {
  if (spool.guardReason) return { verdict: { proven: false, rows: 0, reason: spool.guardReason } };
  const settled = job.settled;
  if (!settled) return { verdict: { proven: false, rows: 0, reason: 'the inferred schema could not be settled from the text' } };
  let checked: { verdict: FastVerdict; measured?: CopyJob['measured'] };
  try {
    const duck = duckDbJob(job, settled, spool);
    checked = await checkAndMeasure(duck, outputs ? geographyInCheck(settled.schema.fields, job.plan.detected.format, duck.plan) : undefined);
  } catch (error) {
    checked = { verdict: { proven: false, rows: 0, reason: `DuckDB failed: ${String((error as Error).message).split('\n')[0]}` } };
  }
  const verdict = checked.verdict;
  // Not the file's fault, and it makes a clean file take the slow path: worth a line in the logs.
  if (/DuckDB failed|Out of Memory/.test(verdict.reason ?? '')) console.warn(`ingest fast path not taken: ${verdict.reason}`);
  return checked;
}

/**
 * The JS path over the spooled copy (already hashed and counted on the way in). Detection
 * sees the upload's own sample (the spool is read in other chunks, so a sample taken from it
 * could be longer and detect another encoding); the text is read from the spool.
 */
async function fromSpool(job: SpooledJob, spool: Spool, options: JsOptions): Promise<IngestRun> {
  const spooled = new OriginalBytes(createReadStream(spool.path), { hash: false });
  const read = await takeSample(spooled, 0);
  const sample: Sample = { bytes: job.sample.bytes, complete: job.sample.complete, chunks: read.chunks };
  const run = await ingestWithJs({ ...job, original: spooled, sample, ...options });
  run.result.original = spool.original;
  return run;
}

const SPOOL_NAME = 'upload.spool';
const TEXT_SPOOL_NAME = 'upload.utf8.spool';

/** The result the JS path gives a valid file: no errors, no warnings, the rows DuckDB counted. */
function provenResult({ plan, dataSchema, limits, settled }: SettledJob, rows: number, original: { sha256: string; bytes: number }): ValidationResult {
  const report = new ReportBuilder(limits.maxErrors);
  report.rowCount = rows;
  report.columnCount = plan.names.length;
  return {
    ok: true,
    detected: plan.detected,
    schema: settled?.schema ?? { fields: [], missingValues: [''] },
    schemaSource: dataSchema ? 'declared' : 'inferred',
    ...(dataSchema ? { dataSchema: { id: dataSchema.id, $id: dataSchema.$id, version: dataSchema.version } } : {}),
    report: report.build(),
    original,
  };
}
