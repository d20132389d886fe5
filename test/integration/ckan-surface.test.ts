import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * The rest of CKAN's surface that clients use: groups (the themes), licences,
 * current_package_list_with_resources, Solr's boolean q, both action prefixes, and ckanapi's
 * dump commands replayed as ckanapi sends them (ckanapi cannot be installed here: its requests
 * are recorded from its source, ckanapi/cli/dump.py and ckanapi/remoteckan.py).
 */
let t: TestExchange;
let camden: string;
let hackney: string;

const get = (path: string, token?: string) => t.request('GET', path, { token });
const names = (result: { results: Array<{ name: string }> }) => result.results.map((p) => p.name).sort();
const search = async (q: string, extra = '', token?: string): Promise<string[]> => {
  const answer = await get(`/api/3/action/package_search?rows=100&q=${encodeURIComponent(q)}${extra}`, token);
  if (answer.status !== 200) throw new Error(`${q}: ${answer.status} ${answer.text}`);
  return names(answer.body.result);
};

beforeAll(async () => {
  t = await startTestExchange();
  camden = await t.organisationWithToken('camden', 'admin');
  hackney = await t.organisationWithToken('hackney', 'admin');
  const create = (token: string, name: string, fields: Record<string, unknown>) =>
    t.request('POST', '/api/v1/datasets', { token, body: datasetInput(name, fields) });
  await create(camden, 'cycle-hire', { title: 'Cycle hire docking stations', keywords: ['transport'], themes: ['transport'] });
  await create(camden, 'borough-population', {
    title: 'Borough population estimates',
    keywords: ['population'],
    themes: ['demographics'],
    description: 'Mid-year estimates.',
  });
  await create(hackney, 'borough-cycle-lanes', { title: 'Borough cycle lanes', keywords: ['transport', 'cycling'], themes: ['transport'] });
  await create(hackney, 'air-quality', {
    title: 'Air quality monitoring',
    keywords: ['air'],
    themes: ['environment'],
    description: 'Readings at every borough roadside site.',
  });
  await create(camden, 'cycle-secret-plans', { title: 'Cycle secret plans', tier: 'private', licence: 'proprietary', themes: ['transport'] });
  await createResource(t, camden, 'cycle-hire', { name: 'stations' });
  await uploadAndWait(t, camden, 'cycle-hire', 'stations', 'station,docks\nEuston,20\n', 'stations.csv');
}, 120_000);
afterAll(() => t.stop());

