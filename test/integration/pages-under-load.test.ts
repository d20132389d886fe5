import { rowEngineFor } from '../../functions/rows/row-engine';
import type { CatalogueStore } from '../../functions/storage/catalogue-store';
import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * What keeps pages and CKAN search cheap under load, checked through real HTTP: a version's
 * preview and profiles are computed once (the gate and the audit still run on every view), a
 * page of package_search results costs a fixed number of catalogue reads whatever its length
 * and says the same as package_show, and pages answer If-None-Match with 304 under the right
 * Cache-Control.
 */
let t: TestExchange;
let publisher: string;
let partner: string;
const DAY = 86_400_000;

const csv = (rows: number) =>
  ['site,reading,measured', ...Array.from({ length: rows }, (_, i) => `S${i % 4},${(i * 7) % 23}.5,2024-0${1 + (i % 6)}-1${i % 9}`)].join('\n');

beforeAll(async () => {
  t = await startTestExchange();
  publisher = await t.organisationWithToken('load-publisher', 'admin');
  partner = await t.organisationWithToken('load-partner', 'viewer');
  for (const [i, name] of ['load-a', 'load-b', 'load-c', 'load-d', 'load-e', 'load-f'].entries()) {
    const tier = name === 'load-f' ? 'shared' : 'open';
    const created = await t.request('POST', '/api/v1/datasets', {
      token: publisher,
      body: datasetInput(name, { tier, licence: tier === 'open' ? 'OGL-UK-3.0' : 'proprietary', keywords: ['loadword'] }),
    });
    if (created.status !== 201) throw new Error(created.text);
    // Every other dataset has files: two resources, created in an order their names do not sort in.
    if (i % 2 === 0) {
      for (const resource of ['zeta', 'alpha']) {
        await createResource(t, publisher, name, { name: resource, title: `${resource} file` });
        await uploadAndWait(t, publisher, name, resource, csv(20), `${resource}.csv`);
      }
    }
  }
  const grant = await t.request('POST', '/api/v1/datasets/load-f/grants', {
    token: publisher,
    body: {
      organisation: 'load-partner',
      purpose: 'Checking the preview gate',
      lawfulBasis: 'public-task',
      agreementReference: 'DSA-LOAD-1',
      expiresAt: new Date(Date.now() + 30 * DAY).toISOString(),
    },
  });
  if (grant.status !== 201) throw new Error(grant.text);
  await createResource(t, publisher, 'load-f', { name: 'rows', title: 'Rows' });
  await uploadAndWait(t, publisher, 'load-f', 'rows', csv(20), 'rows.csv');
}, 180_000);
afterAll(() => t.stop());

