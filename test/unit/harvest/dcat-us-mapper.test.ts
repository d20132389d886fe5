import { HarvestFormatError } from '../../../functions/harvest/harvested-dataset';
import { mapDcatUsPage } from '../../../functions/harvest/mappers/dcat-us';
import { byTitle, context, datasetsOf, fixtureJson } from './harvest-fixtures';

describe('DCAT-US mapper', () => {
  it('maps an ArcGIS Hub feed: HTML description to text, licence left unmapped, every distribution', () => {
    const datasets = datasetsOf(mapDcatUsPage(fixtureJson('dcat-us/arcgis-hub_evian_data.json'), context));
    expect(datasets).toHaveLength(8);
    expect(datasets.reduce((sum, dataset) => sum + dataset.resources.length, 0)).toBe(34);
    const bikes = byTitle(datasets, 'stationnement velos');
    expect(bikes.description).toBe('Emplacement et description des stationnement vélos à Evian-les-Bains');
    expect(bikes.licence).toBeUndefined(); // Etalab Licence Ouverte is not one of the exchange's licences
    expect(bikes.provenance.licenceAtSource).toBe('Soumis à la licence Etalab : https://www.etalab.gouv.fr/licence-ouverte-open-licence/');
    expect(bikes.contactPoint).toBeUndefined(); // the Hub gives a name but no e-mail address
    expect(bikes.resources.find((resource) => resource.format === 'CSV')).toEqual({
      title: 'CSV',
      url: 'https://ville-d-evian-opendata-ville-evian.hub.arcgis.com/api/download/v1/items/f6565516d1354383b25793e630cf3f2b/csv?layers=5',
      format: 'CSV',
      mediaType: 'text/csv',
    });
    expect(bikes.provenance.recordUrl).toBe('https://ville-d-evian-opendata-ville-evian.hub.arcgis.com/maps/f6565516d1354383b25793e630cf3f2b_5');
  });

  it('maps a federal data.json: CC0 by URL, contact from vcard hasEmail, publisher without its parents', () => {
    const datasets = datasetsOf(mapDcatUsPage(fixtureJson('dcat-us/usda_data.json'), context));
    expect(datasets).toHaveLength(3);
    const logs = byTitle(datasets, 'Department of Agriculture Congressional Logs for Fiscal Year 2014');
    expect(logs.licence).toBe('CC0-1.0');
    expect(logs.contactPoint).toEqual({ name: 'Alexi Graves', email: 'Alexis.Graves@ocio.usda.gov' });
    expect(logs.publisher).toEqual({ name: 'Department of Agriculture' });
    expect(logs.resources).toEqual([
      {
        title: 'Congressional Logs for Fiscal Year 2014',
        url: 'http://www.dm.usda.gov/foia/docs/Copy%20of%20ECM%20Congressional%20Logs%20FY14.xls',
        mediaType: 'application/vnd.ms-excel',
      },
    ]);
    const arm = datasetsOf(mapDcatUsPage(fixtureJson('dcat-us/arm_data.json'), context));
    expect(arm.map((dataset) => dataset.licence)).toEqual([undefined, undefined, undefined]);
    expect(arm[0].publisher).toEqual({ name: 'Atmospheric Radiation Measurement Data Center' });
  });

  it('maps a Socrata data.json 1.0 bare array, skipping the entry that describes the file', () => {
    const datasets = datasetsOf(mapDcatUsPage(fixtureJson('dcat-us/socrata-seattle-2013_data.json'), context));
    expect(datasets).toHaveLength(168);
    const crime = byTitle(datasets, 'Seattle Crime Stats by 1990 Census Tract 1996-2007');
    expect(crime.keywords).toEqual(['crime', 'violent', 'seattle']); // one comma-separated string at the source
    expect(crime.licence).toBe('CC0-1.0'); // "Creative Commons 1.0 Universal\ncity of seattle\nhttp://…/zero/1.0/legalcode"
    expect(crime.resources).toHaveLength(6);
    expect(crime.resources[0]).toEqual({
      title: 'CSV',
      url: 'https://data.seattle.gov/api/views/e3zj-s4zh/rows.csv?accessType=DOWNLOAD',
      format: 'CSV',
      mediaType: 'text/csv',
    });
    expect(datasets.some((dataset) => dataset.provenance.identifier === 'https://data.seattle.gov/data.json')).toBe(false);
  });

  it('reads accrualPeriodicity, temporal, spatial GSS codes, and paging from a Link header', () => {
    const page = mapDcatUsPage(
      {
        dataset: [
          {
            identifier: 'https://data.london.example/dataset/a',
            title: 'Ward populations',
            accessLevel: 'public',
            accrualPeriodicity: 'R/P1Y',
            temporal: '2011-01/2021',
            spatial: 'http://statistics.data.gov.uk/id/statistical-geography/E09000007',
            theme: ['Demographics', 'Housing & Homes'],
            contactPoint: { fn: 'GLA Intelligence', hasEmail: 'mailto:intelligence@london.example' },
            distribution: [{ downloadURL: 'https://data.london.example/a.csv', mediaType: 'text/csv; charset=utf-8' }],
          },
          { identifier: 'b', title: 'Hidden', accessLevel: 'non-public' },
        ],
      },
      context,
      {
        linkHeader: '<https://data.london.example/data.json?page=1>; rel="prev", </data.json?page=3>; rel="next"',
        pageUrl: 'https://data.london.example/data.json?page=2',
      },
    );
    const [population] = page.records.flatMap((record) => (record.ok ? [record.dataset] : []));
    expect(population).toMatchObject({
      updateFrequency: 'annual',
      temporalCoverage: { start: '2011-01-01', end: '2021-12-31' },
      spatialCoverage: { gssCodes: ['E09000007'] },
      themes: ['demographics', 'housing'],
      contactPoint: { name: 'GLA Intelligence', email: 'intelligence@london.example' },
    });
    expect(population.resources[0]).toMatchObject({ mediaType: 'text/csv' });
    expect(page.records[1]).toEqual({ ok: false, failure: { index: 1, identifier: 'b', message: 'the record is non-public at the source' } });
    expect(page.next).toEqual({ url: 'https://data.london.example/data.json?page=3' });
  });

  it('refuses a document with no dataset list', () => {
    expect(() => mapDcatUsPage({ conformsTo: 'x' }, context)).toThrow(HarvestFormatError);
  });
});
