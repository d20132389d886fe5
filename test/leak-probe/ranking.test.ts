import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * The ranking channel: a publisher creates two open datasets whose titles differ only in a word it
 * guesses is in another organisation's private metadata, both found by one prefix, and watches
 * their order. Were private datasets counted in the relevance statistics, a private dataset full
 * of the guessed word would lower that word's weight and flip the order. The order any caller
 * sees (anonymous, the prober itself, over both APIs) must be the same before and after.
 */
let t: TestExchange;
let prober: string;
let victim: string;

const names = (body: { results: Array<{ name: string }> }) => body.results.map((d) => d.name);

const orders = async () => {
  const seen: Record<string, string[]> = {};
  for (const [caller, token] of [
    ['anonymous', undefined],
    ['prober', prober],
  ] as const) {
    seen[`${caller} native`] = names((await t.request('GET', '/api/v1/datasets?q=zqa', { token })).body);
    seen[`${caller} CKAN`] = names((await t.request('GET', '/api/3/action/package_search?q=zqa&include_private=true', { token })).body.result);
  }
  return seen;
};

beforeAll(async () => {
  t = await startTestExchange();
  prober = await t.organisationWithToken('ranking-prober', 'admin');
  victim = await t.organisationWithToken('ranking-victim', 'admin');
  for (const [name, title] of [
    ['probe-guessed', 'Quarterly zqaguess'],
    ['probe-control', 'Quarterly zqacontrol'],
  ]) {
    const created = await t.request('POST', '/api/v1/datasets', { token: prober, body: datasetInput(name, { title }) });
    if (created.status !== 201) throw new Error(created.text);
  }
  await t.exchange.indexIdle();
}, 60_000);
afterAll(() => t.stop());

it('does not move with words in another organisation’s private datasets', async () => {
  const before = await orders();
  for (const order of Object.values(before)) expect(order).toEqual(['probe-guessed', 'probe-control']);

  for (let i = 0; i < 3; i++) {
    const created = await t.request('POST', '/api/v1/datasets', {
      token: victim,
      body: datasetInput(`victim-secret-${i}`, {
        tier: 'private',
        licence: 'proprietary',
        title: `Zqaguess zqaguess ${i}`,
        description: 'zqaguess '.repeat(40),
        keywords: ['zqaguess'],
      }),
    });
    expect(created.status).toBe(201);
  }
  await t.exchange.indexIdle();
  // The private datasets are in the index: their publisher finds them.
  expect(names((await t.request('GET', '/api/v1/datasets?q=zqaguess', { token: victim })).body)).toHaveLength(4);

  expect(await orders()).toEqual(before);
});
