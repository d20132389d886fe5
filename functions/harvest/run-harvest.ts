import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { conflict, notFound } from '../domain/errors';
import { listAll } from '../storage/catalogue-store';
import { capRunErrors } from './run-errors';
import { FIRST_PAGE, finishRun, type HarvestRun, harvestPage, loadCatalogueView, newRun, type RunOptions } from './run-steps';
import { claimRun, notRunning, releaseRun } from './schedule';
import { getHarvestSource, type HarvestSource } from './sources';

export { MAX_PAGES, type HarvestRun, type RunError, type RunOptions } from './run-steps';

/**
 * A harvest of a source in one go (the API's "harvest now", local scheduled runs of small sources,
 * tests and the benchmark): every page in turn, then withdrawal. The run record is written when it
 * starts (status `running`) and when it ends; the source's schedule record holds the run in
 * progress, so a second run of the same source is refused while one is going.
 */

export const runKey = (id: string) => ({ pk: `HARVEST-RUN#${id}`, sk: 'RUN' });
export const runList = (sourceId: string) => `HARVEST-RUNS#${sourceId}`;

// Stored with its errors capped (run-errors.ts), whoever added to them.
export const saveNewRun = (ctx: DomainContext, run: HarvestRun) => {
  capRunErrors(run);
  return ctx.catalogue.create(runKey(run.id), run, { list: runList(run.source), order: `${run.started}#${run.id}` });
};
export const saveRun = (ctx: DomainContext, run: HarvestRun, version: number) => {
  capRunErrors(run);
  return ctx.catalogue.replace(runKey(run.id), run, version, { list: runList(run.source), order: `${run.started}#${run.id}` });
};

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

export const listHarvestRuns = async (ctx: DomainContext, caller: Caller, organisation: string, sourceId: string): Promise<HarvestRun[]> => {
  await getHarvestSource(ctx, caller, organisation, sourceId);
  return (await listAll<HarvestRun>(ctx.catalogue, runList(sourceId))).map((r) => r.value);
};

export const getHarvestRun = async (ctx: DomainContext, caller: Caller, organisation: string, sourceId: string, runId: string): Promise<HarvestRun> => {
  await getHarvestSource(ctx, caller, organisation, sourceId);
  const found = await ctx.catalogue.get<HarvestRun>(runKey(runId));
  if (!found || found.value.source !== sourceId) throw notFound('harvest run');
  return found.value;
};
