import fc from 'fast-check';
import { assertValid } from '../../../functions/domain/metadata-schemas';
import { HarvestFormatError, type MappedPage } from '../../../functions/harvest/harvested-dataset';
import { mapCkanPage } from '../../../functions/harvest/mappers/ckan';
import { mapDcatUsPage } from '../../../functions/harvest/mappers/dcat-us';
import { mapOpendatasoftPage } from '../../../functions/harvest/mappers/opendatasoft';
import { mapSocrataPage } from '../../../functions/harvest/mappers/socrata';
import { context } from './harvest-fixtures';

/**
 * Whatever a source puts in a record, mapping a page never throws for it: each record is either
 * a dataset the exchange's schema accepts or a failure of its own. Records are generated from
 * the fields each mapper reads, filled with arbitrary JSON, plus arbitrary JSON on its own.
 */

const anyJson = fc.jsonValue({ maxDepth: 3 });
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ minLength: 150, maxLength: 400 }),
  fc.constantFrom('<p>x</p>', '<script>x</script>', 'mailto:a@b.example', 'R/P1D', 'uk-ogl', 'E09000007', '2020-01-01/2021', 'https://x.example/a.csv'),
);
const value = fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: anyJson });

/** Objects with the fields a mapper reads (the first ones usually present), or any JSON at all. */
const recordOf = (usual: string[], optional: string[]) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record(Object.fromEntries([...usual, ...optional].map((name) => [name, value])), { requiredKeys: usual }) },
    { weight: 1, arbitrary: anyJson },
  );

const ckanPackage = recordOf(
  ['id', 'title'],
  ['name', 'notes', 'license_id', 'license_title', 'tags', 'groups', 'extras', 'resources', 'organization', 'maintainer_email', 'metadata_modified'],
);
const dcatUsDataset = recordOf(
  ['identifier', 'title'],
  ['description', 'keyword', 'license', 'theme', 'accrualPeriodicity', 'temporal', 'spatial', 'contactPoint', 'publisher', 'distribution', 'accessLevel'],
);
const socrataResult = fc.oneof(
  fc.record({
    resource: recordOf(['id', 'name'], ['description', 'type', 'updatedAt', 'attribution']),
    metadata: recordOf([], ['domain', 'license']),
    classification: anyJson,
    permalink: value,
  }),
  anyJson,
);
const odsDataset = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      dataset_id: fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,30}$/), value),
      has_records: anyJson,
      features: anyJson,
      attachments: anyJson,
      metas: fc.record({ default: recordOf(['title'], ['description', 'keyword', 'theme', 'license', 'territory']), dcat: anyJson }),
    }),
  },
  { weight: 1, arbitrary: anyJson },
);

/** A failing record is reported as found: shrinking long strings through the schema validator takes minutes. */
const RUNS = { numRuns: 300, endOnFailure: true };

/** Mapped records seen, so a run that only ever produced failures shows up. */
let mapped = 0;

const checkPage = (page: MappedPage, size: number) => {
  expect(page.records).toHaveLength(size);
  for (const record of page.records) {
    if (record.ok) mapped += 1;
    if (!record.ok) {
      expect(typeof record.failure.message).toBe('string');
      continue;
    }
    const { resources: _resources, provenance: _provenance, publisher: _publisher, ...fields } = record.dataset;
    assertValid('dataset', { ...fields, licence: fields.licence ?? 'proprietary' });
  }
};

describe('hostile records', () => {
  beforeEach(() => {
    mapped = 0;
  });

  afterEach(() => {
    if (expect.getState().currentTestName?.includes('fails alone')) expect(mapped).toBeGreaterThan(20);
  });

  it('CKAN: every package is mapped or fails alone', () => {
    fc.assert(
      fc.property(fc.array(ckanPackage, { maxLength: 5 }), (results) =>
        checkPage(mapCkanPage({ success: true, result: { count: 100, results } }, context), results.length),
      ),
      RUNS,
    );
  });

  it('DCAT-US: every dataset is mapped or fails alone', () => {
    fc.assert(
      fc.property(fc.array(dcatUsDataset, { maxLength: 5 }), (dataset) => {
        const kept = dataset.filter(
          (entry) => !(typeof entry === 'object' && entry !== null && /\/data\.json$/.test(String((entry as { identifier?: unknown }).identifier))),
        );
        checkPage(mapDcatUsPage({ dataset }, context), kept.length);
      }),
      RUNS,
    );
  });

  it('Socrata: every result is mapped or fails alone', () => {
    fc.assert(
      fc.property(fc.array(socrataResult, { maxLength: 5 }), (results) => checkPage(mapSocrataPage({ results, resultSetSize: 10 }, context), results.length)),
      RUNS,
    );
  });

  it('OpenDataSoft: every dataset is mapped or fails alone', () => {
    fc.assert(
      fc.property(fc.array(odsDataset, { maxLength: 5 }), (results) =>
        checkPage(mapOpendatasoftPage({ results, total_count: 10 }, { ...context, sourceUrl: 'https://data.example.org' }), results.length),
      ),
      RUNS,
    );
  });

  it('a page that is not a page is a HarvestFormatError, never another exception', () => {
    fc.assert(
      fc.property(anyJson, (page) => {
        const maps = [
          () => mapCkanPage(page, context),
          () => mapDcatUsPage(page, context),
          () => mapSocrataPage(page, context),
          () => mapOpendatasoftPage(page, { ...context, sourceUrl: 'https://data.example.org' }),
        ];
        for (const map of maps) {
          try {
            map();
          } catch (error) {
            expect(error).toBeInstanceOf(HarvestFormatError);
          }
        }
      }),
      RUNS,
    );
  });
});
