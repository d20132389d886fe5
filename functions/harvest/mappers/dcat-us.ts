import { assemble, RecordError } from '../assemble';
import { spatialCoverage, temporalFromInterval } from '../coverage';
import { asArray, cleanDescription, cleanKeywords, cleanTitle, cleanUrl, contactPoint, field, isRecord, resourceLink, text } from '../fields';
import { mapFrequency } from '../frequencies';
import { HarvestFormatError, type HarvestedDataset, type HarvestedResource, type MapContext, type MappedPage } from '../harvested-dataset';
import { htmlToText } from '../html-text';
import { mapLicence } from '../licences';
import { nextFromLinkHeader } from '../link-header';
import { mapEach } from '../map-records';
import { mapThemes } from '../themes';

/**
 * DCAT-US (Project Open Data data.json, 1.1 and the older 1.0) datasets to harvested datasets.
 * This is also what ArcGIS Hub and Socrata publish at /data.json, with their quirks: 1.0 files
 * are a bare array whose first entry describes the file itself, keywords may be one
 * comma-separated string, licences may be HTML or "name\npublisher\nurl", and `hasEmail` may not
 * be an address at all.
 */

type Json = Record<string, unknown>;

/** 1.0 keeps formats in `formats: [{label, value}]`; 1.1 in `format` and `mediaType`. */
const distributionsOf = (dataset: Json): Array<HarvestedResource | undefined> => {
  const links = asArray(field(dataset, 'distribution'))
    .filter(isRecord)
    .map((distribution) => {
      const formats = asArray(field(distribution, 'formats')).filter(isRecord);
      return resourceLink({
        title: field(distribution, 'title'),
        url: field(distribution, 'downloadURL') ?? field(distribution, 'accessURL'),
        description: field(distribution, 'description'),
        format: field(distribution, 'format') ?? (formats[0] && field(formats[0], 'label')),
        mediaType: field(distribution, 'mediaType') ?? (formats[0] && field(formats[0], 'value')),
      });
    });
  if (links.length > 0) return links;
  // 1.0 datasets without `distribution` give their one file at the top level.
  return [
    resourceLink({ title: field(dataset, 'title'), url: field(dataset, 'accessURL') ?? field(dataset, 'webService'), mediaType: field(dataset, 'format') }),
  ];
};

const keywordsOf = (value: unknown): unknown[] => (typeof value === 'string' ? value.split(',') : asArray(value));

/** The publisher's own name, with the chain of parent organisations left out. */
const publisherOf = (value: unknown) => {
  const name = isRecord(value) ? cleanTitle(field(value, 'name')) : cleanTitle(value);
  return name ? { name } : undefined;
};

export const mapDcatUsDataset = (dataset: unknown, context: MapContext): HarvestedDataset => {
  if (!isRecord(dataset)) throw new RecordError('the record is not a data.json dataset object');
  const accessLevel = text(field(dataset, 'accessLevel'))?.toLowerCase();
  if (accessLevel === 'non-public') throw new RecordError('the record is non-public at the source');
  const contact = field(dataset, 'contactPoint');
  const licenceText = text(field(dataset, 'license'));
  const licenceWords = licenceText && htmlToText(licenceText).replace(/\s+/g, ' ').trim();
  const themeValue = field(dataset, 'theme');
  return assemble(
    'dcat-us',
    context,
    {
      identifier: text(field(dataset, 'identifier')),
      readableName: text(field(dataset, 'title')),
      recordUrl: cleanUrl(field(dataset, 'landingPage')),
      lastChangedAtSource: text(field(dataset, 'modified')),
      licenceAtSource: licenceWords || undefined,
    },
    {
      title: cleanTitle(field(dataset, 'title')),
      description: cleanDescription(field(dataset, 'description')),
      licence: mapLicence(licenceText, licenceWords),
      keywords: cleanKeywords(keywordsOf(field(dataset, 'keyword'))),
      themes: mapThemes(asArray(themeValue).filter((theme): theme is string => typeof theme === 'string')),
      updateFrequency: mapFrequency(text(field(dataset, 'accrualPeriodicity'))),
      temporalCoverage: temporalFromInterval(text(field(dataset, 'temporal'))),
      spatialCoverage: spatialCoverage([text(field(dataset, 'spatial'))], undefined),
      contactPoint: isRecord(contact) ? contactPoint(field(contact, 'fn'), field(contact, 'hasEmail')) : undefined,
      publisher: publisherOf(field(dataset, 'publisher')),
      resources: distributionsOf(dataset),
    },
  );
};

/** The entry a 1.0 file has about itself (its identifier is the data.json URL): not a dataset. */
const describesTheFile = (entry: unknown): boolean => isRecord(entry) && /\/data\.json$/.test(text(field(entry, 'identifier')) ?? '');

const identifierOf = (entry: unknown): string | undefined => (isRecord(entry) ? text(field(entry, 'identifier')) : undefined);

/**
 * A data.json document. Paging is not part of DCAT-US; a source that pages (this exchange does)
 * says so in an RFC 8288 Link header, given here with the URL the page came from. Failure
 * positions count the datasets only, not a 1.0 file's entry about itself.
 */
export const mapDcatUsPage = (document: unknown, context: MapContext, paging: { linkHeader?: string; pageUrl?: string } = {}): MappedPage => {
  const entries = Array.isArray(document) ? document : isRecord(document) ? field(document, 'dataset') : undefined;
  if (!Array.isArray(entries)) throw new HarvestFormatError('dcat-us', 'the document has no dataset list');
  const next = nextFromLinkHeader(paging.linkHeader, paging.pageUrl);
  return {
    records: mapEach(
      entries.filter((entry) => !describesTheFile(entry)),
      (entry) => mapDcatUsDataset(entry, context),
      identifierOf,
    ),
    ...(next ? { next: { url: next } } : {}),
  };
};
