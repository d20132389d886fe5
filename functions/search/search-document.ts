import type { Dataset } from '../domain/datasets';
import type { Tier } from '../domain/policy';
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
  /** Column names from the resources' current Table Schemas. */
  columns: string[];
  resourceIds: string[];
  created: string;
  /** The later of the dataset's and its resources' modification times. */
  modified: string;
  /** What the document was built from: a document is only replaced by one built from other records. */
  source: string;
}

const MEDIA_TYPE_FORMATS: Record<string, string> = {
  'text/csv': 'CSV',
  'application/csv': 'CSV',
  'text/tab-separated-values': 'TSV',
  'application/json': 'JSON',
  'application/x-ndjson': 'NDJSON',
  'application/ndjson': 'NDJSON',
  'application/geo+json': 'GEOJSON',
};

/** A resource's format: as declared, else from the media type of its current file. */
export const resourceFormat = (resource: Resource): string | undefined => {
  if (resource.format) return resource.format.toUpperCase();
  const mediaType = resource.current?.mediaType.split(';')[0].trim().toLowerCase();
  return mediaType ? MEDIA_TYPE_FORMATS[mediaType] : undefined;
};

/** Field names of a Frictionless Table Schema, ignoring anything that is not one. */
export const tableSchemaColumns = (schema: unknown): string[] => {
  const fields = (schema as { fields?: unknown } | undefined)?.fields;
  if (!Array.isArray(fields)) return [];
  return fields.flatMap((field) => (typeof (field as { name?: unknown })?.name === 'string' ? [(field as { name: string }).name] : []));
};

const unique = (values: Array<string | undefined>): string[] => [...new Set(values.filter((v): v is string => Boolean(v)))];

export const buildSearchDocument = (
  dataset: { value: Dataset; version: number },
  resources: Array<{ value: Resource; version: number }>,
  organisationName: string | undefined,
): SearchDocument => {
  const d = dataset.value;
  const modified = [d.modified, ...resources.map((r) => r.value.modified)].sort().at(-1) ?? d.modified;
  return {
    id: d.id,
    name: d.name,
    title: d.title,
    description: d.description ?? '',
    organisation: d.organisation,
    organisationName: organisationName ?? d.organisation,
    tier: d.tier,
    licence: d.licence,
    keywords: d.keywords ?? [],
    themes: d.themes ?? [],
    formats: unique(resources.map((r) => resourceFormat(r.value))).sort(),
    schemas: unique([d.dataSchema, ...resources.map((r) => r.value.dataSchema)]).sort(),
    columns: unique(resources.flatMap((r) => tableSchemaColumns(r.value.schema))),
    resourceIds: resources.map((r) => r.value.id),
    created: d.created,
    modified,
    source: [`d${dataset.version}`, ...resources.map((r) => `${r.value.name}:${r.version}`).sort()].join(' '),
  };
};
