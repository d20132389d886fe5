import { ExchangeError } from '../../../functions/domain/errors';
import { runAthenaQuery, typedAthenaRows } from '../../../functions/rows/athena-executor';
import type { Column } from '../../../functions/rows/query-model';
import { ROW_ID } from '../../../functions/rows/query-model';
import { FakeAthena } from './fake-athena';

/** A clock that only moves when the executor sleeps: no real waiting, no timed assertions. */
const fakeClock = () => {
  let t = 0;
  const slept: number[] = [];
  const sleep = async (ms: number) => {
    slept.push(ms);
    t += ms;
  };
  return { slept, now: () => t, sleep };
};

const query = { sql: 'SELECT "a" FROM "db"."t" WHERE "a" > CAST(? AS BIGINT)', executionParameters: ["'3'"], database: 'db' };

describe('the Athena executor', () => {
  it('starts the query with its parameters, polls until it succeeds, and reads every results page without the header', async () => {
    const athena = new FakeAthena(() => ({ header: ['a'], rows: [['4'], ['5'], ['6'], [null]] }), 3, 2);
    const clock = fakeClock();
    const rows = await runAthenaQuery(athena, query, { timeoutMs: 10_000, pollMs: 100, maxPollMs: 300, ...clock });
    expect(athena.started).toEqual([query]);
    expect(rows).toEqual([['4'], ['5'], ['6'], [null]]);
    // Three RUNNING answers, waits doubling up to the cap.
    expect(clock.slept).toEqual([100, 200, 300]);
    expect(athena.stopped).toEqual([]);
  });

  it('stops a query still running at its deadline and answers 504', async () => {
    const athena = new FakeAthena(() => ({ header: ['a'], rows: [] }), 1_000);
    const clock = fakeClock();
    const error = await runAthenaQuery(athena, query, { timeoutMs: 1_000, pollMs: 100, maxPollMs: 400, ...clock }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeError);
    expect((error as ExchangeError).code).toBe('query_timeout');
    expect(athena.stopped).toEqual(['q-1']);
    expect(clock.now()).toBeLessThanOrEqual(1_000);
  });

  it('stops the query when polling it fails, so it does not scan on unwatched', async () => {
    const athena = new FakeAthena(() => ({ header: ['a'], rows: [] }), 5);
    athena.status = async () => {
      throw new Error('ThrottlingException');
    };
    await expect(runAthenaQuery(athena, query, { timeoutMs: 10_000, ...fakeClock() })).rejects.toThrow('ThrottlingException');
    expect(athena.stopped).toEqual(['q-1']);
  });

  it("reports a failed query as the exchange's error (a 500), with Athena's reason kept for the log", async () => {
    const athena = new FakeAthena(() => ({ fail: 'COLUMN_NOT_FOUND: line 1:8' }), 0);
    const error = await runAthenaQuery(athena, query, { timeoutMs: 1_000, ...fakeClock() }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ExchangeError);
    expect((error as Error).message).toContain('COLUMN_NOT_FOUND');
  });
});

describe('typing Athena results by the resource schema', () => {
  const col = (name: string, type: Column['type'], sqlType: Column['sqlType']): Column => ({ name, type, sqlType });
  const columns = [
    col('n', 'integer', 'BIGINT'),
    col('x', 'number', 'DOUBLE'),
    col('ok', 'boolean', 'BOOLEAN'),
    col('day', 'date', 'DATE'),
    col('at', 'datetime', 'TIMESTAMPTZ'),
    col('local', 'datetime', 'TIMESTAMP'),
    col('name', 'string', 'VARCHAR'),
    ROW_ID,
  ];

  it('gives the same JSON values as the DuckDB path', () => {
    expect(
      typedAthenaRows(columns, [
        ['42', '2.5', 'true', '2024-03-01', '2024-03-01 09:30:00.000', '2024-03-01 09:30:00.120', 'Camden', '7'],
        ['9007199254740993', 'NaN', 'false', null, '2024-03-01 00:00:00', null, '', '8'],
        [null, '1.0E10', null, null, null, null, null, '9'],
      ]),
    ).toEqual([
      [42, 2.5, true, '2024-03-01', '2024-03-01T09:30:00Z', '2024-03-01T09:30:00.12', 'Camden', 7],
      ['9007199254740993', null, false, null, '2024-03-01T00:00:00Z', null, '', 8],
      [null, 1e10, null, null, null, null, null, 9],
    ]);
  });

  it('refuses a row that does not match the selected columns', () => {
    expect(() => typedAthenaRows(columns, [['1']])).toThrow(/1 cells for 8 columns/);
  });
});
