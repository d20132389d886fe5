/**
 * The schema-event port: how the exchange tells other systems that a version of a common standard
 * was proposed or published. In AWS an EventBridge custom bus (eventbridge-publisher.ts); locally an
 * in-process publisher (local-publisher.ts). The outbox (event-records.ts) keeps every event, so a
 * publisher that fails loses nothing: the relay (relay.ts) sends it again.
 */

/** The EventBridge `source` of every event the exchange emits. */
export const SCHEMA_EVENT_SOURCE = 'london-data-exchange';

/** The EventBridge `detail-type` of each kind of schema event. */
export const schemaEventTypes = {
  proposed: 'Schema version proposed',
  published: 'Schema version published',
} as const;

export type SchemaEventKind = keyof typeof schemaEventTypes;

/** A declaring dataset the version affects, as the public may see it. */
export interface AffectedDataset {
  datasetId: string;
  dataset: string;
  organisation: string;
  outcome: 'conforms' | 'fails' | 'no-data';
}

export interface SchemaEventDetail {
  /** Stable across redeliveries: consumers drop an event whose id they have already handled. */
  eventId: string;
  schema: string;
  version: string;
  status: SchemaEventKind;
  /** How the version changes the one it was based on. */
  change: 'none' | 'compatible' | 'breaking';
  basedOn: string;
  reason: string;
  /** When the version was proposed or published. */
  at: string;
  /**
   * Declaring datasets and their organisations, limited to what anyone may see: the event leaves
   * the exchange, so a dataset shared with a few organisations or private is never named.
   */
  affected: { datasets: AffectedDataset[]; organisations: string[]; more: number };
  links: { version: string; versions: string; schemaPage: string; events: string };
}

export interface SchemaEventMessage {
  source: typeof SCHEMA_EVENT_SOURCE;
  detailType: (typeof schemaEventTypes)[SchemaEventKind];
  time: string;
  detail: SchemaEventDetail;
}

export interface SchemaEventPublisher {
  /** Resolves once the event is accepted; throws when it was not (the outbox keeps it for the relay). */
  publish(message: SchemaEventMessage): Promise<void>;
}
