import { Hono } from 'hono';
import { MAX_PAGE_SIZE } from '../../domain/dataset-listing';
import { getDataset } from '../../domain/datasets';
import { notFound, validationFailed } from '../../domain/errors';
import { loadCatalogEntries } from '../../interop/catalog-entry';
import { type CatalogPage, catalogPage } from '../../interop/catalog-page';
import { type CatalogView, dcatApCatalog, dcatApDatasetDocument } from '../../interop/dcat-ap';
import { dcatUsCatalog } from '../../interop/dcat-us';
import type { AppEnv } from '../env';
import { parseLimit } from '../http/query-params';

/**
 * DCAT feeds: /catalog/data.json (DCAT-US 1.1), /catalog.jsonld (DCAT-AP with Hydra paging)
 * and /dataset/{name}.jsonld. Each shows only what the caller may see, and download links only
 * for data the caller may read.
 */
const JSON_LD = 'application/ld+json; charset=UTF-8';
const MAX_PAGE = 1_000_000;

const parsePage = (raw: string | undefined): number => {
  if (raw === undefined) return 1;
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_PAGE) {
    throw validationFailed([{ field: 'page', message: `must be a whole number from 1 to ${MAX_PAGE}` }]);
  }
  return Number(raw);
};

const pageQuery = (page: number, limit: number, cursor?: string): string =>
  `?page=${page}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

/** first/previous/next/last of a page; `next` carries the listing cursor so reading on never re-walks. */
const viewOf = (listing: CatalogPage, link: (query: string) => string, requestCursor?: string): CatalogView => ({
  self: link(pageQuery(listing.page, listing.limit, requestCursor)),
  first: link(pageQuery(1, listing.limit)),
  last: link(pageQuery(listing.lastPage, listing.limit)),
  ...(listing.page > 1 ? { previous: link(pageQuery(Math.min(listing.page - 1, listing.lastPage), listing.limit)) } : {}),
  ...(listing.nextCursor ? { next: link(pageQuery(listing.page + 1, listing.limit, listing.nextCursor)) } : {}),
});

/** RFC 8288 Link header, so data.json (which has no paging properties of its own) can be paged too. */
const linkHeader = (view: CatalogView): string =>
  (['first', 'previous', 'next', 'last'] as const)
    .filter((rel) => view[rel])
    .map((rel) => `<${view[rel]}>; rel="${rel === 'previous' ? 'prev' : rel}"`)
    .join(', ');

export const dcatRoutes = new Hono<AppEnv>()
  .get('/catalog/data.json', async (c) => {
    const request = { page: parsePage(c.req.query('page')), limit: parseLimit(c.req.query('limit'), MAX_PAGE_SIZE, MAX_PAGE_SIZE), cursor: c.req.query('cursor') };
    const listing = await catalogPage(c.var.domain, c.var.caller, request);
    const entries = await loadCatalogEntries(c.var.domain, c.var.caller, listing.results);
    const view = viewOf(listing, (query) => `${c.var.urls.dcatUsCatalog()}${query}`, request.cursor);
    c.header('Link', linkHeader(view));
    c.header('Vary', 'Authorization');
    return c.json(dcatUsCatalog(entries, c.var.urls));
  })
  .get('/catalog.jsonld', async (c) => {
    const request = { page: parsePage(c.req.query('page')), limit: parseLimit(c.req.query('limit'), 100, MAX_PAGE_SIZE), cursor: c.req.query('cursor') };
    const listing = await catalogPage(c.var.domain, c.var.caller, request);
    const entries = await loadCatalogEntries(c.var.domain, c.var.caller, listing.results);
    const view = viewOf(listing, (query) => c.var.urls.dcatApCatalog(query), request.cursor);
    c.header('Link', linkHeader(view));
    c.header('Vary', 'Authorization');
    return c.body(JSON.stringify(dcatApCatalog(entries, listing.count, view, c.var.urls)), 200, { 'Content-Type': JSON_LD });
  })
  .get('/dataset/:file', async (c) => {
    const file = c.req.param('file');
    if (!file.endsWith('.jsonld')) throw notFound('page or API route');
    const dataset = await getDataset(c.var.domain, c.var.caller, file.slice(0, -'.jsonld'.length));
    const [entry] = await loadCatalogEntries(c.var.domain, c.var.caller, [dataset]);
    c.header('Vary', 'Authorization');
    return c.body(JSON.stringify(dcatApDatasetDocument(entry, c.var.urls)), 200, { 'Content-Type': JSON_LD });
  });
