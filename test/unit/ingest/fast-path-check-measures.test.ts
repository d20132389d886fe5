import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { geographyInCheck } from '../../../functions/ingest/core/fast-path/copy-outputs';
import { checkAndMeasure, type DuckDbJob } from '../../../functions/ingest/core/fast-path/duckdb-check';
import { planSql } from '../../../functions/ingest/core/fast-path/sql-plan';
import type { TableSchema } from '../../../functions/ingest/core/table-schema';
import { newWorkDir, removeWorkDirs } from './helpers';

afterAll(removeWorkDirs);

/**
 * The check's one read of the file also recognises the geography and measures its summary
 * (copy-outputs.ts geographyInCheck): the outputs then need no read of their own for it. The
 * values themselves are compared with the JS path's in fast-path-geography.test.ts; here, that
 * the check measured them (a silent fallback to a read of its own would pass that test too).
 */
const table: TableSchema = {
  fields: [
    { name: 'site', type: 'string' },
    { name: 'latitude', type: 'number' },
    { name: 'longitude', type: 'number' },
    { name: 'borough', type: 'string' },
  ],
  missingValues: [''],
};
const names = table.fields.map((f) => f.name);

async function checkCsv(csv: string) {
  const workDir = await newWorkDir();
  const path = join(workDir, 'upload.csv');
  await writeFile(path, csv);
  const plan = planSql(names, table, undefined);
  if (!plan) throw new Error('expected a plan');
  const job: DuckDbJob = { path, plan, delimiter: ',', threads: 2, memoryLimit: '64MB', workDir, maxRecordBytes: 1 << 20, maxUniqueKeys: 1000, columnCount: 4 };
  return checkAndMeasure(job, geographyInCheck(table.fields, 'csv', plan));
}

describe('the check measures the geography in its own read', () => {
  it('a proven table placed by latitude/longitude: its placed rows, box and borough codes come with the verdict', async () => {
    const rows = ['A,51.5,-0.1,E09000007', 'B,51.4,0.05,E09000001', 'C,,,E09000007', 'D,0,0,E09000001'];
    const { verdict, measured } = await checkCsv(`${names.join(',')}\n${rows.join('\n')}\n`);
    expect(verdict).toMatchObject({ proven: true, rows: 4 });
    expect(measured?.plan.recognised?.placedBy).toEqual({ kind: 'lat-lon', latitude: 'latitude', longitude: 'longitude' });
    expect(measured?.row).toMatchObject({ placed: 2n, west: -0.1, south: 51.4, east: 0.05, north: 51.5 });
    expect([...((measured?.row.codes_0 as string[]) ?? [])].sort()).toEqual(['E09000001', 'E09000007']);
  });

  it('nothing measured for a file the check does not prove (its outputs come from the JS path)', async () => {
    const { verdict, measured } = await checkCsv(`${names.join(',')}\nA,51.5,not a number,E09000007\n`);
    expect(verdict.proven).toBe(false);
    expect(measured).toBeUndefined();
  });
});
