import type { DomainContext } from '../domain/context';
import { VersionConflictError } from '../storage/catalogue-store';
import { runKey, saveNewRun, saveRun } from './run-records';
import { FIRST_PAGE, finishRun, type HarvestRun, harvestPage, loadCatalogueView, newRun, type RunCursor, type RunOptions } from './run-steps';
import { claimRun, type ScheduleState, releaseRun } from './schedule';
import { type HarvestSource, sourceKey } from './sources';
import { listAll } from '../storage/catalogue-store';

/**
 * A run worked through a queue one page at a time (in AWS: SQS between the dispatch and harvester
 * functions; locally: an in-process queue), so a source of any size finishes however long one
 * invocation may last. Each message names the run, the page's number and the cursor to read it
 * with; the page's seen identifiers are kept beside the run, so the last page can withdraw what no
 * page saw. A message delivered twice finds its page already counted and does nothing.
 */

export interface HarvestWork {
  sourceId: string;
  runId: string;
  /** 1 for the first page. */
  page: number;
  cursor: RunCursor;
}

export type SendWork = (work: HarvestWork) => Promise<void>;

const seenKey = (runId: string, page: number) => ({ pk: `HARVEST-RUN-SEEN#${runId}#${page}`, sk: 'SEEN' });
const seenList = (runId: string) => `HARVEST-RUN-SEEN#${runId}`;

const seenSoFar = async (ctx: DomainContext, runId: string): Promise<Set<string>> =>
  new Set((await listAll<{ ids: string[] }>(ctx.catalogue, seenList(runId))).flatMap((r) => r.value.ids));

/** Claims and records a run of the source and queues its first page; undefined when `when` says no. */
export const beginQueuedRun = async (
  ctx: DomainContext,
  source: HarvestSource,
  when: (state: ScheduleState, now: Date) => boolean,
  send: SendWork,
): Promise<HarvestRun | undefined> => {
  const run = newRun(ctx, source);
  if (!(await claimRun(ctx, source, run, when))) return undefined;
  const saved = await saveNewRun(ctx, run);
  try {
    await send({ sourceId: source.id, runId: run.id, page: 1, cursor: FIRST_PAGE });
  } catch (error) {
    // Nothing will take the run: it ends now, so the source is not held 'running' until the claim goes stale.
    const ended: HarvestRun = { ...run, status: 'incomplete', finished: ctx.now().toISOString(), errors: [{ message: 'the run could not be queued' }] };
    await saveRun(ctx, ended, saved.version).catch(() => undefined);
    await releaseRun(ctx, ended);
    throw error;
  }
  return run;
};

/** Takes one page of a queued run, then queues the next page or finishes the run. */
export const processHarvestWork = async (ctx: DomainContext, work: HarvestWork, send: SendWork, options: RunOptions = {}): Promise<void> => {
  const found = await ctx.catalogue.get<HarvestRun>(runKey(work.runId));
  // Gone, finished, or this page already taken (a message delivered again): nothing to do.
  if (found?.value.status !== 'running' || found.value.pages !== work.page - 1) return;
  const run = found.value;
  const source = (await ctx.catalogue.get<HarvestSource>(sourceKey(work.sourceId)))?.value;
  const view = await loadCatalogueView(ctx, work.sourceId);
  const seen = await seenSoFar(ctx, run.id);
  let next: RunCursor | undefined;
  if (!source) {
    run.status = 'incomplete';
    run.errors.push({ message: 'the harvest source was removed during the run' });
  } else {
    const before = new Set(seen);
    next = await harvestPage(ctx, source, run, work.cursor, view, seen, options);
    const ids = [...seen].filter((id) => !before.has(id));
    const key = seenKey(run.id, work.page);
    const entry = { list: seenList(run.id), order: String(work.page).padStart(6, '0') };
    const stored = await ctx.catalogue.get(key);
    if (stored) await ctx.catalogue.replace(key, { ids }, stored.version, entry);
    else await ctx.catalogue.create(key, { ids }, entry);
  }
  if (!next) await finishRun(ctx, run, view, seen);
  try {
    await saveRun(ctx, run, found.version);
  } catch (error) {
    // Another delivery of this message got there first and carries the run on.
    if (error instanceof VersionConflictError) return;
    throw error;
  }
  if (next) await send({ sourceId: work.sourceId, runId: run.id, page: work.page + 1, cursor: next });
  else await releaseRun(ctx, run);
};
