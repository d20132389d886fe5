import { ATHENA_ABOVE_PARQUET_BYTES } from '../../domain/athena-copy';

/**
 * Caps that keep memory bounded whatever the upload. Every cap that is hit produces a
 * report error (never an exception or unbounded buffering). All are per upload.
 */
export interface IngestLimits {
  /** Bytes read before detection (encoding, format, delimiter). Only this much is buffered. */
  sampleBytes: number;
  /** More columns than this is a format-error: the file is not read further. */
  maxColumns: number;
  /**
   * Largest single record in bytes of UTF-8 text (characters for JSON): one CSV row, one NDJSON line, one JSON array
   * element or GeoJSON feature. A 5 MB cell or a quote that is never closed hits it.
   */
  maxRecordBytes: number;
  /** Errors kept in the report; every error is still counted per code. */
  maxErrors: number;
  /** Rows used for type inference, and for the union of keys that makes a JSON header. */
  inferenceRows: number;
  /** Characters of cells buffered for that sample, whichever comes first. */
  inferenceChars: number;
  /** Distinct keys tracked per uniqueness constraint (about 24 bytes each at worst); beyond it, a warning. */
  maxUniqueKeys: number;
  /**
   * Memory DuckDB may use while writing Parquet; it spills to workDir beyond it. This is the
   * budget of a narrow table: wider ones get `duckdbMemoryPerColumn` more per column.
   */
  duckdbMemoryLimit: string;
  /**
   * Memory DuckDB may use on the fast path: its check (before the JS pass that writes the
   * text outputs, so the two never add up), then the Parquet. Uniqueness spills to workDir
   * beyond it; much lower and its distinct count of a few million keys runs out of memory.
   */
  duckdbCheckMemoryLimit: string;
  /**
   * Bytes added to either DuckDB budget per column. DuckDB works on vectors of 2 048 values per
   * column and cannot spill the ones in flight: a chunk of 1 000 text columns is 32 MB before
   * the text itself, and a Parquet write holds several, so 128 MB ran out of memory on a
   * 1 000-column, 5-row file, and 128 MB + 128 KB per column on 5 000 such rows. 384 KB per
   * column wrote 20 000 and 40 000 rows of 1 000 short text columns (peak RSS ~500 MB, the same
   * as with 256 KB: DuckDB takes only what it needs). Much longer cells in a wide table can
   * still run out: the version then fails with a report saying so.
   */
  duckdbMemoryPerColumn: number;
  /**
   * Deepest nesting of arrays and objects in one JSON cell. A cell is written out as JSON
   * text, and serialising a value nested thousands of levels deep overflows the stack.
   */
  maxNestingDepth: number;
  /**
   * A valid upload whose Parquet is larger than this also gets its Athena copy (the Parquet with
   * a row number, functions/domain/athena-copy.ts), for the row API's Athena path. Defaults to
   * the row API's threshold; tests lower it to force the copy on a small file.
   */
  athenaCopyAboveParquetBytes: number;
  /** Parts a workbook's zip may hold; more is refused before anything is inflated. */
  maxZipEntries: number;
  /** Uncompressed bytes of all a workbook's parts together (a zip bomb's give-away). */
  maxZipUncompressedBytes: number;
  /** Largest compression ratio of one part over 1 MiB: real workbooks stay far below it, bombs far above. */
  maxZipRatio: number;
  /** Characters of a workbook's shared string table, which is held in memory while its sheet is read. */
  maxSharedStringChars: number;
  /** Characters of a JSON file that is one object (records nested inside it): it is read whole. */
  maxJsonDocumentChars: number;
  /** A worksheet part at least this large (uncompressed) is parsed in a worker thread beside the ingest's. */
  sheetWorkerAboveBytes: number;
}

export const DEFAULT_LIMITS: Readonly<IngestLimits> = Object.freeze({
  sampleBytes: 64 * 1024,
  maxColumns: 1000,
  maxRecordBytes: 1024 * 1024,
  maxErrors: 100,
  inferenceRows: 1000,
  inferenceChars: 8 * 1024 * 1024,
  maxUniqueKeys: 4_000_000,
  duckdbMemoryLimit: '128MB',
  duckdbCheckMemoryLimit: '64MB',
  duckdbMemoryPerColumn: 384 * 1024,
  maxNestingDepth: 64,
  athenaCopyAboveParquetBytes: ATHENA_ABOVE_PARQUET_BYTES,
  maxZipEntries: 10_000,
  maxZipUncompressedBytes: 2 * 1024 ** 3,
  maxZipRatio: 200,
  maxSharedStringChars: 64 * 2 ** 20,
  maxJsonDocumentChars: 32 * 2 ** 20,
  // Starting a worker costs tens of milliseconds: worth it from a few thousand rows.
  sheetWorkerAboveBytes: 4 * 2 ** 20,
});

export function resolveLimits(overrides?: Partial<IngestLimits>): IngestLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}

const MB = 2 ** 20;

/**
 * A DuckDB memory_limit for a table of `columns` columns: the narrow-table budget plus
 * `perColumn` bytes per column, so the limit grows with the table's width, never its length.
 */
export function duckdbMemoryFor(budget: string, perColumn: number, columns: number): string {
  const match = /^(\d+)\s*(MB|GB)$/i.exec(budget.trim());
  if (!match) throw new Error(`DuckDB memory budget '${budget}' is not a number of MB or GB`);
  const base = Number(match[1]) * (match[2].toUpperCase() === 'GB' ? 1024 : 1);
  return `${base + Math.ceil((Math.max(0, columns) * perColumn) / MB)}MB`;
}
