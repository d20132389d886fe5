/** Versions of a common data schema beyond the one shipped with the exchange: their records and keys. */
import type { ChangeKind, SchemaDifference } from './schema-change-types';

export type VersionStatus = 'proposed' | 'published' | 'withdrawn';

/** Who proposed or published a version: an organisation (through its admin) or the platform administrator. */
export interface GovernanceActor {
  kind: 'platform-admin' | 'member';
  organisation?: string;
  tokenId?: string;
}

/** One dataset resource's outcome against a proposed version, in the standard's field names. */
export interface ImpactEntry {
  datasetId: string;
  dataset: string;
  organisation: string;
  resource: string;
  /** The resource's current version number that was checked. */
  version?: number;
  outcome: 'conforms' | 'fails' | 'no-data';
  errorCount?: number;
  /** The first problems of the Frictionless-style report: code, field, row and message. */
  errors?: Array<{ code: string; field?: string; row?: number; message: string }>;
}

export interface ImpactReport {
  checkedAt: string;
  datasets: ImpactEntry[];
}

export interface SchemaVersionRecord {
  schema: string;
  version: string;
  status: VersionStatus;
  /** The row JSON Schema of this version, its `$id` set by the exchange. */
  document: Record<string, unknown>;
  reason: string;
  /** The published version it was compared with. */
  basedOn: string;
  change: ChangeKind;
  differences: SchemaDifference[];
  proposedBy: GovernanceActor;
  proposedAt: string;
  publishedBy?: GovernanceActor;
  publishedAt?: string;
  impact: ImpactReport;
}

export const schemaVersionKey = (schema: string, version: string) => ({ pk: `SCHEMA-VERSION#${schema}#${version}`, sk: 'VERSION' });
export const schemaVersionList = (schema: string) => `SCHEMA-VERSIONS#${schema}`;
export const schemaVersionListing = (record: SchemaVersionRecord) => ({
  list: schemaVersionList(record.schema),
  order: `${record.proposedAt}#${record.version}`,
});

/** Organisations appointed by the platform administrator to look after a standard. */
export interface StewardsRecord {
  schema: string;
  organisations: string[];
  modified: string;
}

export const stewardsKey = (schema: string) => ({ pk: `SCHEMA-STEWARDS#${schema}`, sk: 'STEWARDS' });
