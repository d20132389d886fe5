import type { CatalogueChanged } from '../../../functions/storage/event-bus';
import { SerialEventBus } from '../../../functions/storage/event-bus-local';

const event = (seq: number): CatalogueChanged => ({ type: 'catalogue.changed', datasetId: `d${seq}`, seq, at: '2024-01-01T00:00:00.000Z' });

describe('the local event bus', () => {
  it('delivers events published while the handler is busy together, one batch at a time', async () => {
    const errors: unknown[] = [];
    const bus = new SerialEventBus((error) => errors.push(error));
    const batches: number[][] = [];
    let running = 0;
    let overlapped = false;
    bus.subscribe(async (events) => {
      running++;
      overlapped ||= running > 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      batches.push(events.map((e) => e.seq));
      running--;
    });
    await bus.publish(event(1));
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (const seq of [2, 3, 4]) await bus.publish(event(seq));
    await bus.idle();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    expect(overlapped).toBe(false);
    expect(errors).toEqual([]);
  });

  it('pauses after a delivery as long as it took, so a busy handler leaves the process time for the writers', async () => {
    const bus = new SerialEventBus(() => undefined);
    const times: Array<{ start: number; end: number }> = [];
    bus.subscribe(async () => {
      const start = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 150));
      times.push({ start, end: Date.now() });
    });
    await bus.publish(event(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await bus.publish(event(2));
    await bus.idle();
    expect(times).toHaveLength(2);
    expect(times[1].start - times[0].end).toBeGreaterThanOrEqual(130);
    // A delivery after a quiet spell longer than the last one took starts at once. The spell is
    // set from how long that delivery really took: on a loaded machine its 150 ms wait can take
    // 300 ms, and a fixed 200 ms spell would then be shorter than it.
    const lastTook = times[1].end - times[1].start;
    await new Promise((resolve) => setTimeout(resolve, Math.max(200, lastTook + 50)));
    const published = Date.now();
    await bus.publish(event(3));
    await bus.idle();
    expect(times[2].start - published).toBeLessThan(100);
  });

  it('reports a failing batch and goes on with the next', async () => {
    const errors: unknown[] = [];
    const bus = new SerialEventBus((error) => errors.push(error));
    const handled: number[] = [];
    bus.subscribe(async (events) => {
      if (events[0].seq === 1) throw new Error('boom');
      handled.push(...events.map((e) => e.seq));
    });
    await bus.publish(event(1));
    await bus.idle();
    await bus.publish(event(2));
    await bus.idle();
    expect(errors).toHaveLength(1);
    expect(handled).toEqual([2]);
  });

  it('drops events when nobody listens', async () => {
    const bus = new SerialEventBus(() => undefined);
    await bus.publish(event(1));
    await expect(bus.idle()).resolves.toBeUndefined();
  });
});
