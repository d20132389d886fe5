import type { ErrorCode } from '../../domain/errors';
import { metadataSchemas } from '../../domain/metadata-schemas';
import type { Json } from './builders';

/**
 * Components taken from schemas/ (the one source of truth): Dataset and Organisation are the
 * published JSON Schemas themselves, embedded under their own `$id`. The record and patch
 * shapes the API sends and accepts are derived from their properties here, never restated.
 */
type PublishedSchema = Json & { properties: Record<string, Json>; required: string[] };

/**
 * A published schema as an OpenAPI Schema Object. The exchange's own top-level `version`
 * annotation is left out: OpenAPI 3.1 Schema Objects have no such keyword (linters reject it),
 * and the `$id` already names the version.
 */
const embedded = (schema: object): PublishedSchema => {
  const { version: _annotation, ...rest } = schema as PublishedSchema;
  return rest as PublishedSchema;
};
const datasetSchema = embedded(metadataSchemas.dataset);
const organisationSchema = embedded(metadataSchemas.organisation);

const link = { type: 'string', format: 'uri' };

/** What the API returns: every schema field (readOnly ones included), the record version and links. */
const record = (source: typeof datasetSchema, title: string, required: string[], links: Record<string, Json>, extra: Record<string, Json> = {}): Json => ({
  type: 'object',
  title,
  description: `${source.title} as the API returns it: the fields of ${source.$id as string}, its record version and links.`,
  additionalProperties: false,
  required: [...new Set([...source.required, ...required, 'version', 'links'])],
  properties: {
    ...source.properties,
    ...extra,
    links: { type: 'object', additionalProperties: false, required: Object.keys(links), properties: links },
  },
});

/** JSON Merge Patch (RFC 7396) of the writable fields: a value replaces, null removes. */
const mergePatch = (source: typeof datasetSchema, title: string): Json => ({
  type: 'object',
  title,
  description: `JSON Merge Patch (RFC 7396) of ${source.$id as string}: send only the fields to change; null removes an optional field. The name cannot change; changing the tier needs an admin token.`,
  additionalProperties: false,
  minProperties: 1,
  properties: Object.fromEntries(
    Object.entries(source.properties)
      .filter(([, property]) => property.readOnly !== true)
      .map(([name, property]) => [name, { anyOf: [property, { type: 'null' }] }]),
  ),
});

/** The error codes, checked against the domain's ErrorCode union in both directions at compile time. */
const errorCodes = [
  'bad_request',
  'malformed_json',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'precondition_failed',
  'precondition_required',
  'payload_too_large',
  'unsupported_media_type',
  'query_timeout',
  'internal_error',
  'service_unavailable',
] as const satisfies readonly ErrorCode[];
type Unlisted = Exclude<ErrorCode, (typeof errorCodes)[number]>;
const everyCodeListed: [Unlisted] extends [never] ? true : never = true;

export const metadataComponents: Record<string, Json> = {
  Dataset: datasetSchema,
  Organisation: organisationSchema,
  DatasetRecord: record(
    datasetSchema,
    'DatasetRecord',
    ['id', 'organisation', 'tier', 'created', 'modified'],
    { self: link, html: link, organisation: link, resources: link },
    {
      resources: {
        type: 'array',
        readOnly: true,
        items: { $ref: '#/components/schemas/ResourceSummary' },
        description: 'Its resources in short (single-dataset reads only).',
      },
    },
  ),
  DatasetPatch: mergePatch(datasetSchema, 'DatasetPatch'),
  OrganisationRecord: record(
    organisationSchema,
    'OrganisationRecord',
    ['created', 'modified'],
    { self: link, html: link, datasets: link },
    {
      datasetCount: {
        type: 'integer',
        minimum: 0,
        readOnly: true,
        description: 'Datasets of this organisation the caller may see (single-organisation reads only).',
      },
    },
  ),
  Error: {
    type: 'object',
    title: 'Error',
    description: 'The one error shape every /api/v1 route uses.',
    additionalProperties: false,
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', enum: everyCodeListed ? [...errorCodes] : [] },
          message: { type: 'string', description: 'For people: what went wrong and what to do.' },
          details: {
            type: 'object',
            description: 'Machine-readable detail, e.g. `fields` for validation_failed.',
            properties: {
              fields: {
                type: 'array',
                items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
              },
            },
          },
        },
      },
    },
    example: {
      error: {
        code: 'validation_failed',
        message: "Invalid field 'licence': must be one of: OGL-UK-3.0, CC-BY-4.0",
        details: { fields: [{ field: 'licence', message: 'must be one of: OGL-UK-3.0, CC-BY-4.0' }] },
      },
    },
  },
};
