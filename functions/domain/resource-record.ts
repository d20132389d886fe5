/**
 * A resource's stored record, apart from the code that reads and writes it: the key and
 * settlement modules that resources.ts calls need the type without importing resources.ts back.
 */

/** Where a resource stands: the latest upload's state. `current` is what downloads serve. */
export type ResourceStatus = 'awaiting-upload' | 'validating' | 'published' | 'failed';

export interface PublishedVersionSummary {
  version: number;
  rowCount: number;
  columnCount: number;
  bytes: number;
  sha256: string;
  mediaType: string;
  publishedAt: string;
}

export interface Resource {
  id: string;
  datasetId: string;
  name: string;
  title?: string;
  description?: string;
  /** The publisher's declared format, a hint for detection. */
  format?: string;
  /** Common data schema every row must follow (schemas/data), if declared. */
  dataSchema?: string;
  /** The versions of `dataSchema` it follows (a semver range); absent: compatible versions of the version first shipped. */
  dataSchemaVersion?: string;
  /** For a workbook: the sheet to publish (by name); otherwise the first holding a table. */
  sheet?: string;
  status: ResourceStatus;
  /** Highest version number handed out; versions are numbered 1, 2, 3… per resource. */
  latestVersion: number;
  current?: PublishedVersionSummary;
  /** Table Schema of the current version: declared or inferred. */
  schema?: unknown;
  /**
   * A harvested file copied in by a mirror-mode source (functions/harvest/mirror-files.ts): the file's address at the source,
   * and since when the source record no longer lists it (the copy is kept: functions/harvest/mirror-withdrawn.ts).
   */
  mirroredFrom?: { url: string; withdrawnAt?: string };
  created: string;
  modified: string;
}
