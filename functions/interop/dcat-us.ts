import type { Urls } from '../api/http/urls';
import type { Dataset } from '../domain/datasets';
import type { CatalogEntry } from './catalog-entry';
import { linkedFiles, linkHealth, overdueSince } from './link-health';
import { accessLevels, distributionFormats, isoFrequencies, licenceOf, themeLabel } from './vocabularies';

/**
 * DCAT-US 1.1 (Project Open Data `data.json`, non-federal variant): what data.gov-style
 * harvesters read. Pure: the entries were gathered through the policy by the caller.
 */
export const DCAT_US_SCHEMA = 'https://project-open-data.cio.gov/v1.1/schema';

type Json = Record<string, unknown>;

/** The address part DCAT-US accepts in `hasEmail` (its schema's pattern); other valid addresses are left out rather than break the feed. */
const DCAT_US_EMAIL = /^[\w~!$&'()*+,;=:.-]+@[\w.-]+\.[\w.-]+?$/;

const RIGHTS_LIMIT = 255;

const rightsOf = (dataset: Dataset, urls: Urls): string | undefined => {
  if (dataset.tier === 'private') return 'Private: visible only to the publishing organisation while it is prepared.';
  if (dataset.tier !== 'shared') return undefined;
  const text = 'Shared data: the metadata is public; the data is available only to organisations granted access under a data sharing agreement.';
  const withLink = `${text} Request access at ${urls.datasetPage(dataset.name)}`;
  return withLink.length <= RIGHTS_LIMIT ? withLink : text;
};

const spatialOf = (dataset: Dataset): string | undefined => {
  const codes = dataset.spatialCoverage?.gssCodes ?? [];
  const description = dataset.spatialCoverage?.description;
  if (description && codes.length > 0) return `${description} (${codes.join(', ')})`;
  return description ?? (codes.length > 0 ? codes.join(', ') : undefined);
};

/**
 * An ISO 8601 interval. Coverage that is still running has no end date: it is given as
 * running until the dataset's last update, since DCAT-US has no open-ended interval.
 */
export const temporalInterval = (dataset: Dataset): string | undefined => {
  const coverage = dataset.temporalCoverage;
  if (!coverage) return undefined;
  const lastUpdate = dataset.modified.slice(0, 10);
  const end = coverage.end ?? (lastUpdate > coverage.start ? lastUpdate : coverage.start);
  return `${coverage.start}/${end}`;
};

const contactPointOf = ({ dataset, publisher }: CatalogEntry): Json => {
  const email = dataset.contactPoint?.email;
  return {
    '@type': 'vcard:Contact',
    fn: dataset.contactPoint?.name ?? publisher?.name ?? dataset.organisation,
    ...(email && DCAT_US_EMAIL.test(email) ? { hasEmail: `mailto:${email}` } : {}),
  };
};

const distributionsOf = ({ dataset, published, dataReadable }: CatalogEntry, urls: Urls): Json[] =>
  published.flatMap((resource): Json[] => {
    const title = resource.title ?? resource.name;
    if (!dataReadable) {
      // No downloadURL: the data is not the caller's to read. The dataset page explains how to ask for it.
      return [
        {
          '@type': 'dcat:Distribution',
          title: `${title} (access on request)`,
          description: 'Shared data: available to organisations granted access. Request access on the dataset page.',
          accessURL: urls.datasetPage(dataset.name),
          mediaType: 'text/html',
          format: 'Web page',
        },
      ];
    }
    return distributionFormats.map(({ format, label, mediaType }) => ({
      '@type': 'dcat:Distribution',
      title: `${title} (${label})`,
      ...(resource.description ? { description: resource.description } : {}),
      downloadURL: urls.download(dataset.name, resource.name, format),
      mediaType,
      format: label,
    }));
  });

/** DCAT-US's pattern for mediaType (a downloadURL needs one); a harvested type outside it leaves the link an accessURL. */
const MEDIA_TYPE = /^[-\w]+\/[-\w]+(\.[-\w]+)*([+][-\w]+)?$/;

/**
 * A harvested dataset's files at its source, each with the link checker's last finding: linkStatus
 * (working, dead, unchecked), linkChecked and linkHttpStatus, and the finding in words in the description.
 */
const linkedDistributionsOf = (dataset: Dataset): Json[] =>
  linkedFiles(dataset).map((file) => {
    const health = linkHealth(file.check);
    const direct = file.mediaType !== undefined && MEDIA_TYPE.test(file.mediaType);
    const fields: Json = {
      '@type': 'dcat:Distribution',
      title: file.title,
      description: file.description ? `${file.description}\n\n${health.note}` : health.note,
      ...(direct ? { downloadURL: file.url, mediaType: file.mediaType } : { accessURL: file.url }),
      format: file.format,
      linkStatus: health.status,
      linkChecked: health.checked,
      linkHttpStatus: health.httpStatus,
    };
    return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  });

export const dcatUsDataset = (entry: CatalogEntry, urls: Urls): Json => {
  const { dataset } = entry;
  const licence = licenceOf(dataset);
  const frequency = dataset.updateFrequency ? isoFrequencies[dataset.updateFrequency] : undefined;
  const distribution = [...distributionsOf(entry, urls), ...linkedDistributionsOf(dataset)];
  const optional: Json = {
    keyword: dataset.keywords?.length ? dataset.keywords : undefined,
    theme: dataset.themes?.length ? dataset.themes.map(themeLabel) : undefined,
    license: licence?.url,
    rights: rightsOf(dataset, urls),
    spatial: spatialOf(dataset),
    temporal: temporalInterval(dataset),
    accrualPeriodicity: frequency,
    conformsTo: entry.dataSchemaUri,
    describedBy: entry.dataReadable && entry.published.length > 0 ? urls.datapackage(dataset.name) : undefined,
    describedByType: entry.dataReadable && entry.published.length > 0 ? 'application/json' : undefined,
    distribution: distribution.length > 0 ? distribution : undefined,
    // A harvested dataset its source has not updated as often as it promises (the exchange's own field).
    overdueSince: overdueSince(dataset),
  };
  return {
    '@type': 'dcat:Dataset',
    identifier: urls.dataset(dataset.name),
    title: dataset.title,
    description: dataset.description?.trim() ? dataset.description : dataset.title,
    modified: dataset.modified,
    issued: dataset.created,
    publisher: { '@type': 'org:Organization', name: entry.publisher?.name ?? dataset.organisation },
    contactPoint: contactPointOf(entry),
    accessLevel: accessLevels[dataset.tier],
    landingPage: urls.datasetPage(dataset.name),
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
};

export const dcatUsCatalog = (entries: CatalogEntry[], urls: Urls): Json => ({
  '@context': `${DCAT_US_SCHEMA}/catalog.jsonld`,
  '@id': urls.dcatUsCatalog(),
  '@type': 'dcat:Catalog',
  conformsTo: DCAT_US_SCHEMA,
  describedBy: `${DCAT_US_SCHEMA}/catalog.json`,
  dataset: entries.map((entry) => dcatUsDataset(entry, urls)),
});
