import { ExchangeError } from '../../../functions/domain/errors';
import { duckDbCountSql, duckDbPageKeysSql, duckDbPageSql, duckDbRowsByIdSql, duckDbSampleCountSql } from '../../../functions/rows/duckdb-sql';
import { ROW_LIMITS } from '../../../functions/rows/limits';
import { asRowRange, continuePlan, planQuery } from '../../../functions/rows/plan';
import { type Column, ROW_ID, type RowRequest } from '../../../functions/rows/query-model';

const columns: Column[] = [
  { name: 'site', type: 'string', sqlType: 'VARCHAR' },
  { name: 'value', type: 'number', sqlType: 'DOUBLE' },
  { name: 'ok', type: 'boolean', sqlType: 'BOOLEAN' },
];
const request = (overrides: Partial<RowRequest>): RowRequest => ({ conditions: [], search: [], sort: [], limit: 10, offset: 0, total: 'auto', ...overrides });
const source = { relation: 'version_7', rowIdColumn: '__ldx_row' };

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ExchangeError) return (error.details?.fields as Array<{ field: string; message: string }>) ?? error.details;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('planning', () => {
  it('names every unknown column, wrong type and misplaced operator in one 400', () => {
    expect(
      refusal(() =>
        planQuery(
          request({
            conditions: [
              { column: 'nope', op: 'eq', value: 1 },
              { column: 'site', op: 'gt', value: 'a' },
              { column: 'value', op: 'eq', value: 'high' },
            ],
            fields: ['site', 'value"; --'],
            sort: [
              { column: 'ok', descending: false },
              { column: 'ok', descending: true },
            ],
            search: [{ column: 'value', term: '1' }],
          }),
          columns,
          ROW_LIMITS,
        ),
      ),
    ).toEqual([
      { field: 'filters', message: 'no column named "nope" in this resource' },
      { field: 'filters.site', message: 'gt applies to numbers, dates and date-times; "site" holds string values' },
      { field: 'filters.value', message: '"value" must be a number' },
      { field: 'q', message: 'text search applies to text columns; "value" holds number values' },
      { field: 'fields', message: 'no column named "value\\"; --" in this resource' },
      { field: 'sort', message: '"ok" appears twice' },
    ]);
  });

  it('ends the order with the row number, or stops it at _id when that is sorted on', () => {
    expect(planQuery(request({ sort: [{ column: 'value', descending: true }] }), columns, ROW_LIMITS).order.map((k) => [k.column.name, k.descending])).toEqual([
      ['value', true],
      ['_id', false],
    ]);
    const byId = planQuery(
      request({
        sort: [
          { column: '_id', descending: true },
          { column: 'site', descending: false },
        ],
      }),
      columns,
      ROW_LIMITS,
    );
    expect(byId.order).toEqual([{ column: ROW_ID, descending: true }]);
  });

  it('refuses a cursor position that does not fit the order', () => {
    const base = planQuery(request({ sort: [{ column: 'value', descending: false }] }), columns, ROW_LIMITS);
    for (const position of [[1], [1, 2, 3], ['high', 3], [1.5, null], [1.5, 'x']]) {
      expect(refusal(() => continuePlan(base, position, ROW_LIMITS))).toEqual({ field: 'cursor' });
    }
  });
});

describe('DuckDB SQL', () => {
  it('selects the projection plus the order keys, with every value a typed placeholder', () => {
    const base = planQuery(
      request({
        conditions: [
          { column: 'site', op: 'in', values: ["S'1", 'S2'] },
          { column: 'ok', op: 'eq', value: true },
        ],
        search: [{ term: 'Road' }],
        fields: ['site'],
        sort: [{ column: 'value', descending: true }],
      }),
      columns,
      ROW_LIMITS,
    );
    const page = duckDbPageSql(source, { ...continuePlan(base, [null, 5], ROW_LIMITS), limit: 11 });
    expect(page.sql).toBe(
      'SELECT "site", "value", "__ldx_row" FROM "version_7" WHERE "site" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR)) AND "ok" = CAST(? AS BOOLEAN)' +
        ' AND contains(lower("site"), lower(?)) AND ("value" IS NULL AND "__ldx_row" > CAST(? AS BIGINT))' +
        ' ORDER BY "value" DESC NULLS LAST, "__ldx_row" ASC NULLS LAST LIMIT 11',
    );
    expect(page.params.map((p) => p.value)).toEqual(["S'1", 'S2', true, 'Road', 5n]);
    expect(page.columns.map((c) => c.name)).toEqual(['site', 'value', '_id']);
    expect(duckDbCountSql(source, base).sql).toBe(
      'SELECT count(*) AS n FROM "version_7" WHERE "site" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR)) AND "ok" = CAST(? AS BOOLEAN) AND contains(lower("site"), lower(?))',
    );
    expect(duckDbSampleCountSql(source, base, 10).sql).toMatch(
      /^SELECT count\(\*\) AS n FROM \(SELECT \* FROM "version_7" USING SAMPLE 10 PERCENT \(system, 42\)\) AS sampled WHERE /,
    );
  });

  it('an IN list of only null is IS NULL; q with no text columns matches nothing', () => {
    const numbersOnly = columns.filter((c) => c.type !== 'string');
    const base = planQuery(request({ conditions: [{ column: 'value', op: 'in', values: [null] }], search: [{ term: 'x' }] }), numbersOnly, ROW_LIMITS);
    expect(duckDbCountSql(source, base).sql).toBe('SELECT count(*) AS n FROM "version_7" WHERE (FALSE OR "value" IS NULL) AND FALSE');
  });
});

