/**
 * The versions of a common data schema shipped with the exchange, with their changelogs.
 *
 * `schemas/data/{id}.schema.json` is the version a declaration without a range takes (the latest
 * of the first major). Earlier versions, and later majors that only a declared range reaches,
 * are kept in `schemas/data/versions/{id}/` beside `changelog.json`, which says what each version
 * changed and which real file or published specification each change comes from.
 */
import type { AnySchemaObject } from 'ajv/dist/2020';
import { type DataSchema, dataSchemaFromDocument } from '../ingest/core/data-schemas';
import airQuality100 from '../../schemas/data/versions/air-quality-readings/1.0.0.schema.json';
import airQualityLog from '../../schemas/data/versions/air-quality-readings/changelog.json';
import boroughIndicators100 from '../../schemas/data/versions/borough-indicators/1.0.0.schema.json';
import boroughIndicators200 from '../../schemas/data/versions/borough-indicators/2.0.0.schema.json';
import boroughIndicatorsLog from '../../schemas/data/versions/borough-indicators/changelog.json';
import evChargePoints100 from '../../schemas/data/versions/ev-charge-points/1.0.0.schema.json';
import evChargePointsLog from '../../schemas/data/versions/ev-charge-points/changelog.json';
import planning100 from '../../schemas/data/versions/planning-applications/1.0.0.schema.json';
import planningLog from '../../schemas/data/versions/planning-applications/changelog.json';
import collisions100 from '../../schemas/data/versions/road-traffic-collisions/1.0.0.schema.json';
import collisionsLog from '../../schemas/data/versions/road-traffic-collisions/changelog.json';
import { compareVersions } from './version-rules';

export interface ChangelogEntry {
  version: string;
  date: string;
  summary: string;
  changes: Array<{ change: string; source: string }>;
}

export interface Changelog {
  schema: string;
  versions: ChangelogEntry[];
}

export interface ShippedVersion {
  version: string;
  document: AnySchemaObject;
  /** The changelog's summary, then each change with its source. */
  reason: string;
}

/** Per schema: the shipped documents other than the current file, and the changelog of all. */
const HISTORY = new Map<string, { documents: AnySchemaObject[]; changelog: Changelog }>([
  ['air-quality-readings', { documents: [airQuality100], changelog: airQualityLog }],
  ['borough-indicators', { documents: [boroughIndicators100, boroughIndicators200], changelog: boroughIndicatorsLog }],
  ['ev-charge-points', { documents: [evChargePoints100], changelog: evChargePointsLog }],
  ['planning-applications', { documents: [planning100], changelog: planningLog }],
  ['road-traffic-collisions', { documents: [collisions100], changelog: collisionsLog }],
]);

const DEFAULT_REASON = 'The version shipped with the exchange.';

export const changelogOf = (id: string): Changelog | undefined => HISTORY.get(id)?.changelog;

const reasonOf = (entry: ChangelogEntry | undefined): string => {
  if (!entry) return DEFAULT_REASON;
  const changes = entry.changes.map(({ change, source }) => `${change} (Source: ${source})`);
  return [entry.summary, ...changes].join(' ');
};

/** Every shipped version of the schema whose current file is `current`, oldest first. */
export function shippedVersions(current: DataSchema): ShippedVersion[] {
  const history = HISTORY.get(current.id);
  const documents = [...(history?.documents ?? []), current.document];
  return documents
    .map((document) => {
      const version = document.version as string;
      return { version, document, reason: reasonOf(history?.changelog.versions.find((entry) => entry.version === version)) };
    })
    .sort((a, b) => compareVersions(a.version, b.version));
}

const compiledOthers = new Map<string, DataSchema>();

/** A shipped version other than the current file, described once per process (its validator compiled once). */
export function shippedSchemaVersion(current: DataSchema, version: string): DataSchema | undefined {
  if (version === current.version) return current;
  const key = `${current.id}@${version}`;
  let schema = compiledOthers.get(key);
  if (!schema) {
    const document = HISTORY.get(current.id)?.documents.find((candidate) => candidate.version === version);
    if (!document) return undefined;
    schema = dataSchemaFromDocument(document);
    compiledOthers.set(key, schema);
  }
  return schema;
}
