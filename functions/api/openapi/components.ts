import { MAX_PAGE_SIZE } from '../../domain/dataset-listing';
import { type ErrorStatus, errorResponseName, errorStatuses, type Json, ref } from './builders';
import { catalogueComponents } from './schemas-catalogue';
import { metadataComponents } from './schemas-metadata';
import { harvestComponents } from './schemas-harvest';
import { peopleComponents } from './schemas-people';
import { recordComponents } from './schemas-records';
import { sharingComponents } from './schemas-sharing';
import { standardsComponents } from './schemas-standards';
import { uploadComponents } from './schemas-uploads';

const pathParameter = (name: string, description: string, schema: Json = { type: 'string' }, example?: string): Json => ({
  name,
  in: 'path',
  required: true,
  description,
  schema,
  ...(example ? { example } : {}),
});

const parameters: Record<string, Json> = {
  dataset: pathParameter('dataset', 'The dataset’s name or id (UUID).', { type: 'string' }, 'london-borough-profiles'),
  resource: pathParameter('resource', 'The resource’s name or id (UUID).', { type: 'string' }, 'profiles'),
  org: pathParameter('org', 'Organisation id.', { type: 'string' }, 'camden'),
  // Any string: an id that is not a token's (12 hex digits) is answered like an unknown one, 404.
  person: pathParameter('person', 'A member’s person id (20 hexadecimal digits), as listed.', { type: 'string' }, '339140a67ff7f6f8a758'),
  tokenId: pathParameter('tokenId', 'A token’s public id (tokenId, 12 hexadecimal digits), as listed; never the secret.', { type: 'string' }, '3f2a9c01d4e5'),
  harvestSource: pathParameter('source', 'A harvest source’s id (UUID).', { type: 'string', format: 'uuid' }),
  harvestRun: pathParameter('run', 'A harvest run’s id (UUID).', { type: 'string', format: 'uuid' }),
  grantee: pathParameter('org', 'The organisation whose grant is revoked.', { type: 'string' }, 'hackney'),
  schema: pathParameter(
    'schema',
    'A common data schema’s short id (e.g. air-quality-readings) or a metadata schema (dataset, organisation).',
    { type: 'string' },
    'air-quality-readings',
  ),
  version: pathParameter('version', 'Version number (1, 2, 3…).', { type: 'integer', minimum: 1 }),
  schemaVersion: pathParameter(
    'version',
    'A version of a common data schema (semantic version).',
    { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$' },
    '1.0.0',
  ),
  upload: pathParameter('upload', 'Upload id.', { type: 'string', format: 'uuid' }),
  request: pathParameter('request', 'Access request id.', { type: 'string', format: 'uuid' }),
  limit: { name: 'limit', in: 'query', description: `Page size, 1 to ${MAX_PAGE_SIZE}.`, schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE } },
  cursor: { name: 'cursor', in: 'query', description: 'Opaque position from the previous page’s `next` link.', schema: { type: 'string' } },
  ifMatchRequired: {
    name: 'If-Match',
    in: 'header',
    required: true,
    description: 'The ETag you last read (or `*`). A mismatch is a 412: someone changed the record since.',
    schema: { type: 'string', example: '"3"' },
  },
  ifMatch: {
    name: 'If-Match',
    in: 'header',
    description: 'The ETag you last read; a mismatch is a 412.',
    schema: { type: 'string', example: '"3"' },
  },
};

const errorDescriptions: Record<ErrorStatus, string> = {
  400: 'Bad input: validation_failed (with `details.fields`), malformed_json or bad_request.',
  401: 'No token, or an invalid or expired one, where one is needed.',
  403: 'The token’s organisation or role may not do this.',
  404: 'No such thing, or nothing the caller may see: the two are indistinguishable.',
  409: 'Conflicts with the current state (e.g. a taken name).',
  412: 'If-Match does not match the current ETag.',
  413: 'The body or the result is too large.',
  415: 'The body must be JSON (Content-Type: application/json).',
  428: 'This write needs If-Match.',
  504: 'The query took too long; narrow it.',
};

const responses: Record<string, Json> = Object.fromEntries(
  errorStatuses.map((status) => [
    errorResponseName(status),
    { description: errorDescriptions[status], content: { 'application/json': { schema: ref('Error') } } },
  ]),
);

export const components: Json = {
  securitySchemes: {
    bearerAuth: {
      type: 'http',
      scheme: 'bearer',
      description:
        'A token (`ldx_…`): an organisation or service token issued by POST /api/v1/organisations/{org}/tokens, a personal token (POST /api/v1/me/tokens, or the publisher pages after signing in), or the platform administrator token. Without one you are an anonymous member of the public.',
    },
  },
  parameters,
  responses,
  schemas: {
    ...metadataComponents,
    ...recordComponents,
    ...sharingComponents,
    ...catalogueComponents,
    ...harvestComponents,
    ...uploadComponents,
    ...standardsComponents,
    ...peopleComponents,
  },
};
