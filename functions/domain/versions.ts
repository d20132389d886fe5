import type { DomainContext } from './context';
import type { Resource } from './resources';
import { listAll, type StoredRecord } from '../storage/catalogue-store';

export const downloadFormats = ['original', 'csv', 'json', 'ndjson', 'parquet'] as const;
export type DownloadFormat = (typeof downloadFormats)[number];

export interface StoredObject {
  key: string;
  bytes: number;
  mediaType: string;
  /** File name extension for downloads, without the dot. */
  extension: string;
}

/** One immutable version of a resource: an accepted upload and everything made from it. */
export interface ResourceVersion {
  version: number;
  uploadId: string;
  state: 'validating' | 'published' | 'failed';
  filename?: string;
  created: string;
  completedAt?: string;
  detected?: { format?: string; encoding?: string; delimiter?: string };
  rowCount?: number;
  columnCount?: number;
  bytes?: number;
  sha256?: string;
  valid?: boolean;
  errorCount?: number;
  errorCounts?: Record<string, number>;
  schema?: unknown;
  objects?: Partial<Record<DownloadFormat, StoredObject>>;
  /** Key of the full validation report (JSON) in the published bucket. */
  reportKey?: string;
  /** A failure that was not the data's fault (e.g. an unreadable object), in words for the publisher. */
  failure?: string;
}

const pad = (n: number) => String(n).padStart(8, '0');

export const versionKey = (datasetId: string, resourceName: string, version: number) => ({
  pk: `DATASET#${datasetId}`,
  sk: `RESOURCE#${resourceName}#V#${pad(version)}`,
});

export const versionListing = (datasetId: string, resourceName: string, version: number) => ({
  list: `VERSIONS#${datasetId}#${resourceName}`,
  order: pad(version),
});

/** Where a version's files live in the published bucket; never overwritten once written. */
export const versionPrefix = (datasetId: string, resourceName: string, version: number) =>
  `datasets/${datasetId}/${resourceName}/v${version}`;

export const listVersions = (ctx: DomainContext, resource: Resource): Promise<StoredRecord<ResourceVersion>[]> =>
  listAll<ResourceVersion>(ctx.catalogue, `VERSIONS#${resource.datasetId}#${resource.name}`);

export const findVersion = (ctx: DomainContext, resource: Resource, version: number): Promise<StoredRecord<ResourceVersion> | undefined> =>
  ctx.catalogue.get<ResourceVersion>(versionKey(resource.datasetId, resource.name, version));
