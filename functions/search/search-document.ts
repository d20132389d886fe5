import type { Dataset } from '../domain/datasets';
import { linkedResourceId } from '../domain/linked-resource-id';
import { type Tier, tiers } from '../domain/policy';
import type { Resource } from '../domain/resources';

/** What the search index holds about one dataset: the searchable text, the filters and the facets. */
export interface SearchDocument {
  id: string;
  name: string;
  title: string;
  description: string;
  organisation: string;
  organisationName: string;
  tier: Tier;
  licence: string;
  keywords: string[];
  themes: string[];
  /** Upper-case file formats of the resources (CSV, JSON…), as CKAN's res_format. */
  formats: string[];
  /** Common data schemas declared by the dataset or its resources. */
  schemas: string[];
  /** GSS codes of the areas the dataset covers (spatialCoverage.gssCodes, upper-case): what `spatial=` looks for. */
  places: string[];
  /** Column names from the resources' current Table Schemas. */
  columns: string[];
  resourceIds: string[];
  created: string;
  /** The later of the dataset's and its resources' modification times. */
  modified: string;
  /** What the document was built from: a document is only replaced by one built from other records. */
  source: string;
}

/** A Map, not an object: the media type is whatever the uploader sent, and may be `constructor` or `__proto__`. */
const MEDIA_TYPE_FORMATS = new Map<string, string>([
  ['text/csv', 'CSV'],
  ['application/csv', 'CSV'],
  ['text/tab-separated-values', 'TSV'],
  ['application/json', 'JSON'],
  ['application/x-ndjson', 'NDJSON'],
  ['application/ndjson', 'NDJSON'],
  ['application/geo+json', 'GEOJSON'],
]);

/** A resource's format: as declared, else from the media type of its current file. */
export const resourceFormat = (resource: Resource): string | undefined => {
  if (typeof resource.format === 'string' && resource.format !== '') return resource.format.toUpperCase();
  const mediaType = resource.current?.mediaType;
  return typeof mediaType === 'string' ? MEDIA_TYPE_FORMATS.get(mediaType.split(';')[0].trim().toLowerCase()) : undefined;
};

/** Field names of a Frictionless Table Schema, ignoring anything that is not one. */
export const tableSchemaColumns = (schema: unknown): string[] => {
  const fields = (schema as { fields?: unknown } | undefined)?.fields;
  if (!Array.isArray(fields)) return [];
  return fields.flatMap((field) => (typeof (field as { name?: unknown })?.name === 'string' ? [(field as { name: string }).name] : []));
};

/**
 * The index takes strings only (anything else breaks its value tables and the snapshot), so a
 * record holding something else where a string belongs contributes nothing rather than that.
 */
const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const texts = (values: unknown): string[] => (Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : []);
const unique = (values: unknown[]): string[] => [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))];

const linkedIds = (d: Dataset): string[] =>
  d.provenance && Array.isArray(d.linkedResources)
    ? d.linkedResources.flatMap((file) => (typeof file?.url === 'string' ? [linkedResourceId(d.id, file.url)] : []))
    : [];

export const buildSearchDocument = (
  dataset: { value: Dataset; version: number },
  resources: Array<{ value: Resource; version: number }>,
  organisationName: string | undefined,
): SearchDocument => {
  const d = dataset.value;
  const created = text(d.created);
  const modified =
    unique([d.modified, ...resources.map((r) => r.value.modified)])
      .sort()
      .at(-1) ?? created;
  return {
    id: text(d.id),
    name: text(d.name),
    title: text(d.title),
    description: text(d.description),
    organisation: text(d.organisation),
    organisationName: text(organisationName, text(d.organisation)),
    // A tier the policy does not know is read as the narrowest one, never as wider.
    tier: tiers.includes(d.tier) ? d.tier : 'private',
    licence: text(d.licence),
    keywords: texts(d.keywords),
    themes: texts(d.themes),
    formats: unique(resources.map((r) => resourceFormat(r.value))).sort(),
    schemas: unique([d.dataSchema, ...resources.map((r) => r.value.dataSchema)]).sort(),
    places: unique(texts(d.spatialCoverage?.gssCodes).map((code) => code.toUpperCase())).sort(),
    columns: unique(resources.flatMap((r) => tableSchemaColumns(r.value.schema))),
    // A harvested dataset's files at its source too (CKAN lists them as link resources with these ids).
    resourceIds: [...texts(resources.map((r) => r.value.id)), ...linkedIds(d)],
    created,
    modified,
    source: [`d${dataset.version}`, ...resources.map((r) => `${r.value.name}:${r.version}`).sort()].join(' '),
  };
};
