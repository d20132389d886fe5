import type { CatalogueStore, RecordKey } from '../../functions/storage/catalogue-store';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * A private dataset's existence does not show through other answers: asking for its name reads
 * the catalogue exactly as asking for a name nobody holds does (same calls, same kinds of keys),
 * so neither the answer nor its timing tells them apart; and taking its name answers the same
 * 409 as taking an open dataset's name. Counted with a spy on the exchange's real store.
 */
let t: TestExchange;
let outsider: string;

beforeAll(async () => {
  t = await startTestExchange();
  const owner = await t.organisationWithToken('kingston', 'admin');
  outsider = await t.organisationWithToken('richmond', 'editor');
  await t.request('POST', '/api/v1/datasets', { token: owner, body: datasetInput('kingston-private', { tier: 'private', licence: 'proprietary' }) });
  await t.request('POST', '/api/v1/datasets', { token: owner, body: datasetInput('kingston-open') });
  await t.request('POST', '/api/v1/datasets/kingston-private/resources', { token: owner, body: { name: 'rows' } });
  // Token reads (and any first-use bookkeeping) happen before the counting starts.
  await t.request('GET', '/api/v1/health', { token: outsider });
});
afterAll(() => t.stop());

/** Every store call one request makes: the method and the kind of record (the key without its id or name). */
const storeCallsOf = async (send: () => Promise<unknown>): Promise<string[]> => {
  const store = t.exchange.domain.catalogue;
  const calls: string[] = [];
  const kind = (key: RecordKey) => `${key.pk.split('#')[0]}/${key.sk.split('#')[0]}`;
  const methods: Array<keyof CatalogueStore> = ['get', 'getMany', 'create', 'replace', 'remove', 'list'];
  // Nothing else may be reading meanwhile: ingest and the indexer run after writes, in the background.
  await t.exchange.indexIdle();
  const spies = methods.map((method) => {
    const original = (store[method] as (...args: unknown[]) => Promise<unknown>).bind(store);
    return jest.spyOn(store, method).mockImplementation(((...args: unknown[]) => {
      const [first] = args;
      const described = Array.isArray(first)
        ? first.map((k) => kind(k as RecordKey)).join(',')
        : typeof first === 'string'
          ? first.split('#')[0]
          : kind(first as RecordKey);
      calls.push(`${method} ${described}`);
      return original(...args);
    }) as never);
  });
  try {
    await send();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return calls;
};

describe('a private name and a missing name', () => {
  it.each([
    ['the API', (name: string) => `/api/v1/datasets/${name}`],
    ['a resource under it', (name: string) => `/api/v1/datasets/${name}/resources/rows`],
    ['CKAN package_show', (name: string) => `/api/3/action/package_show?id=${name}`],
    ['the dataset page', (name: string) => `/datasets/${name}`],
  ])('%s: the same 404 after the same store reads', async (_label, path) => {
    const answers: Array<{ status: number; text: string }> = [];
    const record = async (name: string) => {
      const response = await t.request('GET', path(name), { token: outsider });
      answers.push({ status: response.status, text: response.text.replaceAll(name, '<name>') });
    };
    const hidden = await storeCallsOf(() => record('kingston-private'));
    const missing = await storeCallsOf(() => record('kingston-nothing'));
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0].status).toBe(404);
    expect(hidden).toEqual(missing);
    expect(hidden.length).toBeGreaterThan(0);
  });
});

describe('a resource id of a private dataset and an unknown one', () => {
  it.each(['resource_show', 'datastore_search'])('CKAN %s: the same 404 after the same store reads', async (action) => {
    const owner = await t.tokenFor('kingston', 'viewer');
    const privateId = (await t.request('GET', '/api/v1/datasets/kingston-private/resources/rows', { token: owner })).body.id as string;
    const unknownId = '6f1f7c1e-2a43-4d2b-9a57-5d7a3c0e9b11';
    const key = action === 'resource_show' ? 'id' : 'resource_id';
    const answers: Array<{ status: number; text: string }> = [];
    const record = async (id: string) => {
      const response = await t.request('GET', `/api/3/action/${action}?${key}=${id}`, { token: outsider });
      answers.push({ status: response.status, text: response.text.replaceAll(id, '<id>') });
    };
    const hidden = await storeCallsOf(() => record(privateId));
    const missing = await storeCallsOf(() => record(unknownId));
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0].status).toBe(404);
    expect(hidden).toEqual(missing);
  });
});

describe('taking a name another organisation holds', () => {
  it('answers the same 409, after the same store calls, whether the holder is private or open', async () => {
    const attempt = async (name: string) => {
      let answer: { status: number; body: unknown } = { status: 0, body: undefined };
      const calls = await storeCallsOf(async () => {
        const response = await t.request('POST', '/api/v1/datasets', { token: outsider, body: datasetInput(name) });
        answer = { status: response.status, body: JSON.parse(response.text.replaceAll(name, '<name>')) };
      });
      return { answer, calls };
    };
    const privateHolder = await attempt('kingston-private');
    const openHolder = await attempt('kingston-open');
    expect(privateHolder.answer.status).toBe(409);
    expect(privateHolder.answer).toEqual(openHolder.answer);
    expect(privateHolder.calls).toEqual(openHolder.calls);
  });
});
