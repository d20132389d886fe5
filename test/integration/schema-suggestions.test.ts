import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * A publisher uploads a council's own file without declaring a standard; the exchange suggests
 * the standards it most likely follows and says what would fail if it declared them.
 */
const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/standards', name), 'utf8');
const spend = fixture('transparency-spend-over-500.csv');
const brownfield = fixture('brownfield-land-register.csv');

let t: TestExchange;
let camden: string;
let stranger: string;

const publish = async (name: string, csv: string, tier: 'open' | 'private' = 'open') => {
  expect(
    (
      await t.request('POST', '/api/v1/datasets', {
        token: camden,
        body: datasetInput(name, { tier, ...(tier === 'private' ? { licence: 'proprietary' } : {}) }),
      })
    ).status,
  ).toBe(201);
  await createResource(t, camden, name, { name: 'data' });
  expect((await uploadAndWait(t, camden, name, 'data', csv, `${name}.csv`)).resource.body.status).toBe('published');
};
const suggestions = (dataset: string, token?: string) => t.request('GET', `/api/v1/datasets/${dataset}/resources/data/schema-suggestions`, { token });

beforeAll(async () => {
  t = await startTestExchange();
  camden = await t.organisationWithToken('camden', 'admin');
  stranger = await t.organisationWithToken('bromley', 'admin');
  await publish('payments', spend);
  // The council's own export: headers in other cases and spacing; and another with one payment date that is no date.
  await publish('payments-export', spend.replace('PaymentDate', 'payment date').replace('BeneficiaryName', 'beneficiary_name'));
  await publish('payments-bad-date', spend.replace('15/04/2024', '31/13/2024'));
  await publish('sites', brownfield);
  await publish('readings', 'site,reading\nA,1\nB,2\n');
  await publish('private-payments', spend, 'private');
}, 90_000);
afterAll(() => t.stop());

it('suggests the spend standard for a spend file, and says it would conform', async () => {
  const response = await suggestions('payments');
  expect(response.status).toBe(200);
  expect(response.body.results[0]).toMatchObject({ schema: 'transparency-spend-over-500', wouldConform: true, errorCount: 0, missingRequiredFields: [] });
  expect(response.body.results[0].matchedFields).toEqual(expect.arrayContaining(['BeneficiaryName', 'PaymentDate', 'Amount']));
});

it('matches headers whatever their case or spacing, and says which to rename', async () => {
  const [best] = (await suggestions('payments-export')).body.results;
  expect(best).toMatchObject({ schema: 'transparency-spend-over-500', wouldConform: false });
  expect(best.headerRenames).toEqual([
    { column: 'beneficiary_name', field: 'BeneficiaryName' },
    { column: 'payment date', field: 'PaymentDate' },
  ]);
  expect(best.errors.map((e: { code: string; field: string }) => [e.code, e.field])).toEqual([
    ['missing-label', 'BeneficiaryName'],
    ['missing-label', 'PaymentDate'],
  ]);
});

it('names the standard’s field and row that would fail', async () => {
  const [best] = (await suggestions('payments-bad-date')).body.results;
  expect(best).toMatchObject({ schema: 'transparency-spend-over-500', wouldConform: false, errorCount: 1, headerRenames: [] });
  expect(best.errors[0]).toMatchObject({ field: 'PaymentDate', row: 3 });
});

it('tells a brownfield register from a spend file, and suggests nothing for a file no standard describes', async () => {
  expect((await suggestions('sites')).body.results[0]).toMatchObject({ schema: 'brownfield-land-register' });
  expect((await suggestions('readings')).body).toEqual({ count: 0, results: [] });
});

it('reads private data only for its publisher', async () => {
  expect((await suggestions('private-payments')).status).toBe(404);
  expect((await suggestions('private-payments', stranger)).status).toBe(404);
  expect((await suggestions('private-payments', camden)).body.results[0]).toMatchObject({ schema: 'transparency-spend-over-500' });
});
