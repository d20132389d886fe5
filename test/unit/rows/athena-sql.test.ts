import { athenaCountQuery, athenaPageQuery, athenaParameter, type AthenaTable } from '../../../functions/rows/athena-sql';
import { ROW_LIMITS } from '../../../functions/rows/limits';
import { continuePlan, planQuery } from '../../../functions/rows/plan';
import type { Column, RowRequest } from '../../../functions/rows/query-model';

const columns: Column[] = [
  { name: 'Borough', type: 'string', sqlType: 'VARCHAR' },
  { name: 'value', type: 'number', sqlType: 'DOUBLE' },
  { name: 'count', type: 'integer', sqlType: 'BIGINT' },
  { name: 'day', type: 'date', sqlType: 'DATE' },
  { name: 'at', type: 'datetime', sqlType: 'TIMESTAMPTZ' },
  { name: 'say "hi"', type: 'string', sqlType: 'VARCHAR' },
];
const table: AthenaTable = { database: 'ldx_rows', table: 'v_abc_3', rowIdColumn: 'ldx_row' };
const request = (overrides: Partial<RowRequest>): RowRequest => ({ conditions: [], search: [], sort: [], limit: 100, offset: 0, total: 'auto', ...overrides });
const plan = (overrides: Partial<RowRequest>) => planQuery(request(overrides), columns, ROW_LIMITS);

