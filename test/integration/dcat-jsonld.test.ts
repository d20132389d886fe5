import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * DCAT-AP JSON-LD: /catalog.jsonld with Hydra paging and /dataset/{name}.jsonld. There is no
 * JSON-LD processor among the dependencies, so the documents are checked structurally: every
 * property and type is a compact IRI whose prefix the @context defines, every @id is absolute,
 * typed literals carry valid xsd dates; then the DCAT content and the paging links.
 */
let t: TestExchange;
let publisher: string;
let stranger: string;

const EU = 'http://publications.europa.eu/resource/authority';
type Node = Record<string, any>;

beforeAll(async () => {
  t = await startTestExchange();
  publisher = await t.organisationWithToken('tfl', 'admin');
  stranger = await t.organisationWithToken('sutton', 'viewer');
  const create = (name: string, overrides: Record<string, unknown> = {}) =>
    t.request('POST', '/api/v1/datasets', { token: publisher, body: datasetInput(name, overrides) });
  await create('cycle-hire', {
    keywords: ['cycling'],
    themes: ['transport', 'environment'],
    updateFrequency: 'monthly',
    temporalCoverage: { start: '2023-01-01', end: '2023-12-31' },
    spatialCoverage: { gssCodes: ['E12000007'], description: 'Greater London' },
    contactPoint: { name: 'TfL Open Data', email: 'opendata@tfl.gov.uk' },
  });
  await createResource(t, publisher, 'cycle-hire', { name: 'hires', title: 'Daily hires' });
  await uploadAndWait(t, publisher, 'cycle-hire', 'hires', 'day,hires\n2023-01-01,20000\n', 'hires.csv');
  await create('depot-loads', { tier: 'shared', licence: 'proprietary' });
  await createResource(t, publisher, 'depot-loads', { name: 'loads' });
  await uploadAndWait(t, publisher, 'depot-loads', 'loads', 'depot,load\nD1,5\n', 'loads.csv');
  await create('internal-draft', { tier: 'private' });
  for (const n of [1, 2, 3, 4]) await create(`bus-route-${n}`);
}, 120_000);
afterAll(() => t.stop());

const get = async (path: string, token?: string) => {
  const response = await t.request('GET', path, { token });
  expect({ path, status: response.status }).toEqual({ path, status: 200 });
  expect(response.headers.get('content-type')).toMatch(/^application\/ld\+json/);
  return response.body as Node;
};

/** Walks a JSON-LD document and returns what breaks the structural rules. */
const jsonLdProblems = (document: Node): string[] => {
  const prefixes = new Set(Object.keys(document['@context']));
  const problems: string[] = [];
  const compact = (iri: string, where: string) => {
    const prefix = /^([a-z]+):[A-Za-z]/.exec(iri)?.[1];
    if (!prefix || !prefixes.has(prefix)) problems.push(`${where}: ${iri} has no known prefix`);
  };
  const visit = (value: unknown, where: string): void => {
    if (Array.isArray(value)) return value.forEach((item, i) => visit(item, `${where}[${i}]`));
    if (typeof value !== 'object' || value === null) return;
    for (const [key, inner] of Object.entries(value as Node)) {
      if (key === '@context') continue;
      if (key === '@id' && !/^(https?:\/\/[^\s]+|mailto:[^\s@]+@[^\s]+)$/.test(inner)) problems.push(`${where}: @id ${inner} is not absolute`);
      if (key === '@type') [inner].flat().forEach((type: string) => compact(type, where));
      if (key === '@value') {
        const type = (value as Node)['@type'];
        const pattern = type === 'xsd:date' ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
        if (!pattern.test(inner)) problems.push(`${where}: ${inner} is not a valid ${type}`);
      }
      if (!key.startsWith('@')) compact(key, where);
      visit(inner, `${where}.${key}`);
    }
  };
  visit(document, '$');
  return problems;
};

const datasetIds = (catalog: Node): string[] => catalog['dcat:dataset'].map((d: Node) => d['@id'].split('/').pop());

