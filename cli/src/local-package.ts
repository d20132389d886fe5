import { readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { CliError } from './cli-error';
import type { Schemas } from './client';
import { EXIT } from './exit-codes';

/**
 * A Frictionless data package on disk, read as what `ldx publish` makes of it: the dataset's
 * metadata (name, title, description, keywords, licenses[0].name as the licence, and the
 * exchange's own fields where the package carries them: tier, themes, updateFrequency,
 * spatialCoverage, temporalCoverage, contactPoint) and one resource per entry of `resources`,
 * whose `path` is a local file. A resource's `schema` naming one of the exchange's common data
 * schemas (e.g. "air-quality-readings"), or its `dataSchema`, is the schema its rows must follow.
 */
export type DatasetInput = Schemas['Dataset'];

export interface PackageResource {
  name: string;
  title?: string;
  description?: string;
  format?: string;
  dataSchema?: string;
  file: string;
  contentType: string;
}

export interface LocalPackage {
  dataset: DatasetInput;
  resources: PackageResource[];
}

const EXCHANGE_FIELDS = ['tier', 'themes', 'updateFrequency', 'spatialCoverage', 'temporalCoverage', 'contactPoint'] as const;
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;

const MEDIA_TYPES = new Map([
  ['.csv', 'text/csv'],
  ['.tsv', 'text/tab-separated-values'],
  ['.json', 'application/json'],
  ['.ndjson', 'application/x-ndjson'],
  ['.jsonl', 'application/x-ndjson'],
  ['.geojson', 'application/geo+json'],
  ['.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['.ods', 'application/vnd.oasis.opendocument.spreadsheet'],
  ['.xml', 'application/xml'],
]);

export const mediaTypeOf = (file: string): string => MEDIA_TYPES.get(extname(file).toLowerCase()) ?? 'application/octet-stream';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

const problem = (packagePath: string, what: string) => new CliError(`${packagePath}: ${what}`, EXIT.usage);

const readResource = (packagePath: string, entry: unknown, index: number): PackageResource => {
  if (!isObject(entry)) throw problem(packagePath, `resources[${index}] is not an object.`);
  const name = text(entry.name);
  if (!name || !SLUG.test(name))
    throw problem(packagePath, `resources[${index}].name must be lower-case letters, digits and hyphens (got ${JSON.stringify(entry.name)}).`);
  const path = entry.path;
  if (typeof path !== 'string')
    throw problem(packagePath, `resource ${name}: path must be one local file (ldx does not publish multi-part or inline resources).`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) throw problem(packagePath, `resource ${name}: path ${path} is a URL; ldx publishes local files.`);
  const file = isAbsolute(path) ? path : resolve(dirname(packagePath), path);
  const dataSchema = text(entry.dataSchema) ?? (typeof entry.schema === 'string' && SLUG.test(entry.schema) ? entry.schema : undefined);
  return {
    name,
    ...(text(entry.title) ? { title: text(entry.title) } : {}),
    ...(text(entry.description) ? { description: text(entry.description) } : {}),
    ...(text(entry.format) ? { format: text(entry.format)!.toLowerCase() } : {}),
    ...(dataSchema ? { dataSchema } : {}),
    file,
    contentType: text(entry.mediatype) ?? mediaTypeOf(file),
  };
};

export const readLocalPackage = (packagePath: string): LocalPackage => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(packagePath, 'utf8'));
  } catch (error) {
    throw problem(packagePath, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file.' : `not valid JSON (${(error as Error).message}).`);
  }
  if (!isObject(parsed)) throw problem(packagePath, 'a data package is a JSON object.');
  const name = text(parsed.name);
  if (!name || !SLUG.test(name)) throw problem(packagePath, 'name must be the dataset name: lower-case letters, digits and hyphens.');
  const licences = Array.isArray(parsed.licenses) ? parsed.licenses : [];
  const licence = isObject(licences[0]) ? text(licences[0].name) : undefined;
  if (!licence) throw problem(packagePath, 'licenses[0].name must name the licence, e.g. "OGL-UK-3.0".');
  if (!Array.isArray(parsed.resources) || parsed.resources.length === 0) throw problem(packagePath, 'resources must list at least one file.');
  const resources = parsed.resources.map((entry, index) => readResource(packagePath, entry, index));
  const names = new Set<string>();
  for (const resource of resources) {
    if (names.has(resource.name)) throw problem(packagePath, `two resources are named ${resource.name}.`);
    names.add(resource.name);
  }
  const dataset: Record<string, unknown> = { name, title: text(parsed.title) ?? name, licence };
  if (text(parsed.description)) dataset.description = parsed.description;
  if (Array.isArray(parsed.keywords)) dataset.keywords = parsed.keywords;
  for (const field of EXCHANGE_FIELDS) if (Object.hasOwn(parsed, field)) dataset[field] = parsed[field];
  return { dataset: dataset as DatasetInput, resources };
};
