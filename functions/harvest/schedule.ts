import type { DomainContext } from '../domain/context';
import { RecordExistsError, VersionConflictError } from '../storage/catalogue-store';
import type { HarvestRun } from './run-steps';
import type { HarvestSource } from './sources';

/**
 * When each source is harvested next. A source's `schedule` is an interval ('hourly', 'daily',
 * 'weekly', PT6H, P2D, P1W) counted from the start of its last run; a source never run is due at
 * once. Each source has one schedule record (kept apart from the source, whose ETag belongs to its
 * admins' edits): its last run and the run in progress. Claiming a run is a conditional write on
 * it, so two dispatchers (a retried schedule, a person pressing "run now") never start two runs of
 * one source; a claim older than STALE_RUN_MS (a run whose worker died) no longer holds.
 */

const HOUR = 3_600_000;
const NAMED = new Map([
  ['hourly', HOUR],
  ['daily', 24 * HOUR],
  ['weekly', 7 * 24 * HOUR],
]);
const UNIT = new Map([
  ['H', HOUR],
  ['D', 24 * HOUR],
  ['W', 7 * 24 * HOUR],
]);

/** A run left `running` this long is taken to have died (a queued page's retries take at most a few hours). */
export const STALE_RUN_MS = 6 * HOUR;

export const intervalMs = (schedule: string): number => {
  const named = NAMED.get(schedule);
  if (named) return named;
  const match = /^PT?([0-9]+)([HDW])$/.exec(schedule);
  if (!match) throw new Error(`not a harvest schedule: ${schedule}`);
  return Number(match[1]) * UNIT.get(match[2])!;
};

export interface ScheduleState {
  sourceId: string;
  lastRunId?: string;
  lastStarted?: string;
  lastFinished?: string;
  lastStatus?: HarvestRun['status'];
  /** The run in progress, if any. */
  running?: { runId: string; since: string };
}

const stateKey = (sourceId: string) => ({ pk: `HARVEST-SCHEDULE#${sourceId}`, sk: 'SCHEDULE' });

export const readScheduleState = async (ctx: DomainContext, sourceId: string): Promise<ScheduleState> =>
  (await ctx.catalogue.get<ScheduleState>(stateKey(sourceId)))?.value ?? { sourceId };

/** When the source is next due (ISO 8601): at once when never run, else its last start plus its interval. */
export const nextRunAt = (source: HarvestSource, state: ScheduleState): string => {
  if (!state.lastStarted) return source.created;
  return new Date(Date.parse(state.lastStarted) + intervalMs(source.schedule)).toISOString();
};

const isRunning = (state: ScheduleState, now: Date): boolean => !!state.running && now.getTime() - Date.parse(state.running.since) < STALE_RUN_MS;

export const isDue = (source: HarvestSource, state: ScheduleState, now: Date): boolean =>
  !isRunning(state, now) && Date.parse(nextRunAt(source, state)) <= now.getTime();

/**
 * Marks the run as the source's run in progress, unless another is (answers false). `when` decides
 * on the state read at the moment of writing (is it due, or may a person start one now).
 */
export const claimRun = async (
  ctx: DomainContext,
  source: HarvestSource,
  run: HarvestRun,
  when: (state: ScheduleState, now: Date) => boolean,
): Promise<boolean> => {
  const now = ctx.now();
  const found = await ctx.catalogue.get<ScheduleState>(stateKey(source.id));
  const state = found?.value ?? { sourceId: source.id };
  if (!when(state, now)) return false;
  const next: ScheduleState = { ...state, lastRunId: run.id, lastStarted: run.started, running: { runId: run.id, since: run.started } };
  try {
    if (found) await ctx.catalogue.replace(stateKey(source.id), next, found.version);
    else await ctx.catalogue.create(stateKey(source.id), next);
    return true;
  } catch (error) {
    if (error instanceof VersionConflictError || error instanceof RecordExistsError) return false;
    throw error;
  }
};

/** Any run may start unless one is in progress. */
export const notRunning = (state: ScheduleState, now: Date): boolean => !isRunning(state, now);

/** Records the run's end on the source's schedule (only if it is still the run in progress). */
export const releaseRun = async (ctx: DomainContext, run: HarvestRun): Promise<void> => {
  for (let attempt = 0; attempt < 3; attempt++) {
    const found = await ctx.catalogue.get<ScheduleState>(stateKey(run.source));
    if (!found || found.value.running?.runId !== run.id) return;
    const { running: _, ...rest } = found.value;
    try {
      await ctx.catalogue.replace(stateKey(run.source), { ...rest, lastFinished: run.finished, lastStatus: run.status }, found.version);
      return;
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }
};

/**
 * Ends the runs a stopped process left in progress (local mode: nothing survives a restart), so
 * their sources are due again at once rather than after STALE_RUN_MS.
 */
export const abandonRuns = async (ctx: DomainContext, sourceIds: readonly string[], endRun: (runId: string) => Promise<void>): Promise<void> => {
  for (const sourceId of sourceIds) {
    const found = await ctx.catalogue.get<ScheduleState>(stateKey(sourceId));
    const running = found?.value.running;
    if (!found || !running) continue;
    await endRun(running.runId);
    const { running: _, ...rest } = found.value;
    await ctx.catalogue.replace(stateKey(sourceId), { ...rest, lastStarted: undefined, lastStatus: 'incomplete' }, found.version).catch(() => undefined);
  }
};
