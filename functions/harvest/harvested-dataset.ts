import type { Dataset } from '../domain/datasets';

/**
 * What a harvest mapper makes of one record at a source: the exchange's dataset fields (the
 * ones a publisher would send), the resources as links to the source's files, and where it all
 * came from. The harvest run decides organisation and tier; the mapper never does.
 */

export type SourceKind = 'ckan' | 'dcat-us' | 'dcat-ap' | 'socrata' | 'opendatasoft';

export type UpdateFrequency = 'continuous' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'biannual' | 'annual' | 'irregular' | 'never';

/** The licences the exchange publishes terms for (the keys of `licences` in functions/interop/vocabularies.ts). */
export type KnownLicence = 'OGL-UK-3.0' | 'OGL-UK-2.0' | 'CC-BY-4.0' | 'CC-BY-SA-4.0' | 'CC0-1.0' | 'ODbL-1.0';

/** A file or service at the source, linked to rather than copied. */
export interface HarvestedResource {
  title: string;
  url: string;
  description?: string;
  /** The format as the source names it, upper-cased (CSV, GEOJSON, XLSX). */
  format?: string;
  /** The IANA media type, without parameters. */
  mediaType?: string;
  sizeBytes?: number;
}

export interface Provenance {
  /** The exchange's id for the harvest source. */
  sourceId: string;
  sourceKind: SourceKind;
  /** The record's identifier at the source (CKAN id, data.json identifier, RDF subject, 4x4 id). */
  identifier: string;
  /** Where a person can see the record at the source. */
  recordUrl?: string;
  /** Set by the first harvest that saw the record; kept from then on. */
  firstHarvested: string;
  lastHarvested: string;
  /** When the source says the record last changed, as it says it (ISO 8601 where it can be read). */
  lastChangedAtSource?: string;
  /** The source's licence words when they did not map to a known licence (or always, for the record). */
  licenceAtSource?: string;
  /** recordHash of the mapped content: equal hashes mean nothing the exchange keeps has changed. */
  contentHash: string;
}

export interface HarvestedDataset {
  name: string;
  title: string;
  description?: string;
  /** Undefined when the source's licence is not one the exchange knows: the run must decide. */
  licence?: KnownLicence;
  keywords?: string[];
  themes?: NonNullable<Dataset['themes']>;
  updateFrequency?: UpdateFrequency;
  temporalCoverage?: NonNullable<Dataset['temporalCoverage']>;
  spatialCoverage?: NonNullable<Dataset['spatialCoverage']>;
  contactPoint?: NonNullable<Dataset['contactPoint']>;
  publisher?: { name: string; url?: string };
  resources: HarvestedResource[];
  provenance: Provenance;
}

/** What the run knows that the record does not. */
export interface MapContext {
  sourceId: string;
  /** The harvest's time, ISO 8601. */
  harvestedAt: string;
  /** firstHarvested of the record as already stored, when it is. */
  firstHarvested?: string;
  /** The source's base URL, for sources whose records hold only relative or partial links. */
  sourceUrl?: string;
}

export interface RecordFailure {
  /** Position of the record in the page. */
  index: number;
  identifier?: string;
  message: string;
}

export type MappedRecord = { ok: true; dataset: HarvestedDataset } | { ok: false; failure: RecordFailure };

/** One page of a source, mapped: each record on its own, and how to get the next page. */
export interface MappedPage {
  records: MappedRecord[];
  /** Records the source says match in all (CKAN count, Socrata resultSetSize, hydra:totalItems). */
  total?: number;
  /** The next page: a URL (Hydra, DCAT-US) or an offset to ask for (CKAN, Socrata, OpenDataSoft). */
  next?: { url: string } | { offset: number };
}

/** Thrown for a page that is not the kind of document it should be; a bad record never throws. */
export class HarvestFormatError extends Error {
  constructor(
    readonly sourceKind: SourceKind,
    message: string,
  ) {
    super(`Not a ${sourceKind} page: ${message}`);
    this.name = 'HarvestFormatError';
  }
}
