import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { duckDbQuery as query, sqlPath } from '../../support/duckdb-query';
import { ATHENA_ABOVE_PARQUET_BYTES, athenaCopyKey, athenaRowIdColumn } from '../../../functions/domain/athena-copy';
import { DEFAULT_LIMITS } from '../../../functions/ingest/core';
import { writeAthenaCopy } from '../../../functions/ingest/core/outputs/athena-copy';
import { listDir, newWorkDir, processBytes, removeWorkDirs } from './helpers';

afterAll(removeWorkDirs);

const FORCE = { limits: { athenaCopyAboveParquetBytes: 0 } };

/** Column names and types as DuckDB reads them back. */
const columnTypes = async (path: string) => (await query(`DESCRIBE SELECT * FROM read_parquet(${sqlPath(path)})`)).map((r) => [r.column_name, r.column_type]);

/**
 * Each row of the main Parquet (by its position in the file) against the copy's row of that
 * number: how many rows differ in any column, and whether the copy's own rows are in number order.
 */
async function compare(mainPath: string, copyPath: string, rowId: string, columns: string[]) {
  const cols = columns.map((c) => `"${c.replace(/"/g, '""')}"`);
  const [result] = await query(
    `WITH m AS (SELECT file_row_number + 1 AS pos, ${cols.join(', ')} FROM read_parquet(${sqlPath(mainPath)}, file_row_number = true)),
          c AS (SELECT file_row_number + 1 AS pos, "${rowId}" AS n, ${cols.join(', ')} FROM read_parquet(${sqlPath(copyPath)}, file_row_number = true))
     SELECT (SELECT count(*) FROM m)::INTEGER AS main_rows,
            (SELECT count(*) FROM c)::INTEGER AS copy_rows,
            (SELECT count(*) FROM c WHERE n <> pos)::INTEGER AS out_of_order,
            (SELECT count(*) FROM m FULL JOIN c ON m.pos = c.n WHERE ${cols.map((c) => `m.${c} IS DISTINCT FROM c.${c}`).join(' OR ')} OR m.pos IS NULL OR c.n IS NULL)::INTEGER AS differing,
            (SELECT min(n) FROM c)::INTEGER AS first, (SELECT max(n) FROM c)::INTEGER AS last`,
  );
  return result;
}

describe('the shared Athena copy rules', () => {
  it('puts the copy alone in an athena/ folder next to the Parquet, with a row column that never names a data column', () => {
    expect(athenaCopyKey('datasets/d1/readings/v3/data.parquet')).toBe('datasets/d1/readings/v3/athena/data.parquet');
    expect(athenaRowIdColumn(['a', 'b'])).toBe('__ldx_row');
    expect(athenaRowIdColumn(['__LDX_Row', '__ldx_row_'])).toBe('__ldx_row__');
    expect(DEFAULT_LIMITS.athenaCopyAboveParquetBytes).toBe(ATHENA_ABOVE_PARQUET_BYTES);
  });
});

describe('writing the Athena copy of a large version', () => {
  it('numbers the rows 1..n in file order across many row groups, leading, with the other columns identical', async () => {
    const dir = await newWorkDir();
    const mainPath = join(dir, 'data.parquet');
    // 50 000 rows in row groups of 2 048, values in no order (so any reordering shows), with nulls and instants.
    await query(
      `COPY (SELECT (hash(i) % 1000003)::BIGINT AS "value", md5(i::VARCHAR) AS "Name", CASE WHEN i % 7 = 0 THEN NULL ELSE i / 3.0 END AS "x y",
                    TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_seconds(hash(i) % 86400) AS "at"
             FROM range(50000) t(i)) TO ${sqlPath(mainPath)} (FORMAT parquet, ROW_GROUP_SIZE 2048)`,
    );
    const copy = await writeAthenaCopy({
      parquetPath: mainPath,
      copyPath: join(dir, 'athena', 'data.parquet'),
      fieldNames: ['value', 'Name', 'x y', 'at'],
      workDir: dir,
      memoryLimit: '64MB',
    });
    expect(copy).toEqual({ path: join(dir, 'athena', 'data.parquet'), bytes: expect.any(Number), mediaType: 'application/vnd.apache.parquet' });
    expect(await listDir(join(dir, 'athena'))).toEqual(['data.parquet']);
    expect(await columnTypes(copy.path)).toEqual([['__ldx_row', 'BIGINT'], ...(await columnTypes(mainPath))]);
    expect(await compare(mainPath, copy.path, '__ldx_row', ['value', 'Name', 'x y', 'at'])).toEqual({
      main_rows: 50000,
      copy_rows: 50000,
      out_of_order: 0,
      differing: 0,
      first: 1,
      last: 50000,
    });
    // Only the copy and its folder are left behind: no spill directory.
    expect(await listDir(dir)).toEqual(['athena', 'data.parquet']);
  });
});

