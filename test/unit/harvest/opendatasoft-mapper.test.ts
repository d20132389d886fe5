import { HarvestFormatError } from '../../../functions/harvest/harvested-dataset';
import { mapOpendatasoftPage } from '../../../functions/harvest/mappers/opendatasoft';
import { context, fixtureJson } from './harvest-fixtures';

const portal = { ...context, sourceUrl: 'https://data.example.org/' };
const fixture = 'opendatasoft/explore-v2.1_catalog_datasets_written.json';

describe('OpenDataSoft Explore v2.1 mapper', () => {
  const page = mapOpendatasoftPage(fixtureJson(fixture), portal);
  const [air, tax, untitled] = page.records;

  it('pages by offset against total_count', () => {
    expect(page.total).toBe(23);
    expect(page.next).toEqual({ offset: 3 });
    expect(mapOpendatasoftPage(fixtureJson(fixture), portal, 20).next).toBeUndefined();
  });

  it('maps metas.default and metas.dcat, with exports and attachments as resources', () => {
    if (!air.ok) throw new Error(air.failure.message);
    const dataset = air.dataset;
    expect(dataset.title).toBe('Air quality monitoring sites');
    expect(dataset.description).toBe(
      "Locations of the borough's air quality monitoring sites & the pollutants each one measures.\n\nUpdated when a site opens or closes.",
    );
    expect(dataset.licence).toBe('OGL-UK-3.0');
    expect(dataset.themes).toEqual(['environment']);
    expect(dataset.updateFrequency).toBe('irregular');
    expect(dataset.temporalCoverage).toEqual({ start: '2019-05-01', end: '2026-09-30' });
    expect(dataset.spatialCoverage).toEqual({ gssCodes: ['E09000007'], description: 'Camden' });
    expect(dataset.contactPoint).toEqual({ name: 'Air quality team', email: 'airquality@example.org' });
    expect(dataset.resources.map((resource) => resource.url)).toEqual([
      'https://data.example.org/api/explore/v2.1/catalog/datasets/air-quality-monitoring-sites/exports/csv',
      'https://data.example.org/api/explore/v2.1/catalog/datasets/air-quality-monitoring-sites/exports/json',
      'https://data.example.org/api/explore/v2.1/catalog/datasets/air-quality-monitoring-sites/exports/parquet',
      'https://data.example.org/api/explore/v2.1/catalog/datasets/air-quality-monitoring-sites/exports/geojson',
      'https://data.example.org/api/explore/v2.1/catalog/datasets/air-quality-monitoring-sites/attachments/site_guide_pdf',
    ]);
    expect(dataset.resources[4]).toMatchObject({ title: 'Monitoring site guide', mediaType: 'application/pdf' });
    expect(dataset.provenance.recordUrl).toBe('https://data.example.org/explore/dataset/air-quality-monitoring-sites/');
    expect(dataset.name).toMatch(/^h--test-source--air-quality-monitoring-sites-[0-9a-f]{10}$/);
  });

  it('drops scripts and markup from text, de-duplicates keywords and refuses a non-address contact', () => {
    if (!tax.ok) throw new Error(tax.failure.message);
    expect(tax.dataset.title).toBe('Council Tax bands & charges 2026/27');
    expect(tax.dataset.description).toBe('Annual charges per band. Figures in pounds.');
    expect(tax.dataset.keywords).toEqual(['council tax', 'finance']);
    expect(tax.dataset.licence).toBe('ODbL-1.0');
    expect(tax.dataset.updateFrequency).toBe('annual');
    expect(tax.dataset.themes).toEqual(['business-and-economy', 'london-government']);
    expect(tax.dataset.contactPoint).toBeUndefined();
    expect(tax.dataset.resources).toHaveLength(3); // no geo feature: no GeoJSON
  });

  it('gives a record with an empty title its own failure', () => {
    expect(untitled).toEqual({ ok: false, failure: { index: 2, identifier: 'ward-boundaries-2022', message: 'the record has no title' } });
  });

  it('refuses a dataset id that could escape the URL path, and a page with no results', () => {
    const response = fixtureJson(fixture) as { results: Array<{ dataset_id: string }> };
    response.results[0].dataset_id = '../../admin';
    expect(mapOpendatasoftPage(response, portal).records[0]).toMatchObject({
      ok: false,
      failure: { message: "the dataset_id '../../admin' is not a dataset id" },
    });
    expect(() => mapOpendatasoftPage({ total_count: 1 }, portal)).toThrow(HarvestFormatError);
  });
});
