/**
 * What one ingest path hands the orchestrator (process-upload.ts), in a module of its own:
 * the JS path, the fast path and the orchestrator all speak it, and none of them imports
 * another for its types.
 */
import type { Placed } from './geography/describe-geography';
import type { OutputFile } from './outputs/output-file';
import type { RowOutputs, TextOutputs } from './outputs/row-outputs';
import type { ValidationResult } from './upload-types';
import type { RowsRun } from './validate-rows';

export interface IngestRun {
  result: ValidationResult;
  /** The JS pass that cast the rows (absent when DuckDB wrote the outputs). */
  rows?: RowsRun;
  /** The JS pass's open text outputs. */
  outputs?: RowOutputs;
  /** The fast path's Parquet writer (undefined from it: writeParquet makes it from the NDJSON). */
  parquet?: () => Promise<OutputFile | undefined>;
  /** Every output of a proven file, written by DuckDB with COPY (no JS pass read it). */
  copied?: CopiedOutputs;
}

export interface CopiedOutputs {
  text: TextOutputs;
  parquet: OutputFile;
  /** Per column: date-times without an offset (Parquet TIMESTAMP), as the JS validator tracks them. */
  localDatetimes: readonly boolean[];
  /** The geography DuckDB measured (null: the table has none); undefined leaves it to describeGeography. */
  placed?: Placed | null;
}

export interface JsOptions {
  /** DuckDB has proved the schema's rules and uniqueness: cast and write only. */
  proven?: boolean;
}
