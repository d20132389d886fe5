import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planAggregate } from '../../../functions/rows/aggregate-plan';
import { parseAggregateRequest } from '../../../functions/rows/aggregate-request';
import { athenaAggregateQuery, athenaGroupCountQuery, type AthenaTable } from '../../../functions/rows/athena-sql';
import { DuckDbEngine } from '../../../functions/rows/duckdb-engine';
import { duckDbAggregateSql, duckDbGroupCountSql } from '../../../functions/rows/duckdb-sql';
import { ROW_LIMITS } from '../../../functions/rows/limits';
import type { Column, RowRequest } from '../../../functions/rows/query-model';
import { jsonRows } from '../../../functions/rows/render-values';

/** The aggregation's SQL in both dialects: Athena's rendered text, and DuckDB's run on a real table. */
const columns: Column[] = [
  { name: 'Borough', type: 'string', sqlType: 'VARCHAR' },
  { name: 'value', type: 'number', sqlType: 'DOUBLE' },
  { name: 'day', type: 'date', sqlType: 'DATE' },
  { name: 'at', type: 'datetime', sqlType: 'TIMESTAMPTZ' },
];
const request = (overrides: Partial<RowRequest>): RowRequest => ({ conditions: [], search: [], sort: [], limit: 100, offset: 0, total: 'auto', ...overrides });
const plan = (groupBy: string | undefined, aggregate: string | undefined, overrides: Partial<RowRequest> = {}) =>
  planAggregate(parseAggregateRequest(groupBy, aggregate, ROW_LIMITS)!, request(overrides), columns, ROW_LIMITS);
const table: AthenaTable = { database: 'ldx_rows', table: 'v_abc_3', rowIdColumn: 'ldx_row' };

describe('Athena (Trino) aggregation SQL', () => {
  it('groups by Glue names and UTC month buckets, measures with planner aliases, filters as parameters, OFFSET before LIMIT', () => {
    const query = athenaAggregateQuery(
      table,
      plan('Borough,at:month', 'count,avg:value,count_distinct:day', {
        conditions: [{ column: 'value', op: 'gte', value: 40 }],
        sort: [{ column: 'avg_value', descending: true }],
        limit: 11,
        offset: 20,
      }),
    );
    expect(query.sql).toBe(
      `SELECT "borough" AS "g0", CAST(date_trunc('month', "at") AS DATE) AS "g1", count(*) AS "m0", avg("value") AS "m1", count(DISTINCT "day") AS "m2"` +
        ' FROM "ldx_rows"."v_abc_3" WHERE "value" >= CAST(? AS DOUBLE) GROUP BY 1, 2' +
        ' ORDER BY "m1" DESC NULLS LAST, "g0" ASC NULLS LAST, "g1" ASC NULLS LAST OFFSET 20 LIMIT 11',
    );
    expect(query.executionParameters).toEqual(["'40'"]);
  });

  it('counts groups over the same grouping, and aggregates without groups', () => {
    expect(athenaGroupCountQuery(table, plan('day:year', 'max:at')).sql).toBe(
      `SELECT count(*) AS n FROM (SELECT CAST(date_trunc('year', "day") AS DATE) FROM "ldx_rows"."v_abc_3" GROUP BY 1) AS grouped`,
    );
    expect(athenaAggregateQuery(table, plan(undefined, 'sum:value,min:Borough')).sql).toBe(
      'SELECT sum("value") AS "m0", min("borough") AS "m1" FROM "ldx_rows"."v_abc_3" LIMIT 100',
    );
  });
});

describe('DuckDB aggregation SQL', () => {
  const root = mkdtempSync(join(tmpdir(), 'ldx-aggregate-'));
  let engine: DuckDbEngine;
  beforeAll(async () => {
    mkdirSync(join(root, 'spill'));
    engine = await DuckDbEngine.open({ directory: root, spillDirectory: join(root, 'spill'), memoryLimit: '256MB', threads: 1 });
    await engine.run(`CREATE TABLE readings AS SELECT * FROM (VALUES
      ('Camden', 10.0, DATE '2024-01-31', TIMESTAMPTZ '2024-01-31 23:30:00+00', 1),
      ('Camden', 30.0, DATE '2024-02-01', TIMESTAMPTZ '2024-02-01 00:30:00+01', 2),
      ('Hackney', NULL, DATE '2024-02-05', TIMESTAMPTZ '2024-02-05 12:00:00+00', 3)) AS t("Borough", value, day, "at", row_number)`);
  });
  afterAll(() => {
    engine.close();
    rmSync(root, { recursive: true, force: true });
  });
  const source = { relation: 'readings', rowIdColumn: 'row_number' };

  it('buckets instants by their UTC month (01:00+01 on 1 February is 31 January in UTC) and weeks from Monday', async () => {
    const sql = duckDbAggregateSql(source, plan('at:month', 'count'));
    expect(sql.sql).toContain(`date_trunc('month', make_timestamp(epoch_us("at")))`);
    expect(jsonRows(await engine.query(sql.sql, sql.params, 5_000))).toEqual([
      ['2024-01-01', 2],
      ['2024-02-01', 1],
    ]);
    const weeks = duckDbAggregateSql(source, plan('day:week', 'max:value'));
    expect(jsonRows(await engine.query(weeks.sql, weeks.params, 5_000))).toEqual([
      ['2024-01-29', 30],
      ['2024-02-05', null],
    ]);
  });

  it('counts the groups, and filters before grouping with bound values', async () => {
    const filtered = plan('Borough', 'sum:value', { conditions: [{ column: 'day', op: 'gte', value: '2024-02-01' }] });
    const sql = duckDbAggregateSql(source, filtered);
    expect(sql.params).toEqual([{ sqlType: 'DATE', value: '2024-02-01' }]);
    expect(jsonRows(await engine.query(sql.sql, sql.params, 5_000))).toEqual([
      ['Camden', 30],
      ['Hackney', null],
    ]);
    const count = duckDbGroupCountSql(source, filtered);
    expect(jsonRows(await engine.query(count.sql, count.params, 5_000))).toEqual([[2]]);
  });
});
