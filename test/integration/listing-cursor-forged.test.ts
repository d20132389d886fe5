import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * A listing cursor is the base64url JSON of DynamoDB's last evaluated key. One forged to name the
 * right listing but not a whole key (no pk and sk) is bad input, answered 400 like any other bad
 * cursor, not passed to DynamoDB (which refuses it with an error of its own: a 500).
 */
let t: TestExchange;

beforeAll(async () => {
  t = await startTestExchange();
});
afterAll(() => t.stop());

it('refuses a cursor naming the listing but not a whole key with 400', async () => {
  const token = await t.organisationWithToken('camden', 'admin');
  const created = await t.request('POST', '/api/v1/datasets', { token, body: datasetInput('forged-cursor') });
  expect(created.status).toBe(201);
  const list = `AUDIT#${created.body.id}`;
  const cursor = (position: object) => Buffer.from(JSON.stringify(position)).toString('base64url');
  const audit = (position: object) => t.request('GET', `/api/v1/datasets/forged-cursor/audit?cursor=${cursor(position)}`, { token });
  for (const position of [{ gsi1pk: list }, { gsi1pk: list, gsi1sk: 'z' }, { gsi1pk: list, gsi1sk: 'z', pk: 'x' }]) {
    const answer = await audit(position);
    expect({ position, status: answer.status, code: answer.body.error?.code }).toEqual({ position, status: 400, code: 'bad_request' });
  }
  // A whole key still pages.
  expect((await audit({ gsi1pk: list, gsi1sk: 'z', pk: 'x', sk: 'y' })).status).toBe(200);
});
