import { createHash } from 'node:crypto';

/**
 * What the exchange remembers of each file it mirrors, one record per copied file beside its
 * resource: where it came from and how to recognise it unchanged next time. The resource the
 * file became is named from its URL, so the same file lands in the same resource on every run
 * whatever order the source lists its distributions in.
 */

export interface MirroredFile {
  url: string;
  datasetId: string;
  resourceName: string;
  etag?: string;
  lastModified?: string;
  bytes: number;
  sha256: string;
  /** When these bytes were fetched (ISO 8601). */
  fetched: string;
  /** The upload the bytes went in as: its version's outcome is the file's validation result. */
  uploadId: string;
}

/** What one run did with mirrored files (on the run record as `mirror`). */
export interface MirrorCounts {
  /** Files fetched with new bytes and sent to the upload pipeline. */
  copied: number;
  /** Files the source reported, or showed by their bytes, unchanged since they were copied: not ingested again. */
  unchanged: number;
  /** Copied files whose version was published during the run. */
  published: number;
  /** Copied files whose version failed validation (each is also an entry of `errors`). */
  failed: number;
  /** Copied files still validating when the run ended: their outcome is on the resource. */
  validating: number;
  /** Files that could not be copied (too large, unreachable, refused address, unrecognised licence): entries of `errors`, the links stay. */
  notCopied: number;
  /** Copies whose file the source record no longer lists, marked in this run (kept, with `mirroredFrom.withdrawnAt`: mirror-withdrawn.ts). */
  withdrawn: number;
}

export const emptyMirrorCounts = (): MirrorCounts => ({ copied: 0, unchanged: 0, published: 0, failed: 0, validating: 0, notCopied: 0, withdrawn: 0 });

export const mirrorKey = (datasetId: string, resourceName: string) => ({ pk: `MIRRORED-FILE#${datasetId}#${resourceName}`, sk: `FILE` });

/** The resource name a source file is copied into: stable for its URL, and a valid resource slug. */
export const mirroredResourceName = (url: string): string => `source-file-${createHash('sha256').update(url).digest('hex').slice(0, 12)}`;
