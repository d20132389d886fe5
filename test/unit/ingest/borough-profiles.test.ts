import { DuckDBInstance } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ProcessResult } from '../../../functions/ingest/core';
import { fixture, processFile, readNdjson, removeWorkDirs } from './helpers';

// The real London Datastore file: Windows-1252, 84 columns, "£" in headers, quoted
// thousands, NaN, and five blank rows at the end.
describe('london-borough-profiles.csv', () => {
  let result: ProcessResult;
  let rows: Record<string, unknown>[];

  beforeAll(async () => {
    result = await processFile('../real/london-borough-profiles.csv');
    rows = await readNdjson(result.outputs!.ndjson.path);
  });
  afterAll(removeWorkDirs);

  it('is detected as Windows-1252 CSV and publishes', () => {
    expect(result.detected).toEqual({ encoding: 'windows-1252', format: 'csv', delimiter: ',' });
    expect(result.ok).toBe(true);
    expect(result.report).toMatchObject({ valid: true, rowCount: 33, columnCount: 84, errorCount: 0 });
    expect(result.report.warnings).toEqual([{ code: 'blank-row', message: 'Rows 35 to 39, at the end of the file, are blank and were left out.' }]);
  });

  it('hashes and counts the original bytes', async () => {
    const bytes = await readFile(fixture('../real/london-borough-profiles.csv'));
    expect(result.original).toEqual({ sha256: createHash('sha256').update(bytes).digest('hex'), bytes: 18620 });
  });

  it('keeps the text intact, £ included', () => {
    const names = result.schema.fields.map((f) => f.name);
    expect(names).toContain('Average_Band_D_Council_Tax_charge_(£),_2015/16');
    expect(names).toContain('Average_Age,_2017');
    expect(names.some((n) => n.includes('\uFFFD'))).toBe(false);
    expect(rows[32]).toMatchObject({ Code: 'E09000033', Area_name: 'Westminster', 'Inner/_Outer_London': 'Inner London' });
  });

  it('infers sensible types, with quoted thousands as integers', () => {
    const type = (name: string) => result.schema.fields.find((f) => f.name === name);
    expect(type('Code')).toEqual({ name: 'Code', type: 'string' });
    expect(type('GLA_Population_Estimate_2017')?.type).toBe('integer');
    expect(type('Average_Age,_2017')?.type).toBe('number');
    expect(type('Overseas_nationals_entering_the_UK_(NINo),_(2015/16)')).toEqual({
      name: 'Overseas_nationals_entering_the_UK_(NINo),_(2015/16)',
      type: 'integer',
      groupChar: ',',
    });
    expect(result.schema.fields.filter((f) => f.type === 'string').length).toBeLessThan(20);
  });

  it('casts thousands to numbers and NaN to null', () => {
    const barking = rows[1];
    expect(barking['Overseas_nationals_entering_the_UK_(NINo),_(2015/16)']).toBe(7538);
    expect(barking['Inland_Area_(Hectares)']).toBe(3611);
    expect(rows[0]['%_of_resident_population_born_abroad_(2015)']).toBeNull(); // "NaN" in the City of London row
    expect(rows[0]['Net_internal_migration_(2015)']).toBe(-7);
  });

  it('writes a Parquet file DuckDB reads back with the same columns and rows', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const path = result.outputs!.parquet.path.replace(/'/g, "''");
      const summary = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n, sum("GLA_Population_Estimate_2017")::BIGINT AS people FROM '${path}'`);
      const people = rows.reduce((sum, r) => sum + (r.GLA_Population_Estimate_2017 as number), 0);
      expect(summary.getRowObjectsJson()).toEqual([{ n: 33, people: String(people) }]);
      const columns = await connection.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '${path}')`);
      const described = columns.getRowObjectsJson();
      expect(described).toHaveLength(84);
      expect(described).toContainEqual({ column_name: 'Average_Band_D_Council_Tax_charge_(£),_2015/16', column_type: 'DOUBLE' });
      expect(described[1]).toEqual({ column_name: 'Area_name', column_type: 'VARCHAR' });
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
