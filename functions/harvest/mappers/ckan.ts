import { assemble, RecordError } from '../assemble';
import { spatialCoverage, temporalCoverage } from '../coverage';
import { asArray, cleanDescription, cleanKeywords, cleanTitle, cleanUrl, contactPoint, field, isRecord, resourceLink, text } from '../fields';
import { mapFrequency } from '../frequencies';
import { HarvestFormatError, type HarvestedDataset, type MapContext, type MappedPage } from '../harvested-dataset';
import { mapLicence } from '../licences';
import { mapEach } from '../map-records';
import { mapThemes } from '../themes';

/**
 * CKAN package dicts (package_search, package_show, group_package_show) to harvested datasets.
 * CKAN itself has no fields for frequency, coverage or themes, so those come from the extras and
 * groups each portal uses (data.gov.uk's theme-primary, the spatial harvester's temporal-extent-*).
 */

type Json = Record<string, unknown>;

/** Extras as a Map of lower-cased key to string value (JSON values are kept as their JSON text). */
const extrasOf = (pkg: Json): Map<string, string> => {
  const extras = new Map<string, string>();
  for (const extra of asArray(field(pkg, 'extras'))) {
    if (!isRecord(extra)) continue;
    const key = text(field(extra, 'key'));
    const value = field(extra, 'value');
    if (key && value !== undefined && value !== null) extras.set(key.toLowerCase(), typeof value === 'string' ? value : JSON.stringify(value));
  }
  return extras;
};

const firstOf = (extras: Map<string, string>, pkg: Json, keys: string[]): string | undefined => {
  for (const key of keys) {
    const value = text(field(pkg, key)) ?? text(extras.get(key.toLowerCase()));
    if (value) return value;
  }
  return undefined;
};

/** A value that may be a JSON list in a string (data.gov.uk's theme-secondary: '["Transport"]'). */
const listIn = (value: string | undefined): string[] => {
  if (!value) return [];
  if (value.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed.filter((item): item is string => typeof item === 'string');
    } catch {
      // not JSON after all: use it as one label
    }
  }
  return [value];
};

const joinUrl = (base: string | undefined, path: string): string | undefined => (base ? cleanUrl(`${base.replace(/\/+$/, '')}/${path}`) : undefined);

const FREQUENCY_KEYS = ['frequency', 'accrual_periodicity', 'accrualperiodicity', 'update_frequency', 'updatefrequency', 'frequency-of-update'];

/** Any extra whose key speaks of frequency, in whatever language (e.g. "Frequência de atualização"). */
const frequencyOf = (extras: Map<string, string>, pkg: Json) => {
  const named = firstOf(extras, pkg, FREQUENCY_KEYS);
  if (named) return mapFrequency(named);
  for (const [key, value] of extras) if (/frequ[eê]nc/.test(key)) return mapFrequency(value);
  return undefined;
};

const temporalOf = (extras: Map<string, string>, pkg: Json) =>
  temporalCoverage(
    firstOf(extras, pkg, ['temporal_coverage-from', 'temporal-extent-begin', 'temporal_start', 'temporal_coverage_start', 'temporal_from']),
    firstOf(extras, pkg, ['temporal_coverage-to', 'temporal-extent-end', 'temporal_end', 'temporal_coverage_end', 'temporal_to']),
  );

const spatialOf = (extras: Map<string, string>) => {
  const codeSources = [...extras].filter(([key]) => /spatial|geo|area|coverage|gss/.test(key)).map(([, value]) => value);
  const description = [...extras].find(([key]) => /^(geographic[_ ]coverage|spatial_text|cobertura geogr[aá]fica)$/.test(key))?.[1];
  return spatialCoverage(codeSources, description?.startsWith('{') ? undefined : description);
};

