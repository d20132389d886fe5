import type { DomainContext } from '../domain/context';
import type { Dataset } from '../domain/datasets';
import { listResources, type Resource } from '../domain/resources';
import { type DownloadFormat, downloadFormats, type ResourceVersion, versionKey } from '../domain/version-records';
import type { StoredRecord } from '../storage/catalogue-store';
import type { Urls } from './http/urls';

/**
 * What a dataset holds, resource by resource: the short form listed by
 * GET /api/v1/datasets/{dataset}/resources and embedded in the dataset record. The dataset was
 * read through the policy (getDataset), and resources are metadata: they are shown wherever the
 * dataset is. Data itself stays behind the links (downloads and rows check data access).
 */
export interface ResourceSummary {
  name: string;
  title?: string;
  state: Resource['status'];
  /** The download formats the current version has (none before the first published version). */
  formats: DownloadFormat[];
  rowCount: number | null;
  /** Bytes of the file as uploaded (the current version's original). */
  bytes: number | null;
  /** The common data schema its rows follow, if declared. */
  dataSchema: string | null;
  currentVersion: number | null;
  /** A harvested file copied in by a mirror-mode source: its address at the source. */
  mirroredFrom?: { url: string; withdrawnAt?: string };
  links: { self: string; schema: string; rows: string; versions: string; downloads: Partial<Record<DownloadFormat, string>> };
}

const summary = (dataset: Dataset, resource: Resource, current: ResourceVersion | undefined, urls: Urls): ResourceSummary => {
  const self = urls.resource(dataset.name, resource.name);
  // In downloadFormats' order, whatever order the version record keeps its files in.
  const formats = current?.state === 'published' ? downloadFormats.filter((format) => current.objects?.[format] !== undefined) : [];
  return {
    name: resource.name,
    ...(resource.title ? { title: resource.title } : {}),
    state: resource.status,
    formats,
    rowCount: resource.current?.rowCount ?? null,
    bytes: resource.current?.bytes ?? null,
    dataSchema: resource.dataSchema ?? null,
    currentVersion: resource.current?.version ?? null,
    ...(resource.mirroredFrom ? { mirroredFrom: resource.mirroredFrom } : {}),
    links: {
      self,
      schema: `${self}/schema`,
      rows: `${self}/rows`,
      versions: `${self}/versions`,
      downloads: Object.fromEntries(formats.map((format) => [format, urls.download(dataset.name, resource.name, format)])),
    },
  };
};

/** Summaries of a dataset's resources, in the listing's order, with one batched read of their current versions. */
export const resourceSummaries = async (ctx: DomainContext, dataset: Dataset, urls: Urls): Promise<ResourceSummary[]> => {
  const resources: StoredRecord<Resource>[] = await listResources(ctx, dataset);
  const withCurrent = resources.filter((r) => r.value.current);
  const versions =
    withCurrent.length > 0
      ? await ctx.catalogue.getMany<ResourceVersion>(withCurrent.map(({ value: r }) => versionKey(r.datasetId, r.name, r.current!.version)))
      : [];
  const currentOf = new Map(withCurrent.map((r, i) => [r.value.name, versions[i]?.value]));
  return resources.map(({ value }) => summary(dataset, value, currentOf.get(value.name), urls));
};
