import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { conflict } from '../domain/errors';
import { FIRST_PAGE, finishRun, type HarvestRun, harvestPage, loadCatalogueView, newRun, type RunOptions } from './run-steps';
import { claimRun, notRunning, releaseRun } from './schedule';
import { saveNewRun, saveRun } from './run-records';
import { getHarvestSource, type HarvestSource } from './sources';

export { MAX_PAGES, type HarvestRun, type RunError, type RunOptions } from './run-steps';
export { getHarvestRun, listHarvestRuns, runKey, runList, saveNewRun, saveRun } from './run-records';

/**
 * A harvest of a source in one go (the API's "harvest now", local scheduled runs of small sources,
 * tests and the benchmark): every page in turn, then withdrawal. The run record is written when it
 * starts (status `running`) and when it ends; the source's schedule record holds the run in
 * progress, so a second run of the same source is refused while one is going.
 */

export const runHarvest = async (ctx: DomainContext, source: HarvestSource, options: RunOptions = {}): Promise<HarvestRun> => {
  const run = newRun(ctx, source);
  if (!(await claimRun(ctx, source, run, notRunning))) {
    throw conflict('A run of this harvest source is in progress: wait for it to finish.', { harvestSource: source.id });
  }
  try {
    const saved = await saveNewRun(ctx, run);
    const view = await loadCatalogueView(ctx, source.id);
    const seen = new Set<string>();
    for (let cursor = FIRST_PAGE as typeof FIRST_PAGE | undefined; cursor; ) {
      cursor = await harvestPage(ctx, source, run, cursor, view, seen, options);
    }
    await finishRun(ctx, run, view, seen);
    await saveRun(ctx, run, saved.version);
    return run;
  } finally {
    await releaseRun(ctx, { ...run, finished: run.finished ?? ctx.now().toISOString(), status: run.status === 'running' ? 'incomplete' : run.status });
  }
};

/** Starts a run for a caller who may manage the source (its organisation's admins, the platform admin). */
export const startHarvestRun = async (
  ctx: DomainContext,
  caller: Caller,
  organisation: string,
  sourceId: string,
  options: RunOptions = {},
): Promise<HarvestRun> => {
  const source = await getHarvestSource(ctx, caller, organisation, sourceId);
  return runHarvest(ctx, source.value, options);
};
