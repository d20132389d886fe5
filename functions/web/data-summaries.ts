import type { DomainContext } from '../domain/context';
import type { Dataset } from '../domain/datasets';
import { listResources, type Resource, resourceKey } from '../domain/resources';
import { resourceFormat } from '../search/search-document';

/** What a listing says about a dataset's data: how many files hold published data, and their formats. */
export interface DataSummary {
  publishedFiles: number;
  /** Upper-case formats (CSV, GEOJSON…) of the files that hold published data. */
  formats: string[];
}

const NO_DATA: DataSummary = { publishedFiles: 0, formats: [] };

/**
 * Formats the search index does not name (it keeps CKAN's res_format list), by the media type of
 * the file as uploaded. A Map: the media type is whatever the uploader sent.
 */
const MORE_MEDIA_TYPES = new Map<string, string>([
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'XLSX'],
  ['application/vnd.oasis.opendocument.spreadsheet', 'ODS'],
  ['application/xml', 'XML'],
  ['text/xml', 'XML'],
]);

const formatOf = (resource: Resource): string => {
  const named = resourceFormat(resource);
  if (named) return named;
  const mediaType = resource.current?.mediaType.split(';')[0].trim().toLowerCase() ?? '';
  return MORE_MEDIA_TYPES.get(mediaType) ?? 'FILE';
};

/** A format as people write it: GeoJSON rather than GEOJSON, "other" for a file no format names. */
export const formatLabel = (format: string): string => (format === 'GEOJSON' ? 'GeoJSON' : format === 'FILE' ? 'other' : format);

/** The format of a file for the dataset page's table of files: a dash until there is one. */
export const resourceFormatLabel = (resource: Resource): string => (resource.current || resource.format ? formatLabel(formatOf(resource)) : '–');

/**
 * The files of each listed dataset: one batched read of the resources the search index names
 * (resourceNames: only documents built from the dataset record as read), a listing read only
 * for the others. A resource deleted since its document was built reads as nothing.
 */
const filesOf = async (ctx: DomainContext, datasets: Dataset[], resourceNames: ReadonlyMap<string, string[]>): Promise<Resource[][]> => {
  const keys = datasets.flatMap((d) => (resourceNames.get(d.id) ?? []).map((name) => resourceKey(d.id, name)));
  const [read, listed] = await Promise.all([
    keys.length > 0 ? ctx.catalogue.getMany<Resource>(keys) : Promise.resolve([]),
    Promise.all(datasets.map((d) => (resourceNames.has(d.id) ? [] : listResources(ctx, d)))),
  ]);
  let at = 0;
  return datasets.map((d, i) => {
    const names = resourceNames.get(d.id);
    if (!names) return listed[i].map((r) => r.value);
    return read.slice(at, (at += names.length)).flatMap((r) => (r ? [r.value] : []));
  });
};

/**
 * The data summary of each listed dataset. The datasets were already let through the policy by
 * the listing, and a dataset's file list is part of its metadata (its page shows it to the same
 * visitors), so no data is read here. Only files with a published version count: a file that
 * was created but never (or never successfully) uploaded is not data anyone can use.
 */
export const dataSummaries = async (
  ctx: DomainContext,
  datasets: Dataset[],
  resourceNames: ReadonlyMap<string, string[]> = new Map(),
): Promise<Map<string, DataSummary>> => {
  const files = await filesOf(ctx, datasets, resourceNames);
  const summaries = new Map<string, DataSummary>();
  datasets.forEach((dataset, i) => {
    const published = files[i].filter((r) => r.current !== undefined);
    if (published.length === 0) summaries.set(dataset.id, NO_DATA);
    else {
      const formats = [...new Set(published.map(formatOf))].sort();
      summaries.set(dataset.id, { publishedFiles: published.length, formats });
    }
  });
  return summaries;
};
