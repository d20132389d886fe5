import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

let t: TestExchange;
let camdenAdmin: string;
let camdenEditor: string;
let camdenViewer: string;
let barnetAdmin: string;

beforeAll(async () => {
  t = await startTestExchange();
  camdenAdmin = await t.organisationWithToken('camden', 'admin');
  camdenEditor = await t.tokenFor('camden', 'editor');
  camdenViewer = await t.tokenFor('camden', 'viewer');
  barnetAdmin = await t.organisationWithToken('barnet', 'admin');
});
afterAll(() => t.stop());

const create = (name: string, overrides: Record<string, unknown> = {}, token = camdenEditor) =>
  t.request('POST', '/api/v1/datasets', { token, body: datasetInput(name, overrides) });

describe('creating datasets', () => {
  it('creates a dataset owned by the caller’s organisation, readable by id and by name', async () => {
    const created = await create('camden-air-quality', {
      keywords: ['air', 'no2'],
      themes: ['environment'],
      updateFrequency: 'daily',
      temporalCoverage: { start: '2020-01-01' },
      spatialCoverage: { gssCodes: ['E09000007'] },
      contactPoint: { name: 'Air quality team', email: 'air@camden.gov.uk' },
      dataSchema: 'air-quality-readings',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({ name: 'camden-air-quality', organisation: 'camden', tier: 'open', version: 1 });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body.created).toBe(created.body.modified);

    const byName = await t.request('GET', '/api/v1/datasets/camden-air-quality');
    const byId = await t.request('GET', `/api/v1/datasets/${created.body.id}`);
    expect(byName.status).toBe(200);
    expect(byId.body).toEqual(byName.body);
    expect(byName.headers.get('etag')).toBe('"1"');
  });

  it('defaults the tier to private', async () => {
    const body = datasetInput('camden-draft');
    delete body.tier;
    const created = await t.request('POST', '/api/v1/datasets', { token: camdenEditor, body });
    expect(created.body.tier).toBe('private');
  });

  it('refuses server-owned fields by name', async () => {
    const response = await create('sneaky', { id: 'x', organisation: 'barnet', version: 9, created: '2020-01-01T00:00:00Z' });
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['created', 'id', 'organisation', 'version']);
  });

  it('answers 409 when the name is taken, even by another organisation', async () => {
    const response = await create('camden-air-quality', {}, barnetAdmin);
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('conflict');
  });

  it('names every invalid field', async () => {
    const response = await create('bad-fields', { title: '', licence: 'WTFPL', themes: ['cheese'], spatialCoverage: { gssCodes: ['X1'] }, colour: 'red' });
    expect(response.status).toBe(400);
    const fields = response.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'licence', 'themes.0', 'spatialCoverage.gssCodes.0', 'colour']));
  });

  it('needs an open licence for an open dataset', async () => {
    const response = await create('closed-but-open', { licence: 'proprietary', tier: 'open' });
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields[0].field).toBe('licence');
  });

  it('lets only editors and admins of an organisation create datasets', async () => {
    expect((await create('viewer-try', {}, camdenViewer)).status).toBe(403);
    expect((await t.request('POST', '/api/v1/datasets', { body: datasetInput('anon-try') })).status).toBe(401);
    expect((await create('admin-try', {}, t.adminToken)).status).toBe(403);
  });
});

