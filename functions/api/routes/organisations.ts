import { issueToken, listTokens, revokeToken } from '../../domain/access-tokens';
import { countVisibleDatasets } from '../../domain/dataset-listing';
import { createOrganisation, getOrganisation, listOrganisations } from '../../domain/organisations';
import { etagOf } from '../http/etag';
import { errors, etagHeader, jsonResponse, ref } from '../openapi/builders';
import { presentOrganisation } from '../presenters';
import { route } from './declare';

/** Organisations and their API tokens. */
export const organisationRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/organisations',
    operationId: 'listOrganisations',
    summary: 'List organisations',
    tags: ['Organisations'],
    auth: 'optional',
    responses: { 200: jsonResponse('Every organisation (they are public).', ref('OrganisationList')) },
    handler: async (c) => {
      const organisations = await listOrganisations(c.var.domain);
      return c.json({ count: organisations.length, results: organisations.map((o) => presentOrganisation(o, c.var.urls)) });
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/organisations',
    operationId: 'createOrganisation',
    summary: 'Create an organisation (platform administrator)',
    tags: ['Organisations'],
    auth: 'token',
    body: {
      kind: 'json',
      schema: ref('Organisation'),
      example: { id: 'camden', name: 'London Borough of Camden', type: 'borough', gssCode: 'E09000007', area: 'Inner London' },
    },
    responses: { 201: jsonResponse('Created.', ref('OrganisationRecord'), undefined, etagHeader), ...errors(400, 401, 403, 409, 413, 415) },
    handler: async (c, { body }) => {
      const created = await createOrganisation(c.var.domain, c.var.caller, body);
      c.header('Location', c.var.urls.organisation(created.value.id));
      c.header('ETag', etagOf(created.version));
      return c.json(presentOrganisation(created, c.var.urls), 201);
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/organisations/:org',
    operationId: 'getOrganisation',
    summary: 'Read an organisation',
    tags: ['Organisations'],
    auth: 'optional',
    parameters: ['org'],
    responses: {
      200: jsonResponse('The organisation, with the number of its datasets the caller may see.', ref('OrganisationRecord'), undefined, etagHeader),
      ...errors(404),
    },
    handler: async (c, { params }) => {
      const found = await getOrganisation(c.var.domain, params.org);
      const datasetCount = await countVisibleDatasets(c.var.domain, c.var.caller, found.value.id);
      c.header('ETag', etagOf(found.version));
      return c.json({ ...presentOrganisation(found, c.var.urls), datasetCount });
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/organisations/:org/tokens',
    operationId: 'issueToken',
    summary: 'Issue an API token (returned once; stored hashed)',
    tags: ['Organisations'],
    auth: 'token',
    parameters: ['org'],
    body: { kind: 'json', schema: ref('TokenRequest'), example: { role: 'editor', label: 'Publishing pipeline', expiresInDays: 90 } },
    responses: { 201: jsonResponse('The new token. Store it now.', ref('IssuedToken')), ...errors(400, 401, 403, 404, 413, 415) },
    handler: async (c, { params, body }) => {
      const issued = await issueToken(c.var.domain, c.var.caller, params.org, body);
      c.header('Cache-Control', 'no-store');
      return c.json({ ...issued, notice: 'Store this token now: the exchange keeps only its hash and cannot show it again.' }, 201);
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/organisations/:org/tokens',
    operationId: 'listTokens',
    summary: 'List the organisation’s tokens (admins; never the secrets)',
    tags: ['Organisations'],
    auth: 'token',
    description:
      'Every token issued for the organisation, revoked and expired ones included. `lastUsedAt` is recorded at most once every five minutes per token.',
    parameters: ['org'],
    responses: { 200: jsonResponse('The tokens, oldest first.', ref('TokenList')), ...errors(401, 403, 404) },
    handler: async (c, { params }) => {
      const tokens = await listTokens(c.var.domain, c.var.caller, params.org);
      return c.json({ count: tokens.length, results: tokens });
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/organisations/:org/tokens/:tokenId',
    operationId: 'revokeToken',
    summary: 'Revoke a token (admins)',
    tags: ['Organisations'],
    auth: 'token',
    description: 'The token is refused from the very next request, and every browser session signed in with it ends. Revoking a revoked token changes nothing.',
    parameters: ['org', 'tokenId'],
    responses: { 204: { description: 'Revoked.' }, ...errors(401, 403, 404) },
    handler: async (c, { params }) => {
      await revokeToken(c.var.domain, c.var.caller, params.org, params.tokenId);
      return c.body(null, 204);
    },
  }),
];
