import { SerialQueue } from '../local/serial-queue';
import type { CatalogueChanged, CatalogueChangedHandler, EventBus } from './event-bus';

/**
 * The local event bus: events published while the handler is busy are delivered together in the
 * next batch, one batch at a time, like an SQS FIFO queue with a single message group.
 */
export class SerialEventBus implements EventBus {
  private readonly queue: SerialQueue;
  private pending: CatalogueChanged[] = [];
  private handler?: CatalogueChangedHandler;

  constructor(onError: (error: unknown) => void) {
    this.queue = new SerialQueue(onError);
  }

  subscribe(handler: CatalogueChangedHandler): void {
    this.handler = handler;
  }

  async publish(event: CatalogueChanged): Promise<void> {
    if (!this.handler) return;
    this.pending.push(event);
    if (this.pending.length > 1) return; // a delivery is already queued and will take this event too
    this.queue.push(async () => {
      const batch = this.pending.splice(0);
      if (batch.length > 0) await this.handler?.(batch);
    });
  }

  /** Resolves when every event published so far has been handled. */
  idle(): Promise<void> {
    return this.queue.idle();
  }
}
