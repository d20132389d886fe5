import { join } from 'node:path';
import { OriginalBytes, takeSample } from './byte-source';
import { getDataSchema, type DataSchema, UnknownDataSchemaError } from './data-schemas';

export { UnknownDataSchemaError };
import { getDocumentStandard } from './documents/registry';
import { removeCopiedOutputs } from './fast-path/copy-outputs';
import { ingestSpooled } from './fast-path/ingest-spooled';
import { planFastPath } from './fast-path/plan-fast-path';
import type { CopiedOutputs, IngestRun } from './ingest-run';
import { ingestWithJs } from './js-ingest';
import { duckdbMemoryFor, type IngestLimits, resolveLimits } from './limits';
import { describeGeography } from './geography/describe-geography';
import { writeAthenaCopy } from './outputs/athena-copy';
import { OUTPUT_NAMES } from './outputs/row-outputs';
import type { ProcessResult, ProcessUploadInput, UploadInput, ValidationResult } from './upload-types';

/** The Athena copy in workDir: a directory of its own, as in the published bucket. */
const ATHENA_COPY_PATH = join('athena', 'data.parquet');

/** Detects, reads, casts and validates an upload without writing anything. */
export async function validateUpload(input: UploadInput): Promise<ValidationResult> {
  const { result } = await ingest(input, null);
  return result;
}

/**
 * Validates an upload and, when it is valid, writes the normalised CSV, NDJSON, JSON and
 * Parquet files into `workDir` (and, for a large Parquet, its Athena copy in `athena/`).
 * Problems with the file end up in the report; only a failure of the source stream, the
 * disk or DuckDB is thrown.
 */
export async function processUpload(input: ProcessUploadInput): Promise<ProcessResult> {
  const run = await ingest(input, input.workDir);
  const { result, rows, outputs, copied } = run;
  if (!copied && !outputs) return { ...result, ok: false };
  if (!result.ok || (!copied && !rows?.validator)) {
    await outputs?.discard();
    return result;
  }
  try {
    const limits = resolveLimits(input.limits);
    const columns = result.schema.fields.length;
    const written = copied ?? (await writeJsOutputs(run, input, limits));
    const { text, parquet, localDatetimes } = written;
    const athenaCopy =
      parquet.bytes > limits.athenaCopyAboveParquetBytes
        ? await writeAthenaCopy({
            parquetPath: parquet.path,
            copyPath: join(input.workDir, ATHENA_COPY_PATH),
            fieldNames: result.schema.fields.map((f) => f.name),
            workDir: input.workDir,
            memoryLimit: duckdbMemoryFor(limits.duckdbMemoryLimit, limits.duckdbMemoryPerColumn, columns + 1),
          })
        : undefined;
    const placed =
      written.placed !== undefined ? written.placed : await describeGeography(text.ndjson.path, result.schema.fields, result.detected.format, input.workDir);
    return {
      ...result,
      outputs: { ...text, parquet, ...(placed?.geojson ? { geojson: placed.geojson } : {}) },
      ...(placed ? { geography: placed.geography } : {}),
      ...(athenaCopy ? { athenaCopy: { ...athenaCopy, localDatetimes } } : {}),
    };
  } catch (error) {
    await outputs?.discard().catch(() => undefined);
    if (copied) await removeCopiedOutputs(copied);
    throw error;
  }
}

/** The JS pass's text files closed, and the Parquet: the fast path's from the CSV, else DuckDB's from the NDJSON. */
async function writeJsOutputs(run: IngestRun, input: ProcessUploadInput, limits: IngestLimits): Promise<CopiedOutputs> {
  const { result, outputs, parquet: fastParquet } = run;
  const validator = run.rows?.validator;
  if (!outputs || !validator) throw new Error('the JS pass left no outputs');
  const [lines, written, placed] = await Promise.all([outputs.closeLines(), fastParquet?.(), outputs.geography.close()]);
  // The JSON array (a byte copy on this thread) and the Parquet (DuckDB's thread) both read the
  // closed NDJSON: side by side; both are settled before a failure of either is thrown.
  const [json, parquet] = await Promise.allSettled([
    outputs.jsonArray(lines.ndjson),
    written ??
      outputs.parquet({
        ndjsonPath: lines.ndjson.path,
        parquetPath: join(input.workDir, OUTPUT_NAMES.parquet),
        fields: result.schema.fields,
        localDatetimes: validator.localDatetimes,
        workDir: input.workDir,
        memoryLimit: duckdbMemoryFor(limits.duckdbMemoryLimit, limits.duckdbMemoryPerColumn, result.schema.fields.length),
        maxRecordBytes: limits.maxRecordBytes,
      }),
  ]);
  if (json.status === 'rejected') throw json.reason;
  if (parquet.status === 'rejected') throw parquet.reason;
  // 'describe': the pass left it to describeGeography (undefined here), which reads the NDJSON.
  return {
    text: { ...lines, json: json.value },
    parquet: parquet.value,
    localDatetimes: validator.localDatetimes,
    placed: placed === 'describe' ? undefined : (placed ?? null),
  };
}

/**
 * A CSV/TSV (any encoding; a declared schema the SQL checks can express, or none) takes the
 * fast path (fast-path/ingest-spooled.ts); anything else streams through the JS path as it arrives.
 */
async function ingest(input: UploadInput, workDir: string | null): Promise<IngestRun> {
  const limits = resolveLimits(input.limits);
  const documentStandard = input.dataSchema || !input.dataSchemaId ? undefined : getDocumentStandard(input.dataSchemaId);
  const dataSchema = documentStandard ? undefined : (input.dataSchema ?? resolveDataSchema(input.dataSchemaId));
  const original = new OriginalBytes(input.source);
  const sample = await takeSample(original, limits.sampleBytes);
  // A document standard's file is one JSON document, read whole by the JS path.
  if (documentStandard) return ingestWithJs({ original, sample, input: { ...input, documentStandard }, limits, dataSchema, workDir });
  const plan = input.fastPath !== false ? await planFastPath(sample, limits, dataSchema, input) : null;
  if (!plan) return ingestWithJs({ original, sample, input, limits, dataSchema, workDir });
  return ingestSpooled({ plan, dataSchema, original, sample, input, limits, workDir });
}

function resolveDataSchema(id: string | undefined): DataSchema | undefined {
  if (!id) return undefined;
  const schema = getDataSchema(id);
  if (!schema) throw new UnknownDataSchemaError(id);
  return schema;
}
