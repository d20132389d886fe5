import { assemble, RecordError } from '../assemble';
import { spatialCoverage } from '../coverage';
import { asArray, cleanDescription, cleanKeywords, cleanTitle, cleanUrl, field, isRecord, resourceLink, text } from '../fields';
import { HarvestFormatError, type HarvestedDataset, type HarvestedResource, type MapContext, type MappedPage } from '../harvested-dataset';
import { mapLicence } from '../licences';
import { mapEach } from '../map-records';
import { mapThemes } from '../themes';

/**
 * Socrata Discovery API (api/catalog/v1) results to harvested datasets. The catalogue entry has
 * no distributions; a tabular asset (`type: dataset`) is downloadable at the domain's standard
 * export and SODA endpoints, which are given as its resources. Other asset types (maps, charts,
 * stories, external links) are linked by their permalink only.
 */

type Json = Record<string, unknown>;

const SOCRATA_ID = /^[a-z0-9]{4}-[a-z0-9]{4}$/;

const exportsOf = (domain: string, id: string): Array<HarvestedResource | undefined> => [
  resourceLink({ title: 'CSV export', url: `https://${domain}/api/views/${id}/rows.csv?accessType=DOWNLOAD`, format: 'CSV', mediaType: 'text/csv' }),
  resourceLink({ title: 'JSON (SODA API)', url: `https://${domain}/resource/${id}.json`, format: 'JSON', mediaType: 'application/json' }),
];

/** Domain names only: a value with a path, port or anything odd is not used to build URLs. */
const domainOf = (value: unknown): string | undefined => {
  const domain = text(value)?.toLowerCase();
  return domain && /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/.test(domain) ? domain : undefined;
};

/** The SoQL-style epoch-or-ISO times Socrata uses, as ISO 8601. */
const isoTime = (value: unknown): string | undefined => {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000).toISOString();
  return text(value);
};

export const mapSocrataResult = (result: unknown, context: MapContext): HarvestedDataset => {
  if (!isRecord(result)) throw new RecordError('the record is not a Discovery API result object');
  const resource = field(result, 'resource');
  if (!isRecord(resource)) throw new RecordError('the record has no resource object');
  const classification: Json = isRecord(field(result, 'classification')) ? (field(result, 'classification') as Json) : {};
  const metadata: Json = isRecord(field(result, 'metadata')) ? (field(result, 'metadata') as Json) : {};
  const id = text(field(resource, 'id'));
  const domain = domainOf(field(metadata, 'domain'));
  const licence = text(field(metadata, 'license'));
  const permalink = cleanUrl(field(result, 'permalink')) ?? cleanUrl(field(result, 'link'));
  const tabular = text(field(resource, 'type')) === 'dataset' && id !== undefined && SOCRATA_ID.test(id) && domain !== undefined;
  const attribution = cleanTitle(field(resource, 'attribution'));
  return assemble(
    'socrata',
    context,
    {
      identifier: id && domain ? `${domain}/${id}` : id,
      readableName: text(field(resource, 'name')),
      recordUrl: permalink,
      lastChangedAtSource: isoTime(field(resource, 'updatedAt')),
      licenceAtSource: licence,
    },
    {
      title: cleanTitle(field(resource, 'name')),
      description: cleanDescription(field(resource, 'description')),
      licence: mapLicence(licence),
      keywords: cleanKeywords([...asArray(field(classification, 'domain_tags')), ...asArray(field(classification, 'tags'))]),
      themes: mapThemes([text(field(classification, 'domain_category')), ...asArray(field(classification, 'categories')).map(text)]),
      spatialCoverage: spatialCoverage(
        asArray(field(classification, 'domain_metadata'))
          .filter(isRecord)
          .map((entry) => text(field(entry, 'value'))),
      ),
      publisher: attribution ? { name: attribution } : domain ? { name: domain } : undefined,
      resources: tabular ? exportsOf(domain, id) : [resourceLink({ title: 'Page at the source', url: permalink, format: 'HTML', mediaType: 'text/html' })],
    },
  );
};

const identifierOf = (result: unknown): string | undefined => {
  const resource = isRecord(result) ? field(result, 'resource') : undefined;
  return isRecord(resource) ? text(field(resource, 'id')) : undefined;
};

/** A Discovery API page; paged by `offset`, with `resultSetSize` the total. */
export const mapSocrataPage = (response: unknown, context: MapContext, offset = 0): MappedPage => {
  const results = isRecord(response) ? field(response, 'results') : undefined;
  if (!Array.isArray(results)) throw new HarvestFormatError('socrata', 'the response has no results list');
  const size = field(response as Json, 'resultSetSize');
  const total = typeof size === 'number' && Number.isSafeInteger(size) ? size : undefined;
  const reached = offset + results.length;
  return {
    records: mapEach(results, (result) => mapSocrataResult(result, context), identifierOf),
    ...(total !== undefined ? { total } : {}),
    ...(total !== undefined && results.length > 0 && reached < total ? { next: { offset: reached } } : {}),
  };
};
