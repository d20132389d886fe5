import { createResource } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/** The CKAN Action API as CKAN clients use it: ckanapi (POST JSON to /api/action), ckanr and plain GETs, harvesters. */
let t: TestExchange;
let camden: string;
let barnet: string;
let privateResourceId: string;

const get = (path: string, token?: string) => t.request('GET', path, { token });
const names = (result: { results: Array<{ name: string }> }) => result.results.map((p) => p.name);

beforeAll(async () => {
  t = await startTestExchange();
  camden = await t.organisationWithToken('camden', 'admin');
  barnet = await t.organisationWithToken('barnet', 'admin');
  const create = (token: string, name: string, fields: Record<string, unknown>) =>
    t.request('POST', '/api/v1/datasets', { token, body: datasetInput(name, fields) });
  for (let n = 1; n <= 12; n++)
    await create(camden, `camden-air-${String(n).padStart(2, '0')}`, { title: `Air monitoring site ${n}`, keywords: n % 2 ? ['air'] : ['air', 'noise'] });
  await create(camden, 'camden-trees', { title: 'Trees', keywords: ['trees'], licence: 'CC-BY-4.0' });
  await create(barnet, 'barnet-air', { title: 'Barnet air', keywords: ['air'] });
  await create(camden, 'camden-secret-air', { title: 'Secret air', tier: 'private', licence: 'proprietary', keywords: ['air', 'secrettag'] });
  privateResourceId = (await createResource(t, camden, 'camden-secret-air', { name: 'rows' })).body.id;
}, 60_000);
afterAll(() => t.stop());

describe('package_search', () => {
  it('pages with rows and start (rows defaults to 10)', async () => {
    const first = (await get('/api/3/action/package_search?q=air&sort=name%20asc')).body.result;
    expect(first.count).toBe(13);
    expect(first.results).toHaveLength(10);
    const page = (await get('/api/3/action/package_search?q=air&rows=5&start=5&sort=name%20asc')).body.result;
    expect(names(page)).toEqual(names(first).slice(5, 10));
    const beyond = (await get('/api/3/action/package_search?q=air&rows=5&start=50')).body.result;
    expect(beyond).toMatchObject({ count: 13, results: [] });
  });

  it('caps rows at 1000 like CKAN, and refuses negative numbers', async () => {
    expect((await get('/api/3/action/package_search?rows=5000')).status).toBe(200);
    const negative = await get('/api/3/action/package_search?start=-1');
    expect(negative.status).toBe(409);
    expect(negative.body.error).toEqual({ __type: 'Validation Error', start: ['Must be a natural number'] });
  });

  it('filters with fq on organization and tags (a + in the URL is a space)', async () => {
    const result = (await get('/api/3/action/package_search?fq=organization:camden+tags:noise&rows=100')).body.result;
    expect(result.count).toBe(6);
    expect(names(result).every((name: string) => name.startsWith('camden-air-'))).toBe(true);
    const quoted = (await get(`/api/3/action/package_search?fq=${encodeURIComponent('+organization:"barnet" res_format:CSV')}`)).body.result;
    expect(quoted.count).toBe(0);
    expect((await get('/api/3/action/package_search?fq=license_id:CC-BY-4.0')).body.result.results.map((p: { name: string }) => p.name)).toEqual([
      'camden-trees',
    ]);
    expect((await get('/api/3/action/package_search?fq=-tags:air')).body.result.count).toBe(1);
    expect((await get('/api/3/action/package_search?q=tags:trees')).body.result.count).toBe(1);
  });

  it('answers the harvester’s query: modified since, sorted by id', async () => {
    const since = new Date(t.clock.now().getTime() - 3_600_000).toISOString().replace('Z', '');
    const response = await get(`/api/3/action/package_search?fq=${encodeURIComponent(`metadata_modified:[${since}Z TO *]`)}&sort=id%20asc&rows=100`);
    const ids = response.body.result.results.map((p: { id: string }) => p.id);
    expect(response.body.result.count).toBe(14);
    expect(ids).toEqual([...ids].sort());
    expect((await get(`/api/3/action/package_search?fq=${encodeURIComponent('metadata_modified:[2099-01-01T00:00:00Z TO *]')}`)).body.result.count).toBe(0);
  });

  it('facets with facet.field and facet.limit', async () => {
    const result = (await get('/api/3/action/package_search?facet.field=%5B%22tags%22%5D&facet.limit=2&rows=0')).body.result;
    expect(result.results).toEqual([]);
    expect(result.search_facets.tags.items).toEqual([
      { name: 'air', display_name: 'air', count: 13 },
      { name: 'noise', display_name: 'noise', count: 6 },
    ]);
    expect((await get('/api/3/action/package_search?facet.field=notjson[')).status).toBe(409);
  });

  it('shows private datasets only with include_private=true, and only to their publisher', async () => {
    expect((await get('/api/3/action/package_search?q=secret', camden)).body.result.count).toBe(0);
    const mine = (await get('/api/3/action/package_search?q=secret&include_private=true', camden)).body.result;
    expect(names(mine)).toEqual(['camden-secret-air']);
    expect(mine.results[0].private).toBe(true);
    for (const token of [undefined, barnet]) {
      const response = await get('/api/3/action/package_search?q=air&include_private=true&facet.field=["tags"]&rows=1000', token);
      expect(names(response.body.result)).not.toContain('camden-secret-air');
      expect(response.body.result.count).toBe(13);
      expect(response.body.result.facets.tags).not.toHaveProperty('secrettag');
    }
  });

  it('answers unreadable queries with a Search Query Error', async () => {
    const response = await get(`/api/3/action/package_search?fq=${encodeURIComponent('tags:(air OR noise)')}`);
    expect(response.status).toBe(400);
    expect(response.body.error.__type).toBe('Search Query Error');
    expect((await get('/api/3/action/package_search?sort=popularity%20desc')).body.error.__type).toBe('Search Query Error');
  });
});

