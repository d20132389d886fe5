import { createResource, uploadAndWait } from '../support/publishing';
import { NO_DATASET_ID } from '../../functions/domain/datasets';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/** Row reads obey the tier policy and grants exactly as downloads do; shared and private reads are audited. */
let t: TestExchange;
let publisher: string;
let publisherViewer: string;
let partner: string;
let stranger: string;
const DAY = 86_400_000;

const publish = async (name: string, tier: 'open' | 'shared' | 'private') => {
  await t.request('POST', '/api/v1/datasets', {
    token: publisher,
    body: datasetInput(name, { tier, licence: tier === 'open' ? 'OGL-UK-3.0' : 'proprietary' }),
  });
  await createResource(t, publisher, name, { name: 'load' });
  await uploadAndWait(t, publisher, name, 'load', 'substation,load_mw\nA,12.5\nB,7\n', 'load.csv');
};

beforeAll(async () => {
  t = await startTestExchange();
  publisher = await t.organisationWithToken('demo-energy', 'admin');
  publisherViewer = await t.tokenFor('demo-energy', 'viewer');
  partner = await t.organisationWithToken('hackney', 'viewer');
  stranger = await t.organisationWithToken('bromley', 'admin');
  await publish('open-load', 'open');
  await publish('shared-load', 'shared');
  await publish('private-load', 'private');
  const granted = await t.request('POST', '/api/v1/datasets/shared-load/grants', {
    token: publisher,
    body: {
      organisation: 'hackney',
      purpose: 'Planning EV charge points in Hackney',
      lawfulBasis: 'not-personal-data',
      agreementReference: 'DSA-1',
      expiresAt: new Date(t.clock.now().getTime() + 2 * DAY).toISOString(),
    },
  });
  if (granted.status !== 201) throw new Error(granted.text);
}, 60_000);
afterAll(() => t.stop());

const rows = (dataset: string, token?: string) =>
  t.request('GET', `/api/v1/datasets/${dataset}/resources/load/rows?filters=${encodeURIComponent('{"substation":"A"}')}`, { token });
const rowAudits = async (dataset: string) =>
  (await t.request('GET', `/api/v1/datasets/${dataset}/audit?limit=1000`, { token: publisher })).body.results.filter(
    (e: { action: string }) => e.action === 'data.rows',
  );

it('open rows are public and not audited', async () => {
  for (const token of [undefined, stranger, partner]) expect((await rows('open-load', token)).body.records).toEqual([{ substation: 'A', load_mw: 12.5 }]);
  expect(await rowAudits('open-load')).toEqual([]);
});

it('shared rows: 404 for anonymous callers and strangers (same body as a missing dataset), served to the publisher and the grantee', async () => {
  const missing = await t.request('GET', '/api/v1/datasets/not-there/resources/load/rows');
  for (const token of [undefined, stranger]) {
    const refused = await rows('shared-load', token);
    expect(refused.status).toBe(404);
    expect(refused.text).not.toContain('12.5');
  }
  expect((await rows('shared-load')).body.error.code).toBe(missing.body.error.code);
  for (const token of [publisherViewer, partner]) expect((await rows('shared-load', token)).body.records).toEqual([{ substation: 'A', load_mw: 12.5 }]);
});

it('audits each shared read with who, which version, how many rows and which columns were filtered', async () => {
  const before = (await rowAudits('shared-load')).length;
  await rows('shared-load', partner);
  const entries = await rowAudits('shared-load');
  expect(entries).toHaveLength(before + 1);
  expect(entries[entries.length - 1]).toMatchObject({
    action: 'data.rows',
    actor: { kind: 'member', organisation: 'hackney', role: 'viewer' },
    route: 'GET /api/v1/datasets/:dataset/resources/:resource/rows',
    details: { resource: 'load', version: 1, rows: 1, filteredColumns: ['substation'] },
  });
});

it('private rows only for the publisher, audited', async () => {
  for (const token of [undefined, stranger, partner]) expect((await rows('private-load', token)).status).toBe(404);
  expect((await rows('private-load', publisherViewer)).status).toBe(200);
  expect(await rowAudits('private-load')).toHaveLength(1);
});