describe('Athena SQL (Trino dialect)', () => {
  it('renders filters as casts of placeholders, Glue (lower-case) column names, the row number last in the order', () => {
    const query = athenaPageQuery(
      table,
      plan({
        conditions: [
          { column: 'Borough', op: 'in', values: ['Camden', 'Hackney'] },
          { column: 'value', op: 'gte', value: 40 },
          { column: 'day', op: 'lt', value: '2024-04-01' },
          { column: 'at', op: 'gte', value: '2024-03-01T10:00:00+01:00' },
          { column: 'count', op: 'eq', value: null },
        ],
        sort: [{ column: 'value', descending: true }],
        fields: ['Borough', 'value'],
        limit: 50,
      }),
    );
    expect(query.database).toBe('ldx_rows');
    expect(query.sql).toBe(
      'SELECT "borough", "value", "ldx_row" FROM "ldx_rows"."v_abc_3"' +
        ' WHERE "borough" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR)) AND "value" >= CAST(? AS DOUBLE) AND "day" < CAST(? AS DATE)' +
        ' AND "at" >= CAST(? AS TIMESTAMP) AND "count" IS NULL' +
        ' ORDER BY "value" DESC NULLS LAST, "ldx_row" ASC NULLS LAST LIMIT 50',
    );
    expect(query.executionParameters).toEqual(["'Camden'", "'Hackney'", "'40'", "'2024-04-01'", "'2024-03-01 09:00:00'"]);
  });

  it('text search is strpos over lower(); OFFSET comes before LIMIT', () => {
    const query = athenaPageQuery(table, { ...plan({ search: [{ term: 'Road' }], offset: 200, limit: 10 }) });
    expect(query.sql).toBe(
      'SELECT "borough", "value", "count", "day", "at", "say ""hi""", "ldx_row" FROM "ldx_rows"."v_abc_3"' +
        ' WHERE (strpos(lower("borough"), lower(?)) > 0 OR strpos(lower("say ""hi"""), lower(?)) > 0)' +
        ' ORDER BY "ldx_row" ASC NULLS LAST OFFSET 200 LIMIT 10',
    );
    expect(query.executionParameters).toEqual(["'Road'", "'Road'"]);
  });

  it('continues after a keyset position with typed values, empty values last', () => {
    const base = plan({
      sort: [
        { column: 'value', descending: false },
        { column: 'day', descending: true },
      ],
    });
    const query = athenaPageQuery(table, continuePlan(base, [2.5, '2024-01-02', 17], ROW_LIMITS));
    expect(query.sql).toContain(
      'WHERE (("value" > CAST(? AS DOUBLE) OR "value" IS NULL) OR ("value" = CAST(? AS DOUBLE) AND ("day" < CAST(? AS DATE) OR "day" IS NULL))' +
        ' OR ("value" = CAST(? AS DOUBLE) AND "day" = CAST(? AS DATE) AND "ldx_row" > CAST(? AS BIGINT)))',
    );
    expect(query.executionParameters).toEqual(["'2.5'", "'2.5'", "'2024-01-02'", "'2.5'", "'2024-01-02'", "'17'"]);
    const afterEmpty = athenaPageQuery(table, continuePlan(base, [null, '2024-01-02', 17], ROW_LIMITS));
    expect(afterEmpty.sql).toContain(
      'WHERE (("value" IS NULL AND ("day" < CAST(? AS DATE) OR "day" IS NULL)) OR ("value" IS NULL AND "day" = CAST(? AS DATE) AND "ldx_row" > CAST(? AS BIGINT)))',
    );
    expect(afterEmpty.sql).toContain('ORDER BY "value" ASC NULLS LAST, "day" DESC NULLS LAST, "ldx_row" ASC NULLS LAST');
  });

  it('keeps every client value out of the SQL text', () => {
    const evil = "x' OR '1'='1'; DROP TABLE t; --";
    const query = athenaPageQuery(table, plan({ conditions: [{ column: 'Borough', op: 'eq', value: evil }], search: [{ term: evil }] }));
    expect(query.sql).not.toContain('DROP');
    expect(query.sql).not.toContain("'");
    expect(query.executionParameters).toEqual([
      "'x'' OR ''1''=''1''; DROP TABLE t; --'",
      "'x'' OR ''1''=''1''; DROP TABLE t; --'",
      "'x'' OR ''1''=''1''; DROP TABLE t; --'",
    ]);
  });

  it('counts exactly or from a TABLESAMPLE', () => {
    const filtered = plan({ conditions: [{ column: 'count', op: 'gt', value: 3 }] });
    expect(athenaCountQuery(table, filtered)).toEqual({
      sql: 'SELECT count(*) AS n FROM "ldx_rows"."v_abc_3" WHERE "count" > CAST(? AS BIGINT)',
      executionParameters: ["'3'"],
      database: 'ldx_rows',
    });
    expect(athenaCountQuery(table, filtered, 10).sql).toBe(
      'SELECT count(*) AS n FROM "ldx_rows"."v_abc_3" TABLESAMPLE SYSTEM (10) WHERE "count" > CAST(? AS BIGINT)',
    );
  });

  it('refuses with a 400 what StartQueryExecution would refuse: a parameter over 1 024 characters, a query over 256 KiB', () => {
    const quotes = "'".repeat(600);
    const long = () => athenaPageQuery(table, plan({ conditions: [{ column: 'Borough', op: 'eq', value: quotes }] }));
    expect(long).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(athenaPageQuery(table, plan({ conditions: [{ column: 'Borough', op: 'eq', value: "'".repeat(511) }] })).executionParameters[0]).toHaveLength(1_024);
    const many = Array.from({ length: 50 }, () => ({ column: 'count', op: 'in' as const, values: Array.from({ length: 1_000 }, (_, i) => i) }));
    expect(() => athenaCountQuery(table, plan({ conditions: many }))).toThrow(expect.objectContaining({ code: 'bad_request' }));
  });

  it('renders parameters as string literals with quotes doubled', () => {
    expect(athenaParameter({ sqlType: 'BIGINT', value: 9223372036854775807n })).toBe("'9223372036854775807'");
    expect(athenaParameter({ sqlType: 'BOOLEAN', value: false })).toBe("'false'");
    expect(athenaParameter({ sqlType: 'VARCHAR', value: "it's" })).toBe("'it''s'");
    expect(() => athenaParameter({ sqlType: 'VARCHAR', value: 'a\u0000' })).toThrow();
  });
});