describe('the ingest writes the Athena copy', () => {
  const csv = 'name,count,when\nCamden,3,2024-03-01\nBarnet,1,2024-03-02\nHackney,,2024-03-03\nBexley,7,\n';

  it("above the threshold: athena/data.parquet alone in its folder, readable, rows numbered in the Parquet's order", async () => {
    const result = await processBytes(csv, FORCE);
    expect(result.ok).toBe(true);
    expect(result.athenaCopy?.path).toBe(join(result.workDir, 'athena', 'data.parquet'));
    expect(await listDir(join(result.workDir, 'athena'))).toEqual(['data.parquet']);
    const main = result.outputs!.parquet.path;
    expect(await columnTypes(result.athenaCopy!.path)).toEqual([
      ['__ldx_row', 'BIGINT'],
      ['name', 'VARCHAR'],
      ['count', 'BIGINT'],
      ['when', 'DATE'],
    ]);
    expect(await compare(main, result.athenaCopy!.path, '__ldx_row', ['name', 'count', 'when'])).toEqual({
      main_rows: 4,
      copy_rows: 4,
      out_of_order: 0,
      differing: 0,
      first: 1,
      last: 4,
    });
    expect(await query(`SELECT __ldx_row::INTEGER AS n, name FROM read_parquet(${sqlPath(result.athenaCopy!.path)})`)).toEqual([
      { n: 1, name: 'Camden' },
      { n: 2, name: 'Barnet' },
      { n: 3, name: 'Hackney' },
      { n: 4, name: 'Bexley' },
    ]);
  });

  it('names the row column around a data column of the same name (in any case), keeping that column as it is', async () => {
    const result = await processBytes('__LDX_ROW,__ldx_row_,v\nx,1,a\ny,2,b\n', FORCE);
    expect(result.ok).toBe(true);
    expect((await columnTypes(result.athenaCopy!.path)).map(([name]) => name)).toEqual(['__ldx_row__', '__LDX_ROW', '__ldx_row_', 'v']);
    expect(
      await query(
        `SELECT "__ldx_row__"::INTEGER AS n, "__LDX_ROW" AS data, "__ldx_row_"::INTEGER AS other FROM read_parquet(${sqlPath(result.athenaCopy!.path)})`,
      ),
    ).toEqual([
      { n: 1, data: 'x', other: 1 },
      { n: 2, data: 'y', other: 2 },
    ]);
  });

  it('also when DuckDB wrote the Parquet straight from a proven CSV (fast path)', async () => {
    const rows = [
      'site_code,borough_gss_code,pollutant,measured_at,value,unit,ratified,data_capture_pct,latitude,longitude',
      'S000,E09000001,NO2,2024-01-01T00:00:00Z,0,ug/m3,false,0,51.4000,-0.1000',
      'S001,E09000002,NO2,2024-01-01T00:00:00Z,191.9,ug/m3,true,1,51.4001,-0.1001',
      'S002,E09000003,NO2,2024-01-01T00:00:00Z,183.8,ug/m3,true,2,51.4002,-0.1002',
    ];
    const result = await processBytes(`${rows.join('\n')}\n`, { ...FORCE, dataSchemaId: 'air-quality-readings' });
    expect(result.fastPath?.proven).toBe(true);
    const columns = result.schema.fields.map((f) => f.name);
    expect((await columnTypes(result.athenaCopy!.path)).map(([name]) => name)).toEqual(['__ldx_row', ...columns]);
    expect(await compare(result.outputs!.parquet.path, result.athenaCopy!.path, '__ldx_row', columns)).toEqual({
      main_rows: 3,
      copy_rows: 3,
      out_of_order: 0,
      differing: 0,
      first: 1,
      last: 3,
    });
  });

  it('not at or below the threshold (by default, 512 MiB), nor for an invalid upload', async () => {
    const small = await processBytes(csv);
    expect(small.ok).toBe(true);
    expect(small.athenaCopy).toBeUndefined();
    expect(existsSync(join(small.workDir, 'athena'))).toBe(false);

    const exact = await processBytes(csv, { limits: { athenaCopyAboveParquetBytes: small.outputs!.parquet.bytes } });
    expect(exact.athenaCopy).toBeUndefined();

    const invalid = await processBytes('a,b\n"1,2\n', FORCE);
    expect(invalid.ok).toBe(false);
    expect(invalid.athenaCopy).toBeUndefined();
    expect(await listDir(invalid.workDir)).toEqual([]);
  });
});
