import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { createHarvestedDataset, DATASETS, type Dataset, replaceHarvestedDataset } from '../domain/datasets';
import { notFound } from '../domain/errors';
import { newId } from '../domain/identifiers';
import { listAll } from '../storage/catalogue-store';
import { entryFor, linkDuplicate, unlinkDuplicate } from './duplicate-links';
import type { HarvestedDataset } from './harvested-dataset';
import { type PageRequest, readPage } from './page-reader';
import { SameDatasetIndex } from './same-dataset';
import { getHarvestSource, type HarvestSource } from './sources';

/**
 * One harvest of a source: reads its pages, maps each record and writes only what changed.
 * A record the exchange cannot take (unmappable, an unknown licence, invalid) is an entry of the
 * run's errors and the rest carries on. A page that cannot be read, or repeats the previous one,
 * or the page cap, ends paging: the run is then `incomplete` and withdraws nothing, since records
 * it did not reach were not seen. Runs are synchronous: the API answers when the run has finished.
 */

export const MAX_PAGES = 200;

export interface RunError {
  identifier?: string;
  message: string;
}

export interface HarvestRun {
  id: string;
  source: string;
  organisation: string;
  status: 'completed' | 'incomplete';
  started: string;
  finished: string;
  durationMs: number;
  pages: number;
  seen: number;
  created: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  errors: RunError[];
}

export interface RunOptions {
  maxPages?: number;
  /** `host:port` entries the fetcher may reach although local (LDX_FETCH_ALLOW_HOSTS does the same). */
  allowHosts?: readonly string[];
}

const runKey = (id: string) => ({ pk: `HARVEST-RUN#${id}`, sk: 'RUN' });
const runList = (sourceId: string) => `HARVEST-RUNS#${sourceId}`;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The source's datasets already in the catalogue, by their identifier at the source, and the other
 * sources' harvested datasets by the keys that recognise the same dataset (same-dataset.ts).
 */
const catalogueFor = async (ctx: DomainContext, sourceId: string) => {
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

const datasetFrom = (source: HarvestSource, mapped: HarvestedDataset, existing: Dataset | undefined, now: string): Dataset => {
  const { name, title, description, licence, keywords, themes, updateFrequency, temporalCoverage, spatialCoverage, contactPoint } = mapped;
  const optional = { description, keywords, themes, updateFrequency, temporalCoverage, spatialCoverage, contactPoint };
  return {
    id: existing?.id ?? newId(),
    name: existing?.name ?? name,
    title,
    ...(Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) as Partial<Dataset>),
    organisation: source.organisation,
    tier: 'open',
    licence: licence as string,
    created: existing?.created ?? now,
    modified: now,
    provenance: {
      ...mapped.provenance,
      ...(mapped.publisher ? { publisher: mapped.publisher.name } : {}),
      firstHarvested: existing?.provenance?.firstHarvested ?? mapped.provenance.firstHarvested,
      lastHarvested: now,
      // Other sources' records of this dataset point here: their runs keep this list, this run keeps it as it is.
      ...(existing?.provenance?.alsoHarvestedFrom ? { alsoHarvestedFrom: existing.provenance.alsoHarvestedFrom } : {}),
    },
    linkedResources: mapped.resources,
  };
};

const sameIdentifiers = (a: string[], b: string[]): boolean => a.length > 0 && a.length === b.length && a.every((id, i) => id === b[i]);

