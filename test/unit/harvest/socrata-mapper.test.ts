import { HarvestFormatError } from '../../../functions/harvest/harvested-dataset';
import { mapSocrataPage } from '../../../functions/harvest/mappers/socrata';
import { byTitle, context, datasetsOf, fixtureJson } from './harvest-fixtures';

describe('Socrata Discovery API mapper', () => {
  const page = mapSocrataPage(fixtureJson('socrata/discovery-catalog-v1_2018.json'), context);
  const datasets = datasetsOf(page);

  it('maps every result, with the total and the next offset', () => {
    expect(datasets).toHaveLength(7);
    expect(page.total).toBe(150680);
    expect(page.next).toEqual({ offset: 7 });
  });

  it('links a tabular asset by its CSV export and SODA endpoint, with categories as themes', () => {
    const permits = byTitle(datasets, 'Approved Building Permits');
    expect(permits.resources).toEqual([
      { title: 'CSV export', url: 'https://data.cityofboston.gov/api/views/msk6-43c6/rows.csv?accessType=DOWNLOAD', format: 'CSV', mediaType: 'text/csv' },
      { title: 'JSON (SODA API)', url: 'https://data.cityofboston.gov/resource/msk6-43c6.json', format: 'JSON', mediaType: 'application/json' },
    ]);
    expect(permits.themes).toEqual(['planning', 'housing']); // "Permitting", "housing & development"
    expect(permits.keywords).toEqual(['permits', 'construction', 'building']);
    expect(permits.licence).toBeUndefined(); // CC BY 3.0 Unported is not CC-BY-4.0
    expect(permits.provenance).toMatchObject({
      identifier: 'data.cityofboston.gov/msk6-43c6',
      recordUrl: 'https://data.cityofboston.gov/d/msk6-43c6',
      licenceAtSource: 'Creative Commons Attribution 3.0 Unported',
      lastChangedAtSource: '2017-07-21T10:01:47.000Z',
    });
    expect(permits.publisher).toEqual({ name: 'Inspectional Services Division' });
  });

  it('maps the health category and leaves "Public Domain" unmapped', () => {
    const cms = byTitle(datasets, 'Order and Referring');
    expect(cms.themes).toEqual(['health']);
    expect(cms.licence).toBeUndefined();
    expect(cms.provenance.licenceAtSource).toBe('Public Domain');
  });

  it('gives a result without a resource its own failure', () => {
    const response = fixtureJson('socrata/discovery-catalog-v1_2018.json') as { results: unknown[] };
    response.results.splice(1, 0, { permalink: 'https://x.example/d/abcd-1234' });
    const mapped = mapSocrataPage(response, context);
    expect(mapped.records[1]).toEqual({ ok: false, failure: { index: 1, message: 'the record has no resource object' } });
    expect(mapped.records.filter((record) => record.ok)).toHaveLength(7);
  });

  it('refuses a response with no results list', () => {
    expect(() => mapSocrataPage({ error: 'bad' }, context)).toThrow(HarvestFormatError);
  });
});