export const mapCkanPackage = (pkg: unknown, context: MapContext): HarvestedDataset => {
  if (!isRecord(pkg)) throw new RecordError('the record is not a CKAN package object');
  const extras = extrasOf(pkg);
  const name = text(field(pkg, 'name'));
  const organisation = isRecord(field(pkg, 'organization')) ? (field(pkg, 'organization') as Json) : undefined;
  const groups = asArray(field(pkg, 'groups')).filter(isRecord);
  const licenceId = text(field(pkg, 'license_id'));
  const licenceTitle = text(field(pkg, 'license_title'));
  const publisherName = cleanTitle(organisation && (field(organisation, 'title') ?? field(organisation, 'name')));
  const organisationName = organisation && text(field(organisation, 'name'));
  return assemble(
    'ckan',
    context,
    {
      identifier: text(field(pkg, 'id')) ?? name,
      readableName: name,
      recordUrl: name ? joinUrl(context.sourceUrl, `dataset/${encodeURIComponent(name)}`) : undefined,
      lastChangedAtSource: text(field(pkg, 'metadata_modified')),
      licenceAtSource: licenceTitle ?? licenceId,
    },
    {
      title: cleanTitle(field(pkg, 'title')) ?? cleanTitle(name),
      description: cleanDescription(field(pkg, 'notes')),
      licence: mapLicence(licenceId, licenceTitle, text(field(pkg, 'license_url')), extras.get('license_url')),
      keywords: cleanKeywords(asArray(field(pkg, 'tags')).map((tag) => (isRecord(tag) ? (field(tag, 'display_name') ?? field(tag, 'name')) : tag))),
      themes: mapThemes([
        ...groups.flatMap((group) => [text(field(group, 'title')) ?? text(field(group, 'name'))]),
        ...listIn(firstOf(extras, pkg, ['theme-primary'])),
        ...listIn(firstOf(extras, pkg, ['theme-secondary'])),
        ...listIn(firstOf(extras, pkg, ['theme'])),
      ]),
      updateFrequency: frequencyOf(extras, pkg),
      temporalCoverage: temporalOf(extras, pkg),
      spatialCoverage: spatialOf(extras),
      contactPoint:
        contactPoint(field(pkg, 'maintainer'), field(pkg, 'maintainer_email')) ??
        contactPoint(field(pkg, 'author'), field(pkg, 'author_email')) ??
        contactPoint(extras.get('contact-name'), field(pkg, 'contact-email') ?? extras.get('contact-email')),
      publisher: publisherName
        ? {
            name: publisherName,
            ...(organisationName && context.sourceUrl ? { url: joinUrl(context.sourceUrl, `organization/${encodeURIComponent(organisationName)}`) } : {}),
          }
        : undefined,
      resources: asArray(field(pkg, 'resources'))
        .filter(isRecord)
        .map((resource) =>
          resourceLink({
            title: field(resource, 'name'),
            url: field(resource, 'url'),
            description: field(resource, 'description'),
            format: field(resource, 'format'),
            mediaType: field(resource, 'mimetype'),
            size: field(resource, 'size'),
          }),
        ),
    },
  );
};

const identifierOf = (pkg: unknown): string | undefined => (isRecord(pkg) ? (text(field(pkg, 'id')) ?? text(field(pkg, 'name'))) : undefined);

/**
 * A CKAN Action API response: package_search (`result.results`, paged by `start`), package_show
 * (`result` is one package) or group_package_show (`result` is a list). `start` is the offset the
 * request asked for, which CKAN does not echo.
 */
export const mapCkanPage = (response: unknown, context: MapContext, start = 0): MappedPage => {
  if (!isRecord(response)) throw new HarvestFormatError('ckan', 'the response is not a JSON object');
  if (field(response, 'success') === false) {
    const error = field(response, 'error');
    throw new HarvestFormatError(
      'ckan',
      `the API answered success: false (${isRecord(error) ? (text(field(error, 'message')) ?? JSON.stringify(error)) : 'no message'})`,
    );
  }
  const result = field(response, 'result');
  if (Array.isArray(result)) return { records: mapEach(result, (pkg) => mapCkanPackage(pkg, context), identifierOf) };
  if (!isRecord(result)) throw new HarvestFormatError('ckan', 'the response has no result');
  const results = field(result, 'results');
  if (!Array.isArray(results)) return { records: mapEach([result], (pkg) => mapCkanPackage(pkg, context), identifierOf) };
  const count = field(result, 'count');
  const total = typeof count === 'number' && Number.isSafeInteger(count) ? count : undefined;
  const reached = start + results.length;
  return {
    records: mapEach(results, (pkg) => mapCkanPackage(pkg, context), identifierOf),
    ...(total !== undefined ? { total } : {}),
    ...(total !== undefined && results.length > 0 && reached < total ? { next: { offset: reached } } : {}),
  };
};
