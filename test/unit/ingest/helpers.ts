import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processUpload, type ProcessResult, type ProcessUploadInput, type ValidationResult } from '../../../functions/ingest/core';
import { duckDbQuery, sqlPath } from '../../support/duckdb-query';

export const FIXTURES = join(__dirname, '../../fixtures/ingest');

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

/** Bytes delivered in small pieces, as a network stream would (to exercise chunk boundaries). */
export async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const workDirs: string[] = [];

export async function newWorkDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ldx-ingest-test-'));
  workDirs.push(dir);
  return dir;
}

export async function removeWorkDirs(): Promise<void> {
  await Promise.all(workDirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

type Options = Omit<ProcessUploadInput, 'source' | 'workDir'>;

export async function processFile(name: string, options: Options = {}): Promise<ProcessResult & { workDir: string }> {
  const workDir = await newWorkDir();
  const result = await processUpload({ source: createReadStream(fixture(name)), filename: name.split('/').pop(), workDir, ...options });
  return { ...result, workDir };
}

export async function processBytes(bytes: Uint8Array | string, options: Options = {}, chunkSize = 64 * 1024): Promise<ProcessResult & { workDir: string }> {
  const workDir = await newWorkDir();
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const result = await processUpload({ source: chunked(data, chunkSize), workDir, ...options });
  return { ...result, workDir };
}

export async function readNdjson(path: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

export async function listDir(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

/**
 * Everything but the fast path's own note and what only processUpload makes: the output paths
 * (compared by content) and the geography read from them (compared between the paths).
 */
export function withoutFastPath(result: ValidationResult): Record<string, unknown> {
  const {
    fastPath: _fast,
    outputs: _outputs,
    geography: _geography,
    workDir: _dir,
    ...rest
  } = result as ValidationResult & { outputs?: unknown; geography?: unknown; workDir?: unknown };
  return rest;
}

/** A Parquet file's column types and rows, as DuckDB reads them back. */
export async function parquetContents(path: string): Promise<{ types: unknown; rows: unknown }> {
  const types = (await duckDbQuery(`DESCRIBE SELECT * FROM read_parquet(${sqlPath(path)})`)).map((r) => [r.column_name, r.column_type]);
  const rows = (await duckDbQuery(`SELECT * FROM read_parquet(${sqlPath(path)})`)).map((r) => Object.values(r));
  return { types, rows };
}

/** The header of the common schema air-quality-readings, as the ingest tests' generated files have it. */
export const AIR_QUALITY_HEADER = 'site_code,borough_gss_code,pollutant,measured_at,value,unit,ratified,data_capture_pct,latitude,longitude';
const POLLUTANTS = ['NO2', 'PM10', 'PM2.5', 'O3'];

/** Row `i` of a valid air-quality-readings file: unique (site, pollutant, hour) for every `i`. */
export function airQualityRow(i: number): string[] {
  const hour = `${new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 160) * 3_600_000).toISOString().slice(0, 19)}Z`;
  return [
    `S${String(i % 40).padStart(3, '0')}`,
    `E090000${String(1 + (i % 33)).padStart(2, '0')}`,
    POLLUTANTS[Math.floor(i / 40) % 4],
    hour,
    String(((i * 7919) % 2000) / 10),
    'ug/m3',
    i % 3 === 0 ? 'false' : 'true',
    String(i % 101),
    `51.${4000 + (i % 3000)}`,
    `-0.${1000 + (i % 4000)}`,
  ];
}
