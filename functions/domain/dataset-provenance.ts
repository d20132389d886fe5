/**
 * What a harvested dataset keeps of where it came from (functions/harvest writes it; the dataset
 * schema's `provenance` and `linkedResources` describe it). A dataset with provenance belongs to its
 * harvest source: the API refuses edits to it, so the next run cannot silently undo them.
 */
export interface DatasetProvenance {
  /** The exchange's id for the harvest source. */
  sourceId: string;
  sourceKind: string;
  /** The record's identifier at the source (CKAN id, data.json identifier, RDF subject, 4x4 id). */
  identifier: string;
  /** Where a person can see the record at the source. */
  recordUrl?: string;
  /** Set by the first harvest that saw the record; kept from then on. */
  firstHarvested: string;
  lastHarvested: string;
  /** When the source says the record last changed, as it says it (ISO 8601 where it can be read). */
  lastChangedAtSource?: string;
  /** The source's licence words when they did not map to a known licence. */
  licenceAtSource?: string;
  /** The record hash of the mapped content: equal hashes mean nothing the exchange keeps has changed. */
  contentHash: string;
  /** Set when a completed run no longer saw the record: it is kept, but out of search. */
  withdrawnAt?: string;
  /** The publisher's name as the source gives it (one of the keys that recognise the same dataset elsewhere). */
  publisher?: string;
  /** The name of the dataset, harvested earlier from another source, that this record is the same as: kept out of search, listings and feeds. */
  duplicateOf?: string;
  /** Set while the source has not changed the dataset for longer than its update frequency promises (the link checker keeps it). */
  overdueSince?: string;
  /** The other sources this same dataset was harvested from (their records point here with duplicateOf). */
  alsoHarvestedFrom?: AlsoHarvestedFrom[];
}

/** Another source's record of the same dataset. */
export interface AlsoHarvestedFrom {
  sourceId: string;
  sourceKind: string;
  identifier: string;
  recordUrl?: string;
  /** The exchange name of that source's (hidden) record. */
  dataset: string;
  matchedBy: 'identifier' | 'url' | 'title-and-publisher';
}

/** A file or service at the source, linked to rather than copied. */
export interface LinkedResource {
  title: string;
  url: string;
  description?: string;
  /** The format as the source names it, upper-cased (CSV, GEOJSON, XLSX). */
  format?: string;
  /** The IANA media type, without parameters. */
  mediaType?: string;
  sizeBytes?: number;
  /** The link checker's last visit (functions/harvest/link-checker.ts). */
  check?: LinkCheck;
}

/** What the link checker found at a linked resource's URL. */
export interface LinkCheck {
  /** The final HTTP status, after redirects; absent when no answer came (DNS, refused, timeout). */
  status?: number;
  /** False for a dead link: 4xx (other than 429), 5xx, or no answer. */
  ok: boolean;
  contentType?: string;
  sizeBytes?: number;
  checkedAt: string;
  /** Why it failed, for people. */
  error?: string;
}
