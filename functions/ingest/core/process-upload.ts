import { join } from 'node:path';
import { OriginalBytes, takeSample } from './byte-source';
import { getDataSchema, type DataSchema, UnknownDataSchemaError } from './data-schemas';

export { UnknownDataSchemaError };
import { getDocumentStandard } from './documents/registry';
import { ingestSpooled } from './fast-path/ingest-spooled';
import { planFastPath } from './fast-path/plan-fast-path';
import { ingestWithJs, type IngestRun } from './js-ingest';
import { duckdbMemoryFor, resolveLimits } from './limits';
import { describeGeography } from './geography/describe-geography';
import { writeAthenaCopy } from './outputs/athena-copy';
import { writeParquet } from './outputs/parquet';
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
  const { result, rows, outputs, parquet: fastParquet } = await ingest(input, input.workDir);
  if (!outputs) return { ...result, ok: false };
  if (!result.ok || !rows?.validator) {
    await outputs.discard();
    return result;
  }
  try {
    const [text, written] = await Promise.all([outputs.close(), fastParquet?.()]);
    const limits = resolveLimits(input.limits);
    const columns = result.schema.fields.length;
    const { localDatetimes } = rows.validator;
    // The geography pass (JavaScript) reads the NDJSON while DuckDB writes the Parquet (its own
    // threads), so the two overlap; both are awaited before either's failure is thrown.
    const parquetWritten = (async () =>
      written ??
      (await writeParquet({
        ndjsonPath: text.ndjson.path,
        parquetPath: join(input.workDir, OUTPUT_NAMES.parquet),
        fields: result.schema.fields,
        localDatetimes,
        workDir: input.workDir,
        memoryLimit: duckdbMemoryFor(limits.duckdbMemoryLimit, limits.duckdbMemoryPerColumn, columns),
        maxRecordBytes: limits.maxRecordBytes,
      })))();
    const geographyDescribed = describeGeography(text.ndjson.path, result.schema.fields, result.detected.format, input.workDir);
    const [parquetDone, placedDone] = await Promise.allSettled([parquetWritten, geographyDescribed]);
    if (parquetDone.status === 'rejected') throw parquetDone.reason;
    if (placedDone.status === 'rejected') throw placedDone.reason;
    const parquet = parquetDone.value;
    const placed = placedDone.value;
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
    return {
      ...result,
      outputs: { ...text, parquet, ...(placed?.geojson ? { geojson: placed.geojson } : {}) },
      ...(placed ? { geography: placed.geography } : {}),
      ...(athenaCopy ? { athenaCopy: { ...athenaCopy, localDatetimes } } : {}),
    };
  } catch (error) {
    await outputs.discard().catch(() => undefined);
    throw error;
  }
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
