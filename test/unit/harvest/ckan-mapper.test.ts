import { HarvestFormatError } from '../../../functions/harvest/harvested-dataset';
import { mapCkanPackage, mapCkanPage } from '../../../functions/harvest/mappers/ckan';
import { byTitle, context, datasetsOf, fixtureJson } from './harvest-fixtures';

const dgu = { ...context, sourceId: 'data-gov-uk', sourceUrl: 'https://data.gov.uk/' };

describe('CKAN mapper', () => {
  it('maps a data.gov.uk package_show: licence, themes from theme-primary/secondary, contact, resources', () => {
    const page = mapCkanPage(fixtureJson('ckan/dgu-2018_package_show_ford-crossings.json'), dgu);
    const [ford] = datasetsOf(page);
    expect(ford.title).toBe('Ford Crossings');
    expect(ford.name).toMatch(/^h--data-gov-uk--ford-crossings-[0-9a-f]{10}$/);
    expect(ford.licence).toBe('OGL-UK-3.0');
    expect(ford.keywords).toEqual(['flooding', 'fords', 'river', 'roads', 'stream', 'transport']);
    expect(ford.themes).toEqual(['environment', 'transport']);
    expect(ford.contactPoint).toEqual({ name: 'Durham County Council', email: 'durham.opendata@gmail.com' });
    expect(ford.publisher).toEqual({ name: 'Durham County Council', url: 'https://data.gov.uk/organization/durham-county-council' });
    expect(ford.resources).toHaveLength(2);
    expect(ford.resources[0]).toMatchObject({
      format: 'CSV',
      url: 'https://files.datapress.com/leeds/dataset/ford-crossings/2017-01-17T11:31:19/Ford_crossings.csv',
    });
    expect(ford.provenance).toMatchObject({
      sourceId: 'data-gov-uk',
      sourceKind: 'ckan',
      identifier: '7509bbb5-ce6a-4801-8d77-b72c58d46180',
      recordUrl: 'https://data.gov.uk/dataset/ford-crossings',
      firstHarvested: context.harvestedAt,
      lastHarvested: context.harvestedAt,
      lastChangedAtSource: '2018-03-18T09:03:05.821298',
      licenceAtSource: 'UK Open Government Licence (OGL)',
    });
    expect(page.next).toBeUndefined();
  });

  it('reads the update frequency and temporal extent from extras', () => {
    const [york] = datasetsOf(mapCkanPage(fixtureJson('ckan/dgu-2018_package_show_datasets-list.json'), dgu));
    expect(york.updateFrequency).toBe('monthly');
    const [smoke] = datasetsOf(mapCkanPage(fixtureJson('ckan/dgu-2018_package_show_smoke-control-areas.json'), dgu));
    expect(smoke.updateFrequency).toBe('irregular'); // frequency-of-update: asNeeded
    expect(smoke.temporalCoverage).toEqual({ start: '2002-01-14', end: '2020-03-31' });
    expect(smoke.licence).toBeUndefined(); // no license_id; the PSMA terms are not an open licence
    expect(smoke.contactPoint).toEqual({ email: 'lpg@ashfield-dc.gov.uk' });
  });

  it('maps a package_search page and gives the next offset from count', () => {
    const page = mapCkanPage(fixtureJson('ckan/dados-gov-br-2023_package_search_rows10.json'), dgu);
    const datasets = datasetsOf(page);
    expect(page.total).toBe(13786);
    expect(page.next).toEqual({ offset: 10 });
    expect(datasets).toHaveLength(10);
    const taxi = byTitle(datasets, 'Sistema de Transportes de Servidores Públicos - TaxiGov');
    expect(taxi.updateFrequency).toBe('daily'); // "Frequência de atualização": "diária"
    expect(taxi.spatialCoverage).toEqual({ description: 'DF, RJ e SP' });
    expect(taxi.provenance.licenceAtSource).toBe('Outra (Domínio Público)');
    expect(taxi.licence).toBeUndefined();
    // 227 resources at the source; one ("Arquivos do ano corrente") has an empty URL and is no link.
    expect(datasets.reduce((sum, dataset) => sum + dataset.resources.length, 0)).toBe(226);
    expect(byTitle(datasets, 'Compras.gov.br Contratos').resources.map((resource) => resource.title)).not.toContain('Arquivos do ano corrente');
  });

  it('continues from the offset the request asked for', () => {
    const page = mapCkanPage(fixtureJson('ckan/dados-gov-br-2023_package_search_start3.json'), dgu, 3);
    expect(page.total).toBe(554);
    expect(page.next).toEqual({ offset: 13 });
    expect(datasetsOf(page)).toHaveLength(10);
  });

  it('maps group_package_show (a list) with its ODbL licence', () => {
    const datasets = datasetsOf(mapCkanPage(fixtureJson('ckan/dados-gov-br-2023_group_package_show.json'), dgu));
    expect(datasets).toHaveLength(9);
    expect(datasets.every((dataset) => dataset.licence === 'ODbL-1.0')).toBe(true);
    expect(datasets[0].updateFrequency).toBe('annual');
  });

  it('gives a bad package its own failure and maps the rest of the page', () => {
    const response = fixtureJson('ckan/dados-gov-br-2023_package_search_start3.json') as { result: { results: unknown[] } };
    response.result.results[1] = { id: 'no-title-here', resources: 'not a list' };
    response.result.results[2] = 'not an object';
    const page = mapCkanPage(response, dgu, 3);
    expect(page.records.filter((record) => record.ok)).toHaveLength(8);
    expect(page.records[1]).toEqual({ ok: false, failure: { index: 1, identifier: 'no-title-here', message: 'the record has no title' } });
    expect(page.records[2]).toEqual({ ok: false, failure: { index: 2, message: 'the record is not a CKAN package object' } });
  });

  it('refuses a response that is not a CKAN page, with the API error when there is one', () => {
    expect(() => mapCkanPage({ success: false, error: { message: 'Not found' } }, dgu)).toThrow(
      new HarvestFormatError('ckan', 'the API answered success: false (Not found)'),
    );
    expect(() => mapCkanPage([1, 2], dgu)).toThrow(HarvestFormatError);
    expect(() => mapCkanPage({ help: 'x' }, dgu)).toThrow(/has no result/);
  });

  it('does not read fields from the prototype of a package', () => {
    const hostile = JSON.parse('{"id":"p1","title":"Plain","__proto__":{"license_id":"uk-ogl"},"constructor":{"prototype":{"x":1}}}');
    const mapped = mapCkanPackage(hostile, dgu);
    expect(mapped.licence).toBeUndefined();
    expect(mapped.title).toBe('Plain');
  });
});
