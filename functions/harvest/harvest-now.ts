import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { conflict } from '../domain/errors';
import type * as HarvestRunner from './harvest-runner';
import type { SendWork } from './queued-run';
import type { HarvestRun } from './run-steps';
import { notRunning } from './schedule';
import { getHarvestSource } from './sources';

/**
 * "Harvest now" (POST .../harvest-sources/{id}/runs). In AWS the API function is bound to the
 * harvest queue (infra/constructs/harvest-jobs.ts): the run is claimed and recorded, its first page
 * queued for the harvester function exactly as the schedule's dispatch does, and the request answers
 * at once, so a source of any size is harvested by the functions made for it rather than inside an
 * API request's 30 seconds. Without a queue (local mode) the run is taken in-process and answered
 * when it ends.
 */

export type HarvestNow = { queued: true; run: HarvestRun } | { queued: false; run: HarvestRun };

/**
 * The queue bound to a process's domain context: the API's entry point binds the harvest queue its
 * stack names (functions/api/handler.ts); tests bind the local in-process queue.
 */
const boundQueues = new WeakMap<DomainContext, SendWork>();

export const bindHarvestQueue = (ctx: DomainContext, send: SendWork): void => {
  boundQueues.set(ctx, send);
};

/** The runner, required by the first run rather than when the function starts (harvest-runner.ts). */
const runner = () => require('./harvest-runner') as typeof HarvestRunner;

export const harvestNow = async (ctx: DomainContext, caller: Caller, organisation: string, sourceId: string): Promise<HarvestNow> => {
  const send = boundQueues.get(ctx);
  if (!send) return { queued: false, run: await runner().startHarvestRun(ctx, caller, organisation, sourceId) };
  const source = await getHarvestSource(ctx, caller, organisation, sourceId);
  const run = await runner().beginQueuedRun(ctx, source.value, notRunning, send);
  if (!run) throw conflict('A run of this harvest source is in progress: wait for it to finish.', { harvestSource: sourceId });
  return { queued: true, run };
};
