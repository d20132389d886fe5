import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { notFound } from '../domain/errors';
import { listAll } from '../storage/catalogue-store';
import { capRunErrors } from './run-errors';
import type { HarvestRun } from './run-steps';
import { getHarvestSource } from './sources';

/**
 * Harvest runs' records: where they are kept, and reading them. Apart from the runner
 * (run-harvest.ts, run-steps.ts), so the requests that only read runs (the API's, the publisher
 * pages') do not load the page reader, the mappers and the outbound fetcher.
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
