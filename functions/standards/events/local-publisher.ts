import type { SchemaEventMessage, SchemaEventPublisher } from './publisher';

/** Events kept in memory for inspection; the feed (GET /api/v1/schemas/{id}/events) keeps them all. */
const KEPT = 1000;

/**
 * The schema-event publisher of local mode: the bus is this process. Listeners (a test, a script
 * embedding the exchange) are called with each event as EventBridge rules would be; the last
 * events are kept in `sent`.
 */
export class LocalSchemaEvents implements SchemaEventPublisher {
  readonly sent: SchemaEventMessage[] = [];
  private readonly listeners = new Set<(message: SchemaEventMessage) => void>();

  async publish(message: SchemaEventMessage): Promise<void> {
    this.sent.push(message);
    if (this.sent.length > KEPT) this.sent.shift();
    for (const listener of this.listeners) listener(message);
  }

  /** Calls `listener` with every event sent from now on; returns the unsubscribe function. */
  subscribe(listener: (message: SchemaEventMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
