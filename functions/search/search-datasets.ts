import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { type Dataset, getVisibleDatasets } from '../domain/datasets';
import { timeSearch } from '../observability/query-metrics';
import type { StoredRecord } from '../storage/catalogue-store';
import { currentSearchIndex } from './live-index';
import { runSearch, type SearchHit, type SearchOutcome, type SearchQuery } from './search-query';

export interface DatasetSearchResult extends SearchOutcome {
  /** The page's datasets as stored now, each re-checked against the policy. */
  results: Array<StoredRecord<Dataset> & { score?: number }>;
}

/**
 * Reads the hits' live records (consistently, in one batch) and applies the policy to each once
 * more: a hit that is no longer visible is dropped rather than shown.
 */
export const materialiseHits = async (ctx: DomainContext, caller: Caller, hits: SearchHit[]): Promise<DatasetSearchResult['results']> => {
  const scores = new Map(hits.map((hit) => [hit.doc.id, hit.score]));
  const records = await getVisibleDatasets(
    ctx,
    caller,
    hits.map((hit) => hit.doc.id),
  );
  return records.map((record) => {
    const score = scores.get(record.value.id);
    return score === undefined ? record : { ...record, score };
  });
};

/** Searches the catalogue as `caller` may see it: results, counts and facets after the policy. */
export const searchDatasets = (ctx: DomainContext, caller: Caller, query: SearchQuery): Promise<DatasetSearchResult> =>
  timeSearch(async () => {
    const index = await currentSearchIndex(ctx);
    const outcome = runSearch(index, caller, query);
    return { ...outcome, results: await materialiseHits(ctx, caller, outcome.hits) };
  });
