import { join } from 'node:path';
import { OriginalBytes, takeSample } from './byte-source';
import { getDataSchema, type DataSchema } from './data-schemas';
import { IngestInputError } from './errors';
import { resolveLimits, type IngestLimits } from './limits';
import { openTable, type Detected } from './open-table';
import type { OutputFile } from './outputs/output-file';
import { writeParquet } from './outputs/parquet';
import { OUTPUT_NAMES, RowOutputs } from './outputs/row-outputs';
import { ReportBuilder, type ValidationReport } from './report';
import type { TableSchema } from './table-schema';
import { RowsRun } from './validate-rows';

export interface UploadInput {
  /** The uploaded bytes, exactly as received (a Node Readable is an AsyncIterable<Uint8Array>). */
  source: AsyncIterable<Uint8Array>;
  filename?: string;
  /** The format the publisher declared (`csv`, `text/csv`, `ndjson`...): a hint; the content decides. */
  declaredFormat?: string;
  /** Short id or `$id` of a common data schema every row must follow. */
  dataSchemaId?: string;
  limits?: Partial<IngestLimits>;
}

export interface ProcessUploadInput extends UploadInput {
  /** An existing, empty directory the outputs are written to; the caller removes it. */
  workDir: string;
}

export interface ValidationResult {
  /** True when the report is valid (and, for processUpload, every output was written). */
  ok: boolean;
  detected: Detected;
  /** The schema rows were cast by: declared (converted to Table Schema) or inferred. Empty when unreadable. */
  schema: TableSchema;
  schemaSource: 'declared' | 'inferred' | 'none';
  dataSchema?: { id: string; $id: string; version: string };
  report: ValidationReport;
  original: { sha256: string; bytes: number };
}

export interface ProcessResult extends ValidationResult {
  /** Only when ok: an invalid upload is not published, so nothing is left in workDir. */
  outputs?: { csv: OutputFile; json: OutputFile; ndjson: OutputFile; parquet: OutputFile };
}

export class UnknownDataSchemaError extends Error {
  constructor(readonly dataSchemaId: string) {
    super(`There is no common data schema "${dataSchemaId}"`);
    this.name = 'UnknownDataSchemaError';
  }
}

/** Detects, reads, casts and validates an upload without writing anything. */
export async function validateUpload(input: UploadInput): Promise<ValidationResult> {
  const { result } = await ingest(input, null);
  return result;
}

/**
 * Validates an upload and, when it is valid, writes the normalised CSV, NDJSON, JSON and
 * Parquet files into `workDir`. Problems with the file end up in the report; only a
 * failure of the source stream, the disk or DuckDB is thrown.
 */
export async function processUpload(input: ProcessUploadInput): Promise<ProcessResult> {
  const { result, rows, outputs } = await ingest(input, input.workDir);
  if (!outputs) return { ...result, ok: false };
  if (!result.ok || !rows?.validator) {
    await outputs.discard();
    return result;
  }
  try {
    const text = await outputs.close();
    const limits = resolveLimits(input.limits);
    const parquet = await writeParquet({
      ndjsonPath: text.ndjson.path,
      parquetPath: join(input.workDir, OUTPUT_NAMES.parquet),
      fields: result.schema.fields,
      localDatetimes: rows.validator.localDatetimes,
      workDir: input.workDir,
      memoryLimit: limits.duckdbMemoryLimit,
      maxRecordBytes: limits.maxRecordBytes,
    });
    return { ...result, outputs: { ...text, parquet } };
  } catch (error) {
    await outputs.discard().catch(() => undefined);
    throw error;
  }
}

async function ingest(input: UploadInput, workDir: string | null): Promise<{ result: ValidationResult; rows?: RowsRun; outputs?: RowOutputs }> {
  const limits = resolveLimits(input.limits);
  const dataSchema = resolveDataSchema(input.dataSchemaId);
  const report = new ReportBuilder(limits.maxErrors);
  const original = new OriginalBytes(input.source);
  let detected: Detected = {};
  let outputs: RowOutputs | undefined;
  let rows: RowsRun | undefined;
  try {
    const sample = await takeSample(original, limits.sampleBytes);
    const table = openTable(sample, limits, report, input);
    detected = table.detected;
    if (table.batches) {
      rows = new RowsRun({
        limits, report, dataSchema,
        openOutputs: async (schema) => (workDir ? (outputs = await RowOutputs.create(workDir, schema.fields)) : null),
      });
      await rows.run(table.batches);
    }
  } catch (error) {
    if (!(error instanceof IngestInputError)) {
      await outputs?.discard().catch(() => undefined);
      throw error;
    }
    report.add({ code: error.code, row: error.row, field: null, message: error.message });
  }
  await original.drain();
  const built = report.build();
  const schema = rows?.schema ?? { fields: [], missingValues: [''] };
  return {
    rows,
    outputs,
    result: {
      ok: built.valid,
      detected,
      schema,
      schemaSource: rows?.schema ? (dataSchema ? 'declared' : 'inferred') : 'none',
      ...(dataSchema ? { dataSchema: { id: dataSchema.id, $id: dataSchema.$id, version: dataSchema.version } } : {}),
      report: built,
      original: { sha256: original.sha256(), bytes: original.bytes },
    },
  };
}

function resolveDataSchema(id: string | undefined): DataSchema | undefined {
  if (!id) return undefined;
  const schema = getDataSchema(id);
  if (!schema) throw new UnknownDataSchemaError(id);
  return schema;
}