describe('updating datasets', () => {
  it('needs If-Match (428), refuses a stale one (412) and applies a current one', async () => {
    await create('camden-parking', { keywords: ['parking'] });
    const patch = { title: 'Parking bays' };
    const without = await t.request('PATCH', '/api/v1/datasets/camden-parking', { token: camdenEditor, body: patch });
    expect(without.status).toBe(428);
    const stale = await t.request('PATCH', '/api/v1/datasets/camden-parking', { token: camdenEditor, body: patch, headers: { 'if-match': '"7"' } });
    expect(stale.status).toBe(412);
    const garbage = await t.request('PATCH', '/api/v1/datasets/camden-parking', { token: camdenEditor, body: patch, headers: { 'if-match': 'nonsense' } });
    expect(garbage.status).toBe(412);
    const current = await t.request('PATCH', '/api/v1/datasets/camden-parking', { token: camdenEditor, body: patch, headers: { 'if-match': '"1"' } });
    expect(current.status).toBe(200);
    expect(current.headers.get('etag')).toBe('"2"');
    expect(current.body).toMatchObject({ title: 'Parking bays', keywords: ['parking'], version: 2 });
    expect(current.body.modified > current.body.created).toBe(true);
  });

  it('applies JSON merge-patch: null removes a field, nested objects merge', async () => {
    await create('camden-trees', { keywords: ['trees'], contactPoint: { name: 'Trees', email: 'trees@camden.gov.uk' } });
    const response = await t.request('PATCH', '/api/v1/datasets/camden-trees', {
      token: camdenEditor,
      body: { keywords: null, contactPoint: { name: 'Arboriculture' } },
      headers: { 'if-match': '"1"', 'content-type': 'application/merge-patch+json' },
    });
    expect(response.status).toBe(200);
    expect(response.body.keywords).toBeUndefined();
    expect(response.body.contactPoint).toEqual({ name: 'Arboriculture', email: 'trees@camden.gov.uk' });
  });

  it('never loses an update: of two concurrent PATCHes with the same ETag exactly one wins', async () => {
    await create('camden-race');
    const results = await Promise.all(
      ['First', 'Second', 'Third', 'Fourth'].map((title) =>
        t.request('PATCH', '/api/v1/datasets/camden-race', { token: camdenEditor, body: { title }, headers: { 'if-match': '"1"' } }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 412, 412, 412]);
    const winner = results.find((r) => r.status === 200)!;
    const stored = await t.request('GET', '/api/v1/datasets/camden-race');
    expect(stored.body.title).toBe(winner.body.title);
    expect(stored.body.version).toBe(2);
  });

  it('keeps names fixed and server-owned fields out of reach', async () => {
    const rename = await t.request('PATCH', '/api/v1/datasets/camden-trees', { token: camdenEditor, body: { name: 'other' }, headers: { 'if-match': '*' } });
    expect(rename.status).toBe(400);
    const takeover = await t.request('PATCH', '/api/v1/datasets/camden-trees', {
      token: camdenEditor,
      body: { organisation: 'barnet' },
      headers: { 'if-match': '*' },
    });
    expect(takeover.status).toBe(400);
    expect(takeover.body.error.details.fields[0].field).toBe('organisation');
  });

  it('lets editors edit but only admins change the tier; other organisations get 403', async () => {
    const byEditor = await t.request('PATCH', '/api/v1/datasets/camden-trees', {
      token: camdenEditor,
      body: { tier: 'private' },
      headers: { 'if-match': '*' },
    });
    expect(byEditor.status).toBe(403);
    const byViewer = await t.request('PATCH', '/api/v1/datasets/camden-trees', { token: camdenViewer, body: { title: 'x' }, headers: { 'if-match': '*' } });
    expect(byViewer.status).toBe(403);
    const byOther = await t.request('PATCH', '/api/v1/datasets/camden-trees', { token: barnetAdmin, body: { title: 'x' }, headers: { 'if-match': '*' } });
    expect(byOther.status).toBe(403);
    const byAdmin = await t.request('PATCH', '/api/v1/datasets/camden-trees', { token: camdenAdmin, body: { tier: 'shared' }, headers: { 'if-match': '*' } });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.tier).toBe('shared');
  });
});

describe('deleting datasets', () => {
  it('lets the publisher’s admin delete; the dataset is then gone but its name stays reserved', async () => {
    const created = await create('camden-old');
    expect((await t.request('DELETE', '/api/v1/datasets/camden-old', { token: camdenEditor })).status).toBe(403);
    expect((await t.request('DELETE', '/api/v1/datasets/camden-old', { token: camdenAdmin, headers: { 'if-match': '"5"' } })).status).toBe(412);
    const deleted = await t.request('DELETE', '/api/v1/datasets/camden-old', { token: camdenAdmin });
    expect(deleted.status).toBe(204);
    expect((await t.request('GET', '/api/v1/datasets/camden-old')).status).toBe(404);
    expect((await t.request('GET', `/api/v1/datasets/${created.body.id}`)).status).toBe(404);
    const listing = await t.request('GET', '/api/v1/datasets?organisation=camden&limit=1000');
    expect(listing.body.results.map((d: { name: string }) => d.name)).not.toContain('camden-old');
    expect((await create('camden-old')).status).toBe(409);
  });
});

describe('listing datasets', () => {
  it('filters by organisation and tier, pages with a cursor, and counts what matches', async () => {
    for (const n of [1, 2, 3, 4, 5])
      await create(`barnet-list-${n}`, { tier: n % 2 ? 'open' : 'shared', licence: n % 2 ? 'OGL-UK-3.0' : 'proprietary' }, barnetAdmin);
    const seen: string[] = [];
    let path: string | null = '/api/v1/datasets?organisation=barnet&limit=2';
    let pages = 0;
    while (path) {
      const page: { body: { count: number; results: Array<{ name: string }>; next: string | null } } = await t.request('GET', path);
      expect(page.body.count).toBe(5);
      seen.push(...page.body.results.map((d) => d.name));
      path = page.body.next ? page.body.next.replace(t.url, '') : null;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(['barnet-list-1', 'barnet-list-2', 'barnet-list-3', 'barnet-list-4', 'barnet-list-5']);

    const shared = await t.request('GET', '/api/v1/datasets?organisation=barnet&tier=shared');
    expect(shared.body.results.map((d: { name: string }) => d.name)).toEqual(['barnet-list-2', 'barnet-list-4']);
    expect(shared.body.facets.tier).toEqual([
      { value: 'open', count: 3 },
      { value: 'shared', count: 2 },
    ]);
  });

  it('rejects bad paging parameters with 400', async () => {
    for (const query of ['limit=0', 'limit=-1', 'limit=abc', 'limit=100000', 'cursor=%%%', 'cursor=bm9wZQ', 'tier=secret']) {
      const response = await t.request('GET', `/api/v1/datasets?${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
    }
  });
});
