import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { Parser as N3Parser } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { checkHarvestedLinks } from '../../functions/harvest/link-checker';
import { linkedResourceId } from '../../functions/domain/linked-resource-id';
import { ALLOW_HOSTS_ENV } from '../../functions/outbound/allow-list';
import catalogSchema from '../fixtures/reference/dcat-us-1.1-non-federal/catalog.json';
import podDatasetSchema from '../fixtures/reference/dcat-us-1.1-non-federal/dataset-non-federal.json';
import { startTestExchange, type TestExchange } from '../support/test-exchange';
import { type FixtureServer, json, startFixtureServer } from './harvest-fixture-server';

/**
 * Dead links and the overdue flag in the feeds: a harvested dataset's files at its source appear as
 * distributions (DCAT-US data.json, DCAT-AP JSON-LD, Turtle and RDF/XML) and CKAN link resources,
 * each with the link checker's last finding (working, dead, unchecked; when; the HTTP status), and a
 * dataset its source has not updated for longer than its frequency says is marked overdue.
 */
const LDX = 'https://data.london.gov.uk/ldx/ns#';
const ajv = new Ajv04({ allErrors: true, unicodeRegExp: false, strict: false });
addFormats(ajv);
ajv.addSchema(podDatasetSchema);
const validateCatalog = ajv.compile(catalogSchema);

let t: TestExchange;
let portal: FixtureServer;
let files: FixtureServer;
let roadWorks: string;
let lighting: string;

beforeAll(async () => {
  [portal, files] = await Promise.all([startFixtureServer(), startFixtureServer()]);
  process.env[ALLOW_HOSTS_ENV] = [portal.hostPort, files.hostPort].join(',');
  t = await startTestExchange();
  const admin = await t.organisationWithToken('lewisham', 'admin');
  files.answers.set('/works.csv', { headers: { 'content-type': 'text/csv', 'content-length': '12' }, body: 'a,b\n1,2\n3,4\n' });
  files.answers.set('/gone.json', { status: 404, body: 'no' });
  const packages = [
    {
      id: 'rw',
      name: 'road-works',
      title: 'Road works',
      license_id: 'uk-ogl',
      // Monthly, last changed over a year ago: overdue.
      metadata_modified: '2025-06-01T00:00:00',
      extras: [{ key: 'frequency', value: 'monthly' }],
      resources: [
        { id: 'r1', name: 'Works', format: 'CSV', mimetype: 'text/csv', url: `${files.origin}/works.csv` },
        { id: 'r2', name: 'Works as JSON', format: 'JSON', mimetype: 'application/json', url: `${files.origin}/gone.json` },
      ],
    },
    {
      id: 'sl',
      name: 'street-lighting',
      title: 'Street lighting',
      license_id: 'uk-ogl',
      metadata_modified: new Date().toISOString(),
      extras: [{ key: 'frequency', value: 'monthly' }],
      resources: [],
    },
  ];
  portal.answers.set('/api/3/action/package_search', json({ success: true, result: { count: packages.length, results: packages } }));
  const base = '/api/v1/organisations/lewisham/harvest-sources';
  const source = (await t.request('POST', base, { token: admin, body: { kind: 'ckan', url: `${portal.origin}/` } })).body.id;
  expect((await t.request('POST', `${base}/${source}/runs`, { token: admin })).body).toMatchObject({ status: 'completed', created: 2 });
  await checkHarvestedLinks(t.exchange.domain, { maxWaitMs: 0 });
  await t.exchange.indexIdle();
  const listing = (await t.request('GET', '/api/v1/datasets?organisation=lewisham')).body.results as Array<{ name: string; title: string }>;
  roadWorks = listing.find((d) => d.title === 'Road works')!.name;
  lighting = listing.find((d) => d.title === 'Street lighting')!.name;
});
afterAll(async () => {
  delete process.env[ALLOW_HOSTS_ENV];
  await t.stop();
  await Promise.all([portal.stop(), files.stop()]);
});

it('DCAT-US data.json: each file at the source is a distribution with its link status, and the overdue dataset says since when (still valid DCAT-US 1.1)', async () => {
  const catalog = (await t.request('GET', '/data.json')).body;
  expect({ valid: validateCatalog(catalog), errors: validateCatalog.errors ?? null }).toEqual({ valid: true, errors: null });
  const works = catalog.dataset.find((d: { title: string }) => d.title === 'Road works');
  expect(works.distribution).toEqual([
    expect.objectContaining({
      title: 'Works',
      downloadURL: `${files.origin}/works.csv`,
      mediaType: 'text/csv',
      linkStatus: 'working',
      linkChecked: expect.any(String),
      linkHttpStatus: 200,
    }),
    expect.objectContaining({
      title: 'Works as JSON',
      downloadURL: `${files.origin}/gone.json`,
      linkStatus: 'dead',
      linkHttpStatus: 404,
      description: expect.stringMatching(/^Dead link: HTTP 404 when checked at /),
    }),
  ]);
  expect(works.overdueSince).toEqual(expect.any(String));
  expect(catalog.dataset.find((d: { title: string }) => d.title === 'Street lighting')).not.toHaveProperty('overdueSince');
});

