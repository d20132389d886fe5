/**
 * The schema-event publisher in AWS: PutEvents on the exchange's custom EventBridge bus
 * (infra/constructs/schema-events.ts). The SDK client is required on the first event, not at the
 * API's cold start: events are rare (its package is one of the API's lazily loaded groups).
 */
import type * as EventBridge from '@aws-sdk/client-eventbridge';
import { traced } from '../../observability/client-tracing';
import type { SchemaEventMessage, SchemaEventPublisher } from './publisher';

/** The PutEvents entry of one event on the bus named `busName`. */
export const putEventsEntry = (busName: string, message: SchemaEventMessage): EventBridge.PutEventsRequestEntry => ({
  EventBusName: busName,
  Source: message.source,
  DetailType: message.detailType,
  Time: new Date(message.time),
  Detail: JSON.stringify(message.detail),
});

export class EventBridgeSchemaEvents implements SchemaEventPublisher {
  private client?: EventBridge.EventBridgeClient;

  constructor(
    private readonly region: string,
    private readonly busName: string,
    /** Further client settings (an endpoint and credentials: the test's stand-in for EventBridge). */
    private readonly clientConfig: Omit<EventBridge.EventBridgeClientConfig, 'region'> = {},
  ) {}

  async publish(message: SchemaEventMessage): Promise<void> {
    const { EventBridgeClient, PutEventsCommand } = require('@aws-sdk/client-eventbridge') as typeof EventBridge;
    this.client ??= traced(new EventBridgeClient({ ...this.clientConfig, region: this.region }));
    const answer = await this.client.send(new PutEventsCommand({ Entries: [putEventsEntry(this.busName, message)] }));
    // PutEvents answers 200 even when it refused an entry: the refusal is in the entry's result.
    if (answer.FailedEntryCount) {
      const [failed] = answer.Entries ?? [];
      throw new Error(`EventBridge refused the event: ${failed?.ErrorCode ?? 'unknown'} ${failed?.ErrorMessage ?? ''}`.trim());
    }
  }
}