it('the grantee loses the rows the moment the grant expires, even mid-paging', async () => {
  const first = await t.request('GET', '/api/v1/datasets/shared-load/resources/load/rows?limit=1', { token: partner });
  expect(first.status).toBe(200);
  t.clock.advance(3 * DAY);
  expect((await rows('shared-load', partner)).status).toBe(404);
  expect((await t.request('GET', first.body.next.slice(t.url.length), { token: partner })).status).toBe(404);
  expect((await rows('shared-load', publisherViewer)).status).toBe(200);
});

describe('the reads behind a row query', () => {
  const sql = (dataset: string, token?: string) =>
    t.request('GET', `/api/v1/datasets/${dataset}/resources/load/sql?sql=${encodeURIComponent('SELECT * FROM load')}`, { token });

  /**
   * The catalogue reads of one dataset's name, record and resources a request makes (`get` one
   * key per round trip, `getMany` one batch); tokens, versions, audit records and other datasets'
   * records (work in the background) are left out. A name nobody holds reads NO_DATASET_ID's.
   */
  const readsOf = async (name: string, request: () => Promise<{ status: number }>) => {
    const found = await t.request('GET', `/api/v1/datasets/${name}`, { token: publisher });
    const id = found.status === 200 ? found.body.id : NO_DATASET_ID;
    const store = t.exchange.domain.catalogue;
    const gets = jest.spyOn(store, 'get');
    const getMany = jest.spyOn(store, 'getMany');
    try {
      const { status } = await request();
      const ours = (keys: Array<{ pk: string; sk: string }>) =>
        keys.filter((key) => key.pk === `DATASET-NAME#${name}` || (key.pk === `DATASET#${id}` && !key.sk.includes('#V#'))).map((key) => key.sk);
      const batches = [...gets.mock.calls.map(([key]) => ours([key])), ...getMany.mock.calls.map(([keys]) => ours(keys))];
      return { status, roundTrips: batches.filter((batch) => batch.length > 0) };
    } finally {
      gets.mockRestore();
      getMany.mockRestore();
    }
  };

  it('reads the resource in the same batch as its dataset, and no longer the name of a dataset anyone may see', async () => {
    // Both were read by name before (published and queried above).
    expect(await readsOf('open-load', () => rows('open-load'))).toEqual({ status: 200, roundTrips: [['DATASET', 'RESOURCE#load']] });
    expect(await readsOf('open-load', () => sql('open-load'))).toEqual({ status: 200, roundTrips: [['DATASET', 'RESOURCE#load']] });
    expect(await readsOf('shared-load', () => sql('shared-load', publisher))).toEqual({ status: 200, roundTrips: [['DATASET', 'RESOURCE#load']] });
  });

  it('reads a private dataset’s name every time, so its reads stay those of a name nobody holds', async () => {
    for (let i = 0; i < 2; i++)
      expect(await readsOf('private-load', () => sql('private-load', publisher))).toEqual({
        status: 200,
        roundTrips: [['NAME'], ['DATASET', 'RESOURCE#load']],
      });
  });

  it('takes the same reads for a hidden dataset as for a name nobody holds, and judges the dataset as read in that batch', async () => {
    const hidden = await readsOf('private-load', () => sql('private-load', stranger));
    const missing = await readsOf('nobody-holds-this', () => sql('nobody-holds-this', stranger));
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect(hidden.roundTrips).toEqual([['NAME'], ['DATASET', 'RESOURCE#load']]);
    expect(missing.roundTrips).toEqual(hidden.roundTrips);
    await t.request('POST', '/api/v1/datasets', { token: publisher, body: datasetInput('turns-private', { licence: 'OGL-UK-3.0', tier: 'open' }) });
    await createResource(t, publisher, 'turns-private', { name: 'load' });
    await uploadAndWait(t, publisher, 'turns-private', 'load', 'substation,load_mw\nA,1\n', 'load.csv');
    expect((await sql('turns-private')).status).toBe(200);
    const read = await t.request('GET', '/api/v1/datasets/turns-private', { token: publisher });
    const patched = await t.request('PATCH', '/api/v1/datasets/turns-private', {
      token: publisher,
      rawBody: JSON.stringify({ tier: 'private', licence: 'proprietary' }),
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': read.headers.get('etag')! },
    });
    expect(patched.status).toBe(200);
    expect((await sql('turns-private')).status).toBe(404);
    expect((await rows('turns-private')).status).toBe(404);
  });
});
