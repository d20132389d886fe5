import type { DatasetProvenance, LinkedResource } from '../domain/dataset-provenance';
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

/** A file or service at the source, linked to rather than copied: the dataset record's own shape. */
export type HarvestedResource = LinkedResource;

/**
 * Where a mapped record came from: the dataset record's provenance as a mapper fills it (its
 * source kind typed; `withdrawnAt` is the run's to set, never a mapper's).
 */
export type Provenance = Omit<DatasetProvenance, 'sourceKind' | 'withdrawnAt'> & { sourceKind: SourceKind };

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