describe('DuckDB SQL for sorted pages and text search', () => {
  const sorted = planQuery(
    request({
      conditions: [{ column: 'ok', op: 'eq', value: true }],
      sort: [
        { column: 'value', descending: true },
        { column: 'site', descending: false },
      ],
    }),
    columns,
    ROW_LIMITS,
  );

  it('continues after a sorted position as one ordered, limited branch per exclusive part of the keyset, united and ordered again', () => {
    const page = duckDbPageSql(source, continuePlan(sorted, [2.5, 'S1', 17], ROW_LIMITS));
    const order = ' ORDER BY "value" DESC NULLS LAST, "site" ASC NULLS LAST, "__ldx_row" ASC NULLS LAST';
    const select = 'SELECT "site", "value", "ok", "__ldx_row"';
    expect(page.sql).toBe(
      `${select} FROM (` +
        `(${select} FROM "version_7" WHERE "ok" = CAST(? AS BOOLEAN) AND ("value" < CAST(? AS DOUBLE) OR "value" IS NULL)${order} LIMIT 10)` +
        ` UNION ALL (${select} FROM "version_7" WHERE "ok" = CAST(? AS BOOLEAN) AND ("value" = CAST(? AS DOUBLE) AND ("site" > CAST(? AS VARCHAR) OR "site" IS NULL))${order} LIMIT 10)` +
        ` UNION ALL (${select} FROM "version_7" WHERE "ok" = CAST(? AS BOOLEAN) AND ("value" = CAST(? AS DOUBLE) AND "site" = CAST(? AS VARCHAR) AND "__ldx_row" > CAST(? AS BIGINT))${order} LIMIT 10)` +
        `) AS page${order} LIMIT 10`,
    );
    expect(page.params.map((p) => p.value)).toEqual([true, 2.5, true, 2.5, 'S1', true, 2.5, 'S1', 17n]);
  });

  it('reads a sorted page late: the order keys first, then the rows by row number in the same order', () => {
    expect(duckDbPageKeysSql(source, sorted).sql).toBe(
      'SELECT "value", "site", "__ldx_row" FROM "version_7" WHERE "ok" = CAST(? AS BOOLEAN) ORDER BY "value" DESC NULLS LAST, "site" ASC NULLS LAST, "__ldx_row" ASC NULLS LAST LIMIT 10',
    );
    const rows = duckDbRowsByIdSql(source, { ...sorted, select: [columns[2]] }, [5n, 3n]);
    expect(rows.sql).toBe(
      'SELECT "ok", "value", "site", "__ldx_row" FROM "version_7" WHERE "__ldx_row" IN (CAST(? AS BIGINT), CAST(? AS BIGINT)) ORDER BY "value" DESC NULLS LAST, "site" ASC NULLS LAST, "__ldx_row" ASC NULLS LAST',
    );
    expect(rows.params).toEqual([
      { sqlType: 'BIGINT', value: 5n },
      { sqlType: 'BIGINT', value: 3n },
    ]);
    expect(rows.columns.map((c) => c.name)).toEqual(['ok', 'value', 'site', '_id']);
  });

  it('searches every text column in the precomputed lower-case text when the version has it', () => {
    const withText = { ...source, searchText: { column: '__ldx_text', covers: ['site'], separator: '\u001f' } };
    const q = planQuery(request({ search: [{ term: 'Road' }] }), columns, ROW_LIMITS);
    expect(duckDbCountSql(withText, q)).toEqual({
      sql: 'SELECT count(*) AS n FROM "version_7" WHERE contains("__ldx_text", lower(?))',
      params: [{ sqlType: 'VARCHAR', value: 'Road' }],
    });
    // Not when it covers other columns than the search, nor for a term with the separator.
    expect(duckDbCountSql({ ...withText, searchText: { ...withText.searchText, covers: ['site', 'other'] } }, q).sql).toContain(
      'contains(lower("site"), lower(?))',
    );
    const spanning = planQuery(request({ search: [{ term: 'a\u001fb' }] }), columns, ROW_LIMITS);
    expect(duckDbCountSql(withText, spanning).sql).toContain('contains(lower("site"), lower(?))');
  });
});

describe('row ranges', () => {
  it('read an unfiltered page in file order as a range of row numbers, without OFFSET', () => {
    const range = asRowRange(planQuery(request({ limit: 101, offset: 200 }), columns, ROW_LIMITS), 99_900);
    expect(range && duckDbPageSql(source, range)).toMatchObject({
      sql: 'SELECT "site", "value", "ok", "__ldx_row" FROM "version_7" WHERE ("__ldx_row" > CAST(? AS BIGINT) AND "__ldx_row" <= CAST(? AS BIGINT)) ORDER BY "__ldx_row" ASC NULLS LAST LIMIT 101',
      params: [
        { sqlType: 'BIGINT', value: 100_100n },
        { sqlType: 'BIGINT', value: 100_201n },
      ],
    });
  });

  it('do not apply with filters, another order or a descending row order', () => {
    expect(asRowRange(planQuery(request({ conditions: [{ column: 'ok', op: 'eq', value: true }] }), columns, ROW_LIMITS), 0)).toBeUndefined();
    expect(asRowRange(planQuery(request({ sort: [{ column: 'site', descending: false }] }), columns, ROW_LIMITS), 0)).toBeUndefined();
    expect(asRowRange(planQuery(request({ sort: [{ column: '_id', descending: true }] }), columns, ROW_LIMITS), 0)).toBeUndefined();
  });
});
