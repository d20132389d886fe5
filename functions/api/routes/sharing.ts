import { approveAccessRequest, declineAccessRequest, listAccessRequests, requestAccess } from '../../domain/access-requests';
import { readAuditLog } from '../../domain/audit-log';
import { createGrant, listGrants, revokeGrant } from '../../domain/grants';
import { routeName } from '../http/route-name';
import { errors, jsonResponse, ref } from '../openapi/builders';
import { route } from './declare';

/** Grants, access requests and the audit log of one dataset. */
export const sharingRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/datasets/:dataset/grants',
    operationId: 'listGrants',
    summary: 'Grants on a dataset (publisher’s members)',
    tags: ['Sharing'],
    auth: 'token',
    parameters: ['dataset'],
    responses: { 200: jsonResponse('Every grant with its status now.', ref('GrantList')), ...errors(401, 403, 404) },
    handler: async (c, { params }) => {
      const grants = await listGrants(c.var.domain, c.var.caller, params.dataset);
      return c.json({ count: grants.length, results: grants });
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/datasets/:dataset/grants',
    operationId: 'createGrant',
    summary: 'Grant an organisation access to a shared dataset (publisher’s admins)',
    tags: ['Sharing'],
    auth: 'token',
    description:
      'An organisation holds at most one active grant per dataset: while one is active, another answers 409 with its `grantId` and `expiresAt` in the error details. Revoke it to grant new terms; an expired or revoked grant does not block a new one.',
    parameters: ['dataset'],
    body: {
      kind: 'json',
      schema: ref('GrantInput'),
      example: {
        organisation: 'hackney',
        purpose: 'Planning EV charge point locations in Hackney',
        lawfulBasis: 'not-personal-data',
        agreementReference: 'DSA-2026-014',
        expiresAt: '2026-12-31',
      },
    },
    responses: { 201: jsonResponse('The grant, active at once.', ref('Grant')), ...errors(400, 401, 403, 404, 409, 413, 415) },
    handler: async (c, { params, body }) => {
      const grant = await createGrant(c.var.domain, c.var.caller, params.dataset, body, routeName(c));
      return c.json({ ...grant, status: 'active' }, 201);
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/datasets/:dataset/grants/:org',
    operationId: 'revokeGrant',
    summary: 'Revoke an organisation’s active grant (publisher’s admins)',
    tags: ['Sharing'],
    auth: 'token',
    parameters: ['dataset', 'grantee'],
    responses: { 204: { description: 'Revoked: its next request is refused.' }, ...errors(401, 403, 404) },
    handler: async (c, { params }) => {
      await revokeGrant(c.var.domain, c.var.caller, params.dataset, params.org, routeName(c));
      return c.body(null, 204);
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/datasets/:dataset/access-requests',
    operationId: 'listAccessRequests',
    summary: 'Access requests (the publisher sees all; a requester its own)',
    tags: ['Sharing'],
    auth: 'token',
    parameters: ['dataset'],
    responses: { 200: jsonResponse('Requests.', ref('AccessRequestList')), ...errors(401, 404) },
    handler: async (c, { params }) => {
      const requests = await listAccessRequests(c.var.domain, c.var.caller, params.dataset);
      return c.json({ count: requests.length, results: requests });
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/datasets/:dataset/access-requests',
    operationId: 'requestAccess',
    summary: 'Ask the publisher of a shared dataset for access',
    tags: ['Sharing'],
    auth: 'token',
    parameters: ['dataset'],
    body: {
      kind: 'json',
      schema: ref('AccessRequestInput'),
      example: { purpose: 'Modelling kerbside demand for EV charging', lawfulBasis: 'public-task', requestedDays: 180 },
    },
    responses: { 201: jsonResponse('The pending request.', ref('AccessRequest')), ...errors(400, 401, 403, 404, 409, 413, 415) },
    handler: async (c, { params, body }) => c.json(await requestAccess(c.var.domain, c.var.caller, params.dataset, body), 201),
  }),
  route({
    method: 'POST',
    path: '/api/v1/datasets/:dataset/access-requests/:request/approve',
    operationId: 'approveAccessRequest',
    summary: 'Approve a request: creates the grant (publisher’s admins)',
    tags: ['Sharing'],
    auth: 'token',
    parameters: ['dataset', 'request'],
    body: { kind: 'json', schema: ref('AccessRequestApproval'), example: { agreementReference: 'DSA-2026-015' } },
    responses: {
      200: jsonResponse('The decided request and its grant.', {
        type: 'object',
        required: ['request', 'grant'],
        properties: { request: ref('AccessRequest'), grant: ref('Grant') },
      }),
      ...errors(400, 401, 403, 404, 409, 413, 415),
    },
    handler: async (c, { params, body }) => c.json(await approveAccessRequest(c.var.domain, c.var.caller, params.dataset, params.request, body, routeName(c))),
  }),
  route({
    method: 'POST',
    path: '/api/v1/datasets/:dataset/access-requests/:request/decline',
    operationId: 'declineAccessRequest',
    summary: 'Decline a request, with a reason (publisher’s admins)',
    tags: ['Sharing'],
    auth: 'token',
    parameters: ['dataset', 'request'],
    body: { kind: 'json', schema: ref('AccessRequestDecline'), example: { reason: 'The agreement does not cover this purpose.' } },
    responses: { 200: jsonResponse('The declined request.', ref('AccessRequest')), ...errors(400, 401, 403, 404, 409, 413, 415) },
    handler: async (c, { params, body }) => c.json(await declineAccessRequest(c.var.domain, c.var.caller, params.dataset, params.request, body, routeName(c))),
  }),
  route({
    method: 'GET',
    path: '/api/v1/datasets/:dataset/audit',
    operationId: 'auditLog',
    summary: 'Who read or changed this dataset’s data and terms (publisher’s admins)',
    tags: ['Sharing'],
    auth: 'token',
    parameters: [
      'dataset',
      { name: 'limit', in: 'query', description: 'Entries per page, 1 to 1000.', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
      'cursor',
    ],
    responses: { 200: jsonResponse('Entries, oldest first.', ref('AuditLog')), ...errors(400, 401, 403, 404) },
    handler: async (c, { params, query }) => {
      const log = await readAuditLog(c.var.domain, c.var.caller, params.dataset, {
        limit: query.limit === undefined ? 100 : Number(query.limit),
        cursor: query.cursor as string | undefined,
      });
      const next = log.next ? c.var.urls.api(`/datasets/${encodeURIComponent(log.dataset.value.name)}/audit?cursor=${encodeURIComponent(log.next)}`) : null;
      return c.json({ count: log.entries.length, results: log.entries, next });
    },
  }),
];
