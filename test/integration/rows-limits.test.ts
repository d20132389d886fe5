import { anonymous } from '../../functions/domain/caller';
import { ExchangeError } from '../../functions/domain/errors';
import { ROW_LIMITS } from '../../functions/rows/limits';
import type { RowRequest } from '../../functions/rows/query-model';
import { queryRows } from '../../functions/rows/query-rows';
import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/** Totals estimated for very large versions, and pages too large to send; the limits are lowered here to reach them. */
let t: TestExchange;
const ROWS = 3000;

beforeAll(async () => {
  t = await startTestExchange();
  const token = await t.organisationWithToken('gla', 'admin');
  await t.request('POST', '/api/v1/datasets', { token, body: datasetInput('counts') });
  await createResource(t, token, 'counts', { name: 'counts' });
  const csv = `n,parity,label\n${Array.from({ length: ROWS }, (_, i) => `${i},${i % 2 ? 'odd' : 'even'},label number ${i} ${'x'.repeat(40)}`).join('\n')}\n`;
  await uploadAndWait(t, token, 'counts', 'counts', csv, 'counts.csv');
}, 60_000);
afterAll(() => t.stop());

const request = (overrides: Partial<RowRequest>): RowRequest => ({ conditions: [], search: [], sort: [], limit: 10, offset: 0, total: 'auto', ...overrides });
const read = (overrides: Partial<RowRequest>, limits = ROW_LIMITS) =>
  queryRows(t.exchange.domain, anonymous, { dataset: 'counts', resource: 'counts', request: request(overrides), route: 'test', limits });

describe('totals', () => {
  const large = { ...ROW_LIMITS, exactTotalMaxRows: 1000, estimateSamplePercent: 50 };

  it('are exact below the threshold, and without filters at any size', async () => {
    expect(await read({ conditions: [{ column: 'parity', op: 'eq', value: 'odd' }] })).toMatchObject({ total: 1500, totalEstimated: false });
    expect(await read({}, large)).toMatchObject({ total: ROWS, totalEstimated: false });
  });

  it('are estimated from a sample and flagged above it, unless an exact total is asked for', async () => {
    const estimated = await read({ conditions: [{ column: 'parity', op: 'eq', value: 'odd' }] }, large);
    expect(estimated.totalEstimated).toBe(true);
    expect(estimated.total).toBeGreaterThanOrEqual(11);
    expect(estimated.total).toBeLessThanOrEqual(ROWS);
    const next = await read({ conditions: [{ column: 'parity', op: 'eq', value: 'odd' }], cursor: estimated.nextCursor }, large);
    expect(next).toMatchObject({ total: estimated.total, totalEstimated: true });
    expect(await read({ conditions: [{ column: 'parity', op: 'eq', value: 'odd' }], total: 'exact' }, large)).toMatchObject({
      total: 1500,
      totalEstimated: false,
    });
  });

  it('through the API, an exact total carries no estimate flag', async () => {
    const response = await t.request('GET', `/api/v1/datasets/counts/resources/counts/rows?limit=1&filters=${encodeURIComponent('{"parity":"even"}')}`);
    expect(response.body).toMatchObject({ total: 1500, limit: 1 });
    expect(response.body.total_estimated).toBeUndefined();
  });
});

describe('result size', () => {
  it('refuses a page larger than the response limit with 413, naming what to ask for instead', async () => {
    const error = await read({ limit: 100 }, { ...ROW_LIMITS, maxResponseBytes: 2_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeError);
    expect((error as ExchangeError).code).toBe('payload_too_large');
    expect((error as ExchangeError).message).toMatch(/fewer rows \(limit\) or fewer columns \(fields\)/);
    expect((await read({ limit: 100, fields: ['n'] }, { ...ROW_LIMITS, maxResponseBytes: 2_000 })).records).toHaveLength(100);
  });

  it('serves the maximum page through the API', async () => {
    const response = await t.request('GET', '/api/v1/datasets/counts/resources/counts/rows?limit=10000&fields=n');
    expect(response.status).toBe(200);
    expect(response.body.records).toHaveLength(ROWS);
    expect(response.body.records[ROWS - 1]).toEqual({ n: ROWS - 1 });
  });
});
