/**
 * Publishing a proposed version: from now on it applies to every dataset whose declared range
 * includes it (a breaking version only to those that declare its major), and every organisation
 * with a dataset declaring the standard is told what changed and which of its datasets would fail.
 * Other systems learn of it through the schema event (events/), written to the outbox first.
 */
import type { Urls } from '../api/http/urls';
import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { conflict, notFound } from '../domain/errors';
import { VersionConflictError } from '../storage/catalogue-store';
import { governanceActor } from './actor';
import { notify } from './notifications';
import { latestPublished, shippedSchema } from './schema-versions';
import { announceSchemaVersion } from './events/delivery';
import { assertGovernor } from './stewards';
import { type SchemaVersionRecord, schemaVersionKey, schemaVersionListing } from './version-records';
import { compareVersions } from './version-rules';

export const publishSchemaVersion = async (ctx: DomainContext, caller: Caller, schemaId: string, version: string, urls: Urls): Promise<SchemaVersionRecord> => {
  shippedSchema(schemaId);
  await assertGovernor(ctx, caller, schemaId);
  const key = schemaVersionKey(schemaId, version);
  const stored = await ctx.catalogue.get<SchemaVersionRecord>(key);
  if (!stored) throw notFound('schema version');
  if (stored.value.status !== 'proposed') throw conflict(`Version ${version} is ${stored.value.status}, not proposed.`);
  const latest = await latestPublished(ctx, schemaId);
  if (compareVersions(latest.version, stored.value.basedOn) !== 0) {
    throw conflict(
      `Version ${latest.version} was published after this proposal was checked against ${stored.value.basedOn}: propose it again against ${latest.version}.`,
    );
  }
  const published: SchemaVersionRecord = { ...stored.value, status: 'published', publishedBy: governanceActor(caller), publishedAt: ctx.now().toISOString() };
  try {
    await ctx.catalogue.replace(key, published, stored.version, schemaVersionListing(published));
  } catch (error) {
    if (error instanceof VersionConflictError) throw conflict('The proposal changed while it was being published: read it again.');
    throw error;
  }
  await notifyPublishers(ctx, published);
  await announceSchemaVersion(ctx, 'published', published, urls);
  return published;
};

const notifyPublishers = async (ctx: DomainContext, record: SchemaVersionRecord): Promise<void> => {
  const byOrganisation = new Map<string, string[]>();
  for (const entry of record.impact.datasets) {
    const failing = byOrganisation.get(entry.organisation) ?? [];
    if (entry.outcome === 'fails' && !failing.includes(entry.dataset)) failing.push(entry.dataset);
    byOrganisation.set(entry.organisation, failing);
  }
  const change = record.change === 'breaking' ? 'breaking' : 'compatible';
  for (const [organisation, failingDatasets] of byOrganisation) {
    const applies =
      change === 'breaking'
        ? `It is a breaking change: your datasets keep the version they declared until you declare ${record.version.split('.')[0]}.x.`
        : 'It is a compatible change: it applies to your next uploads.';
    const failing = failingDatasets.length ? ` Current data that would fail it: ${failingDatasets.join(', ')}.` : ' Your current data conforms to it.';
    await notify(ctx, {
      organisation,
      kind: 'schema-version-published',
      schema: record.schema,
      version: record.version,
      change,
      message: `Version ${record.version} of the standard "${record.schema}" was published: ${record.reason} ${applies}${failing}`,
      failingDatasets,
    });
  }
};
