import type { Urls } from '../api/http/urls';
import type { Resource } from '../domain/resources';
import type { CatalogEntry } from './catalog-entry';
import { licenceOf } from './vocabularies';

/**
 * Frictionless Data Package descriptors. Each resource points at the normalised CSV download
 * of its current version, and its Table Schema is rewritten to describe that file: ingest
 * writes numbers bare, dates and datetimes in ISO 8601, booleans as true/false and missing
 * values as empty cells, so the source file's number, date and boolean formats no longer apply.
 */
export const DATA_PACKAGE_PROFILE = 'https://datapackage.org/profiles/2.0/datapackage.json';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const FIELD_KEYS = ['name', 'type', 'title', 'description', 'constraints'];

const csvField = (field: Json): Json => {
  const copy = Object.fromEntries(FIELD_KEYS.filter((key) => key in field).map((key) => [key, field[key]]));
  // A string field's format (email, uri…) still holds in the normalised file; date formats do not.
  if (field.type === 'string' && typeof field.format === 'string') copy.format = field.format;
  return copy;
};

/** The Table Schema of the normalised CSV, from the version's stored (declared or inferred) schema. */
export const csvTableSchema = (stored: unknown): Json | undefined => {
  if (!isObject(stored) || !Array.isArray(stored.fields) || stored.fields.length === 0 || !stored.fields.every(isObject)) return undefined;
  const schema: Json = { fields: stored.fields.map(csvField), missingValues: [''] };
  if (stored.primaryKey !== undefined) schema.primaryKey = stored.primaryKey;
  if (Array.isArray(stored.uniqueKeys) && stored.uniqueKeys.length > 0) schema.uniqueKeys = stored.uniqueKeys;
  return schema;
};

const dataResource = (datasetName: string, resource: Resource, urls: Urls): Json => {
  const schema = csvTableSchema(resource.schema);
  return {
    name: resource.name,
    ...(resource.title ? { title: resource.title } : {}),
    ...(resource.description ? { description: resource.description } : {}),
    path: urls.download(datasetName, resource.name, 'csv'),
    type: 'table',
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    ...(schema ? { schema } : {}),
  };
};

/**
 * The package of a dataset whose data the caller may read (the route checks), listing every
 * resource with a published version.
 */
export const dataPackage = (entry: CatalogEntry, urls: Urls): Json => {
  const { dataset, publisher } = entry;
  const licence = licenceOf(dataset);
  const contributors: Json[] = [
    { title: publisher?.name ?? dataset.organisation, roles: ['publisher'], ...(publisher?.homepage ? { path: publisher.homepage } : {}) },
  ];
  if (dataset.contactPoint) contributors.push({ title: dataset.contactPoint.name ?? 'Contact', email: dataset.contactPoint.email, roles: ['contact'] });
  return {
    $schema: DATA_PACKAGE_PROFILE,
    name: dataset.name,
    id: urls.dataset(dataset.name),
    title: dataset.title,
    ...(dataset.description ? { description: dataset.description } : {}),
    homepage: urls.datasetPage(dataset.name),
    created: dataset.created,
    ...(dataset.keywords?.length ? { keywords: dataset.keywords } : {}),
    ...(licence ? { licenses: [{ name: dataset.licence, path: licence.url, title: licence.title }] } : {}),
    contributors,
    resources: entry.published.map((resource) => dataResource(dataset.name, resource, urls)),
  };
};
