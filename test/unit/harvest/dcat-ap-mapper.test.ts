import { HarvestFormatError } from '../../../functions/harvest/harvested-dataset';
import { mapDcatApDocument } from '../../../functions/harvest/mappers/dcat-ap';
import { parseRdf } from '../../../functions/harvest/rdf-quads';
import { byTitle, context, datasetsOf, fixtureText } from './harvest-fixtures';

describe('DCAT-AP mapper', () => {
  it('maps a DCAT-AP.de RDF/XML record: licence from the distributions, EU theme, contact, 9 distributions', async () => {
    const page = await mapDcatApDocument(fixtureText('dcat-ap/rostock_dcat-ap-de.rdf'), 'rdf-xml', context);
    const [rostock] = datasetsOf(page);
    expect(rostock.title).toBe('Liefer- und Abholservices (Gastronomie)');
    expect(rostock.licence).toBe('CC0-1.0');
    expect(rostock.themes).toEqual(['business-and-economy']);
    expect(rostock.contactPoint?.email).toBe('geodienste@rostock.de');
    expect(rostock.resources).toHaveLength(9);
    expect(rostock.resources[0]).toMatchObject({
      format: 'GEOJSON',
      mediaType: 'application/geo+json',
      url: 'https://geo.sv.rostock.de/download/opendata/lieferservices/lieferservices.json',
    });
    expect(rostock.provenance).toMatchObject({
      sourceKind: 'dcat-ap',
      identifier: 'c1be4007-d811-48fb-8818-2cb358b06a63',
      licenceAtSource: 'http://dcat-ap.de/def/licenses/cc-zero',
    });
  });

  it('maps blank-node periods, frequency and places (Nobel, Sweden) and leaves CC BY-NC unmapped', async () => {
    const [nobel] = datasetsOf(await mapDcatApDocument(fixtureText('dcat-ap/nobel_sweden.rdf'), 'rdf-xml', context));
    expect(nobel).toMatchObject({
      title: 'Linked Nobel prizes',
      updateFrequency: 'daily',
      temporalCoverage: { start: '1905-03-01', end: '2013-01-05' },
      spatialCoverage: { description: 'Stockholm' },
      publisher: { name: 'Nobel Media AB' },
    });
    expect(nobel.licence).toBeUndefined();
    expect(nobel.provenance.licenceAtSource).toBe('http://creativecommons.org/licenses/by-nc/3.0/');
    expect(nobel.resources).toHaveLength(1);
  });

  it('maps a GeoDCAT-AP record and a data.gouv.fr catalogue page with its Hydra total', async () => {
    const [campings] = datasetsOf(await mapDcatApDocument(fixtureText('dcat-ap/datara_geodcat-ap.rdf'), 'rdf-xml', context));
    expect(campings.title).toBe('Campings issus de la BDTopo de Auvergne Rhône-Alpes');
    expect(campings.resources).toHaveLength(1);
    expect(campings.provenance.lastChangedAtSource).toBeUndefined(); // an empty dct:modified at the source
    const page = await mapDcatApDocument(fixtureText('dcat-ap/data-gouv-fr_vanves_catalog.rdf'), 'rdf-xml', context);
    const datasets = datasetsOf(page);
    expect(page.total).toBe(2);
    expect(page.next).toBeUndefined();
    expect(datasets).toHaveLength(2);
    expect(datasets.reduce((sum, dataset) => sum + dataset.resources.length, 0)).toBe(6);
    const vote = byTitle(datasets, 'Bureaux de vote - Vanves');
    expect(vote.keywords).toEqual(['administration-finances-publiques', 'bureaux-de-vote', 'elections']);
    expect(vote.provenance.licenceAtSource).toBe('License Not Specified');
  });

  it('follows Hydra next in expanded JSON-LD, and stops on the last page', async () => {
    const first = await mapDcatApDocument(fixtureText('dcat-ap/synthetic_partial-collection-1.jsonld'), 'json-ld', context);
    expect(first.next).toEqual({ url: 'http://data.test.org/catalog.jsonld?page=2' });
    expect(first.total).toBe(4);
    expect(datasetsOf(first).map((dataset) => dataset.provenance.identifier)).toEqual(['1', '2', '3']);
    const last = await mapDcatApDocument(fixtureText('dcat-ap/synthetic_partial-collection-2.jsonld'), 'json-ld', context);
    expect(last.next).toBeUndefined();
    expect(datasetsOf(last)).toHaveLength(1);
  });

  it('maps a Turtle catalogue page: GSS codes from ONS URIs, EU frequency, IANA media type, byte size, Hydra next', async () => {
    const page = await mapDcatApDocument(fixtureText('dcat-ap/written_catalog_two-datasets.ttl'), 'turtle', context);
    expect(page.next).toEqual({ url: 'https://catalogue.example.org/catalog.ttl?page=2' });
    expect(page.total).toBe(5);
    const [cycle, school, untitled] = page.records;
    if (!cycle.ok || !school.ok) throw new Error('the two titled datasets must map');
    expect(cycle.dataset).toMatchObject({
      title: 'Cycle counts',
      description: 'Hourly cycle counts at automatic counters.',
      keywords: ['cycling', 'counts'],
      themes: ['transport'],
      licence: 'CC-BY-4.0',
      updateFrequency: 'daily',
      spatialCoverage: { gssCodes: ['E09000007', 'E09000033'] },
      temporalCoverage: { start: '2021-01-01', end: '2025-12-31' },
      contactPoint: { name: 'Open data team', email: 'opendata@transport.example.org' },
      publisher: { name: 'Example Transport Authority', url: 'https://transport.example.org/' },
    });
    expect(cycle.dataset.resources).toEqual([
      { title: 'Counts (CSV)', url: 'https://files.example.org/cycle-counts.csv', format: 'CSV', mediaType: 'text/csv', sizeBytes: 1048576 },
      { title: 'Counts API', url: 'https://api.example.org/cycle-counts' },
    ]);
    expect(school.dataset).toMatchObject({ licence: 'OGL-UK-3.0', updateFrequency: 'annual', themes: ['education'] });
    expect(school.dataset.temporalCoverage).toBeUndefined(); // its end is before its start
    expect(school.dataset.provenance.identifier).toBe('https://catalogue.example.org/dataset/school-places');
    expect(untitled).toEqual({ ok: false, failure: { index: 2, message: 'the record has no identifier' } });
  });

  it('refuses a document that does not parse, and a JSON-LD context it would have to fetch', async () => {
    await expect(mapDcatApDocument('<rdf:RDF', 'rdf-xml', context)).rejects.toBeInstanceOf(HarvestFormatError);
    const catalogue = fixtureText('dcat-ap/data-gouv-fr_vanves_catalog.rdf');
    await expect(mapDcatApDocument(catalogue.slice(0, catalogue.length / 2), 'rdf-xml', context)).rejects.toThrow(/unclosed tag/);
    await expect(mapDcatApDocument('@prefix x: <y> . x:a x:b', 'turtle', context)).rejects.toBeInstanceOf(HarvestFormatError);
    const remote = JSON.stringify({ '@context': 'http://127.0.0.1:9/context.jsonld', '@id': 'http://x.example/a', title: 'A' });
    await expect(parseRdf(remote, 'json-ld')).rejects.toThrow(/remote JSON-LD context http:\/\/127\.0\.0\.1:9\/context\.jsonld, which is not fetched/);
  });
});
