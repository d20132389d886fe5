/**
 * The Athena copy of a published version: what the ingest writes and the row API reads, in one
 * place so both sides agree (functions/ingest writes it; functions/rows registers it in Glue and
 * queries it through Athena).
 *
 * A Glue table's LOCATION is a prefix, and Athena reads every object under it. The ingest writes
 * all of a version's files under one prefix (datasets/{dataset}/{resource}/v{n}/: original,
 * data.csv, data.json, data.ndjson, data.parquet, report.json), so that prefix cannot be a table.
 * Athena also has no row position, and keyset paging and CKAN's `_id` need one. So a large
 * version gets a copy of its Parquet at `athena/data.parquet` next to its Parquet file, alone in
 * that prefix, with the same columns plus a leading BIGINT row number (1-based, file order):
 * `athenaRowIdColumn`.
 */

/**
 * Where a version's rows are queried. In AWS, a version whose Parquet file is larger than this
 * is read through Athena over its Athena copy (the ingest writes the copy only for those
 * versions); smaller ones are fetched to the API function's /tmp and queried with DuckDB.
 * 512 MiB of zstd Parquet is roughly 50–200 million cells: it still downloads to /tmp in a few
 * seconds, fits the 1.5 GiB disk cache two or three times over, and scans within the query
 * timeout on a 3 GB function; beyond it, a cold query would spend most of its time downloading.
 * Local mode and tests have no Athena (no workgroup configured): DuckDB serves everything there.
 */
export const ATHENA_ABOVE_PARQUET_BYTES = 512 * 1024 * 1024;

/** The Athena copy's key: `athena/data.parquet` in the folder of the version's Parquet file. */
export const athenaCopyKey = (parquetKey: string): string => `${parquetKey.replace(/[^/]*$/, '')}athena/data.parquet`;

/**
 * `base`, with one more `_` while that names one of `taken` (compared lower-cased: Glue
 * lower-cases column names, DuckDB ignores their case): how both query engines name the
 * columns they add to a version's own.
 */
export const unusedColumnName = (base: string, taken: readonly string[]): string => {
  let name = base;
  const lowered = new Set(taken.map((n) => n.toLowerCase()));
  while (lowered.has(name)) name += '_';
  return name;
};

/** The row-number column of an Athena copy: `__ldx_row`, unless a data column has that name. */
export const athenaRowIdColumn = (fieldNames: readonly string[]): string => unusedColumnName('__ldx_row', fieldNames);

/**
 * The Athena copy's S3 metadata entry naming its date-time columns written without an offset
 * (Parquet TIMESTAMP, not TIMESTAMPTZ): positions in the schema's fields, comma-separated. Glue
 * has one timestamp type, so the row API learns from this which columns to show without a `Z`
 * and where an offset in a filter is an error, as DuckDB does from the Parquet's own types.
 */
export const LOCAL_DATETIMES_METADATA = 'local-datetime-columns';

/** S3 allows 2 KB of user metadata: a copy whose list would not fit is not written (DuckDB serves the version). */
const MAX_METADATA_CHARS = 1024;

export const encodeLocalDatetimes = (local: readonly boolean[]): string | undefined => {
  const text = local.flatMap((isLocal, position) => (isLocal ? [String(position)] : [])).join(',');
  return text.length <= MAX_METADATA_CHARS ? text : undefined;
};

export const decodeLocalDatetimes = (text: string | undefined): ReadonlySet<number> =>
  new Set(
    (text ?? '')
      .split(',')
      .filter((part) => /^\d+$/.test(part))
      .map(Number),
  );
