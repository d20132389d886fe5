import jsonld from 'jsonld';
import { Parser as N3Parser, type Quad } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * The DCAT-AP catalogue as Turtle (/catalog.ttl) and RDF/XML (/catalog.rdf), validated by parsing
 * them back (n3's parser, rdfxml-streaming-parser) and comparing with the JSON-LD page's own
 * triples; their Hydra paging; and DCAT-US data.json at the site root.
 */
let t: TestExchange;
let publisher: string;

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const HYDRA = 'http://www.w3.org/ns/hydra/core#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

beforeAll(async () => {
  t = await startTestExchange();
  publisher = await t.organisationWithToken('hounslow', 'admin');
  const create = (name: string, overrides: Record<string, unknown> = {}) =>
    t.request('POST', '/api/v1/datasets', { token: publisher, body: datasetInput(name, overrides) });
  await create('hounslow-trees', {
    title: 'Street trees & <verges> in "Hounslow"',
    description: 'Every council tree, with species and girth. Ünïcode and ampersands & angle brackets <b> survive.',
    keywords: ['trees'],
    themes: ['environment'],
    contactPoint: { name: 'Trees team', email: 'trees@hounslow.gov.uk' },
  });
  await createResource(t, publisher, 'hounslow-trees', { name: 'trees' });
  await uploadAndWait(t, publisher, 'hounslow-trees', 'trees', 'species,girth\nOak,120\n', 'trees.csv');
  await create('hounslow-parks');
  await create('hounslow-draft', { tier: 'private' });
}, 120_000);
afterAll(() => t.stop());

const parseTurtle = (text: string, baseIRI: string): Quad[] => new N3Parser({ baseIRI, format: 'text/turtle' }).parse(text);

const parseRdfXml = (text: string, baseIRI: string): Promise<Quad[]> =>
  new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    const parser = new RdfXmlParser({ baseIRI });
    parser.on('data', (quad: Quad) => quads.push(quad));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.end(text);
  });

/** Triples as comparable text, blank nodes labelled by what they hang from (enough to tell these documents' nodes apart). */
const canonical = (quads: Array<{ subject: any; predicate: any; object: any }>): string[] => {
  const parentOf = new Map<string, string>();
  for (const q of quads) if (q.object.termType === 'BlankNode') parentOf.set(q.object.value, `${q.subject.value}>${q.predicate.value}`);
  const term = (x: any): string => {
    if (x.termType === 'BlankNode') return `[${parentOf.get(x.value) ?? 'root'}]`;
    if (x.termType === 'Literal') return JSON.stringify([x.value, x.language || x.datatype?.value]);
    return `<${x.value}>`;
  };
  // A blank node's label is its parent's; distributions share one, so they differ by their own triples: compare as a multiset.
  return quads.map((q) => `${term(q.subject)} <${q.predicate.value}> ${term(q.object)}`).sort();
};

const jsonLdTriples = async (path: string, token?: string) => {
  const document = (await t.request('GET', path, { token })).body;
  return jsonld.toRDF(document) as Promise<any[]>;
};

describe.each([
  ['/catalog.ttl', 'text/turtle; charset=utf-8', async (text: string) => parseTurtle(text, t.url)],
  ['/catalog.rdf', 'application/rdf+xml; charset=utf-8', (text: string) => parseRdfXml(text, t.url)],
])('%s', (path, mediaType, parse) => {
  it('parses back to exactly the triples of the JSON-LD page', async () => {
    const answer = await t.request('GET', path);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(mediaType);
    const quads = await parse(answer.text);
    const fromJsonLd = await jsonLdTriples('/catalog.jsonld');
    // The paging links name each serialisation's own address; everything else is the same.
    const withoutView = (list: string[]) => list.filter((line) => !line.includes(HYDRA) || line.includes('totalItems'));
    expect(withoutView(canonical(quads))).toEqual(withoutView(canonical(fromJsonLd)));
    expect(quads.length).toBeGreaterThan(20);
  });

  it('holds the datasets the caller may see, with text as it was written', async () => {
    const quads = await parse((await t.request('GET', path)).text);
    const datasets = quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === `${DCAT}Dataset`).map((q) => q.subject.value);
    expect(datasets.sort()).toEqual([`${t.url}/api/v1/datasets/hounslow-parks`, `${t.url}/api/v1/datasets/hounslow-trees`]);
    const title = quads.find((q) => q.subject.value === `${t.url}/api/v1/datasets/hounslow-trees` && q.predicate.value === `${DCT}title`);
    expect(title?.object.value).toBe('Street trees & <verges> in "Hounslow"');
    const withToken = await parse((await t.request('GET', path, { token: publisher })).text);
    expect(withToken.some((q) => q.subject.value === `${t.url}/api/v1/datasets/hounslow-draft`)).toBe(true);
  });

  it('pages with Hydra links to its own address, in the triples and the Link header', async () => {
    const first = await t.request('GET', `${path}?limit=1`);
    const quads = await parse(first.text);
    const next = quads.find((q) => q.predicate.value === `${HYDRA}next`)?.object.value;
    expect(next).toMatch(new RegExp(`^${t.url}${path.replace('.', '\\.')}\\?page=2&limit=1&cursor=`));
    expect(first.headers.get('link')).toContain(`<${next}>; rel="next"`);
    const second = await parse((await t.request('GET', next!.slice(t.url.length))).text);
    const datasetOf = (list: Quad[]) => list.find((q) => q.predicate.value === RDF_TYPE && q.object.value === `${DCAT}Dataset`)?.subject.value;
    expect(datasetOf(second)).toBeDefined();
    expect(datasetOf(second)).not.toBe(datasetOf(quads));
    const total = quads.find((q) => q.predicate.value === `${HYDRA}totalItems`)?.object.value;
    expect(total).toBe('2');
  });

  it('refuses a bad page in the one error shape', async () => {
    const bad = await t.request('GET', `${path}?limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });
});

describe('/data.json at the site root', () => {
  it('is the DCAT-US catalogue, paged at its own address', async () => {
    const root = await t.request('GET', '/data.json?limit=1');
    const catalog = await t.request('GET', '/catalog/data.json?limit=1');
    expect(root.status).toBe(200);
    expect(root.body).toEqual(catalog.body);
    expect(root.body.conformsTo).toBe('https://project-open-data.cio.gov/v1.1/schema');
    expect(root.headers.get('link')).toContain(`<${t.url}/data.json?page=2&limit=1`);
  });
});
