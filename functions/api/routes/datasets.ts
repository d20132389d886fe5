import { Hono } from 'hono';
import { listDatasets, MAX_PAGE_SIZE } from '../../domain/dataset-listing';
import { validationFailed } from '../../domain/errors';
import { createDataset, deleteDataset, getDataset, updateDataset } from '../../domain/datasets';
import { tiers } from '../../domain/policy';
import type { AppEnv } from '../env';
import { etagOf, readIfMatch } from '../http/etag';
import { readJsonObject } from '../http/json-body';
import { routeName } from '../http/route-name';
import { parseChoice, parseLimit } from '../http/query-params';
import { presentDataset } from '../presenters';

const datasetSorts = ['relevance', 'modified', 'title', 'name'] as const;

/** A date (2024-05-01) or date-time with offset, as the UTC instant string the index compares with. */
const parseInstant = (field: string, raw: string | undefined): string | undefined => {
  if (raw === undefined) return undefined;
  const parsed = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/.test(raw) ? new Date(raw) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) throw validationFailed([{ field, message: 'must be a date (2024-05-01) or a date-time with offset (2024-05-01T09:00:00Z)' }]);
  return parsed.toISOString();
};

export const datasetRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const listing = await listDatasets(c.var.domain, c.var.caller, {
      // Its length, and the number of filters, are held to the search limits (search/query-limits.ts).
      q: c.req.query('q'),
      organisation: c.req.query('organisation'),
      tier: parseChoice('tier', c.req.query('tier'), tiers),
      theme: c.req.queries('theme'),
      keyword: c.req.queries('keyword'),
      format: c.req.queries('format'),
      schema: c.req.queries('schema'),
      licence: c.req.query('licence'),
      modifiedSince: parseInstant('modifiedSince', c.req.query('modifiedSince')),
      sort: parseChoice('sort', c.req.query('sort'), datasetSorts),
      limit: parseLimit(c.req.query('limit'), 20, MAX_PAGE_SIZE),
      cursor: c.req.query('cursor'),
    });
    const next = listing.next === undefined ? undefined : new URL(c.req.url);
    next?.searchParams.set('cursor', listing.next ?? '');
    return c.json({
      count: listing.count,
      results: listing.results.map((d) => presentDataset(d, c.var.urls)),
      facets: listing.facets,
      next: next ? c.var.urls.api(`/datasets${next.search}`) : null,
    });
  })
  .post('/', async (c) => {
    const created = await createDataset(c.var.domain, c.var.caller, await readJsonObject(c));
    c.header('Location', c.var.urls.dataset(created.value.name));
    c.header('ETag', etagOf(created.version));
    return c.json(presentDataset(created, c.var.urls), 201);
  })
  .get('/:dataset', async (c) => {
    const found = await getDataset(c.var.domain, c.var.caller, c.req.param('dataset'));
    c.header('ETag', etagOf(found.version));
    return c.json(presentDataset(found, c.var.urls));
  })
  .patch('/:dataset', async (c) => {
    const precondition = readIfMatch(c);
    const updated = await updateDataset(c.var.domain, c.var.caller, c.req.param('dataset'), await readJsonObject(c), precondition, routeName(c));
    c.header('ETag', etagOf(updated.version));
    return c.json(presentDataset(updated, c.var.urls));
  })
  .delete('/:dataset', async (c) => {
    await deleteDataset(c.var.domain, c.var.caller, c.req.param('dataset'), readIfMatch(c), routeName(c));
    return c.body(null, 204);
  });
