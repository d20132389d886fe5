/**
 * The outbox of schema events: each event is a catalogue record written when its version is
 * proposed or published, before anything is sent. Delivery only marks it delivered, so a
 * publisher that fails (or a process that dies) loses nothing: the relay sends what is pending.
 * The same records are the public feed of a standard's events (GET /api/v1/schemas/{id}/events).
 */
import type { Urls } from '../../api/http/urls';
import { anonymous } from '../../domain/caller';
import type { DomainContext } from '../../domain/context';
import { RecordExistsError, type StoredRecord } from '../../storage/catalogue-store';
import type { SchemaVersionRecord } from '../version-records';
import { visibleImpact } from '../visible-impact';
import { type AffectedDataset, SCHEMA_EVENT_SOURCE, type SchemaEventKind, type SchemaEventMessage, schemaEventTypes } from './publisher';

/** Datasets named in one event at most: EventBridge takes 256 KiB an event; `more` counts the rest. */
export const MAX_AFFECTED_DATASETS = 500;

export interface SchemaEventRecord {
  id: string;
  schema: string;
  version: string;
  kind: SchemaEventKind;
  message: SchemaEventMessage;
  delivery: { state: 'pending' | 'delivered'; attempts: number; deliveredAt?: string };
}

export const schemaEventId = (kind: SchemaEventKind, schema: string, version: string) => `${kind}:${schema}@${version}`;
export const schemaEventKey = (kind: SchemaEventKind, schema: string, version: string) => ({
  pk: `SCHEMA-EVENT#${schema}#${version}#${kind}`,
  sk: 'EVENT',
});
export const schemaEventList = (schema: string) => `SCHEMA-EVENTS#${schema}`;
/** Where an event sits in its standard's feed: by time; every write of the record must give it again. */
export const schemaEventListing = (event: SchemaEventRecord) => ({
  list: schemaEventList(event.schema),
  order: `${event.message.time}#${event.kind}#${event.version}`,
});

/** The kinds of event a version has given rise to: a published version was proposed first. */
export const eventKindsOf = (record: SchemaVersionRecord): SchemaEventKind[] => (record.status === 'published' ? ['proposed', 'published'] : ['proposed']);

const eventTime = (kind: SchemaEventKind, record: SchemaVersionRecord): string =>
  kind === 'published' ? (record.publishedAt ?? record.proposedAt) : record.proposedAt;

/** The event as it leaves the exchange: the declaring datasets anyone may see, and links to the rest. */
const buildMessage = async (ctx: DomainContext, kind: SchemaEventKind, record: SchemaVersionRecord, urls: Urls): Promise<SchemaEventMessage> => {
  const impact = await visibleImpact(ctx, anonymous, { ...record, shipped: false });
  const all: AffectedDataset[] = (impact?.datasets ?? []).map(({ datasetId, dataset, organisation, outcome }) => ({
    datasetId,
    dataset,
    organisation,
    outcome,
  }));
  const datasets = all.slice(0, MAX_AFFECTED_DATASETS);
  const at = eventTime(kind, record);
  const schemaPath = `/schemas/${encodeURIComponent(record.schema)}`;
  return {
    source: SCHEMA_EVENT_SOURCE,
    detailType: kind === 'published' ? schemaEventTypes.published : schemaEventTypes.proposed,
    time: at,
    detail: {
      eventId: schemaEventId(kind, record.schema, record.version),
      schema: record.schema,
      version: record.version,
      status: kind,
      change: record.change,
      basedOn: record.basedOn,
      reason: record.reason,
      at,
      affected: { datasets, organisations: [...new Set(datasets.map((d) => d.organisation))].sort(), more: all.length - datasets.length },
      links: {
        version: urls.api(`${schemaPath}/versions/${encodeURIComponent(record.version)}`),
        versions: urls.api(`${schemaPath}/versions`),
        schemaPage: urls.page(schemaPath),
        events: urls.api(`${schemaPath}/events`),
      },
    },
  };
};

/**
 * Writes the event of a version's proposal or publication to the outbox, pending. Writing it
 * again (the relay after a crash, a retried request) keeps the first: one event per version and kind.
 */
export const recordSchemaEvent = async (
  ctx: DomainContext,
  kind: SchemaEventKind,
  record: SchemaVersionRecord,
  urls: Urls,
): Promise<StoredRecord<SchemaEventRecord>> => {
  const key = schemaEventKey(kind, record.schema, record.version);
  const message = await buildMessage(ctx, kind, record, urls);
  const event: SchemaEventRecord = {
    id: message.detail.eventId,
    schema: record.schema,
    version: record.version,
    kind,
    message,
    delivery: { state: 'pending', attempts: 0 },
  };
  try {
    return await ctx.catalogue.create(key, event, schemaEventListing(event));
  } catch (error) {
    if (!(error instanceof RecordExistsError)) throw error;
    const existing = await ctx.catalogue.get<SchemaEventRecord>(key);
    if (!existing) throw error;
    return existing;
  }
};
