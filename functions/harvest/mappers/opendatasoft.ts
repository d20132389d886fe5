import { assemble, RecordError } from '../assemble';
import { spatialCoverage, temporalFromInterval } from '../coverage';
import { asArray, cleanDescription, cleanKeywords, cleanTitle, cleanUrl, contactPoint, field, isRecord, resourceLink, text } from '../fields';
import { mapFrequency } from '../frequencies';
import { HarvestFormatError, type HarvestedDataset, type HarvestedResource, type MapContext, type MappedPage } from '../harvested-dataset';
import { mapLicence } from '../licences';
import { mapEach } from '../map-records';
import { mapThemes } from '../themes';

/**
 * OpenDataSoft Explore API v2.1 catalogue records (`GET /api/explore/v2.1/catalog/datasets`) to
 * harvested datasets. The standard metadata is in `metas.default`, the optional DCAT template in
 * `metas.dcat`. Records carry no portal address, so the portal's base URL is needed to link the
 * record page and the exports (CSV, JSON, Parquet, and GeoJSON for datasets with geometry).
 */

type Json = Record<string, unknown>;

const metasOf = (record: Json, template: string): Json => {
  const metas = field(record, 'metas');
  const section = isRecord(metas) ? field(metas, template) : undefined;
  return isRecord(section) ? section : {};
};

/** Dataset ids are slugs; anything else is not put into a URL path. */
const DATASET_ID = /^[A-Za-z0-9][A-Za-z0-9_.@-]*$/;

const exportsOf = (portal: string, id: string, record: Json): Array<HarvestedResource | undefined> => {
  if (field(record, 'has_records') === false) return [];
  const base = `${portal}/api/explore/v2.1/catalog/datasets/${id}/exports`;
  const geo = asArray(field(record, 'features')).includes('geo');
  return [
    resourceLink({ title: 'CSV export', url: `${base}/csv`, format: 'CSV', mediaType: 'text/csv' }),
    resourceLink({ title: 'JSON export', url: `${base}/json`, format: 'JSON', mediaType: 'application/json' }),
    resourceLink({ title: 'Parquet export', url: `${base}/parquet`, format: 'PARQUET', mediaType: 'application/vnd.apache.parquet' }),
    geo ? resourceLink({ title: 'GeoJSON export', url: `${base}/geojson`, format: 'GEOJSON', mediaType: 'application/geo+json' }) : undefined,
  ];
};

const attachmentsOf = (portal: string, id: string, record: Json): Array<HarvestedResource | undefined> =>
  asArray(field(record, 'attachments'))
    .filter(isRecord)
    .map((attachment) => {
      const attachmentId = text(field(attachment, 'id'));
      const url =
        cleanUrl(field(attachment, 'href')) ??
        cleanUrl(field(attachment, 'url')) ??
        (attachmentId && DATASET_ID.test(attachmentId) ? `${portal}/api/explore/v2.1/catalog/datasets/${id}/attachments/${attachmentId}` : undefined);
      return resourceLink({ title: field(attachment, 'title'), url, mediaType: field(attachment, 'mimetype') });
    });

export const mapOpendatasoftDataset = (record: unknown, context: MapContext, portalUrl: string): HarvestedDataset => {
  if (!isRecord(record)) throw new RecordError('the record is not an Explore API dataset object');
  const id = text(field(record, 'dataset_id'));
  if (id && !DATASET_ID.test(id)) throw new RecordError(`the dataset_id '${id.slice(0, 80)}' is not a dataset id`);
  const metas = metasOf(record, 'default');
  const dcat = metasOf(record, 'dcat');
  const portal = portalUrl.replace(/\/+$/, '');
  const licence = text(field(metas, 'license'));
  const publisher = cleanTitle(field(metas, 'publisher'));
  return assemble(
    'opendatasoft',
    context,
    {
      identifier: id,
      readableName: id,
      recordUrl: id ? cleanUrl(`${portal}/explore/dataset/${id}/`) : undefined,
      lastChangedAtSource: text(field(metas, 'modified')) ?? text(field(metas, 'metadata_processed')),
      licenceAtSource: licence,
    },
    {
      title: cleanTitle(field(metas, 'title')),
      description: cleanDescription(field(metas, 'description')),
      licence: mapLicence(licence, text(field(metas, 'license_url'))),
      keywords: cleanKeywords(asArray(field(metas, 'keyword'))),
      themes: mapThemes(asArray(field(metas, 'theme')).map(text)),
      updateFrequency: mapFrequency(text(field(dcat, 'accrualperiodicity'))),
      temporalCoverage: temporalFromInterval(text(field(dcat, 'temporal'))),
      spatialCoverage: spatialCoverage(
        [...asArray(field(metas, 'geographic_reference')).map(text), text(field(dcat, 'spatial'))],
        asArray(field(metas, 'territory')).map(text).filter(Boolean).join(', ') || undefined,
      ),
      contactPoint: contactPoint(field(dcat, 'contact_name'), field(dcat, 'contact_email')),
      publisher: publisher ? { name: publisher } : undefined,
      resources: id ? [...exportsOf(portal, id, record), ...attachmentsOf(portal, id, record)] : [],
    },
  );
};

const identifierOf = (record: unknown): string | undefined => (isRecord(record) ? text(field(record, 'dataset_id')) : undefined);

/** A catalog/datasets page, paged by `offset` (with `limit`), with `total_count` the total. */
export const mapOpendatasoftPage = (response: unknown, context: MapContext & { sourceUrl: string }, offset = 0): MappedPage => {
  const results = isRecord(response) ? field(response, 'results') : undefined;
  if (!Array.isArray(results)) throw new HarvestFormatError('opendatasoft', 'the response has no results list');
  const count = field(response as Json, 'total_count');
  const total = typeof count === 'number' && Number.isSafeInteger(count) ? count : undefined;
  const reached = offset + results.length;
  return {
    records: mapEach(results, (record) => mapOpendatasoftDataset(record, context, context.sourceUrl), identifierOf),
    ...(total !== undefined ? { total } : {}),
    ...(total !== undefined && results.length > 0 && reached < total ? { next: { offset: reached } } : {}),
  };
};
