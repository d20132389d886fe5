import { assertValid } from '../../../functions/domain/metadata-schemas';
import type { HarvestedDataset, MappedPage } from '../../../functions/harvest/harvested-dataset';
import { mapCkanPage } from '../../../functions/harvest/mappers/ckan';
import { mapDcatApDocument } from '../../../functions/harvest/mappers/dcat-ap';
import { mapDcatUsPage } from '../../../functions/harvest/mappers/dcat-us';
import { mapOpendatasoftPage } from '../../../functions/harvest/mappers/opendatasoft';
import { mapSocrataPage } from '../../../functions/harvest/mappers/socrata';
import { context, fixtureJson, fixtureText } from './harvest-fixtures';

/**
 * Every record of every fixture, once mapped, is a dataset the exchange's own schema accepts
 * (schemas/dataset.schema.json through the same validator the API uses), so a harvest never
 * stores what a publisher could not have sent. An unmapped licence stands in as `proprietary`,
 * which is what the run would have to choose for it.
 */

const pages: Array<[string, () => Promise<MappedPage>]> = [
  ['ckan/dgu-2018_package_show_ford-crossings.json', async () => mapCkanPage(fixtureJson('ckan/dgu-2018_package_show_ford-crossings.json'), context)],
  ['ckan/dgu-2018_package_show_datasets-list.json', async () => mapCkanPage(fixtureJson('ckan/dgu-2018_package_show_datasets-list.json'), context)],
  ['ckan/dgu-2018_package_show_smoke-control-areas.json', async () => mapCkanPage(fixtureJson('ckan/dgu-2018_package_show_smoke-control-areas.json'), context)],
  ['ckan/dados-gov-br-2023_package_search_rows10.json', async () => mapCkanPage(fixtureJson('ckan/dados-gov-br-2023_package_search_rows10.json'), context)],
  ['ckan/dados-gov-br-2023_package_search_start3.json', async () => mapCkanPage(fixtureJson('ckan/dados-gov-br-2023_package_search_start3.json'), context, 3)],
  ['ckan/dados-gov-br-2023_group_package_show.json', async () => mapCkanPage(fixtureJson('ckan/dados-gov-br-2023_group_package_show.json'), context)],
  ['dcat-us/arcgis-hub_evian_data.json', async () => mapDcatUsPage(fixtureJson('dcat-us/arcgis-hub_evian_data.json'), context)],
  ['dcat-us/usda_data.json', async () => mapDcatUsPage(fixtureJson('dcat-us/usda_data.json'), context)],
  ['dcat-us/arm_data.json', async () => mapDcatUsPage(fixtureJson('dcat-us/arm_data.json'), context)],
  ['dcat-us/socrata-seattle-2013_data.json', async () => mapDcatUsPage(fixtureJson('dcat-us/socrata-seattle-2013_data.json'), context)],
  ['socrata/discovery-catalog-v1_2018.json', async () => mapSocrataPage(fixtureJson('socrata/discovery-catalog-v1_2018.json'), context)],
  [
    'opendatasoft/explore-v2.1_catalog_datasets_written.json',
    async () =>
      mapOpendatasoftPage(fixtureJson('opendatasoft/explore-v2.1_catalog_datasets_written.json'), { ...context, sourceUrl: 'https://data.example.org' }),
  ],
  ['dcat-ap/rostock_dcat-ap-de.rdf', () => mapDcatApDocument(fixtureText('dcat-ap/rostock_dcat-ap-de.rdf'), 'rdf-xml', context)],
  ['dcat-ap/nobel_sweden.rdf', () => mapDcatApDocument(fixtureText('dcat-ap/nobel_sweden.rdf'), 'rdf-xml', context)],
  ['dcat-ap/datara_geodcat-ap.rdf', () => mapDcatApDocument(fixtureText('dcat-ap/datara_geodcat-ap.rdf'), 'rdf-xml', context)],
  ['dcat-ap/data-gouv-fr_vanves_catalog.rdf', () => mapDcatApDocument(fixtureText('dcat-ap/data-gouv-fr_vanves_catalog.rdf'), 'rdf-xml', context)],
  ['dcat-ap/synthetic_partial-collection-1.jsonld', () => mapDcatApDocument(fixtureText('dcat-ap/synthetic_partial-collection-1.jsonld'), 'json-ld', context)],
  ['dcat-ap/synthetic_partial-collection-2.jsonld', () => mapDcatApDocument(fixtureText('dcat-ap/synthetic_partial-collection-2.jsonld'), 'json-ld', context)],
  ['dcat-ap/written_catalog_two-datasets.ttl', () => mapDcatApDocument(fixtureText('dcat-ap/written_catalog_two-datasets.ttl'), 'turtle', context)],
];

const asDatasetInput = (dataset: HarvestedDataset): Record<string, unknown> => {
  const { resources: _resources, provenance: _provenance, publisher: _publisher, ...fields } = dataset;
  return { ...fields, licence: dataset.licence ?? 'proprietary' };
};

describe('harvested records meet the dataset schema', () => {
  it.each(pages)('%s', async (_fixture, map) => {
    const page = await map();
    const datasets = page.records.flatMap((record) => (record.ok ? [record.dataset] : []));
    expect(datasets.length).toBeGreaterThan(0);
    for (const dataset of datasets) {
      expect(() => assertValid('dataset', asDatasetInput(dataset))).not.toThrow();
      for (const resource of dataset.resources) expect(new URL(resource.url).protocol).toMatch(/^https?:$/);
    }
    expect(new Set(datasets.map((dataset) => dataset.name)).size).toBe(datasets.length);
  });

  it('is a check that can fail: a record with a too-long keyword is refused by the same validator', () => {
    expect(() => assertValid('dataset', { name: 'h--x--y-0123456789', title: 't', licence: 'proprietary', keywords: ['x'.repeat(61)] })).toThrow();
  });
});
