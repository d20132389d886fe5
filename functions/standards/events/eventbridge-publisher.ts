/**
 * The schema-event publisher in AWS: PutEvents on the exchange's custom EventBridge bus
 * (infra/constructs/schema-events.ts). The SDK client is loaded on the first event, not at the
 * API's cold start: events are rare.
 */
import type { EventBridgeClient, PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { traced } from '../../observability/client-tracing';
import type { SchemaEventMessage, SchemaEventPublisher } from './publisher';

/** The PutEvents entry of one event on the bus named `busName`. */
export const putEventsEntry = (busName: string, message: SchemaEventMessage): PutEventsRequestEntry => ({
  EventBusName: busName,
  Source: message.source,
  DetailType: message.detailType,
  Time: new Date(message.time),
  Detail: JSON.stringify(message.detail),
});

export class EventBridgeSchemaEvents implements SchemaEventPublisher {
  private client?: Promise<{ client: EventBridgeClient; PutEventsCommand: typeof import('@aws-sdk/client-eventbridge').PutEventsCommand }>;

  constructor(
    private readonly region: string,
    private readonly busName: string,
  ) {}

  async publish(message: SchemaEventMessage): Promise<void> {
    this.client ??= import('@aws-sdk/client-eventbridge').then((sdk) => ({
      client: traced(new sdk.EventBridgeClient({ region: this.region })),
      PutEventsCommand: sdk.PutEventsCommand,
    }));
    const { client, PutEventsCommand } = await this.client;
    const answer = await client.send(new PutEventsCommand({ Entries: [putEventsEntry(this.busName, message)] }));
    // PutEvents answers 200 even when it refused an entry: the refusal is in the entry's result.
    if (answer.FailedEntryCount) {
      const [failed] = answer.Entries ?? [];
      throw new Error(`EventBridge refused the event: ${failed?.ErrorCode ?? 'unknown'} ${failed?.ErrorMessage ?? ''}`.trim());
    }
  }
}
