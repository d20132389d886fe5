import { Hono } from 'hono';
import { ROW_LIMITS } from '../../rows/limits';
import { nativeRowRequest } from '../../rows/native-request';
import { queryRows } from '../../rows/query-rows';
import type { AppEnv } from '../env';
import { routeName } from '../http/route-name';

/** Row queries over a published version, mounted at /api/v1/datasets/:dataset/resources. */
export const rowRoutes = new Hono<AppEnv>().get('/:resource/rows', async (c) => {
  const request = nativeRowRequest(c.req.queries(), ROW_LIMITS);
  const page = await queryRows(c.var.domain, c.var.caller, { dataset: c.req.param('dataset')!, resource: c.req.param('resource'), request, route: routeName(c) });
  const self = new URL(c.req.url);
  let next: string | null = null;
  if (page.nextCursor) {
    self.searchParams.set('cursor', page.nextCursor);
    next = c.var.urls.api(`/datasets/${encodeURIComponent(page.dataset.name)}/resources/${encodeURIComponent(page.resourceName)}/rows${self.search}`);
  }
  c.header('Cache-Control', 'no-store');
  return c.json({
    dataset: page.dataset.name,
    resource: page.resourceName,
    version: page.version,
    fields: page.columns.map((column) => ({ name: column.name, type: column.type })),
    // fromEntries defines own properties, so a column named __proto__ stays a plain key.
    records: page.records.map((cells) => Object.fromEntries(page.columns.map((column, i) => [column.name, cells[i]]))),
    total: page.total ?? null,
    ...(page.totalEstimated ? { total_estimated: true } : {}),
    limit: request.limit,
    next,
  });
});
