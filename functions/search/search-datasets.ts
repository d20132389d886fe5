import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { type Dataset, getDataset } from '../domain/datasets';
import { ExchangeError } from '../domain/errors';
import type { StoredRecord } from '../storage/catalogue-store';
import { currentSearchIndex } from './live-index';
import { mapWithLimit } from './map-limit';
import { runSearch, type SearchHit, type SearchOutcome, type SearchQuery } from './search-query';

export interface DatasetSearchResult extends SearchOutcome {
  /** The page's datasets as stored now, each re-checked against the policy. */
  results: Array<StoredRecord<Dataset> & { score?: number }>;
}

const READ_CONCURRENCY = 16;

/**
 * Reads each hit's live record (consistently) through getDataset, so the policy is applied to the
 * current record once more: a hit that is no longer visible is dropped rather than shown.
 */
export const materialiseHits = async (ctx: DomainContext, caller: Caller, hits: SearchHit[]): Promise<DatasetSearchResult['results']> => {
  const records = await mapWithLimit(hits, READ_CONCURRENCY, async (hit) => {
    try {
      const record = await getDataset(ctx, caller, hit.doc.id);
      return hit.score === undefined ? record : { ...record, score: hit.score };
    } catch (error) {
      if (error instanceof ExchangeError && error.code === 'not_found') return undefined;
      throw error;
    }
  });
  return records.filter((r): r is NonNullable<typeof r> => r !== undefined);
};

/** Searches the catalogue as `caller` may see it: results, counts and facets after the policy. */
export const searchDatasets = async (ctx: DomainContext, caller: Caller, query: SearchQuery): Promise<DatasetSearchResult> => {
  const index = await currentSearchIndex(ctx);
  const outcome = runSearch(index, caller, query);
  return { ...outcome, results: await materialiseHits(ctx, caller, outcome.hits) };
};
