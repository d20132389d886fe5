import type { Urls } from '../api/http/urls';
import type { Dataset } from '../domain/datasets';
import type { CatalogEntry } from './catalog-entry';
import { linkedFiles, linkHealth, overdueNote, overdueSince } from './link-health';
import { accessRights, distributionFormats, euFileType, euFrequencies, euThemes, gssUri, ianaMediaType, licenceOf } from './vocabularies';

/**
 * DCAT-AP as JSON-LD: a dcat:Catalog whose pages are Hydra partial collection views, and one
 * document per dataset. Every property uses a prefix from `context`; IRIs are written as
 * {"@id"} and dates carry their xsd type, so no term definitions are needed to read it.
 */
export const context = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  /** The exchange's own terms: a harvested file's link health and a source's overdue flag (README, "Connect an existing catalogue"). */
  ldx: 'https://data.london.gov.uk/ldx/ns#',
} as const;

type Json = Record<string, unknown>;

const iri = (value: string) => ({ '@id': value });
const dateTime = (value: string) => ({ '@value': value, '@type': 'xsd:dateTime' });
const date = (value: string) => ({ '@value': value, '@type': 'xsd:date' });
const defined = (fields: Json): Json => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));

const spatialOf = (dataset: Dataset): Json[] | undefined => {
  const places: Json[] = (dataset.spatialCoverage?.gssCodes ?? []).map((code) => iri(gssUri(code)));
  if (dataset.spatialCoverage?.description) places.push({ '@type': 'dct:Location', 'skos:prefLabel': dataset.spatialCoverage.description });
  return places.length > 0 ? places : undefined;
};

const temporalOf = (dataset: Dataset): Json | undefined => {
  const coverage = dataset.temporalCoverage;
  if (!coverage) return undefined;
  return defined({ '@type': 'dct:PeriodOfTime', 'dcat:startDate': date(coverage.start), 'dcat:endDate': coverage.end ? date(coverage.end) : undefined });
};

const contactPointOf = ({ dataset, publisher }: CatalogEntry): Json =>
  defined({
    '@type': 'vcard:Kind',
    'vcard:fn': dataset.contactPoint?.name ?? publisher?.name ?? dataset.organisation,
    'vcard:hasEmail': dataset.contactPoint?.email ? iri(`mailto:${dataset.contactPoint.email}`) : undefined,
  });

const distributionsOf = ({ dataset, published, dataReadable }: CatalogEntry, urls: Urls): Json[] => {
  const licence = licenceOf(dataset);
  return published.flatMap((resource): Json[] => {
    const title = resource.title ?? resource.name;
    if (!dataReadable) {
      // Only the way to ask: no download link for data the caller may not read.
      return [
        {
          '@type': 'dcat:Distribution',
          'dct:title': `${title} (access on request)`,
          'dct:description': 'Shared data: available to organisations granted access. Request access on the dataset page.',
          'dcat:accessURL': iri(urls.datasetPage(dataset.name)),
          'dct:accessRights': iri(accessRights.shared),
        },
      ];
    }
    return distributionFormats.map(({ format, label, mediaType, euFileType: fileType }) => {
      const download = urls.download(dataset.name, resource.name, format);
      return defined({
        '@type': 'dcat:Distribution',
        'dct:title': `${title} (${label})`,
        'dct:description': resource.description,
        'dcat:accessURL': iri(download),
        'dcat:downloadURL': iri(download),
        'dcat:mediaType': iri(ianaMediaType(mediaType)),
        'dct:format': iri(euFileType(fileType)),
        'dct:license': licence ? iri(licence.url) : undefined,
        'dct:modified': resource.current ? dateTime(resource.current.publishedAt) : undefined,
      });
    });
  });
};

/**
 * A harvested dataset's files at its source: the link checker's last finding as ldx:linkStatus
 * (working, dead, unchecked), ldx:linkChecked and ldx:linkHttpStatus, and in words as skos:note.
 */
