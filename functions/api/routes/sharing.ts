import { Hono } from 'hono';
import { approveAccessRequest, declineAccessRequest, listAccessRequests, requestAccess } from '../../domain/access-requests';
import { readAuditLog } from '../../domain/audit';
import { createGrant, listGrants, revokeGrant } from '../../domain/grants';
import type { AppEnv } from '../env';
import { readJsonObject } from '../http/json-body';
import { parseLimit } from '../http/query-params';
import { routeName } from '../http/route-name';

/** Grants, access requests and the audit log of one dataset, mounted at /api/v1/datasets/:dataset. */
export const sharingRoutes = new Hono<AppEnv>()
  .get('/grants', async (c) => {
    const grants = await listGrants(c.var.domain, c.var.caller, c.req.param('dataset')!);
    return c.json({ count: grants.length, results: grants });
  })
  .post('/grants', async (c) => {
    const grant = await createGrant(c.var.domain, c.var.caller, c.req.param('dataset')!, await readJsonObject(c), routeName(c));
    return c.json({ ...grant, status: 'active' }, 201);
  })
  .delete('/grants/:org', async (c) => {
    await revokeGrant(c.var.domain, c.var.caller, c.req.param('dataset')!, c.req.param('org'), routeName(c));
    return c.body(null, 204);
  })
  .get('/access-requests', async (c) => {
    const requests = await listAccessRequests(c.var.domain, c.var.caller, c.req.param('dataset')!);
    return c.json({ count: requests.length, results: requests });
  })
  .post('/access-requests', async (c) => {
    const request = await requestAccess(c.var.domain, c.var.caller, c.req.param('dataset')!, await readJsonObject(c));
    return c.json(request, 201);
  })
  .post('/access-requests/:request/approve', async (c) => {
    const body = await readJsonObject(c);
    return c.json(await approveAccessRequest(c.var.domain, c.var.caller, c.req.param('dataset')!, c.req.param('request'), body, routeName(c)));
  })
  .post('/access-requests/:request/decline', async (c) => {
    const body = await readJsonObject(c);
    return c.json(await declineAccessRequest(c.var.domain, c.var.caller, c.req.param('dataset')!, c.req.param('request'), body, routeName(c)));
  })
  .get('/audit', async (c) => {
    const log = await readAuditLog(c.var.domain, c.var.caller, c.req.param('dataset')!, {
      limit: parseLimit(c.req.query('limit'), 100, 1000),
      cursor: c.req.query('cursor'),
    });
    const next = log.next ? c.var.urls.api(`/datasets/${encodeURIComponent(log.dataset.value.name)}/audit?cursor=${encodeURIComponent(log.next)}`) : null;
    return c.json({ count: log.entries.length, results: log.entries, next });
  });
