/**
 * Every version of a common data schema: the one shipped with the exchange (schemas/data) and
 * those proposed and published since through governance (stored in the catalogue). Reads here are
 * public: standards and their history are for everyone to see.
 */
import type { DomainContext } from '../domain/context';
import { notFound } from '../domain/errors';
import { type DataSchema, dataSchemaFromDocument, getDataSchema, UnknownDataSchemaError } from '../ingest/core/data-schemas';
import { listAll } from '../storage/catalogue-store';
import { classifySchemaChange, type RowSchemaDocument } from './schema-compatibility';
import { shippedSchemaVersion, shippedVersions } from './shipped-versions';
import { type SchemaVersionRecord, schemaVersionKey, schemaVersionList } from './version-records';
import { compareVersions, defaultRange, highestInRange } from './version-rules';

/** A version as listed: the stored record, or the shipped version described the same way. */
export type SchemaVersionEntry = Omit<SchemaVersionRecord, 'impact' | 'proposedBy' | 'proposedAt'> &
  Partial<Pick<SchemaVersionRecord, 'impact' | 'proposedBy' | 'proposedAt'>> & { shipped: boolean };

/** The shipped schema, or 404 in the error shape. */
export const shippedSchema = (id: string): DataSchema => {
  const schema = getDataSchema(id);
  // Only short ids name a schema here: a full `$id` is not a path segment.
  if (!schema || schema.id !== id) throw notFound('common data schema');
  return schema;
};

/**
 * The versions shipped with the exchange (schemas/data and schemas/data/versions), described like
 * proposed ones: each compared with the one before by the same classification, its reason the changelog.
 */
const shippedEntries = (schema: DataSchema): SchemaVersionEntry[] =>
  shippedVersions(schema).map((shipped, i, all) => {
    const before = all[i - 1];
    const classified = before
      ? classifySchemaChange(before.document as RowSchemaDocument, shipped.document as RowSchemaDocument)
      : { change: 'none' as const, differences: [] };
    return {
      schema: schema.id,
      version: shipped.version,
      status: 'published',
      document: shipped.document as Record<string, unknown>,
      reason: shipped.reason,
      basedOn: before?.version ?? shipped.version,
      change: classified.change,
      differences: classified.differences,
      shipped: true,
    };
  });

/** Every version of the schema, oldest first (by version number). */
export const listSchemaVersions = async (ctx: DomainContext, id: string): Promise<SchemaVersionEntry[]> => {
  const shipped = shippedSchema(id);
  const stored = await listAll<SchemaVersionRecord>(ctx.catalogue, schemaVersionList(id));
  const entries = [...shippedEntries(shipped), ...stored.map(({ value }) => ({ ...value, shipped: false }))];
  return entries.sort((a, b) => compareVersions(a.version, b.version));
};

export const getSchemaVersion = async (ctx: DomainContext, id: string, version: string): Promise<SchemaVersionEntry> => {
  const shipped = shippedSchema(id);
  const shippedVersion = shippedEntries(shipped).find((entry) => entry.version === version);
  if (shippedVersion) return shippedVersion;
  const stored = await ctx.catalogue.get<SchemaVersionRecord>(schemaVersionKey(id, version));
  if (!stored) throw notFound('schema version');
  return { ...stored.value, shipped: false };
};

/** The latest published version: what a new version is compared with. */
export const latestPublished = async (ctx: DomainContext, id: string): Promise<SchemaVersionEntry> => {
  const published = (await listSchemaVersions(ctx, id)).filter((entry) => entry.status === 'published');
  return published[published.length - 1];
};

/**
 * The version a declaration takes: the highest published version inside its range. Without a
 * range, compatible versions of the shipped major: a breaking version applies only to datasets
 * that declare its major.
 */
export const resolveDeclaredSchema = async (ctx: DomainContext, id: string, range?: string): Promise<DataSchema | undefined> => {
  const shipped = getDataSchema(id);
  if (!shipped) return undefined;
  const published = (await listSchemaVersions(ctx, id)).filter((entry) => entry.status === 'published');
  const chosen = highestInRange(
    published.map((entry) => entry.version),
    range ?? defaultRange(shipped.version),
  );
  // A range that no published version satisfies (a major not yet published) is not quietly
  // answered with another version: the upload fails, saying which schema version it asked for.
  if (!chosen) throw new UnknownDataSchemaError(`${id}@${range}`);
  const entry = published.find((candidate) => candidate.version === chosen);
  if (entry?.shipped) return shippedSchemaVersion(shipped, chosen);
  return entry ? dataSchemaFromDocument(entry.document) : undefined;
};
