import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { type Dataset, getVisibleDatasetsWith } from '../domain/datasets';
import { timeSearch } from '../observability/query-metrics';
import type { RecordKey, StoredRecord } from '../storage/catalogue-store';
import { currentSearchIndex } from './live-index';
import { runSearch, type SearchHit, type SearchOutcome, type SearchQuery } from './search-query';

export interface DatasetSearchResult extends SearchOutcome {
  /** The page's datasets as stored now, each re-checked against the policy. */
  results: Array<StoredRecord<Dataset> & { score?: number }>;
  /** The records `alsoRead` named, read in the results' batch and in its order; no policy was applied to them. */
  alsoRead?: Array<StoredRecord<unknown> | undefined>;
}

/**
 * Reads the hits' live records (consistently, in one batch) and applies the policy to each once
 * more: a hit that is no longer visible is dropped rather than shown.
 */
export const materialiseHits = async (
  ctx: DomainContext,
  caller: Caller,
  hits: SearchHit[],
  alsoRead: RecordKey[] = [],
): Promise<{ results: DatasetSearchResult['results']; alsoRead: Array<StoredRecord<unknown> | undefined> }> => {
  const scores = new Map(hits.map((hit) => [hit.doc.id, hit.score]));
  const read = await getVisibleDatasetsWith(
    ctx,
    caller,
    hits.map((hit) => hit.doc.id),
    alsoRead,
  );
  const results = read.datasets.map((record) => {
    const score = scores.get(record.value.id);
    return score === undefined ? record : { ...record, score };
  });
  return { results, alsoRead: read.alsoRead };
};

/**
 * Searches the catalogue as `caller` may see it: results, counts and facets after the policy.
 * `alsoRead` names records to read in the same batch as the page's datasets (the resources the
 * hits' documents name, say), returned in `alsoRead`, unchecked by the policy.
 */
export const searchDatasets = (
  ctx: DomainContext,
  caller: Caller,
  query: SearchQuery,
  alsoRead?: (hits: SearchHit[]) => RecordKey[],
): Promise<DatasetSearchResult> =>
  timeSearch(async () => {
    const index = await currentSearchIndex(ctx);
    const outcome = runSearch(index, caller, query);
    const read = await materialiseHits(ctx, caller, outcome.hits, alsoRead?.(outcome.hits));
    return { ...outcome, results: read.results, ...(alsoRead ? { alsoRead: read.alsoRead } : {}) };
  });
