import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { listDatasets, MAX_PAGE_SIZE } from '../domain/dataset-listing';
import type { Dataset } from '../domain/datasets';
import type { StoredRecord } from '../storage/catalogue-store';

export interface CatalogPageRequest {
  /** 1-based page number; used for the page's links, and to find the page when no cursor is given. */
  page: number;
  limit: number;
  /** The listing's cursor from a previous page's `next` link: jumps straight to the page. */
  cursor?: string;
}

export interface CatalogPage {
  /** Datasets the caller may see, all pages (counted after the policy). */
  count: number;
  page: number;
  limit: number;
  lastPage: number;
  results: StoredRecord<Dataset>[];
  /** Listing cursor of the following page, absent on the last. */
  nextCursor?: string;
}

/**
 * One page of the catalogue as the caller may see it, through listDatasets. Feeds offer page
 * numbers (Hydra first/previous/next/last); the listing pages by cursor, so page n without a
 * cursor walks the cursors of the pages before it (a few reads for catalogues of thousands).
 * `next` links carry the cursor too, so a harvester reading page after page never walks.
 */
export const catalogPage = async (ctx: DomainContext, caller: Caller, request: CatalogPageRequest): Promise<CatalogPage> => {
  let position = request.cursor;
  let skip = request.cursor === undefined ? (request.page - 1) * request.limit : 0;
  let exhausted = false;
  while (skip > 0 && !exhausted) {
    const step = Math.min(skip, MAX_PAGE_SIZE);
    const skipped = await listDatasets(ctx, caller, { limit: step, cursor: position });
    position = skipped.next;
    exhausted = position === undefined;
    skip -= step;
  }
  const listing = await listDatasets(ctx, caller, { limit: request.limit, cursor: position });
  return {
    count: listing.count,
    page: request.page,
    limit: request.limit,
    lastPage: Math.max(1, Math.ceil(listing.count / request.limit)),
    results: exhausted ? [] : listing.results,
    nextCursor: exhausted ? undefined : listing.next,
  };
};