describe('q as Solr answers it (q.op=AND, df=text)', () => {
  it.each([
    ['cycle OR population', ['borough-cycle-lanes', 'borough-population', 'cycle-hire']],
    ['cycle || population', ['borough-cycle-lanes', 'borough-population', 'cycle-hire']],
    ['cycle population', []],
    ['cycle AND borough', ['borough-cycle-lanes']],
    ['borough NOT cycle', ['air-quality', 'borough-population']],
    ['borough -cycle', ['air-quality', 'borough-population']],
    ['borough !cycle', ['air-quality', 'borough-population']],
    ['-cycle', ['air-quality', 'borough-population']],
    ['NOT tags:transport', ['air-quality', 'borough-population']],
    ['(cycle OR air) AND tags:transport', ['borough-cycle-lanes', 'cycle-hire']],
    ['(cycle AND hire) OR (air AND quality)', ['air-quality', 'cycle-hire']],
    ['title:borough', ['borough-cycle-lanes', 'borough-population']],
    ['title:(population OR hire)', ['borough-population', 'cycle-hire']],
    ['title:"cycle lanes"', ['borough-cycle-lanes']],
    ['title:"lanes cycle"', []],
    ['"docking stations"', ['cycle-hire']],
    ['tags:transport', ['borough-cycle-lanes', 'cycle-hire']],
    ['tags:transport AND organization:hackney', ['borough-cycle-lanes']],
    ['groups:transport OR groups:environment', ['air-quality', 'borough-cycle-lanes', 'cycle-hire']],
    ['*:* -organization:camden', ['air-quality', 'borough-cycle-lanes']],
  ])('%s', async (q, expected) => {
    expect(await search(q)).toEqual(expected);
  });

  it('a clause next to an OR is optional, as in the Lucene parser (no precedence)', async () => {
    // Lucene reads "cycle AND borough OR air" as +cycle borough air: cycle is required, the other two optional.
    expect(await search('cycle AND borough OR air')).toEqual(['borough-cycle-lanes', 'cycle-hire']);
  });

  it('title: keeps to the title, where plain words search everything', async () => {
    expect(await search('borough')).toContain('air-quality'); // "borough" is in its description
    expect(await search('title:borough')).not.toContain('air-quality');
  });

  it('counts and facets follow the boolean query and never reach what the caller may not see', async () => {
    const anonymous = (await get(`/api/3/action/package_search?q=${encodeURIComponent('cycle OR secret')}&facet.field=["groups"]`)).body.result;
    expect(anonymous.count).toBe(2);
    expect(anonymous.facets.groups).toEqual({ transport: 2 });
    expect(await search('NOT air', '&include_private=true')).not.toContain('cycle-secret-plans');
    expect(await search('cycle OR secret', '&include_private=true', camden)).toEqual(['borough-cycle-lanes', 'cycle-hire', 'cycle-secret-plans']);
  });

  it('ranks by relevance across OR branches', async () => {
    const ranked = (await get(`/api/3/action/package_search?q=${encodeURIComponent('"cycle hire" OR lanes')}`)).body.result.results.map(
      (p: { name: string }) => p.name,
    );
    expect(ranked[0]).toBe('cycle-hire');
  });

  it.each(['(cycle OR air', 'cycle)', 'cycle OR', 'AND cycle', 'title:"unterminated', 'tags:tra*', 'title:[a TO b]', `${'('.repeat(20)}a${')'.repeat(20)}`])(
    '%s is a Search Query Error, never a different result',
    async (q) => {
      const answer = await get(`/api/3/action/package_search?q=${encodeURIComponent(q)}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error.__type).toBe('Search Query Error');
    },
  );
});

describe('groups: the themes packages list', () => {
  it('group_list names every theme; all_fields counts what the caller may see', async () => {
    const listed = (await get('/api/3/action/group_list')).body.result;
    expect(listed).toEqual(expect.arrayContaining(['transport', 'environment', 'demographics']));
    const withFields = (await get('/api/3/action/group_list?all_fields=true&sort=package_count%20desc')).body.result;
    expect(withFields[0]).toMatchObject({ name: 'transport', title: 'Transport', package_count: 2, type: 'group', is_organization: false });
    const asPublisher = (await get('/api/3/action/group_list?all_fields=true&groups=transport', camden)).body.result;
    expect(asPublisher).toEqual([expect.objectContaining({ name: 'transport', package_count: 3 })]);
  });

  it('group_show shows a theme, its datasets on request, and 404s an unknown one', async () => {
    const shown = (await get('/api/3/action/group_show?id=transport&include_datasets=true')).body.result;
    expect(shown).toMatchObject({ name: 'transport', package_count: 2 });
    expect(names({ results: shown.packages })).toEqual(['borough-cycle-lanes', 'cycle-hire']);
    const unknown = await get('/api/3/action/group_show?id=no-such-theme');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.__type).toBe('Not Found Error');
  });

  it("a package's groups are the same groups", async () => {
    const pkg = (await get('/api/3/action/package_show?id=cycle-hire')).body.result;
    const group = (await get('/api/3/action/group_show?id=transport')).body.result;
    expect(pkg.groups).toEqual([
      { id: group.id, name: group.name, title: group.title, display_name: group.display_name, description: '', image_display_url: '' },
    ]);
  });
});

it.each(['group_list', 'group_show', 'license_list', 'current_package_list_with_resources'])('help_show describes %s', async (name) => {
  const help = await get(`/api/3/action/help_show?name=${name}`);
  expect(help.status).toBe(200);
  expect(help.body.result).toMatch(/\w/);
});

describe('license_list and current_package_list_with_resources', () => {
  it('license_list holds every licence a dataset may carry', async () => {
    const licences = (await get('/api/3/action/license_list')).body.result;
    expect(licences.map((l: { id: string }) => l.id).sort()).toEqual([
      'CC-BY-4.0',
      'CC-BY-SA-4.0',
      'CC0-1.0',
      'ODbL-1.0',
      'OGL-UK-2.0',
      'OGL-UK-3.0',
      'proprietary',
    ]);
    expect(licences.find((l: { id: string }) => l.id === 'OGL-UK-3.0')).toMatchObject({ title: 'Open Government Licence v3.0', od_conformance: 'approved' });
  });

  it('lists public packages with their resources, newest first, paged', async () => {
    const all = (await get('/api/3/action/current_package_list_with_resources', camden)).body.result;
    expect(all.map((p: { name: string }) => p.name)).toEqual(['cycle-hire', 'air-quality', 'borough-cycle-lanes', 'borough-population']);
    expect(all[0].resources[0]).toMatchObject({ ldx_name: 'stations', format: 'CSV' });
    const second = (await get('/api/3/action/current_package_list_with_resources?limit=2&offset=2')).body.result;
    expect(second.map((p: { name: string }) => p.name)).toEqual(['borough-cycle-lanes', 'borough-population']);
    const page = (await get('/api/3/action/current_package_list_with_resources?limit=2&page=2')).body.result;
    expect(page).toEqual(second);
  });
});

/** CKAN's answer envelope; the result's shape depends on the action, as ckanapi leaves it to the caller. */
type CkanEnvelope = { success: boolean; result: any; error?: unknown };

/** ckanapi's RemoteCKAN.call_action: POST {url}/api/action/{name}, the data dict as JSON, its User-Agent, the key in Authorization and X-CKAN-API-Key. */
const ckanapiCall = async (action: string, data: Record<string, unknown>, apikey?: string) => {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': 'ckanapi/4.8 (+https://github.com/ckan/ckanapi)' };
  if (apikey) Object.assign(headers, { 'X-CKAN-API-Key': apikey, Authorization: apikey });
  const response = await fetch(`${t.url}/api/action/${action}`, { method: 'POST', headers, body: JSON.stringify(data), redirect: 'manual' });
  const body = (await response.json()) as CkanEnvelope;
  // reverse_apicontroller_action: success gives the result; anything else raises.
  if (!body.success) throw new Error(`${action}: ${response.status} ${JSON.stringify(body.error)}`);
  return body.result;
};

/** ckanapi with --get-request: GET with the data dict as query parameters (Python's requests writes False as "False"). */
const ckanapiGet = async (action: string, data: Record<string, string>) => {
  const response = await fetch(`${t.url}/api/action/${action}?${new URLSearchParams(data)}`);
  const body = (await response.json()) as CkanEnvelope;
  if (!body.success) throw new Error(`${action}: ${response.status} ${JSON.stringify(body.error)}`);
  return body.result;
};

describe('ckanapi dump … --all, replayed', () => {
  it.each([
    ['datasets', 'package_list', 'package_show'],
    ['groups', 'group_list', 'group_show'],
    ['organizations', 'organization_list', 'organization_show'],
  ])('dump %s --all: %s, then %s of each with include_datasets false', async (_thing, list, show) => {
    const listed: string[] = await ckanapiCall(list, {});
    expect(listed.length).toBeGreaterThan(1);
    for (const name of listed) {
      const record = await ckanapiCall(show, { id: name, include_datasets: false });
      expect(record.name).toBe(name);
      expect(record.packages).toBeUndefined();
    }
    // The same with --get-request, and on CKAN's versioned prefix.
    const viaGet: string[] = await ckanapiGet(list, {});
    expect(viaGet).toEqual(listed);
    expect((await ckanapiGet(show, { id: listed[0], include_datasets: 'False' })).name).toBe(listed[0]);
    expect((await get(`/api/3/action/${list}`)).body.result).toEqual(listed);
  });

  it('dump datasets --all with an API key reads what the key may see', async () => {
    const listed: string[] = await ckanapiCall('package_list', {}, camden);
    expect(listed).not.toContain('cycle-secret-plans'); // package_list is public datasets only, as in CKAN
    expect((await ckanapiCall('package_show', { id: 'cycle-secret-plans', include_datasets: false }, camden)).private).toBe(true);
  });
});