/** The catalogue calls one request makes (method and the key's kind), counted on the real store. */
const catalogueCalls = async (send: () => Promise<unknown>): Promise<string[]> => {
  const store = t.exchange.domain.catalogue;
  await t.exchange.indexIdle();
  const calls: string[] = [];
  const spies = (['get', 'getMany', 'list'] as Array<keyof CatalogueStore>).map((method) => {
    const original = (store[method] as (...args: unknown[]) => Promise<unknown>).bind(store);
    return jest.spyOn(store, method).mockImplementation(((...args: unknown[]) => {
      const [first] = args;
      calls.push(
        `${method} ${typeof first === 'string' ? first.split('#')[0] : Array.isArray(first) ? `${first.length} keys` : (first as { pk: string }).pk.split('#')[0]}`,
      );
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

describe('the search page', () => {
  it("reads the results' files in one batch, not a listing per result, and summarises them as before", async () => {
    const search = () => t.request('GET', '/datasets?q=loadword&sort=name');
    await search();
    let page: Awaited<ReturnType<typeof search>> | undefined;
    const calls = await catalogueCalls(async () => {
      page = await search();
    });
    expect(calls.filter((call) => call.startsWith('list RESOURCES'))).toEqual([]);
    const notes = [...page!.text.matchAll(/<li class="data-note[^"]*">(.*?)<\/li>/g)].map((m) =>
      m[1]
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    // load-a to load-f by name: files on a, c, e (two each) and f (one); none on b and d.
    expect(notes).toEqual(['Data: CSV 2 files', 'No data yet', 'Data: CSV 2 files', 'No data yet', 'Data: CSV 2 files', 'Data: CSV 1 file']);
  });
});

describe('CKAN package_search', () => {
  const search = (rows: number) => t.request('GET', `/api/3/action/package_search?q=loadword&rows=${rows}&sort=name%20asc`);

  it('reads the catalogue the same number of times for 2 results as for 6: no reads per result', async () => {
    await search(6);
    const two = await catalogueCalls(() => search(2));
    const six = await catalogueCalls(() => search(6));
    expect(six.length).toBe(two.length);
    expect(six.filter((call) => call.startsWith('list RESOURCES'))).toEqual([]);
  });

  it('gives each result exactly as package_show does: resources in the same order, datastore_active', async () => {
    const found = await search(6);
    expect(found.body.result.results.map((p: { name: string }) => p.name)).toEqual(['load-a', 'load-b', 'load-c', 'load-d', 'load-e', 'load-f']);
    for (const result of found.body.result.results) {
      const shown = await t.request('GET', `/api/3/action/package_show?id=${result.name}`);
      expect(result).toEqual(shown.body.result);
    }
    const withFiles = found.body.result.results[0];
    expect(
      withFiles.resources.map((r: { ldx_name: string; position: number; datastore_active: boolean }) => [r.ldx_name, r.position, r.datastore_active]),
    ).toEqual([
      ['zeta', 0, true],
      ['alpha', 1, true],
    ]);
  });

  it('reads each organisation once: a later search reads none, and one created since is read', async () => {
    await search(6);
    const getMany = jest.spyOn(t.exchange.domain.catalogue, 'getMany');
    const organisationReads = () => getMany.mock.calls.flatMap(([keys]) => keys).filter((key) => key.sk === 'ORG');
    try {
      expect((await search(6)).body.result.results).toHaveLength(6);
      expect(organisationReads()).toEqual([]);
      const newcomer = await t.organisationWithToken('load-newcomer', 'admin');
      expect(
        (await t.request('POST', '/api/v1/datasets', { token: newcomer, body: datasetInput('load-newcomer-data', { keywords: ['newcomerword'] }) })).status,
      ).toBe(201);
      const found = await t.request('GET', '/api/3/action/package_search?q=newcomerword');
      expect(found.body.result.results.map((p: { organization: { name: string; title: string } }) => p.organization)).toEqual([
        expect.objectContaining({ name: 'load-newcomer', title: 'Test organisation load-newcomer' }),
      ]);
      expect(organisationReads().map((key) => key.pk)).toEqual(['ORG#load-newcomer']);
    } finally {
      getMany.mockRestore();
    }
  });

  it('shows a resource created after the dataset was last indexed', async () => {
    await createResource(t, publisher, 'load-b', { name: 'late', title: 'Late file' });
    const found = await search(6);
    const b = found.body.result.results.find((p: { name: string }) => p.name === 'load-b');
    expect(b.resources.map((r: { ldx_name: string }) => r.ldx_name)).toEqual(['late']);
  });
});

describe('the dataset page preview', () => {
  it("reads a version's file once, while the gate and the audit still run on every view", async () => {
    const objects = t.exchange.domain.objects;
    const reads = jest.spyOn(objects, 'get');
    const writes = jest.spyOn(t.exchange.domain.catalogue, 'create');
    const previewAudits = () =>
      writes.mock.calls.filter(([key, entry]) => key.pk.startsWith('AUDIT#') && (entry as { details?: { via?: string } }).details?.via === 'web preview')
        .length;
    try {
      const first = await t.request('GET', '/datasets/load-f', { token: partner });
      expect(first.text).toContain('id="preview-table"');
      const afterFirst = reads.mock.calls.length;
      const second = await t.request('GET', '/datasets/load-f', { token: partner });
      expect(second.text).toContain('id="preview-table"');
      expect(second.text).toContain('Column profile');
      expect(reads.mock.calls.length).toBe(afterFirst);
      expect(previewAudits()).toBe(2);
    } finally {
      reads.mockRestore();
      writes.mockRestore();
    }
    // The cached preview is never a way round the policy: once the grant is revoked it is gone.
    expect((await t.request('DELETE', '/api/v1/datasets/load-f/grants/load-partner', { token: publisher })).status).toBe(204);
    const revoked = await t.request('GET', '/datasets/load-f', { token: partner });
    expect(revoked.status).toBe(200);
    expect(revoked.text).not.toContain('id="preview-table"');
    const anonymous = await t.request('GET', '/datasets/load-f');
    expect(anonymous.text).not.toContain('id="preview-table"');
  });
});

describe('the dataset page map and versions', () => {
  const viewWithMap = (token?: string) => t.request('GET', '/datasets/load-map', { token });

  beforeAll(async () => {
    const created = await t.request('POST', '/api/v1/datasets', {
      token: publisher,
      body: datasetInput('load-map', { tier: 'shared', licence: 'proprietary' }),
    });
    if (created.status !== 201) throw new Error(created.text);
    await createResource(t, publisher, 'load-map', { name: 'loads', title: 'Loads' });
    await uploadAndWait(t, publisher, 'load-map', 'loads', 'code,load\nE09000007,12\nE09000012,30\nE09000001,4\n', 'loads.csv');
    const grant = await t.request('POST', '/api/v1/datasets/load-map/grants', {
      token: publisher,
      body: {
        organisation: 'load-partner',
        purpose: 'Checking the map gate',
        lawfulBasis: 'public-task',
        agreementReference: 'DSA-LOAD-2',
        expiresAt: new Date(Date.now() + 30 * DAY).toISOString(),
      },
    });
    if (grant.status !== 201) throw new Error(grant.text);
  }, 120_000);

  it("reads a published version's record once, and the dataset and its files once per view", async () => {
    await viewWithMap(partner);
    const gets = jest.spyOn(t.exchange.domain.catalogue, 'get');
    const getMany = jest.spyOn(t.exchange.domain.catalogue, 'getMany');
    try {
      const page = await viewWithMap(partner);
      expect(page.status).toBe(200);
      const versionReads = [...gets.mock.calls.map(([key]) => key), ...getMany.mock.calls.flatMap(([keys]) => keys)].filter((key) => /#V#/.test(key.sk));
      expect(versionReads).toEqual([]);
      // No name claim: a shared dataset's name, read before, is remembered (dataset-names.ts); its map is gated on the records the page read, not new reads.
      expect(gets.mock.calls.filter(([key]) => key.pk.startsWith('DATASET-NAME#'))).toHaveLength(0);
      expect(gets.mock.calls.filter(([key]) => key.sk.startsWith('RESOURCE#'))).toEqual([]);
    } finally {
      gets.mockRestore();
      getMany.mockRestore();
    }
  });

  it('reads the dataset in the same batch as its files, and not its name again: one listing, no read of the dataset alone', async () => {
    await viewWithMap(partner);
    const store = t.exchange.domain.catalogue;
    const gets = jest.spyOn(store, 'get');
    const getMany = jest.spyOn(store, 'getMany');
    const lists = jest.spyOn(store, 'list');
    try {
      expect((await viewWithMap(partner)).status).toBe(200);
      const alone = [...gets.mock.calls.map(([key]) => key), ...getMany.mock.calls.flatMap(([keys]) => keys)].filter(
        (key) => key.sk === 'DATASET' || key.pk.startsWith('DATASET-NAME#'),
      );
      expect(alone).toEqual([]);
      const listings = lists.mock.calls.filter(([list]) => list.startsWith('RESOURCES#'));
      expect(listings).toHaveLength(1);
      expect(listings[0][1].alsoRead?.map((key) => key.sk)).toEqual(['DATASET']);
    } finally {
      gets.mockRestore();
      getMany.mockRestore();
      lists.mockRestore();
    }
  });

  it('hides a dataset made private at once: the next view is a 404 for the partner, as for a name nobody holds', async () => {
    await t.request('POST', '/api/v1/datasets', { token: publisher, body: datasetInput('load-hidden', { keywords: ['hiddenword'] }) });
    expect((await t.request('GET', '/datasets/load-hidden', { token: partner })).status).toBe(200);
    const read = await t.request('GET', '/api/v1/datasets/load-hidden', { token: publisher });
    const patched = await t.request('PATCH', '/api/v1/datasets/load-hidden', {
      token: publisher,
      rawBody: JSON.stringify({ tier: 'private', licence: 'proprietary' }),
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': read.headers.get('etag')! },
    });
    expect(patched.status).toBe(200);
    const hidden = await t.request('GET', '/datasets/load-hidden', { token: partner });
    const unknown = await t.request('GET', '/datasets/load-nobody-holds-this', { token: partner });
    expect(hidden.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(hidden.text.replace(/load-hidden/g, 'X')).toBe(unknown.text.replace(/load-nobody-holds-this/g, 'X'));
  });

  it("samples a version's rows for its map once, while the gate and the audit still run on every view", async () => {
    await viewWithMap(partner);
    const engine = await rowEngineFor(t.exchange.domain);
    const leases = jest.spyOn(engine.versions, 'lease');
    const writes = jest.spyOn(t.exchange.domain.catalogue, 'create');
    const rowAudits = () =>
      writes.mock.calls.filter(
        ([key, entry]) => key.pk.startsWith('AUDIT#') && (entry as { action?: string; details?: { via?: string } }).action === 'data.rows',
      ).length;
    try {
      const page = await viewWithMap(partner);
      expect(page.text).toContain('class="map-area"');
      expect(leases).not.toHaveBeenCalled();
      // The preview's read and the map's read of this shared dataset are both on the record.
      expect(rowAudits()).toBe(2);
    } finally {
      leases.mockRestore();
      writes.mockRestore();
    }
    // What was kept is never a way round the policy: without the grant there is no map.
    expect((await t.request('DELETE', '/api/v1/datasets/load-map/grants/load-partner', { token: publisher })).status).toBe(204);
    const revoked = await viewWithMap(partner);
    expect(revoked.status).toBe(200);
    expect(revoked.text).not.toContain('class="map-area"');
    expect((await viewWithMap()).text).not.toContain('class="map-area"');
    expect((await t.request('GET', '/api/v1/datasets/load-map/resources/loads/map.svg', { token: partner })).status).toBe(404);
  });
});

describe('the page shell', () => {
  it('adds no character above U+00FF to a page of plain text (one would make the whole page a two-byte string to encode), yet titles it with a dash', async () => {
    const page = await t.request('GET', '/datasets/load-a');
    expect(page.status).toBe(200);
    expect([...page.text].filter((char) => char.charCodeAt(0) > 0xff)).toEqual([]);
    expect(page.text).toContain('<title>Dataset load-a &#8211; London Data Exchange</title>');
  });

  it('still escapes what the title is made from', async () => {
    await t.request('POST', '/api/v1/datasets', { token: publisher, body: datasetInput('load-markup', { title: '<b>Rates & "levels"</b>' }) });
    const page = await t.request('GET', '/datasets/load-markup');
    expect(page.text).toContain('<title>&lt;b&gt;Rates &amp; &quot;levels&quot;&lt;/b&gt; &#8211; London Data Exchange</title>');
  });
});

describe('conditional GETs and Cache-Control on pages', () => {
  const get = (path: string, headers: Record<string, string> = {}, token?: string) =>
    fetch(`${t.url}${path}`, { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) }, redirect: 'manual' });

  it('an anonymous page is public for a minute, with a weak ETag that If-None-Match turns into a 304', async () => {
    const page = await get('/datasets/load-a');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('public, max-age=60');
    expect(
      page.headers
        .get('vary')
        ?.split(/\s*,\s*/)
        .sort(),
    ).toEqual(['Authorization', 'Cookie']);
    expect((await get('/api/v1/datasets/load-a')).headers.get('vary')?.split(/\s*,\s*/)).toEqual(expect.arrayContaining(['Authorization', 'Cookie']));
    const tag = page.headers.get('etag');
    expect(tag).toMatch(/^W\/"[0-9a-f]+"$/);
    const again = await get('/datasets/load-a', { 'if-none-match': tag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(tag);
    expect(again.headers.get('cache-control')).toBe('public, max-age=60');
    const other = await get('/datasets/load-a', { 'if-none-match': 'W/"0000"' });
    expect(other.status).toBe(200);
  });

  it('a page asked with a credential is private and never stored, and its ETag is its own', async () => {
    const anonymous = await get('/datasets/load-a');
    const signedIn = await get('/datasets/load-a', {}, publisher);
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('cache-control')).toBe('private, no-store');
    expect(signedIn.headers.get('etag')).toMatch(/^W\//);
    // A shared dataset's page differs by who asks, and so does its tag.
    const anonymousShared = await get('/datasets/load-f');
    const publisherShared = await get('/datasets/load-f', {}, publisher);
    expect(publisherShared.headers.get('etag')).not.toBe(anonymousShared.headers.get('etag'));
    expect((await get('/datasets/load-f', { 'if-none-match': anonymousShared.headers.get('etag')! }, publisher)).status).toBe(200);
    expect(anonymous.headers.get('cache-control')).toBe('public, max-age=60');
    const withCookie = await get('/datasets/load-a', { cookie: 'ldx_session=not-a-session' });
    expect(withCookie.headers.get('cache-control')).toBe('private, no-store');
  });

  it('the DCAT feeds carry an ETag and answer If-None-Match with 304', async () => {
    for (const path of ['/catalog/data.json', '/catalog.jsonld', '/dataset/load-a.jsonld']) {
      const feed = await get(path);
      expect(feed.status).toBe(200);
      expect(feed.headers.get('cache-control')).toBe('public, max-age=60');
      const tag = feed.headers.get('etag');
      expect(tag).toMatch(/^W\//);
      const again = await get(path, { 'if-none-match': tag! });
      expect({ path, status: again.status }).toEqual({ path, status: 304 });
    }
  });

  it('API and CKAN reads are public when anonymous and private with a token', async () => {
    for (const path of ['/api/3/action/package_search?q=loadword', '/api/v1/datasets?q=loadword', '/api/v1/datasets/load-a']) {
      const anonymous = await get(path);
      expect({ path, cacheControl: anonymous.headers.get('cache-control') }).toEqual({ path, cacheControl: 'public, max-age=60' });
      const signedIn = await get(path, {}, publisher);
      expect({ path, cacheControl: signedIn.headers.get('cache-control') }).toEqual({ path, cacheControl: 'private, no-store' });
    }
  });

  it('errors and download redirects are never stored', async () => {
    const missing = await get('/datasets/load-nothing');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toMatch(/no-store/);
    for (const path of ['/datasets/load-a/resources/alpha/download?format=csv', '/api/v1/datasets/load-a/resources/alpha/download?format=csv']) {
      const download = await get(path);
      expect(download.status).toBe(302);
      expect(download.headers.get('cache-control')).toBe('no-store');
    }
    expect((await get('/api/v1/datasets/load-nothing')).headers.get('cache-control')).toMatch(/no-store/);
  });

  it('a health check is never answered from a cache', async () => {
    expect((await get('/api/v1/health')).headers.get('cache-control')).toBe('no-store');
  });
});