const linkedDistributionsOf = (dataset: Dataset): Json[] =>
  linkedFiles(dataset).map((file) => {
    const health = linkHealth(file.check);
    const download = file.mediaType !== undefined && file.mediaType !== 'text/html';
    return defined({
      '@type': 'dcat:Distribution',
      'dct:title': file.title,
      'dct:description': file.description,
      'dcat:accessURL': iri(file.url),
      'dcat:downloadURL': download ? iri(file.url) : undefined,
      'dcat:mediaType': file.mediaType ? iri(ianaMediaType(file.mediaType)) : undefined,
      'dcat:byteSize': file.sizeBytes !== undefined ? { '@value': String(file.sizeBytes), '@type': 'xsd:nonNegativeInteger' } : undefined,
      'skos:note': health.note,
      'ldx:linkStatus': health.status,
      'ldx:linkChecked': health.checked ? dateTime(health.checked) : undefined,
      'ldx:linkHttpStatus': health.httpStatus,
    });
  });

/** One dcat:Dataset node (without @context). */
export const dcatApDataset = (entry: CatalogEntry, urls: Urls): Json => {
  const { dataset } = entry;
  const licence = licenceOf(dataset);
  const themes = [...new Set((dataset.themes ?? []).map((theme) => euThemes[theme]))];
  const distributions = [...distributionsOf(entry, urls), ...linkedDistributionsOf(dataset)];
  const overdue = overdueSince(dataset);
  return defined({
    '@id': urls.dataset(dataset.name),
    '@type': 'dcat:Dataset',
    'dct:identifier': urls.dataset(dataset.name),
    'dct:title': dataset.title,
    'dct:description': dataset.description?.trim() ? dataset.description : dataset.title,
    'dct:issued': dateTime(dataset.created),
    'dct:modified': dateTime(dataset.modified),
    'dct:publisher': defined({
      '@id': urls.organisation(dataset.organisation),
      '@type': 'foaf:Organization',
      'foaf:name': entry.publisher?.name ?? dataset.organisation,
    }),
    'dcat:contactPoint': contactPointOf(entry),
    'dcat:keyword': dataset.keywords?.length ? dataset.keywords : undefined,
    'dcat:theme': themes.length > 0 ? themes.map(iri) : undefined,
    'dct:accessRights': iri(accessRights[dataset.tier]),
    'dct:license': licence ? iri(licence.url) : undefined,
    'dct:accrualPeriodicity': dataset.updateFrequency ? iri(euFrequencies[dataset.updateFrequency]) : undefined,
    'dct:spatial': spatialOf(dataset),
    'dct:temporal': temporalOf(dataset),
    'dcat:landingPage': iri(urls.datasetPage(dataset.name)),
    'foaf:isPrimaryTopicOf': iri(urls.datasetJsonLd(dataset.name)),
    'dct:conformsTo': entry.dataSchemaUri ? iri(entry.dataSchemaUri) : undefined,
    'dcat:distribution': distributions.length > 0 ? distributions : undefined,
    'skos:note': overdue ? overdueNote(overdue, dataset.updateFrequency) : undefined,
    'ldx:overdueSince': overdue ? dateTime(overdue) : undefined,
  });
};

/** The per-dataset document, /dataset/{name}.jsonld. */
export const dcatApDatasetDocument = (entry: CatalogEntry, urls: Urls): Json => ({ '@context': context, ...dcatApDataset(entry, urls) });

/** Links of one page of the catalogue, already built by the caller (they are HTTP addresses). */
export interface CatalogView {
  self: string;
  first: string;
  last: string;
  previous?: string;
  next?: string;
}

export const dcatApCatalog = (entries: CatalogEntry[], totalItems: number, view: CatalogView, urls: Urls): Json => ({
  '@context': context,
  '@id': urls.dcatApCatalog(),
  '@type': ['dcat:Catalog', 'hydra:Collection'],
  'dct:title': 'London Data Exchange',
  'dct:description':
    "Open, shared and partner datasets published on the London Data Exchange by London's boroughs, Transport for London, the GLA and their partners.",
  'dct:publisher': { '@type': 'foaf:Organization', 'foaf:name': 'Greater London Authority', 'foaf:homepage': iri('https://www.london.gov.uk/') },
  'foaf:homepage': iri(urls.page('/')),
  'dct:language': iri('http://publications.europa.eu/resource/authority/language/ENG'),
  'hydra:totalItems': totalItems,
  'dcat:dataset': entries.map((entry) => dcatApDataset(entry, urls)),
  'hydra:view': defined({
    '@id': view.self,
    '@type': 'hydra:PartialCollectionView',
    'hydra:first': iri(view.first),
    'hydra:previous': view.previous ? iri(view.previous) : undefined,
    'hydra:next': view.next ? iri(view.next) : undefined,
    'hydra:last': iri(view.last),
  }),
});
