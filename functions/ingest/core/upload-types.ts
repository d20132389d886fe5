/**
 * What an upload's ingest takes and gives back, in a module of their own: the orchestrator
 * (process-upload) and both ingest paths (JS and DuckDB fast path) speak them, and the paths
 * must not import the orchestrator that calls them.
 */
import type { DataSchema } from './data-schemas';
import type { DocumentStandard } from './documents/document-standard';
import type { IngestLimits } from './limits';
import type { Detected } from './open-table';
import type { OutputFile } from './outputs/output-file';
import type { ValidationReport } from './report';
import type { TableSchema } from './table-schema';
import type { Geography } from './geography/describe-geography';

/** The fast path's answer: whether DuckDB proved the file valid, or why the JS path decided. */
export interface FastVerdict {
  /** True only when every row is vouched for: the file is valid and the JS path would say so. */
  proven: boolean;
  /** Data rows DuckDB read (meaningful when proven). */
  rows: number;
  /** Why not proven, for logs and tests. */
  reason?: string;
  /** Per column, when proven: true when some datetime had no UTC offset (decides the Parquet type). */
  localDatetimes?: boolean[];
  /** When proven: whether DuckDB can write every row's text as the JS serialiser does (sql-text-lines.ts). */
  writable?: boolean;
  /** 'writers' when the COPYs writing the outputs checked every row (copy-outputs.ts copyUnchecked); absent when the check's own read proved the file. */
  provenBy?: 'writers';
}

export interface UploadInput {
  /** The uploaded bytes, exactly as received (a Node Readable is an AsyncIterable<Uint8Array>). */
  source: AsyncIterable<Uint8Array>;
  filename?: string;
  /** The format the publisher declared (`csv`, `text/csv`, `ndjson`...): a hint; the content decides. */
  declaredFormat?: string;
  /** For a workbook: the sheet to publish (by name); otherwise the first sheet holding a table. */
  sheet?: string;
  /** Short id or `$id` of a common data schema every row must follow. */
  dataSchemaId?: string;
  /** A schema already resolved by the caller (a version range, a proposed version); wins over `dataSchemaId`. */
  dataSchema?: DataSchema;
  /** Set by the orchestrator when `dataSchemaId` names a document standard (360Giving...): the file is one JSON document. */
  documentStandard?: DocumentStandard;
  limits?: Partial<IngestLimits>;
  /** False: the JS path only, never DuckDB (tests compare the two). */
  fastPath?: boolean;
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
  /** Present when DuckDB was asked: whether it proved the file valid, or why not. */
  fastPath?: FastVerdict;
}

export interface ProcessResult extends ValidationResult {
  /** Only when ok: an invalid upload is not published, so nothing is left in workDir. */
  outputs?: { csv: OutputFile; json: OutputFile; ndjson: OutputFile; parquet: OutputFile; geojson?: OutputFile };
  /** Only when ok and the rows have a place (coordinates, geometry) or GSS-coded columns. */
  geography?: Geography;
  /**
   * Only when the Parquet is above `athenaCopyAboveParquetBytes`: its Athena copy (not a download
   * format), with which columns hold date-times without an offset (Parquet TIMESTAMP).
   */
  athenaCopy?: OutputFile & { localDatetimes: readonly boolean[] };
}
