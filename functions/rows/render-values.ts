import type { DuckDBResultReader, DuckDBValue } from '@duckdb/node-api';

/** A cell as the API returns it: the same JSON values as the exchange's JSON downloads. */
export type JsonCell = string | number | boolean | null;

const MICROS_PER_SECOND = 1_000_000n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** `yyyy-mm-ddThh:mm:ss[.ffffff]` (+ `Z` for instants), like the ingest's normalised date-times. */
export const isoFromMicros = (micros: bigint, instant: boolean): string | undefined => {
  // Within 2^53 µs of 1970 (years 1685 to 2255) a Number holds the count exactly, and its
  // arithmetic is several times cheaper than BigInt's; both give the same seconds and fraction.
  const exact = Number(micros);
  let seconds: number;
  let fraction: number;
  if (Number.isSafeInteger(exact)) {
    // Both exact: the remainder of integers below 2^53, then a multiple of 1e6 divided by it.
    fraction = exact % 1e6;
    if (fraction < 0) fraction += 1e6;
    seconds = (exact - fraction) / 1e6;
  } else {
    let whole = micros / MICROS_PER_SECOND;
    let rest = micros % MICROS_PER_SECOND;
    if (rest < 0n) {
      whole -= 1n;
      rest += MICROS_PER_SECOND;
    }
    seconds = Number(whole);
    fraction = Number(rest);
  }
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return undefined;
  const digits = fraction === 0 ? '' : `.${String(fraction).padStart(6, '0').replace(/0+$/, '')}`;
  return `${date.toISOString().slice(0, 19)}${digits}${instant ? 'Z' : ''}`;
};

type Converter = (value: DuckDBValue) => JsonCell;

const asString: Converter = (value) => (value === null ? null : String(value));

/** By DuckDB's type name (its type ids are a runtime enum of the lazily loaded library). */
const converterFor = (typeName: string): Converter => {
  switch (typeName) {
    case 'BIGINT':
    case 'INTEGER':
    case 'SMALLINT':
    case 'TINYINT':
    case 'HUGEINT':
    case 'UBIGINT':
    case 'UINTEGER':
    case 'USMALLINT':
    case 'UTINYINT':
    case 'UHUGEINT':
      // Whole numbers beyond 2^53 would lose digits as JSON numbers: they are sent as strings.
      return (value) => (typeof value === 'bigint' ? (value >= -MAX_SAFE && value <= MAX_SAFE ? Number(value) : value.toString()) : (value as JsonCell));
    case 'DOUBLE':
    case 'FLOAT':
      return (value) => (typeof value === 'number' && !Number.isFinite(value) ? null : (value as JsonCell));
    case 'BOOLEAN':
    case 'VARCHAR':
      return (value) => value as JsonCell;
    case 'TIMESTAMP':
    case 'TIMESTAMP WITH TIME ZONE':
      return (value) => {
        if (value === null) return null;
        const micros = (value as { micros?: unknown }).micros;
        return (typeof micros === 'bigint' && isoFromMicros(micros, typeName !== 'TIMESTAMP')) || String(value);
      };
    default:
      // Read-only SQL can produce decimals (sum of a DECIMAL, numeric literals): numbers, as JSON downloads give them.
      if (typeName.startsWith('DECIMAL')) return (value) => (value === null ? null : (value as unknown as { toDouble(): number }).toDouble());
      return asString;
  }
};

/** Rows of a result as arrays of JSON cells, in the result's column order. */
export const jsonRows = (reader: DuckDBResultReader): JsonCell[][] => {
  const converters = reader.columnTypes().map((type) => converterFor(type.toString()));
  return reader.getRows().map((row) => row.map((value, i) => converters[i](value)));
};
