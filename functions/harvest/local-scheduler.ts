import type { DomainContext } from '../domain/context';
import { dispatchDueHarvests } from './dispatch';
import { checkHarvestedLinks } from './link-checker';
import { type HarvestWork, processHarvestWork, type SendWork } from './queued-run';
import type { RunOptions } from './run-steps';

/**
 * Local mode's stand-in for EventBridge Scheduler, SQS and the harvester function: a timer runs the
 * same dispatch, and an in-process queue hands each page to the same handler, at most
 * `concurrency` pages at a time (the harvester's reserved concurrency in AWS).
 */

export interface LocalHarvestScheduler {
  /** Runs a dispatch now (the timer's tick). */
  tick: () => Promise<void>;
  /** Queues a page of work (the harvest queue's stand-in: "harvest now" can be bound to it, see harvest-now.ts). */
  queue: SendWork;
  /** Resolves when no page is queued or being taken. */
  idle: () => Promise<void>;
  stop: () => Promise<void>;
}

export const LOCAL_DISPATCH_INTERVAL_MS = 60_000;
export const LOCAL_LINK_CHECK_INTERVAL_MS = 3_600_000;

export const startLocalHarvestScheduler = (
  ctx: DomainContext,
  options: { intervalMs?: number; linkCheckIntervalMs?: number; concurrency?: number; runOptions?: RunOptions; onError?: (error: unknown) => void } = {},
): LocalHarvestScheduler => {
  const concurrency = options.concurrency ?? 2;
  const onError = options.onError ?? ((error: unknown) => console.error('harvest failed', error));
  const waiting: HarvestWork[] = [];
  let active = 0;
  let stopped = false;
  let idleWaiters: Array<() => void> = [];

  const settle = () => {
    if (active === 0 && (waiting.length === 0 || stopped)) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  };
  const pump = () => {
    while (!stopped && active < concurrency && waiting.length > 0) {
      const work = waiting.shift()!;
      active++;
      processHarvestWork(ctx, work, send, options.runOptions)
        .catch(onError)
        .finally(() => {
          active--;
          pump();
          settle();
        });
    }
  };
  const send = async (work: HarvestWork): Promise<void> => {
    waiting.push(work);
    // Not from inside the caller's own step: the page it queues starts once the caller has returned.
    setImmediate(pump);
  };

  let dispatching: Promise<void> = Promise.resolve();
  const tick = () => {
    dispatching = dispatching.then(() => dispatchDueHarvests(ctx, send).then(() => undefined)).catch(onError);
    return dispatching;
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? LOCAL_DISPATCH_INTERVAL_MS);
  timer.unref();
  // The link checker's schedule: one pass at a time, beside the harvests.
  let checking: Promise<void> = Promise.resolve();
  const linkTimer = setInterval(() => {
    checking = checking.then(() => checkHarvestedLinks(ctx, { allowHosts: options.runOptions?.allowHosts }).then(() => undefined)).catch(onError);
  }, options.linkCheckIntervalMs ?? LOCAL_LINK_CHECK_INTERVAL_MS);
  linkTimer.unref();

  const idle = async () => {
    await dispatching;
    if (active === 0 && waiting.length === 0) return;
    await new Promise<void>((resolve) => idleWaiters.push(resolve));
    // A page that finished may have queued the next one in the meantime.
    if (active > 0 || waiting.length > 0) await idle();
  };

  return {
    tick,
    queue: send,
    idle,
    // Pages still queued are dropped: their runs stay 'running' until the next start abandons them (abandonRuns).
    stop: async () => {
      clearInterval(timer);
      clearInterval(linkTimer);
      stopped = true;
      waiting.length = 0;
      await dispatching;
      if (active > 0) await new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
};
