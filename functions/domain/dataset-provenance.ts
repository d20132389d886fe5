/**
 * What a harvested dataset keeps of where it came from (functions/harvest writes it; the dataset
 * schema's `provenance` and `linkedResources` describe it). A dataset with provenance belongs to its
 * harvest source: the API refuses edits to it, so the next run cannot silently undo them.
 */
export interface DatasetProvenance {
  sourceId: string;
  sourceKind: string;
  identifier: string;
  recordUrl?: string;
  firstHarvested: string;
  lastHarvested: string;
  lastChangedAtSource?: string;
  licenceAtSource?: string;
  contentHash: string;
  /** Set when a completed run no longer saw the record: it is kept, but out of search. */
  withdrawnAt?: string;
}

/** A file or service at the source, linked to rather than copied. */
export interface LinkedResource {
  title: string;
  url: string;
  description?: string;
  format?: string;
  mediaType?: string;
  sizeBytes?: number;
}
