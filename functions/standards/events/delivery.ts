/**
 * Sending outbox events (event-records.ts) through the context's publisher. Delivery is at least
 * once: a request and the relay may both send a pending event, and EventBridge itself may deliver
 * twice, so consumers recognise an event by `detail.eventId`.
 */
import type { Urls } from '../../api/http/urls';
import { anonymous } from '../../domain/caller';
import type { DomainContext } from '../../domain/context';
import { listDataSchemas } from '../../ingest/core/data-schemas';
import { log } from '../../observability/telemetry';
import { listAll, mutate, type StoredRecord } from '../../storage/catalogue-store';
import { type SchemaVersionRecord, schemaVersionList } from '../version-records';
import { namingOnly, visibleNamedDatasets } from './feed';
import { eventKindsOf, recordSchemaEvent, type SchemaEventRecord, schemaEventKey, schemaEventList, schemaEventListing } from './event-records';

/**
 * Sends one pending event and marks it delivered. Never throws: a failed send is counted on the
 * record and logged, and the event stays pending for the relay. False when it is still pending.
 */
export const deliverSchemaEvent = async (ctx: DomainContext, event: SchemaEventRecord): Promise<boolean> => {
  if (event.delivery.state === 'delivered') return true;
  if (!ctx.schemaEvents) return false;
  const key = schemaEventKey(event.kind, event.schema, event.version);
  try {
    // Named datasets are checked again as the event leaves: one made private while the event
    // waited in the outbox (a refused send, a relay behind) must not go out with it.
    const visible = await visibleNamedDatasets(ctx, anonymous, [event.message]);
    await ctx.schemaEvents.publish(namingOnly(event.message, visible));
  } catch (error) {
    log().error('schema event not delivered: the relay will send it again', { eventId: event.id, error });
    await mutate<SchemaEventRecord>(
      ctx.catalogue,
      key,
      (current) =>
        current.delivery.state === 'delivered' ? undefined : { ...current, delivery: { ...current.delivery, attempts: current.delivery.attempts + 1 } },
      schemaEventListing,
    ).catch((markError: unknown) => log().error('could not count a failed schema event delivery', { eventId: event.id, error: markError }));
    return false;
  }
  const deliveredAt = ctx.now().toISOString();
  await mutate<SchemaEventRecord>(
    ctx.catalogue,
    key,
    (current) =>
      current.delivery.state === 'delivered'
        ? undefined
        : { ...current, delivery: { state: 'delivered', attempts: current.delivery.attempts + 1, deliveredAt } },
    schemaEventListing,
  ).catch((error: unknown) => log().error('schema event sent but not marked delivered: it may be sent again', { eventId: event.id, error }));
  return true;
};

/** Writes a version's event to the outbox, then sends it; the publish or proposal stands whatever the send does. */
export const announceSchemaVersion = async (ctx: DomainContext, kind: 'proposed' | 'published', record: SchemaVersionRecord, urls: Urls): Promise<void> => {
  try {
    const stored = await recordSchemaEvent(ctx, kind, record, urls);
    await deliverSchemaEvent(ctx, stored.value);
  } catch (error) {
    // The version is already written: the relay writes the missing event from it.
    log().error('schema event not recorded: the relay will record and send it', { schema: record.schema, version: record.version, kind, error });
  }
};

export interface RelayOutcome {
  /** Events written by the relay because the request that should have written them did not. */
  recorded: number;
  delivered: number;
  pending: number;
}

/**
 * The outbox relay (a schedule in AWS, an interval locally): every version's events exist, and
 * every pending one is sent. Versions are few (a handful per standard), so it reads them all.
 */
export const relaySchemaEvents = async (ctx: DomainContext, urls: Urls): Promise<RelayOutcome> => {
  const outcome: RelayOutcome = { recorded: 0, delivered: 0, pending: 0 };
  for (const { id: schema } of listDataSchemas()) {
    const versions = await listAll<SchemaVersionRecord>(ctx.catalogue, schemaVersionList(schema));
    const wanted = versions.flatMap(({ value }) => eventKindsOf(value).map((kind) => ({ kind, record: value })));
    if (wanted.length === 0) continue;
    const existing = await ctx.catalogue.getMany<SchemaEventRecord>(wanted.map(({ kind, record }) => schemaEventKey(kind, schema, record.version)));
    for (const [index, { kind, record }] of wanted.entries()) {
      if (existing[index]) continue;
      await recordSchemaEvent(ctx, kind, record, urls);
      outcome.recorded += 1;
    }
    const events: StoredRecord<SchemaEventRecord>[] = await listAll<SchemaEventRecord>(ctx.catalogue, schemaEventList(schema));
    for (const { value: event } of events) {
      if (event.delivery.state === 'delivered') continue;
      if (await deliverSchemaEvent(ctx, event)) outcome.delivered += 1;
      else outcome.pending += 1;
    }
  }
  return outcome;
};
