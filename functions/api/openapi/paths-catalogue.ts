import { tiers } from '../../domain/policy';
import { errors, etagHeader, type Json, json, jsonBody, jsonResponse, optionalAuth, param, ref, requiredAuth } from './builders';

/** Health, organisations, datasets, schemas and the sharing register. */
const exampleDataset = {
  name: 'london-borough-profiles',
  title: 'London Borough Profiles and Atlas',
  description: 'Key statistics for each of the 33 London local authorities.',
  tier: 'open',
  licence: 'OGL-UK-3.0',
  keywords: ['boroughs', 'population'],
  themes: ['demographics'],
  updateFrequency: 'annual',
  temporalCoverage: { start: '2015-01-01', end: '2017-12-31' },
  spatialCoverage: { gssCodes: ['E12000007'], description: 'Greater London, by local authority' },
  contactPoint: { name: 'GLA City Intelligence', email: 'datastore@london.gov.uk' },
};

const repeatable = (name: string, description: string): Json => ({ name, in: 'query', description, schema: { type: 'array', items: { type: 'string' } }, style: 'form', explode: true });
const query = (name: string, description: string, schema: Json = { type: 'string' }): Json => ({ name, in: 'query', description, schema });

export const cataloguePaths: Record<string, Json> = {
  '/api/v1/health': {
    get: { tags: ['Service'], operationId: 'health', summary: 'Liveness', security: [{}], responses: { 200: jsonResponse('The service is up.', ref('Health')) } },
  },
  '/api/v1/openapi.json': {
    get: { tags: ['Service'], operationId: 'openApiDocument', summary: 'This OpenAPI 3.1 document', security: [{}], responses: { 200: jsonResponse('The document.', ref('OpenApiDocument')) } },
  },
  '/api/v1/organisations': {
    get: { tags: ['Organisations'], operationId: 'listOrganisations', summary: 'List organisations', security: optionalAuth, responses: { 200: jsonResponse('Every organisation (they are public).', ref('OrganisationList')) } },
    post: {
      tags: ['Organisations'], operationId: 'createOrganisation', summary: 'Create an organisation (platform administrator)', security: requiredAuth,
      requestBody: jsonBody(ref('Organisation'), { id: 'camden', name: 'London Borough of Camden', type: 'borough', gssCode: 'E09000007', area: 'Inner London' }),
      responses: { 201: jsonResponse('Created.', ref('OrganisationRecord'), undefined, etagHeader), ...errors(400, 401, 403, 409, 413, 415) },
    },
  },
  '/api/v1/organisations/{org}': {
    parameters: [param('org')],
    get: { tags: ['Organisations'], operationId: 'getOrganisation', summary: 'Read an organisation', security: optionalAuth, responses: { 200: jsonResponse('The organisation, with the number of its datasets the caller may see.', ref('OrganisationRecord'), undefined, etagHeader), ...errors(404) } },
  },
  '/api/v1/organisations/{org}/tokens': {
    parameters: [param('org')],
    post: {
      tags: ['Organisations'], operationId: 'issueToken', summary: 'Issue an API token (returned once; stored hashed)', security: requiredAuth,
      requestBody: jsonBody(ref('TokenRequest'), { role: 'editor', label: 'Publishing pipeline', expiresInDays: 90 }),
      responses: { 201: jsonResponse('The new token. Store it now.', ref('IssuedToken')), ...errors(400, 401, 403, 404, 413, 415) },
    },
    get: {
      tags: ['Organisations'], operationId: 'listTokens', summary: 'List the organisation’s tokens (admins; never the secrets)', security: requiredAuth,
      description: 'Every token issued for the organisation, revoked and expired ones included. `lastUsedAt` is recorded at most once every five minutes per token.',
      responses: { 200: jsonResponse('The tokens, oldest first.', ref('TokenList')), ...errors(401, 403, 404) },
    },
  },
  '/api/v1/organisations/{org}/tokens/{tokenId}': {
    parameters: [param('org'), param('tokenId')],
    delete: {
      tags: ['Organisations'], operationId: 'revokeToken', summary: 'Revoke a token (admins)', security: requiredAuth,
      description: 'The token is refused from the very next request, and every browser session signed in with it ends. Revoking a revoked token changes nothing.',
      responses: { 204: { description: 'Revoked.' }, ...errors(401, 403, 404) },
    },
  },
  '/api/v1/datasets': {
    get: {
      tags: ['Datasets'], operationId: 'searchDatasets', summary: 'Search and list datasets', security: optionalAuth,
      description: 'Full-text search with filters, facets and cursor paging. Only datasets the caller may see are returned or counted.',
      parameters: [
        query('q', 'Search text: title, description, keywords, organisation name and column names (prefix and typo tolerant).'),
        query('organisation', 'Organisation id.'),
        query('tier', 'Sharing tier.', { type: 'string', enum: [...tiers] }),
        repeatable('theme', 'Theme; repeat to require several.'),
        repeatable('keyword', 'Keyword; repeat to require several.'),
        repeatable('format', 'File format of a resource, e.g. csv.'),
        repeatable('schema', 'Common data schema id.'),
        query('licence', 'Licence id, e.g. OGL-UK-3.0.'),
        query('modifiedSince', 'Only datasets modified at or after this date or date-time.'),
        query('sort', 'Order: relevance (default with q), modified, title or name (default without q).', { type: 'string', enum: ['relevance', 'modified', 'title', 'name'] }),
        param('limit'),
        param('cursor'),
      ],
      responses: { 200: jsonResponse('One page of results with counts and facets.', ref('DatasetListing')), ...errors(400) },
    },
    post: {
      tags: ['Datasets'], operationId: 'createDataset', summary: 'Create a dataset', security: requiredAuth,
      description: 'Needs an editor or admin token; the dataset belongs to the token’s organisation. New datasets are private unless a tier is given; open datasets need an open licence.',
      requestBody: jsonBody(ref('Dataset'), exampleDataset),
      responses: { 201: jsonResponse('Created.', ref('DatasetRecord'), undefined, etagHeader), ...errors(400, 401, 403, 409, 413, 415) },
    },
  },
  '/api/v1/datasets/{dataset}': {
    parameters: [param('dataset')],
    get: { tags: ['Datasets'], operationId: 'getDataset', summary: 'Read a dataset', security: optionalAuth, responses: { 200: jsonResponse('The dataset.', ref('DatasetRecord'), undefined, etagHeader), ...errors(404) } },
    patch: {
      tags: ['Datasets'], operationId: 'updateDataset', summary: 'Update a dataset (JSON Merge Patch)', security: requiredAuth,
      parameters: [param('ifMatchRequired')],
      requestBody: { required: true, content: { ...json(ref('DatasetPatch'), { description: 'Updated every weekday.', updateFrequency: 'daily' }), 'application/merge-patch+json': { schema: ref('DatasetPatch') } } },
      responses: { 200: jsonResponse('The updated dataset.', ref('DatasetRecord'), undefined, etagHeader), ...errors(400, 401, 403, 404, 412, 413, 415, 428) },
    },
    delete: {
      tags: ['Datasets'], operationId: 'deleteDataset', summary: 'Delete a dataset (admin; the name is never reused)', security: requiredAuth,
      parameters: [param('ifMatch')],
      responses: { 204: { description: 'Deleted: gone from every read, feed and search at once.' }, ...errors(401, 403, 404, 412) },
    },
  },
  '/api/v1/schemas': {
    get: { tags: ['Schemas'], operationId: 'listSchemas', summary: 'Common data schemas and metadata schemas', security: [{}], responses: { 200: jsonResponse('Every published schema.', ref('SchemaList')) } },
  },
  '/api/v1/schemas/{schema}': {
    parameters: [param('schema')],
    get: {
      tags: ['Schemas'], operationId: 'getSchema', summary: 'One JSON Schema document', security: [{}],
      responses: { 200: { description: 'The schema.', content: { 'application/schema+json': { schema: ref('JsonSchemaDocument') } } }, ...errors(404) },
    },
  },
  '/api/v1/sharing-register': {
    get: {
      tags: ['Sharing'], operationId: 'sharingRegister', summary: 'The public register of who may use which shared dataset, why and until when', security: [{}],
      responses: { 200: jsonResponse('Active grants and recently ended ones.', ref('SharingRegister')) },
    },
  },
};
