import { MAX_DIRECT_UPLOAD_BYTES, MAX_PRESIGNED_UPLOAD_BYTES } from '../../domain/uploads';
import { downloadFormats } from '../../domain/versions';
import { ROW_LIMITS } from '../../rows/limits';
import { errors, etagHeader, type Json, jsonBody, jsonResponse, optionalAuth, param, ref, requiredAuth } from './builders';

/** Resources, uploads, versions and the data itself: downloads, rows and the data package. */
const dataset = param('dataset');
const resource = param('resource');
const query = (name: string, description: string, schema: Json = { type: 'string' }, example?: unknown): Json => ({
  name, in: 'query', description, schema, ...(example === undefined ? {} : { example }),
});
const versionQuery = query('version', 'A version number; default: the current version.', { type: 'integer', minimum: 1 });

export const publishingPaths: Record<string, Json> = {
  '/api/v1/datasets/{dataset}/resources': {
    parameters: [dataset],
    post: {
      tags: ['Publishing'], operationId: 'createResource', summary: 'Add a resource (a file slot) to a dataset', security: requiredAuth,
      requestBody: jsonBody(ref('ResourceInput'), { name: 'readings', title: 'Hourly readings', format: 'csv', dataSchema: 'air-quality-readings' }),
      responses: { 201: jsonResponse('Created; upload its data next.', ref('Resource')), ...errors(400, 401, 403, 404, 409, 413, 415) },
    },
  },
  '/api/v1/datasets/{dataset}/resources/{resource}': {
    parameters: [dataset, resource],
    get: { tags: ['Publishing'], operationId: 'getResource', summary: 'Read a resource, its current version and Table Schema', security: optionalAuth, responses: { 200: jsonResponse('The resource.', ref('Resource'), undefined, etagHeader), ...errors(404) } },
  },
  '/api/v1/datasets/{dataset}/resources/{resource}/data': {
    parameters: [dataset, resource],
    put: {
      tags: ['Publishing'], operationId: 'uploadData', summary: `Upload a file directly (at most ${MAX_DIRECT_UPLOAD_BYTES} bytes)`, security: requiredAuth,
      description: 'The file becomes the next version once ingest has validated it; a failed upload leaves the previous version live. Poll the upload, or the resource, for the outcome.',
      parameters: [query('filename', 'The original file name (helps detection).', { type: 'string', maxLength: 255 }, 'readings.csv')],
      requestBody: {
        required: true,
        content: Object.fromEntries(['text/csv', 'application/json', 'application/x-ndjson', 'application/geo+json', 'application/octet-stream'].map((type) => [type, { schema: { type: 'string', contentMediaType: type } }])),
      },
      responses: { 202: jsonResponse('Accepted; ingest runs next.', ref('Upload')), ...errors(400, 401, 403, 404, 413) },
    },
  },
  '/api/v1/datasets/{dataset}/resources/{resource}/uploads': {
    parameters: [dataset, resource],
    post: {
      tags: ['Publishing'], operationId: 'startUpload', summary: `Start a presigned upload for a large file (at most ${MAX_PRESIGNED_UPLOAD_BYTES} bytes)`, security: requiredAuth,
      requestBody: jsonBody(
        { type: 'object', additionalProperties: false, required: ['bytes'], properties: { filename: { type: 'string', maxLength: 255 }, bytes: { type: 'integer', minimum: 1, maximum: MAX_PRESIGNED_UPLOAD_BYTES }, contentType: { type: 'string' }, sha256: { type: 'string', pattern: '^[0-9a-fA-F]{64}$', description: 'Optional: the file\'s SHA-256 (hex). Ingest fails the version if the stored file differs; so it does if the size differs from `bytes`.' } } },
        { filename: 'readings-2025.csv', bytes: 734003200, contentType: 'text/csv' },
      ),
      responses: { 201: jsonResponse('PUT the file to uploadUrl with uploadHeaders.', ref('PresignedUpload')), ...errors(400, 401, 403, 404, 413, 415) },
    },
  },
  '/api/v1/datasets/{dataset}/resources/{resource}/uploads/{upload}': {
    parameters: [dataset, resource, param('upload')],
    get: { tags: ['Publishing'], operationId: 'getUpload', summary: 'Follow an upload', security: requiredAuth, responses: { 200: jsonResponse('The upload and the version it became.', ref('Upload')), ...errors(401, 403, 404) } },
  },
  '/api/v1/datasets/{dataset}/resources/{resource}/versions': {
    parameters: [dataset, resource],
    get: { tags: ['Publishing'], operationId: 'listVersions', summary: 'Every version of a resource (immutable)', security: optionalAuth, responses: { 200: jsonResponse('Versions, oldest first.', ref('VersionList')), ...errors(404) } },
  },
  '/api/v1/datasets/{dataset}/resources/{resource}/versions/{version}/report': {
    parameters: [dataset, resource, param('version')],
    get: {
      tags: ['Data'], operationId: 'validationReport', summary: 'The validation report of a version', security: optionalAuth,
      description: 'Quotes cell values, so it is data: it needs data access, and reads of shared and private data are audited.',
      responses: { 200: jsonResponse('The report.', ref('ValidationReportResponse')), ...errors(400, 404) },
    },
  },
  '/api/v1/datasets/{dataset}/resources/{resource}/download': {
    parameters: [dataset, resource],
    get: {
      tags: ['Data'], operationId: 'download', summary: 'Download a file of a version', security: optionalAuth,
      description: 'Redirects to a short-lived link (at most 5 minutes, never beyond the caller’s grant). Downloads of shared and private data are audited.',
      parameters: [query('format', 'original (as uploaded) or a normalised format.', { type: 'string', enum: [...downloadFormats], default: 'original' }), versionQuery],
      responses: { 302: { description: 'Redirect to the file.', headers: { Location: { description: 'The short-lived link.', schema: { type: 'string', format: 'uri' } } } }, ...errors(400, 404) },
    },
  },
  '/api/v1/datasets/{dataset}/resources/{resource}/rows': {
    parameters: [dataset, resource],
    get: {
      tags: ['Data'], operationId: 'queryRows', summary: 'Filter, sort and page the rows of a published tabular resource', security: optionalAuth,
      description: 'Served from the version’s Parquet. Column names are checked against the resource’s Table Schema; values are always bound parameters. Row reads of shared and private data are audited.',
      parameters: [
        {
          name: 'filters', in: 'query',
          description: 'A JSON object keyed by column: a value means equality (null: the cell is empty), an array means one of (IN), and an object combines operators eq, in, gt, gte, lt, lte (ranges for numbers and dates).',
          content: {
            'application/json': {
              schema: { type: 'object', additionalProperties: { oneOf: [{ type: ['string', 'number', 'boolean', 'null'] }, { type: 'array' }, { type: 'object', propertyNames: { enum: ['eq', 'in', 'gt', 'gte', 'lt', 'lte'] } }] } },
              example: { borough_gss_code: 'E09000007', pollutant: ['NO2', 'PM10'], measured_at: { gte: '2025-03-01' } },
            },
          },
        },
        query('q', 'Words that must all appear (case-insensitive) in some text column.'),
        query('fields', 'Columns to return (projection): comma-separated, or a JSON array of names.', { type: 'string' }, 'site_code,measured_at,value'),
        query('sort', 'Columns to order by: `col:desc,col2` (ascending unless :desc), or a JSON array of {"field", "order"}.', { type: 'string' }, 'measured_at:desc'),
        query('limit', `Rows per page: default ${ROW_LIMITS.defaultLimit}, at most ${ROW_LIMITS.maxLimit}.`, { type: 'integer', minimum: 1, maximum: ROW_LIMITS.maxLimit, default: ROW_LIMITS.defaultLimit }),
        query('cursor', 'Keyset cursor from the previous page’s `next`: stays on the version it started with.'),
        versionQuery,
        query('total', 'auto: exact, or an estimate flagged as such for very large filtered results; exact; none.', { type: 'string', enum: ['auto', 'exact', 'none'], default: 'auto' }),
      ],
      responses: { 200: jsonResponse('One page of rows.', ref('RowsPage')), ...errors(400, 404, 413, 504) },
    },
  },
  '/api/v1/datasets/{dataset}/datapackage.json': {
    parameters: [dataset],
    get: {
      tags: ['Interoperability'], operationId: 'dataPackage', summary: 'Frictionless Data Package of a dataset', security: optionalAuth,
      description: 'Each published resource with its Table Schema (describing the normalised CSV) and the CSV download URL as its path. Only for callers who may read the data: others who may see the dataset get 401/403 and are pointed at its access request page.',
      responses: { 200: jsonResponse('The data package.', ref('DataPackage')), ...errors(401, 403, 404) },
    },
  },
};
