import type { DomainContext } from '../domain/context';
import { DATASETS, type Dataset } from '../domain/datasets';
import { newId } from '../domain/identifiers';
import { listAll } from '../storage/catalogue-store';
import type { HarvestedDataset } from './harvested-dataset';
import { type PageRequest, readPage } from './page-reader';
import { type MirrorReport, mirrorPageFiles } from './mirror-files';
import { type CatalogueView, takeRecords, type WriteReport, withdrawUnseen } from './page-writes';
import { messageOf, recordRunError } from './run-errors';
import { SameDatasetIndex } from './same-dataset';
import type { HarvestSource } from './sources';

/**
 * The steps of one harvest, shared by the run the API starts (all pages in one go) and the queued
 * run in AWS (one page per message, so a source of any size finishes although one Lambda
 * invocation is limited): begin, read and take one page, then withdraw what was not seen and close.
 * A record the exchange cannot take is an entry of the run's errors and the rest carries on. A
 * page that cannot be read, or repeats the previous one, or the page cap, ends paging: the run is
 * then `incomplete` and withdraws nothing, since records it did not reach were not seen.
 */

export const MAX_PAGES = 200;

export type { CatalogueView } from './page-writes';
export type { RunError } from './run-errors';

/** A run's record: its counts of records written and errors (WriteReport), and of files copied in mirror mode (MirrorReport). */
export interface HarvestRun extends WriteReport, MirrorReport {
  id: string;
  source: string;
  organisation: string;
  /** `running` until its last page is taken (a queued run between pages). */
  status: 'running' | 'completed' | 'incomplete';
  started: string;
  finished?: string;
  durationMs?: number;
  pages: number;
  seen: number;
}

export interface RunOptions {
  maxPages?: number;
  /** `host:port` entries the fetcher may reach although local (LDX_FETCH_ALLOW_HOSTS does the same). */
  allowHosts?: readonly string[];
  /** The whole fetch of one page (the fetcher's default otherwise). */
  pageTimeoutMs?: number;
  /** Mirror mode: how long a page waits for its copied files' validation (mirror-outcome.ts). */
  mirrorWaitMs?: number;
  /** Mirror mode: how long a page spends copying files (mirror-files.ts). */
  mirrorBudgetMs?: number;
}

/** Where paging has got to: the page to read next, and what the last one held (to catch a page that repeats). */
export interface RunCursor {
  request: PageRequest;
  previousIds: string[];
  previousUrl?: string;
}

export const FIRST_PAGE: RunCursor = { request: { first: true }, previousIds: [] };

export const loadCatalogueView = async (ctx: DomainContext, sourceId: string): Promise<CatalogueView> => {
  const all = await listAll<Dataset>(ctx.catalogue, DATASETS);
  const own = new Map(
    all.filter((d) => !d.value.deletedAt && d.value.provenance?.sourceId === sourceId).map((d) => [d.value.provenance?.identifier ?? '', d] as const),
  );
  return {
    own,
    sameDataset: new SameDatasetIndex(
      all.map((d) => d.value),
      sourceId,
    ),
  };
};

export const newRun = (ctx: DomainContext, source: HarvestSource): HarvestRun => ({
  id: newId(),
  source: source.id,
  organisation: source.organisation,
  status: 'running',
  started: ctx.now().toISOString(),
  pages: 0,
  seen: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  withdrawn: 0,
  errors: [],
});

/** The source's filters that apply after mapping: keywords and the publisher's name. */
const passesFilters = (source: HarvestSource, dataset: HarvestedDataset): boolean => {
  const wanted = source.filters?.keywords;
  if (wanted && wanted.length > 0) {
    const has = new Set((dataset.keywords ?? []).map((k) => k.toLowerCase()));
    if (!wanted.some((k) => has.has(k.toLowerCase()))) return false;
  }
  const publisher = source.filters?.organisation;
  if (publisher && source.kind !== 'ckan' && dataset.publisher?.name.toLowerCase() !== publisher.toLowerCase()) return false;
  return true;
};

const sameIdentifiers = (a: string[], b: string[]): boolean => a.length > 0 && a.length === b.length && a.every((id, i) => id === b[i]);

const stop = (run: HarvestRun, message: string): undefined => {
  recordRunError(run, { message }, { mustList: true });
  run.status = 'incomplete';
  return undefined;
};

/**
 * Reads and takes the page at `cursor`, adding to the run's counts and to `seen` (the identifiers
 * the run has seen so far). Answers the cursor of the next page, or undefined when paging has ended.
 */
export const harvestPage = async (
  ctx: DomainContext,
  source: HarvestSource,
  run: HarvestRun,
  cursor: RunCursor,
  view: CatalogueView,
  seen: Set<string>,
  options: RunOptions = {},
): Promise<RunCursor | undefined> => {
  const maxPages = options.maxPages ?? MAX_PAGES;
  if (run.pages >= maxPages) return stop(run, `stopped after ${maxPages} pages (the page cap)`);
  let read: Awaited<ReturnType<typeof readPage>>;
  try {
    read = await readPage(
      source,
      cursor.request,
      { sourceId: source.id, harvestedAt: run.started, sourceUrl: source.url },
      { allowHosts: options.allowHosts, totalTimeoutMs: options.pageTimeoutMs },
    );
  } catch (error) {
    return stop(run, `page ${run.pages + 1} could not be read: ${messageOf(error)}`);
  }
  run.pages++;
  const { page } = read;
  const ids = page.records.map((r) => (r.ok ? r.dataset.provenance.identifier : (r.failure.identifier ?? `#${r.failure.index}`)));
  if (sameIdentifiers(ids, cursor.previousIds) || (cursor.previousUrl !== undefined && read.url === cursor.previousUrl && 'url' in cursor.request)) {
    return stop(run, `page ${run.pages} repeats the previous page: paging stopped`);
  }
  const toTake: HarvestedDataset[] = [];
  for (const record of page.records) {
    if (!record.ok) {
      recordRunError(run, { ...(record.failure.identifier ? { identifier: record.failure.identifier } : {}), message: record.failure.message });
      continue;
    }
    if (!passesFilters(source, record.dataset)) continue;
    const identifier = record.dataset.provenance.identifier;
    if (seen.has(identifier)) continue;
    seen.add(identifier);
    run.seen++;
    toTake.push(record.dataset);
  }
  await takeRecords(ctx, source, run, run.started, view, toTake);
  // Mirror mode: the page's files come in through the upload pipeline (functions/harvest/mirror-files.ts).
  const names = toTake.map((m) => view.own.get(m.provenance.identifier)?.value.name ?? m.name);
  if (source.mode === 'mirror') await mirrorPageFiles(ctx, source, run, names, options);
  if (!page.next || page.records.length === 0) return undefined;
  return { request: page.next, previousIds: ids, previousUrl: read.url };
};

/** Ends the run: a run whose paging reached the end withdraws the records it did not see. */
export const finishRun = async (ctx: DomainContext, run: HarvestRun, view: CatalogueView, seen: ReadonlySet<string>): Promise<void> => {
  if (run.status === 'running') run.status = 'completed';
  if (run.status === 'completed') await withdrawUnseen(ctx, run, run.started, view, seen);
  const finishedAt = ctx.now();
  run.finished = finishedAt.toISOString();
  run.durationMs = Math.max(0, finishedAt.getTime() - Date.parse(run.started));
};
