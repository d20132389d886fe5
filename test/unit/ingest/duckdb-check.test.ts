import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSchema } from '../../../functions/ingest/core';
import { checkAndMeasure } from '../../../functions/ingest/core/fast-path/duckdb-check';
import { planSql } from '../../../functions/ingest/core/fast-path/sql-plan';
import type { TableSchema } from '../../../functions/ingest/core/table-schema';
import { newWorkDir, removeWorkDirs } from './helpers';

afterAll(removeWorkDirs);

// A schema with two uniqueness constraints (no common schema has a second one yet).
const dataSchema = {
  document: { type: 'object', required: ['code'], properties: { code: { type: 'string', pattern: '^[a-z]+$' }, rank: { type: 'integer', minimum: 1 } } },
  uniqueKeys: [['code'], ['rank']],
  missingValues: ['', '-'],
} as unknown as DataSchema;
const table: TableSchema = {
  fields: [
    { name: 'code', type: 'string' },
    { name: 'rank', type: 'integer' },
  ],
  missingValues: ['', '-'],
};

async function check(csv: string) {
  const workDir = await newWorkDir();
  const path = join(workDir, 'upload.csv');
  await writeFile(path, csv);
  const plan = planSql(['code', 'rank'], table, dataSchema);
  if (!plan) throw new Error('expected a plan');
  const checked = await checkAndMeasure(
    {
      path,
      plan,
      delimiter: ',',
      threads: 2,
      memoryLimit: '64MB',
      workDir,
      maxRecordBytes: 1024 * 1024,
      maxUniqueKeys: 1000,
      columnCount: 2,
    },
    undefined,
  );
  return checked.verdict;
}

describe('checkAndMeasure', () => {
  it('proves rows that meet every rule', async () => {
    expect(await check('code,rank\nab,1\ncd,2\nef,-\ngh,\n')).toMatchObject({ proven: true, rows: 4 });
  });

  it('finds a repeated value in the second unique key (rows with a missing value are not compared)', async () => {
    expect(await check('code,rank\nab,1\ncd,1\n')).toMatchObject({ proven: false, reason: 'repeated values in a unique key' });
    expect(await check('code,rank\nab,1\nab,2\n')).toMatchObject({ proven: false, reason: 'repeated values in a unique key' });
  });

  it('does not vouch for a rule broken, a cell it cannot read like the JS cast, or a ragged row', async () => {
    expect(await check('code,rank\nab,0\n')).toMatchObject({ proven: false, reason: '1 rows not vouched for' });
    expect(await check('code,rank\nAB,1\n')).toMatchObject({ proven: false });
    expect(await check('code,rank\n-,1\n')).toMatchObject({ proven: false }); // required, given as a missing value
    expect(await check('code,rank\nab,"1,000"\n')).toMatchObject({ proven: false });
    expect(await check('code,rank\nab,1,extra\n')).toMatchObject({ proven: false, rows: 0 });
    expect(await check('code,rank\nab\n')).toMatchObject({ proven: false, rows: 0 });
  });

  it('refuses to plan for a keyword it has no SQL for', () => {
    const withFormat = {
      ...dataSchema,
      document: { ...dataSchema.document, properties: { code: { type: 'string', format: 'email' } } },
    } as unknown as DataSchema;
    expect(planSql(['code', 'rank'], table, withFormat)).toBeNull();
    const withLookahead = {
      ...dataSchema,
      document: { ...dataSchema.document, properties: { code: { type: 'string', pattern: '^(?!x)' } } },
    } as unknown as DataSchema;
    expect(planSql(['code', 'rank'], table, withLookahead)).toBeNull();
    const withOneOf = { ...dataSchema, document: { ...dataSchema.document, oneOf: [] } } as unknown as DataSchema;
    expect(planSql(['code', 'rank'], table, withOneOf)).toBeNull();
  });
});
