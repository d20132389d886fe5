import type { DuckDBResultReader, DuckDBValue } from '@duckdb/node-api';

/** A cell as the API returns it: the same JSON values as the exchange's JSON downloads. */
export type JsonCell = string | number | boolean | null;

const MICROS_PER_SECOND = 1_000_000n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** `yyyy-mm-ddThh:mm:ss[.ffffff]` (+ `Z` for instants), like the ingest's normalised date-times. */
const isoFromMicros = (micros: bigint, instant: boolean): string | undefined => {
  let seconds = micros / MICROS_PER_SECOND;
  let fraction = micros % MICROS_PER_SECOND;
  if (fraction < 0n) {
    seconds -= 1n;
    fraction += MICROS_PER_SECOND;
  }
  const date = new Date(Number(seconds) * 1000);
  if (Number.isNaN(date.getTime())) return undefined;
  const digits = fraction === 0n ? '' : `.${fraction.toString().padStart(6, '0').replace(/0+$/, '')}`;
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
