/** A resource version's record and where it is stored (no reads here: see versions.ts). */

/** `geojson` only for versions whose rows have a place (coordinate columns or geometry): see the version's objects. */
export const downloadFormats = ['original', 'csv', 'json', 'ndjson', 'parquet', 'geojson'] as const;
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
  /** Where the rows are, as ingest found it (functions/ingest/core/geography): placing columns, GSS columns, bounding box, boroughs. */
  geography?: {
    placedBy?: { kind: string; [column: string]: string };
    gssColumns: Array<{ name: string; entity: string; type: string; level: string }>;
    bbox?: [number, number, number, number];
    boroughs: string[];
    placedRows: number;
  };
  /** Key of the full validation report (JSON) in the published bucket. */
  reportKey?: string;
  /** A failure that was not the data's fault (out of memory, out of time...), in words for the publisher. */
  failure?: string;
  /**
   * While validating: when the current attempt is overdue (set at each attempt's start). A version
   * still validating after it is failed, on read or by the sweep. Older records: created + the deadline.
   */
  deadline?: string;
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
export const versionPrefix = (datasetId: string, resourceName: string, version: number) => `datasets/${datasetId}/${resourceName}/v${version}`;
