/**
 * The CSV variants `bench:ingest` publishes beside the generated UTF-8 readings file, and
 * DuckDB's own time for the same reads and writes (the anchor each is compared with):
 *   - declared: the UTF-8 file against the common schema `air-quality-readings`
 *   - inferred: the same file without a schema
 *   - cp1252:   the file in Windows-1252 (the unit written `µg/m³`), schema inferred
 *   - utf16:    the file in UTF-16LE with a BOM (unit `µg/m³`), schema inferred
 * DuckDB's run reads the file with its own typed, strict reader (the columns' types declared,
 * so every cell is cast and checked; the declared run also counts the unique key's repeats),
 * then writes CSV, NDJSON and Parquet with COPY: what publishing asks of the exchange.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sqlString, withScratchDuckDb } from '../functions/ingest/core/duckdb';

export const VARIANTS = ['declared', 'inferred', 'cp1252', 'utf16'] as const;
export type Variant = (typeof VARIANTS)[number];

/** The file a variant reads, next to the generated UTF-8 file. */
export const variantPath = (file: string, variant: Variant): string =>
  variant === 'cp1252' ? file.replace(/\.csv$/, '-cp1252.csv') : variant === 'utf16' ? file.replace(/\.csv$/, '-utf16.csv') : file;

export const variantSchema = (variant: Variant): string | undefined => (variant === 'declared' ? 'air-quality-readings' : undefined);

/** Writes the Windows-1252 and UTF-16 copies of the generated file (streamed, line by line unchanged but for the unit). */
export async function writeVariants(file: string): Promise<void> {
  for (const variant of ['cp1252', 'utf16'] as const) {
    const out = createWriteStream(variantPath(file, variant));
    if (variant === 'utf16') out.write(Buffer.from([0xff, 0xfe]));
    let carry = '';
    for await (const chunk of createReadStream(file, { encoding: 'utf8' })) {
      const text = (carry + chunk).replace(/ug\/m3/g, 'µg/m³');
      // `ug/m3` may be cut by the chunk: hold back the last few characters.
      carry = text.slice(-5);
      const bytes = Buffer.from(text.slice(0, -5), variant === 'utf16' ? 'utf16le' : 'latin1');
      if (!out.write(bytes)) await once(out, 'drain');
    }
    out.end(Buffer.from(carry.replace(/ug\/m3/g, 'µg/m³'), variant === 'utf16' ? 'utf16le' : 'latin1'));
    await once(out, 'finish');
  }
}

const TYPED_COLUMNS =
  "{'site_code': 'VARCHAR', 'borough_gss_code': 'VARCHAR', 'pollutant': 'VARCHAR', 'measured_at': 'TIMESTAMPTZ', 'value': 'DOUBLE', 'unit': 'VARCHAR', " +
  "'ratified': 'BOOLEAN', 'data_capture_pct': 'BIGINT', 'latitude': 'DOUBLE', 'longitude': 'DOUBLE'}";

/** The time DuckDB's own run took up to a point (from its start), wall and CPU. */
export interface AnchorTime {
  ms: number;
  cpuMs: number;
}

/**
 * DuckDB alone: typed strict read and check, then CSV, NDJSON and Parquet by COPY (`threeOutputs`:
 * the anchor as first defined), then what publishing writes besides: the JSON array and the GeoJSON
 * Features of the latitude/longitude columns (a JSON array of Features: DuckDB's JSON writer has no
 * FeatureCollection wrapper; the same work), with the bounding box and the borough codes measured
 * in the check. Returns the rows it read.
 */
export async function duckDbOwnPublish(file: string, variant: Variant, workDir: string): Promise<{ rows: number; threeOutputs: AnchorTime }> {
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const out = await mkdtemp(join(workDir, 'duckdb-'));
  try {
    return await withScratchDuckDb(out, '.spill', {}, async (connection) => {
      // DuckDB reads Latin-1 natively; the file's only non-ASCII characters are the same in Windows-1252.
      const encoding = variant === 'utf16' ? 'utf-16' : variant === 'cp1252' ? 'latin-1' : 'utf-8';
      const read = `read_csv(${sqlString(variantPath(file, variant))}, header = true, auto_detect = false, columns = ${TYPED_COLUMNS}, strict_mode = true, encoding = '${encoding}')`;
      const placed = 'latitude IS NOT NULL AND longitude IS NOT NULL AND NOT (latitude = 0 AND longitude = 0)';
      const check = await connection.runAndReadAll(
        `SELECT count(*) AS rows, count(*) - count(DISTINCT (site_code, pollutant, measured_at)) AS dups, count(*) FILTER (WHERE value < 0 OR data_capture_pct > 100) AS bad, ` +
          `min(longitude) FILTER (WHERE ${placed}), min(latitude) FILTER (WHERE ${placed}), max(longitude) FILTER (WHERE ${placed}), max(latitude) FILTER (WHERE ${placed}), ` +
          `list(DISTINCT borough_gss_code) FROM ${read}`,
      );
      const rows = Number(check.getRowObjects()[0].rows);
      await connection.run(`COPY (SELECT * FROM ${read}) TO ${sqlString(join(out, 'data.csv'))} (FORMAT csv, HEADER true)`);
      await connection.run(`COPY (SELECT * FROM ${read}) TO ${sqlString(join(out, 'data.ndjson'))} (FORMAT json)`);
      await connection.run(`COPY (SELECT * FROM ${read}) TO ${sqlString(join(out, 'data.parquet'))} (FORMAT parquet, COMPRESSION zstd)`);
      const cpu = process.cpuUsage(cpuBefore);
      const threeOutputs = { ms: Number(process.hrtime.bigint() - started) / 1e6, cpuMs: (cpu.user + cpu.system) / 1000 };
      await connection.run(`COPY (SELECT * FROM ${read}) TO ${sqlString(join(out, 'data.json'))} (FORMAT json, ARRAY true)`);
      const geometry = `CASE WHEN ${placed} THEN {'type': 'Point', 'coordinates': [longitude, latitude]} END`;
      await connection.run(
        `COPY (SELECT 'Feature' AS type, ${geometry} AS geometry, r AS properties FROM ${read} AS r) TO ${sqlString(join(out, 'data.geojson'))} (FORMAT json, ARRAY true)`,
      );
      return { rows, threeOutputs };
    });
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
