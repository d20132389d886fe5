import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * A dataset's name is claimed (one conditional write) before the dataset record is written. A
 * second creation that finds a claim with no dataset behind it must not take the name over while
 * the first creation may still be writing its dataset, or both would succeed with one name.
 */
let t: TestExchange;
let editor: string;
const nameKey = (name: string) => ({ pk: `DATASET-NAME#${name}`, sk: 'NAME' });

beforeAll(async () => {
  t = await startTestExchange();
  editor = await t.organisationWithToken('camden', 'editor');
});
afterAll(() => t.stop());

const create = (name: string) => t.request('POST', '/api/v1/datasets', { token: editor, body: datasetInput(name) });

it('refuses a name whose claim is fresh, even though its dataset is not written yet', async () => {
  await t.exchange.domain.catalogue.create(nameKey('claimed-in-flight'), { datasetId: 'a-creation-in-flight', claimedAt: t.clock.now().toISOString() });
  const response = await create('claimed-in-flight');
  expect(response.status).toBe(409);
  expect(response.body.error).toMatchObject({ code: 'conflict', message: "The name 'claimed-in-flight' is already taken." });
});

it('takes over a claim abandoned by a creation that died before writing its dataset', async () => {
  await t.exchange.domain.catalogue.create(nameKey('claimed-and-abandoned'), { datasetId: 'a-dead-creation', claimedAt: t.clock.now().toISOString() });
  t.clock.advance(61_000);
  const response = await create('claimed-and-abandoned');
  expect(response.status).toBe(201);
  expect((await t.request('GET', '/api/v1/datasets/claimed-and-abandoned')).body.id).toBe(response.body.id);
});

it('gives one name to one of eight creations racing for it', async () => {
  const results = await Promise.all(Array.from({ length: 8 }, () => create('raced-for-name')));
  expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(7).fill(409)]);
});

it('refuses a native name with the harvested prefix, naming the field, and claims nothing', async () => {
  const response = await create('h--someone--looks-harvested-0123456789');
  expect(response.status).toBe(400);
  expect(response.body.error).toMatchObject({ code: 'validation_failed', details: { fields: [{ field: 'name' }] } });
  expect(await t.exchange.domain.catalogue.get(nameKey('h--someone--looks-harvested-0123456789'))).toBeUndefined();
});
