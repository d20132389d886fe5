import { SerialQueue } from '../local/serial-queue';
import type { CatalogueChanged, CatalogueChangedHandler, EventBus } from './event-bus';

/**
 * A delivery starts no sooner after the previous one ended than that one took (up to this long).
 * In AWS the indexer is a function of its own; here it shares the process with the writers, and a
 * stream of writes (a harvest run) would otherwise keep it running back to back, each run storing
 * a whole snapshot, taking the CPU the writes need. Searches do not wait for it (they read the log).
 */
const MAX_PAUSE_MS = 2000;

/**
 * The local event bus: events published while the handler is busy are delivered together in the
 * next batch, one batch at a time, like an SQS FIFO queue with a single message group; a busy
 * handler gets at most about half the time (MAX_PAUSE_MS).
 */
export class SerialEventBus implements EventBus {
  private readonly queue: SerialQueue;
  private pending: CatalogueChanged[] = [];
  private handler?: CatalogueChangedHandler;
  private lastTookMs = 0;
  private lastEndedAt = 0;

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
      const wait = Math.min(this.lastTookMs, MAX_PAUSE_MS) - (Date.now() - this.lastEndedAt);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const batch = this.pending.splice(0);
      const started = Date.now();
      try {
        if (batch.length > 0) await this.handler?.(batch);
      } finally {
        this.lastTookMs = Date.now() - started;
        this.lastEndedAt = Date.now();
      }
    });
  }

  /** Resolves when every event published so far has been handled. */
  idle(): Promise<void> {
    return this.queue.idle();
  }
}
