import { type Caller } from './caller';
import type { DomainContext } from './context';
import { DATASETS, type Dataset } from './datasets';
import { badRequest } from './errors';
import { maySeeMetadata, type Tier } from './policy';
import { listAll, type StoredRecord } from '../storage/catalogue-store';

export interface DatasetQuery {
  organisation?: string;
  tier?: Tier;
  limit: number;
  cursor?: string;
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface DatasetListing {
  /** How many datasets the caller may see that match the filters (all pages). */
  count: number;
  results: StoredRecord<Dataset>[];
  facets: { organisation: FacetValue[]; tier: FacetValue[] };
  /** Cursor for the next page, absent on the last. */
  next?: string;
}

export const MAX_PAGE_SIZE = 1000;

const countBy = (datasets: Dataset[], field: 'organisation' | 'tier'): FacetValue[] => {
  const counts = new Map<string, number>();
  for (const dataset of datasets) counts.set(dataset[field], (counts.get(dataset[field]) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
};

const encodeCursor = (afterName: string): string => Buffer.from(JSON.stringify({ after: afterName })).toString('base64url');

const decodeCursor = (cursor: string): string => {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string') return parsed.after;
  } catch {
    // reported below
  }
  throw badRequest('The cursor is not valid; use the `next` value of a previous page.', { field: 'cursor' });
};

/**
 * Lists the datasets the caller may see, filtered, in name order. The policy is applied before
 * anything is counted, so counts and facets never reveal a dataset the caller cannot see.
 * Reads the whole catalogue: fine for thousands of datasets; search (a later issue) replaces it.
 */
export const listDatasets = async (ctx: DomainContext, caller: Caller, query: DatasetQuery): Promise<DatasetListing> => {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const visible = (await listAll<Dataset>(ctx.catalogue, DATASETS)).filter(
    (record) => !record.value.deletedAt && maySeeMetadata(caller, record.value),
  );
  const byOrganisation = visible.filter((r) => !query.organisation || r.value.organisation === query.organisation);
  const byTier = visible.filter((r) => !query.tier || r.value.tier === query.tier);
  const matching = byOrganisation.filter((r) => !query.tier || r.value.tier === query.tier);
  const start = after === undefined ? 0 : matching.findIndex((r) => r.value.name > after);
  const page = start < 0 ? [] : matching.slice(start, start + query.limit);
  const hasMore = start >= 0 && start + query.limit < matching.length;
  return {
    count: matching.length,
    results: page,
    // Each facet counts within the other filters, so choosing a value never hides its siblings.
    facets: { organisation: countBy(byTier.map((r) => r.value), 'organisation'), tier: countBy(byOrganisation.map((r) => r.value), 'tier') },
    next: hasMore ? encodeCursor(page[page.length - 1].value.name) : undefined,
  };
};

/** How many datasets of one organisation the caller may see. */
export const countVisibleDatasets = async (ctx: DomainContext, caller: Caller, organisationId: string): Promise<number> =>
  (await listAll<Dataset>(ctx.catalogue, DATASETS)).filter(
    (r) => !r.value.deletedAt && r.value.organisation === organisationId && maySeeMetadata(caller, r.value),
  ).length;
