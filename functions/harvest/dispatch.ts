import type { DomainContext } from '../domain/context';
import { listOrganisations } from '../domain/organisations';
import { listAll } from '../storage/catalogue-store';
import { beginQueuedRun, type SendWork } from './queued-run';
import { isDue, readScheduleState } from './schedule';
import { type HarvestSource, sourceList } from './sources';

/**
 * The scheduled dispatch: every source whose schedule says it is due (and has no run in progress)
 * gets a run, its first page queued for the harvester. Run by EventBridge Scheduler in AWS and by
 * a timer in local mode; a dispatch that runs twice starts nothing twice (claimRun is conditional).
 */

export const everySource = async (ctx: DomainContext): Promise<HarvestSource[]> => {
  const organisations = await listOrganisations(ctx);
  const lists = await Promise.all(organisations.map((o) => listAll<HarvestSource>(ctx.catalogue, sourceList(o.value.id))));
  return lists.flat().map((s) => s.value);
};

export const dispatchDueHarvests = async (ctx: DomainContext, send: SendWork): Promise<{ started: string[] }> => {
  const started: string[] = [];
  for (const source of await everySource(ctx)) {
    // Read first so an idle catalogue costs one read per source; the claim re-checks before it writes.
    if (!isDue(source, await readScheduleState(ctx, source.id), ctx.now())) continue;
    const run = await beginQueuedRun(ctx, source, (state, now) => isDue(source, state, now), send);
    if (run) started.push(run.id);
  }
  return { started };
};