describe('as CKAN clients call it', () => {
  it('takes POSTed JSON at /api/action with the token bare in Authorization (ckanapi)', async () => {
    const response = await t.request('POST', '/api/action/package_search', {
      body: { q: 'secret', include_private: true, rows: 5 },
      headers: { authorization: camden },
    });
    expect(response.status).toBe(200);
    expect(names(response.body.result)).toEqual(['camden-secret-air']);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const viaHeader = await t.request('POST', '/api/3/action/package_show', { body: { id: 'camden-secret-air' }, headers: { 'x-ckan-api-key': camden } });
    expect(viaHeader.body.result.name).toBe('camden-secret-air');
  });

  it('takes form-encoded bodies and refuses broken JSON with 400', async () => {
    const form = await t.request('POST', '/api/3/action/package_show', {
      rawBody: 'id=camden-trees',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.body.result.name).toBe('camden-trees');
    const broken = await t.request('POST', '/api/3/action/package_show', { rawBody: '{"id": ', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ success: false, error: { __type: 'Bad Request' } });
    expect(broken.body.error.message).toMatch(/^Bad request - JSON Error: /);
  });

  it('offers help_show for every action it names in `help`', async () => {
    for (const name of [
      'package_search',
      'package_show',
      'package_list',
      'organization_list',
      'organization_show',
      'resource_show',
      'tag_list',
      'status_show',
    ]) {
      const help = await get(`/api/3/action/help_show?name=${name}`);
      expect({ name, success: help.body.success, type: typeof help.body.result }).toEqual({ name, success: true, type: 'string' });
    }
  });
});

describe('the tier policy in every action', () => {
  it('hides a private dataset from package_show and resource_show exactly like one that does not exist', async () => {
    for (const token of [undefined, barnet]) {
      const hidden = await get('/api/3/action/package_show?id=camden-secret-air', token);
      const missing = await get('/api/3/action/package_show?id=never-existed', token);
      expect(hidden.status).toBe(404);
      expect(hidden.text).toBe(missing.text);
      const hiddenResource = await get(`/api/3/action/resource_show?id=${privateResourceId}`, token);
      const missingResource = await get('/api/3/action/resource_show?id=00000000-0000-4000-8000-000000000000', token);
      expect(hiddenResource.status).toBe(404);
      expect(hiddenResource.body.error).toEqual(missingResource.body.error);
    }
    expect((await get(`/api/3/action/resource_show?id=${privateResourceId}`, camden)).status).toBe(200);
  });

  it('counts only what the caller may see in organization_list, organization_show and tag_list', async () => {
    const anonymous = (await get('/api/3/action/organization_list?all_fields=true')).body.result;
    expect(anonymous.map((o: { name: string; package_count: number }) => [o.name, o.package_count])).toEqual([
      ['barnet', 1],
      ['camden', 13],
    ]);
    expect((await get('/api/3/action/organization_show?id=camden', camden)).body.result.package_count).toBe(14);
    const shown = (await get('/api/3/action/organization_show?id=camden&include_datasets=true', barnet)).body.result;
    expect(shown.packages.map((p: { name: string }) => p.name)).not.toContain('camden-secret-air');
    expect((await get('/api/3/action/tag_list')).body.result).toEqual(['air', 'noise', 'trees']);
    expect((await get('/api/3/action/tag_list?query=se')).body.result).toEqual(['noise']);
    expect((await get('/api/3/action/tag_list', camden)).body.result).toContain('secrettag');
  });

  it('lists only public datasets in package_list, with limit and offset', async () => {
    const all = (await get('/api/3/action/package_list', camden)).body.result;
    expect(all).toHaveLength(14);
    expect(all).not.toContain('camden-secret-air');
    expect((await get('/api/3/action/package_list?limit=2&offset=1')).body.result).toEqual(all.slice(1, 3));
  });

  it('forgets a dataset at once when it becomes private', async () => {
    const before = await get('/api/3/action/package_show?id=camden-trees');
    expect(before.status).toBe(200);
    await t.request('PATCH', '/api/v1/datasets/camden-trees', { token: camden, body: { tier: 'private' }, headers: { 'if-match': '*' } });
    expect((await get('/api/3/action/package_show?id=camden-trees')).status).toBe(404);
    expect((await get('/api/3/action/package_list')).body.result).not.toContain('camden-trees');
    expect((await get('/api/3/action/tag_list')).body.result).not.toContain('trees');
    expect((await get('/api/3/action/package_search?q=trees')).body.result.count).toBe(0);
  });
});
