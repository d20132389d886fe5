import { ALLOW_HOSTS_ENV } from '../../functions/outbound/allow-list';
import { startTestExchange, type TestExchange } from '../support/test-exchange';
import { type FixtureServer, json, startFixtureServer } from './harvest-fixture-server';

/**
 * A harvested dataset belongs to its source: edits through the API are refused with a 409 naming
 * the source, except local additions of keywords and themes, which are stored apart from the
 * source's fields, shown merged with them, found by search, and kept by the source's next runs
 * (which write nothing for them: the record hash covers only the source's fields).
 */
let t: TestExchange;
let server: FixtureServer;
let admin: string;
let editor: string;
let sourceId: string;
let name: string;
const base = '/api/v1/organisations/greenwich/harvest-sources';

let record: Record<string, unknown> = {
  id: 'pkg-greenwich-parks',
  name: 'greenwich-parks',
  title: 'Greenwich parks',
  license_id: 'uk-ogl',
  tags: [{ name: 'parks' }],
  resources: [{ id: 'r1', url: 'https://files.example.org/greenwich/parks.csv', format: 'CSV' }],
};

const runNow = async () => {
  const response = await t.request('POST', `${base}/${sourceId}/runs`, { token: admin });
  expect(response.status).toBe(201);
  return response.body;
};
const read = () => t.request('GET', `/api/v1/datasets/${name}`);
const patch = async (body: Record<string, unknown>) => {
  const current = await read();
  return t.request('PATCH', `/api/v1/datasets/${name}`, { token: editor, body, headers: { 'if-match': current.headers.get('etag')! } });
};

beforeAll(async () => {
  server = await startFixtureServer();
  process.env[ALLOW_HOSTS_ENV] = server.hostPort;
  server.answers.set('/api/3/action/package_search', (query) =>
    json({ success: true, result: { count: 1, results: Number(query.get('start') ?? 0) === 0 ? [record] : [] } }),
  );
  t = await startTestExchange();
  admin = await t.organisationWithToken('greenwich', 'admin');
  editor = await t.tokenFor('greenwich', 'editor');
  const created = await t.request('POST', base, { token: admin, body: { kind: 'ckan', url: `${server.origin}/` } });
  sourceId = created.body.id as string;
  expect(await runNow()).toMatchObject({ created: 1, errors: [] });
  const listing = await t.request('GET', '/api/v1/datasets?organisation=greenwich');
  name = (listing.body.results as Array<{ name: string }>)[0].name;
});
afterAll(async () => {
  delete process.env[ALLOW_HOSTS_ENV];
  await t.stop();
  await server.stop();
});

it('refuses edits of the source’s fields with a 409 naming the source', async () => {
  for (const body of [{ title: 'Edited here' }, { title: 'Edited here', keywords: ['parks', 'picnics'] }, { description: 'Ours' }]) {
    const refused = await patch(body);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain(sourceId);
    expect(refused.body.error.details).toMatchObject({ harvestSource: sourceId });
  }
  // Nor may an edit take away a keyword the source gives.
  const removing = await patch({ keywords: ['picnics'] });
  expect(removing.status).toBe(409);
  expect(removing.body.error.message).toContain(sourceId);
  expect(removing.body.error.message).toContain("'parks'");
  expect((await read()).body).toMatchObject({ title: 'Greenwich parks', keywords: ['parks'] });
  expect((await read()).body.localAdditions).toBeUndefined();
});

it('accepts local keywords and themes, shown merged and stored apart, and found by search', async () => {
  const harvested = (await read()).body;
  const added = await patch({ keywords: ['parks', 'picnics'], themes: ['environment', 'sport'] });
  expect(added.status).toBe(200);
  const shown = (await read()).body;
  expect(shown).toMatchObject({
    keywords: ['parks', 'picnics'],
    themes: ['environment', 'sport'],
    localAdditions: { keywords: ['picnics'], themes: ['environment', 'sport'] },
  });
  const found = await t.request('GET', '/api/v1/datasets?q=picnics');
  expect(found.body.results.map((d: { name: string }) => d.name)).toEqual([name]);
  const bySport = await t.request('GET', '/api/v1/datasets?theme=sport');
  expect(bySport.body.results.map((d: { name: string }) => d.name)).toContain(name);
  // The source's fields are as harvested, and so is the record's provenance (its hash of them).
  expect(shown.provenance).toEqual(harvested.provenance);
});

it('keeps local additions through the next runs: none written while the source is unchanged, merged when it changes', async () => {
  const before = await read();
  expect(await runNow()).toMatchObject({ unchanged: 1, updated: 0, errors: [] });
  expect((await read()).headers.get('etag')).toBe(before.headers.get('etag'));

  record = { ...record, title: 'Greenwich parks and gardens', tags: [{ name: 'parks' }, { name: 'gardens' }] };
  expect(await runNow()).toMatchObject({ updated: 1, errors: [] });
  const changed = (await read()).body;
  expect(changed).toMatchObject({
    title: 'Greenwich parks and gardens',
    keywords: ['parks', 'gardens', 'picnics'],
    themes: ['environment', 'sport'],
    localAdditions: { keywords: ['picnics'], themes: ['environment', 'sport'] },
  });
  expect(changed.provenance.contentHash).not.toBe(before.body.provenance.contentHash);
  // The additions are not part of the source's fields: the next run finds nothing changed.
  expect(await runNow()).toMatchObject({ unchanged: 1, updated: 0 });

  // An addition the source has since made its own is the source's from then on.
  record = { ...record, tags: [{ name: 'parks' }, { name: 'picnics' }] };
  expect(await runNow()).toMatchObject({ updated: 1 });
  const adopted = (await read()).body;
  expect(adopted.keywords).toEqual(['parks', 'picnics']);
  expect(adopted.localAdditions).toEqual({ themes: ['environment', 'sport'] });
});