describe('/catalog.jsonld', () => {
  it('is checked by a structural test that can fail', () => {
    const broken = {
      '@context': { dct: 'http://purl.org/dc/terms/' },
      '@id': 'relative/id',
      '@type': 'dcat:Catalog',
      'dct:issued': { '@value': '2024-13', '@type': 'xsd:date' },
    };
    expect(jsonLdProblems(broken)).toHaveLength(4);
  });

  it('is a dcat:Catalog whose every term and IRI is well formed', async () => {
    const catalog = await get('/catalog.jsonld');
    expect(jsonLdProblems(catalog)).toEqual([]);
    expect(catalog['@context']).toMatchObject({
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      hydra: 'http://www.w3.org/ns/hydra/core#',
    });
    expect(catalog).toMatchObject({
      '@id': `${t.url}/catalog.jsonld`,
      '@type': ['dcat:Catalog', 'hydra:Collection'],
      'dct:title': 'London Data Exchange',
      'hydra:totalItems': 6,
    });
    expect(datasetIds(catalog).sort()).toEqual(['bus-route-1', 'bus-route-2', 'bus-route-3', 'bus-route-4', 'cycle-hire', 'depot-loads']);
  });

  it('describes a dataset with DCAT-AP terms and EU vocabularies', async () => {
    const catalog = await get('/catalog.jsonld');
    const cycle = catalog['dcat:dataset'].find((d: Node) => d['@id'] === `${t.url}/api/v1/datasets/cycle-hire`);
    expect(cycle).toMatchObject({
      '@type': 'dcat:Dataset',
      'dct:publisher': { '@id': `${t.url}/api/v1/organisations/tfl`, 'foaf:name': 'Test organisation tfl' },
      'dcat:contactPoint': { 'vcard:fn': 'TfL Open Data', 'vcard:hasEmail': { '@id': 'mailto:opendata@tfl.gov.uk' } },
      'dcat:keyword': ['cycling'],
      'dcat:theme': [{ '@id': `${EU}/data-theme/TRAN` }, { '@id': `${EU}/data-theme/ENVI` }],
      'dct:accessRights': { '@id': `${EU}/access-right/PUBLIC` },
      'dct:accrualPeriodicity': { '@id': `${EU}/frequency/MONTHLY` },
      'dct:spatial': [
        { '@id': 'http://statistics.data.gov.uk/id/statistical-geography/E12000007' },
        { '@type': 'dct:Location', 'skos:prefLabel': 'Greater London' },
      ],
      'dct:temporal': {
        '@type': 'dct:PeriodOfTime',
        'dcat:startDate': { '@value': '2023-01-01', '@type': 'xsd:date' },
        'dcat:endDate': { '@value': '2023-12-31', '@type': 'xsd:date' },
      },
      'dcat:landingPage': { '@id': `${t.url}/datasets/cycle-hire` },
    });
    const csv = cycle['dcat:distribution'].find((d: Node) => d['dct:format']['@id'] === `${EU}/file-type/CSV`);
    expect(csv).toMatchObject({
      'dcat:downloadURL': { '@id': `${t.url}/api/v1/datasets/cycle-hire/resources/hires/download?format=csv` },
      'dcat:mediaType': { '@id': 'https://www.iana.org/assignments/media-types/text/csv' },
      'dct:license': { '@id': 'http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' },
    });
  });

  it('offers shared data only through its page to callers without a grant', async () => {
    for (const token of [undefined, stranger]) {
      const shared = (await get('/catalog.jsonld', token))['dcat:dataset'].find((d: Node) => d['@id'].endsWith('/depot-loads'));
      expect(shared['dct:accessRights']).toEqual({ '@id': `${EU}/access-right/RESTRICTED` });
      expect(shared['dcat:distribution']).toEqual([expect.objectContaining({ 'dcat:accessURL': { '@id': `${t.url}/datasets/depot-loads` } })]);
      expect(JSON.stringify(shared)).not.toContain('downloadURL');
    }
    const own = (await get('/catalog.jsonld', publisher))['dcat:dataset'].find((d: Node) => d['@id'].endsWith('/depot-loads'));
    expect(own['dcat:distribution'][0]['dcat:downloadURL']['@id']).toContain('/depot-loads/resources/loads/download?format=');
  });

  it('pages with a Hydra PartialCollectionView: first, previous, next and last', async () => {
    const first = await get('/catalog.jsonld?limit=2', publisher);
    expect(first['hydra:totalItems']).toBe(7);
    expect(first['hydra:view']).toMatchObject({
      '@type': 'hydra:PartialCollectionView',
      '@id': `${t.url}/catalog.jsonld?page=1&limit=2`,
      'hydra:first': { '@id': `${t.url}/catalog.jsonld?page=1&limit=2` },
      'hydra:last': { '@id': `${t.url}/catalog.jsonld?page=4&limit=2` },
    });
    expect(first['hydra:view']).not.toHaveProperty('hydra:previous');
    const seen: string[] = [];
    let page: Node | undefined = first;
    let pages = 0;
    while (page) {
      pages++;
      expect(jsonLdProblems(page)).toEqual([]);
      seen.push(...datasetIds(page));
      const next: string | undefined = page['hydra:view']['hydra:next']?.['@id'];
      if (pages === 2) expect(page['hydra:view']['hydra:previous']).toEqual({ '@id': `${t.url}/catalog.jsonld?page=1&limit=2` });
      page = next ? await get(next.slice(t.url.length), publisher) : undefined;
    }
    expect(pages).toBe(4);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const byNumber = await get('/catalog.jsonld?limit=2&page=3', publisher);
    expect(datasetIds(byNumber)).toEqual(seen.slice(4, 6));
    expect(byNumber['hydra:view']['hydra:next']['@id']).toContain('page=4&limit=2&cursor=');
  });

  it('counts only what the caller may see', async () => {
    expect((await get('/catalog.jsonld', stranger))['hydra:totalItems']).toBe(6);
    expect(datasetIds(await get('/catalog.jsonld?limit=1000', publisher))).toContain('internal-draft');
  });
});

describe('/dataset/{name}.jsonld', () => {
  it('is one dcat:Dataset with its own @context, by name or by id', async () => {
    const byName = await get('/dataset/cycle-hire.jsonld');
    expect(jsonLdProblems(byName)).toEqual([]);
    expect(byName).toMatchObject({ '@id': `${t.url}/api/v1/datasets/cycle-hire`, '@type': 'dcat:Dataset', 'dct:title': 'Dataset cycle-hire' });
    expect(byName['foaf:isPrimaryTopicOf']).toEqual({ '@id': `${t.url}/dataset/cycle-hire.jsonld` });
    const id = (await t.request('GET', '/api/v1/datasets/cycle-hire')).body.id;
    expect(await get(`/dataset/${id}.jsonld`)).toEqual(byName);
  });

  it('answers a private dataset only to its publisher, with the same 404 as a missing one', async () => {
    expect((await get('/dataset/internal-draft.jsonld', publisher))['dct:accessRights']).toEqual({ '@id': `${EU}/access-right/NON_PUBLIC` });
    const hidden = await t.request('GET', '/dataset/internal-draft.jsonld', { token: stranger });
    const missing = await t.request('GET', '/dataset/no-such-dataset.jsonld', { token: stranger });
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    expect((await t.request('GET', '/dataset/cycle-hire.json')).status).toBe(404);
  });
});
