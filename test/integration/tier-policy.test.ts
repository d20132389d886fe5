import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

let t: TestExchange;
let enfieldViewer: string;
let enfieldAdmin: string;
let stranger: string;
let privateId: string;

beforeAll(async () => {
  t = await startTestExchange();
  enfieldAdmin = await t.organisationWithToken('enfield', 'admin');
  enfieldViewer = await t.tokenFor('enfield', 'viewer');
  stranger = await t.organisationWithToken('demo-energy', 'admin');
  const created = await t.request('POST', '/api/v1/datasets', { token: enfieldAdmin, body: datasetInput('enfield-secret', { tier: 'private' }) });
  privateId = created.body.id;
  await t.request('POST', '/api/v1/datasets', { token: enfieldAdmin, body: datasetInput('enfield-open', { tier: 'open' }) });
  await t.request('POST', '/api/v1/datasets', { token: enfieldAdmin, body: datasetInput('enfield-shared', { tier: 'shared', licence: 'proprietary' }) });
});
afterAll(() => t.stop());

const names = (body: { results: Array<{ name: string }> }) => body.results.map((d) => d.name);

describe('a private dataset', () => {
  it('is a 404 byte-identical to a dataset that never existed, for anonymous callers and other organisations', async () => {
    for (const token of [undefined, stranger]) {
      for (const reference of ['enfield-secret', privateId]) {
        const hidden = await t.request('GET', `/api/v1/datasets/${reference}`, { token });
        const missing = await t.request('GET', `/api/v1/datasets/${reference === privateId ? '00000000-0000-4000-8000-000000000000' : 'never-existed'}`, {
          token,
        });
        expect(hidden.status).toBe(404);
        expect(hidden.text).toBe(missing.text);
        expect([...hidden.headers.keys()].sort()).toEqual([...missing.headers.keys()].sort());
      }
    }
  });

  it('is also a 404 (not 403) for writes by callers who cannot see it', async () => {
    const patch = await t.request('PATCH', '/api/v1/datasets/enfield-secret', { token: stranger, body: { title: 'x' }, headers: { 'if-match': '"1"' } });
    const patchMissing = await t.request('PATCH', '/api/v1/datasets/never-existed', { token: stranger, body: { title: 'x' }, headers: { 'if-match': '"1"' } });
    expect(patch.status).toBe(404);
    expect(patch.text).toBe(patchMissing.text);
    const noIfMatch = await t.request('PATCH', '/api/v1/datasets/enfield-secret', { token: stranger, body: { title: 'x' } });
    expect(noIfMatch.status).toBe(404);
    expect((await t.request('DELETE', '/api/v1/datasets/enfield-secret', { token: stranger })).status).toBe(404);
    expect((await t.request('DELETE', '/api/v1/datasets/enfield-secret')).status).toBe(404);
  });

  it('is left out of listings, counts and facets for anyone outside the publisher', async () => {
    for (const token of [undefined, stranger]) {
      const all = await t.request('GET', '/api/v1/datasets?limit=1000', { token });
      expect(names(all.body)).toEqual(['enfield-open', 'enfield-shared']);
      expect(all.body.count).toBe(2);
      expect(all.body.facets.tier.map((f: { value: string }) => f.value)).not.toContain('private');
      expect(all.body.facets.organisation).toEqual([{ value: 'enfield', count: 2 }]);
      const privateOnly = await t.request('GET', '/api/v1/datasets?tier=private', { token });
      expect(privateOnly.body).toMatchObject({ count: 0, results: [] });
      const organisation = await t.request('GET', '/api/v1/organisations/enfield', { token });
      expect(organisation.body.datasetCount).toBe(2);
    }
  });

  it('is visible to every role of the publishing organisation and to the platform administrator', async () => {
    for (const token of [enfieldViewer, enfieldAdmin, t.adminToken]) {
      expect((await t.request('GET', '/api/v1/datasets/enfield-secret', { token })).status).toBe(200);
      const all = await t.request('GET', '/api/v1/datasets', { token });
      expect(all.body.count).toBe(3);
      expect((await t.request('GET', '/api/v1/organisations/enfield', { token })).body.datasetCount).toBe(3);
    }
  });

  it('disappears from every view at once when an open dataset becomes private', async () => {
    const before = await t.request('GET', '/api/v1/datasets/enfield-open');
    expect(before.status).toBe(200);
    const changed = await t.request('PATCH', '/api/v1/datasets/enfield-open', {
      token: enfieldAdmin,
      body: { tier: 'private' },
      headers: { 'if-match': before.headers.get('etag')! },
    });
    expect(changed.status).toBe(200);
    expect((await t.request('GET', '/api/v1/datasets/enfield-open')).status).toBe(404);
    const listing = await t.request('GET', '/api/v1/datasets');
    expect(names(listing.body)).toEqual(['enfield-shared']);
    expect((await t.request('GET', '/api/v1/organisations/enfield')).body.datasetCount).toBe(1);
  });
});

describe('a shared dataset', () => {
  it('has public metadata', async () => {
    const response = await t.request('GET', '/api/v1/datasets/enfield-shared');
    expect(response.status).toBe(200);
    expect(response.body.tier).toBe('shared');
  });
});