export const runHarvest = async (ctx: DomainContext, source: HarvestSource, options: RunOptions = {}): Promise<HarvestRun> => {
  const startedAt = ctx.now();
  const now = startedAt.toISOString();
  const maxPages = options.maxPages ?? MAX_PAGES;
  const run: HarvestRun = {
    id: newId(),
    source: source.id,
    organisation: source.organisation,
    status: 'completed',
    started: now,
    finished: now,
    durationMs: 0,
    pages: 0,
    seen: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    withdrawn: 0,
    errors: [],
  };
  const { own: existing, sameDataset } = await catalogueFor(ctx, source.id);
  const seen = new Set<string>();
  const stop = (message: string) => {
    run.errors.push({ message });
    run.status = 'incomplete';
  };

  const take = async (mapped: HarvestedDataset): Promise<void> => {
    const identifier = mapped.provenance.identifier;
    if (seen.has(identifier)) return;
    seen.add(identifier);
    run.seen++;
    const stored = existing.get(identifier);
    if (!mapped.licence) {
      throw new Error(`licence '${mapped.provenance.licenceAtSource ?? 'none'}' is not one the exchange can publish as open`);
    }
    const dataset = datasetFrom(source, mapped, stored?.value, now);
    const standing = sameDataset.standingFor(dataset);
    if (standing) dataset.provenance!.duplicateOf = standing.dataset.name;
    const was = stored?.value.provenance;
    if (was && was.contentHash === mapped.provenance.contentHash && !was.withdrawnAt && was.duplicateOf === dataset.provenance!.duplicateOf) {
      run.unchanged++;
      return;
    }
    if (stored) {
      await replaceHarvestedDataset(ctx, dataset, stored.version);
      run.updated++;
    } else {
      await createHarvestedDataset(ctx, dataset);
      run.created++;
    }
    if (was?.duplicateOf && was.duplicateOf !== standing?.dataset.name) await unlinkDuplicate(ctx, was.duplicateOf, dataset.name);
    if (standing) await linkDuplicate(ctx, standing.dataset.name, entryFor(dataset, standing.matchedBy));
  };

  let request: PageRequest = { first: true };
  let previousIds: string[] = [];
  let previousUrl: string | undefined;
  for (;;) {
    if (run.pages >= maxPages) {
      stop(`stopped after ${maxPages} pages (the page cap)`);
      break;
    }
    let read: Awaited<ReturnType<typeof readPage>>;
    try {
      read = await readPage(source, request, { sourceId: source.id, harvestedAt: now, sourceUrl: source.url }, { allowHosts: options.allowHosts });
    } catch (error) {
      stop(`page ${run.pages + 1} could not be read: ${messageOf(error)}`);
      break;
    }
    run.pages++;
    const { page } = read;
    const ids = page.records.map((r) => (r.ok ? r.dataset.provenance.identifier : (r.failure.identifier ?? `#${r.failure.index}`)));
    if (sameIdentifiers(ids, previousIds) || (previousUrl !== undefined && read.url === previousUrl && 'url' in request)) {
      stop(`page ${run.pages} repeats the previous page: paging stopped`);
      break;
    }
    previousIds = ids;
    previousUrl = read.url;
    for (const record of page.records) {
      if (!record.ok) {
        run.errors.push({ ...(record.failure.identifier ? { identifier: record.failure.identifier } : {}), message: record.failure.message });
        continue;
      }
      if (!passesFilters(source, record.dataset)) continue;
      try {
        await take(record.dataset);
      } catch (error) {
        run.errors.push({ identifier: record.dataset.provenance.identifier, message: messageOf(error) });
      }
    }
    if (!page.next || page.records.length === 0) break;
    request = page.next;
  }

  if (run.status === 'completed') {
    for (const [identifier, stored] of existing) {
      if (seen.has(identifier) || !stored.value.provenance || stored.value.provenance.withdrawnAt) continue;
      try {
        await replaceHarvestedDataset(ctx, { ...stored.value, provenance: { ...stored.value.provenance, withdrawnAt: now } }, stored.version);
        run.withdrawn++;
        const standing = stored.value.provenance.duplicateOf;
        if (standing) await unlinkDuplicate(ctx, standing, stored.value.name);
      } catch (error) {
        run.errors.push({ identifier, message: `could not be withdrawn: ${messageOf(error)}` });
      }
    }
  }

  const finishedAt = ctx.now();
  run.finished = finishedAt.toISOString();
  run.durationMs = Math.max(0, finishedAt.getTime() - startedAt.getTime());
  await ctx.catalogue.create(runKey(run.id), run, { list: runList(source.id), order: `${run.started}#${run.id}` });
  return run;
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
