import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * Who conforms across London: for a standard, every borough and where it stands (conforming, overdue
 * against the standard's frequency, declared without data, not publishing), as JSON and as a page
 * with a map and a table, counted from the datasets the caller may see.
 */
const SPEND = 'transparency-spend-over-500';
const spendCsv = readFileSync(join(__dirname, '../fixtures/standards/transparency-spend-over-500.csv'), 'utf8');
const DAY = 86_400_000;

let t: TestExchange;
const tokens = new Map<string, string>();

const organisation = async (id: string, name: string, type: string, gssCode?: string) => {
  const created = await t.request('POST', '/api/v1/organisations', { token: t.adminToken, body: { id, name, type, ...(gssCode ? { gssCode } : {}) } });
  if (created.status !== 201) throw new Error(created.text);
  tokens.set(id, await t.tokenFor(id, 'admin'));
};

const declare = async (owner: string, name: string, tier: 'open' | 'private', csv?: string) => {
  const token = tokens.get(owner)!;
  const body = datasetInput(name, { tier, dataSchema: SPEND, title: `Spend over £500, ${owner}`, ...(tier === 'private' ? { licence: 'proprietary' } : {}) });
  expect((await t.request('POST', '/api/v1/datasets', { token, body })).status).toBe(201);
  await createResource(t, token, name, { name: 'payments' });
  if (csv) expect((await uploadAndWait(t, token, name, 'payments', csv, 'spend.csv')).resource.body.status).toBe('published');
};

const conformance = (token?: string) => t.request('GET', `/api/v1/schemas/${SPEND}/conformance`, { token });
const entry = (body: { organisations: Array<{ organisation: string }> }, id: string) => body.organisations.find((o) => o.organisation === id);

beforeAll(async () => {
  t = await startTestExchange();
  await organisation('camden', 'London Borough of Camden', 'borough', 'E09000007');
  await organisation('hackney', 'London Borough of Hackney', 'borough', 'E09000012');
  await organisation('islington', 'London Borough of Islington', 'borough', 'E09000019');
  await organisation('gla', 'Greater London Authority', 'gla');
  await organisation('acme', 'Acme Analytics', 'private');
  await declare('camden', 'camden-spend', 'open', spendCsv);
  await declare('hackney', 'hackney-spend', 'private', spendCsv);
  await declare('islington', 'islington-spend', 'open');
  await declare('gla', 'gla-spend', 'open', spendCsv);
}, 90_000);
afterAll(() => t.stop());

it('lists every borough and the other organisations that publish, with where each stands', async () => {
  const response = await conformance();
  expect(response.status).toBe(200);
  expect(response.body.expectedFrequency).toMatchObject({ every: 'P3M' });
  expect(response.body.summary).toEqual({ boroughs: 3, boroughsPublishing: 1, boroughsConforming: 1, boroughsOverdue: 0, organisationsPublishing: 2 });
  expect(entry(response.body, 'camden')).toMatchObject({
    gssCode: 'E09000007',
    publishes: true,
    conforms: true,
    overdue: false,
    datasets: [{ name: 'camden-spend', status: 'conforms' }],
  });
  expect(entry(response.body, 'islington')).toMatchObject({ publishes: false, conforms: false, datasets: [{ name: 'islington-spend', status: 'no-data' }] });
  expect(entry(response.body, 'gla')).toMatchObject({ type: 'gla', publishes: true });
  // An organisation that is not a borough and publishes nothing to the standard is not listed.
  expect(entry(response.body, 'acme')).toBeUndefined();
});

it('counts a private dataset only for those who may see it', async () => {
  const anonymous = await conformance();
  expect(entry(anonymous.body, 'hackney')).toMatchObject({ publishes: false, datasets: [] });
  expect(anonymous.text).not.toContain('hackney-spend');
  const asHackney = await conformance(tokens.get('hackney'));
  expect(entry(asHackney.body, 'hackney')).toMatchObject({ publishes: true, conforms: true, datasets: [{ name: 'hackney-spend' }] });
  expect(asHackney.body.summary.boroughsConforming).toBe(2);
});

it('shows the same on a page: a headline, a borough map and a table, and the standard’s history', async () => {
  const page = await t.request('GET', `/schemas/${SPEND}`);
  expect(page.status).toBe(200);
  expect(page.text).toContain('1 of 3 boroughs publish conforming data.');
  expect(page.text).toContain('aria-label="Camden: publishes conforming data, up to date"');
  expect(page.text).toContain('aria-label="Islington: declared, no data yet"');
  expect(page.text).toContain('aria-label="Hackney: not publishing to this standard"');
  expect(page.text).toMatch(/<table[^>]*id="conformance-table"/);
  expect(page.text).toContain('shipped with the exchange');
  expect((await t.request('GET', '/schemas/no-such-standard')).status).toBe(404);
});

it('marks data older than the standard’s frequency as overdue', async () => {
  t.clock.advance(100 * DAY);
  const response = await conformance();
  expect(entry(response.body, 'camden')).toMatchObject({ conforms: true, overdue: true });
  expect(response.body.summary).toMatchObject({ boroughsConforming: 1, boroughsOverdue: 1 });
  const page = await t.request('GET', `/schemas/${SPEND}`);
  expect(page.text).toContain('1 of 3 boroughs publish conforming data. 1 is overdue.');
  expect(page.text).toContain('aria-label="Camden: publishes conforming data, overdue"');
});