const objectsOf = (quads: Array<{ subject: any; predicate: any; object: any }>, predicate: string) =>
  quads.filter((q) => q.predicate.value === predicate).map((q) => q.object.value);

it('DCAT-AP (JSON-LD, Turtle, RDF/XML): ldx:linkStatus, ldx:linkChecked and ldx:linkHttpStatus on each distribution, ldx:overdueSince and a note on the dataset', async () => {
  const document = (await t.request('GET', `/dataset/${roadWorks}.jsonld`)).body;
  const distributions = document['dcat:distribution'] as Array<Record<string, any>>;
  expect(distributions.map((d) => [d['dcat:accessURL']['@id'], d['ldx:linkStatus'], d['ldx:linkHttpStatus']])).toEqual([
    [`${files.origin}/works.csv`, 'working', 200],
    [`${files.origin}/gone.json`, 'dead', 404],
  ]);
  expect(distributions[1]['skos:note']).toMatch(/^Dead link: HTTP 404/);
  expect(document['ldx:overdueSince']).toMatchObject({ '@type': 'xsd:dateTime' });
  expect(document['skos:note']).toMatch(/^Overdue: .*\(monthly\)/);

  const turtle = await t.request('GET', '/catalog.ttl');
  const fromTurtle = new N3Parser({ baseIRI: t.url, format: 'text/turtle' }).parse(turtle.text);
  const rdfXml = await t.request('GET', '/catalog.rdf');
  const fromXml = await new Promise<any[]>((resolve, reject) => {
    const quads: any[] = [];
    const parser = new RdfXmlParser({ baseIRI: t.url });
    parser.on('data', (quad) => quads.push(quad));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.end(rdfXml.text);
  });
  for (const quads of [fromTurtle, fromXml]) {
    expect(objectsOf(quads, `${LDX}linkStatus`).sort()).toEqual(['dead', 'working']);
    expect(objectsOf(quads, `${LDX}linkHttpStatus`).sort()).toEqual(['200', '404']);
    expect(objectsOf(quads, `${LDX}overdueSince`)).toHaveLength(1);
  }
});

it('CKAN package_show: the files are link resources with link_status, link_checked and link_http_status; extras say overdue', async () => {
  const works = (await t.request('GET', `/api/3/action/package_show?id=${roadWorks}`)).body.result;
  expect(works.num_resources).toBe(2);
  expect(works.resources).toEqual([
    expect.objectContaining({
      url: `${files.origin}/works.csv`,
      format: 'CSV',
      link_status: 'working',
      link_checked: expect.any(String),
      link_http_status: 200,
      position: 0,
    }),
    expect.objectContaining({ url: `${files.origin}/gone.json`, link_status: 'dead', link_http_status: 404, position: 1 }),
  ]);
  expect(works.resources[0].link_checked).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
  const extras = new Map((works.extras as Array<{ key: string; value: string }>).map((e) => [e.key, e.value]));
  expect(extras.get('overdue')).toBe('true');
  expect(extras.get('overdue_since')).toEqual(expect.any(String));

  const current = (await t.request('GET', `/api/3/action/package_show?id=${lighting}`)).body.result;
  expect(current.extras).toEqual(expect.arrayContaining([{ key: 'overdue', value: 'false' }]));
  expect(current.resources).toEqual([]);
});

it('CKAN resource_show: each link resource of package_show answers with the same dictionary, through the same visibility check', async () => {
  const works = (await t.request('GET', `/api/3/action/package_show?id=${roadWorks}`)).body.result;
  expect(works.resources).toHaveLength(2);
  for (const resource of works.resources) {
    const shown = await t.request('GET', `/api/3/action/resource_show?id=${resource.id}`);
    expect({ status: shown.status, result: shown.body.result }).toEqual({ status: 200, result: resource });
  }
  // The id is the dataset's and the URL's: another dataset's would-be link of the same URL is not found.
  const lightingId = (await t.request('GET', `/api/3/action/package_show?id=${lighting}`)).body.result.id;
  const elsewhere = await t.request('GET', `/api/3/action/resource_show?id=${linkedResourceId(lightingId, `${files.origin}/works.csv`)}`);
  expect(elsewhere.status).toBe(404);
  expect(elsewhere.body).toMatchObject({ success: false, error: { __type: 'Not Found Error' } });
});
