import { errors, type Json, jsonBody, jsonResponse, param, ref, requiredAuth } from './builders';

/** Grants, access requests and the audit log of a shared dataset. */
const dataset = param('dataset');

export const sharingPaths: Record<string, Json> = {
  '/api/v1/datasets/{dataset}/grants': {
    parameters: [dataset],
    get: { tags: ['Sharing'], operationId: 'listGrants', summary: 'Grants on a dataset (publisher’s members)', security: requiredAuth, responses: { 200: jsonResponse('Every grant with its status now.', ref('GrantList')), ...errors(401, 403, 404) } },
    post: {
      tags: ['Sharing'], operationId: 'createGrant', summary: 'Grant an organisation access to a shared dataset (publisher’s admins)', security: requiredAuth,
      description: 'An organisation holds at most one active grant per dataset: while one is active, another answers 409 with its `grantId` and `expiresAt` in the error details. Revoke it to grant new terms; an expired or revoked grant does not block a new one.',
      requestBody: jsonBody(ref('GrantInput'), { organisation: 'hackney', purpose: 'Planning EV charge point locations in Hackney', lawfulBasis: 'not-personal-data', agreementReference: 'DSA-2026-014', expiresAt: '2026-12-31' }),
      responses: { 201: jsonResponse('The grant, active at once.', ref('Grant')), ...errors(400, 401, 403, 404, 409, 413, 415) },
    },
  },
  '/api/v1/datasets/{dataset}/grants/{org}': {
    parameters: [dataset, param('grantee')],
    delete: { tags: ['Sharing'], operationId: 'revokeGrant', summary: 'Revoke an organisation’s active grant (publisher’s admins)', security: requiredAuth, responses: { 204: { description: 'Revoked: its next request is refused.' }, ...errors(401, 403, 404) } },
  },
  '/api/v1/datasets/{dataset}/access-requests': {
    parameters: [dataset],
    get: { tags: ['Sharing'], operationId: 'listAccessRequests', summary: 'Access requests (the publisher sees all; a requester its own)', security: requiredAuth, responses: { 200: jsonResponse('Requests.', ref('AccessRequestList')), ...errors(401, 404) } },
    post: {
      tags: ['Sharing'], operationId: 'requestAccess', summary: 'Ask the publisher of a shared dataset for access', security: requiredAuth,
      requestBody: jsonBody(ref('AccessRequestInput'), { purpose: 'Modelling kerbside demand for EV charging', lawfulBasis: 'public-task', requestedDays: 180 }),
      responses: { 201: jsonResponse('The pending request.', ref('AccessRequest')), ...errors(400, 401, 403, 404, 409, 413, 415) },
    },
  },
  '/api/v1/datasets/{dataset}/access-requests/{request}/approve': {
    parameters: [dataset, param('request')],
    post: {
      tags: ['Sharing'], operationId: 'approveAccessRequest', summary: 'Approve a request: creates the grant (publisher’s admins)', security: requiredAuth,
      requestBody: jsonBody(
        { type: 'object', additionalProperties: false, required: ['agreementReference'], properties: { agreementReference: { type: 'string', minLength: 1, maxLength: 200 }, expiresAt: { type: 'string', description: 'May shorten, never lengthen, the requested period.' } } },
        { agreementReference: 'DSA-2026-015' },
      ),
      responses: {
        200: jsonResponse('The decided request and its grant.', { type: 'object', required: ['request', 'grant'], properties: { request: ref('AccessRequest'), grant: ref('Grant') } }),
        ...errors(400, 401, 403, 404, 409, 413, 415),
      },
    },
  },
  '/api/v1/datasets/{dataset}/access-requests/{request}/decline': {
    parameters: [dataset, param('request')],
    post: {
      tags: ['Sharing'], operationId: 'declineAccessRequest', summary: 'Decline a request, with a reason (publisher’s admins)', security: requiredAuth,
      requestBody: jsonBody({ type: 'object', additionalProperties: false, required: ['reason'], properties: { reason: { type: 'string', minLength: 5, maxLength: 1000 } } }, { reason: 'The agreement does not cover this purpose.' }),
      responses: { 200: jsonResponse('The declined request.', ref('AccessRequest')), ...errors(400, 401, 403, 404, 409, 413, 415) },
    },
  },
  '/api/v1/datasets/{dataset}/audit': {
    parameters: [dataset],
    get: {
      tags: ['Sharing'], operationId: 'auditLog', summary: 'Who read or changed this dataset’s data and terms (publisher’s admins)', security: requiredAuth,
      parameters: [param('limit'), param('cursor')],
      responses: { 200: jsonResponse('Entries, oldest first.', ref('AuditLog')), ...errors(400, 401, 403, 404) },
    },
  },
};
