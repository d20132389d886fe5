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
 * The row-number column of an Athena copy: `__ldx_row`, with one more `_` while that names a
 * data column (compared lower-cased: Glue lower-cases column names, DuckDB ignores their case).
 */
export const athenaRowIdColumn = (fieldNames: readonly string[]): string => {
  let name = '__ldx_row';
  const lowered = new Set(fieldNames.map((n) => n.toLowerCase()));
  while (lowered.has(name)) name += '_';
  return name;
};
