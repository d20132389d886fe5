import { roles } from '../../domain/caller';
import { requestSchemas } from '../../domain/request-schemas';
import { downloadFormats } from '../../domain/versions';
import { type Json, ref } from './builders';

/** Components for the publishing records that have no file in schemas/: resources, versions, uploads, tokens. */
const dateTime = { type: 'string', format: 'date-time' };
const uri = { type: 'string', format: 'uri' };
const slug = { type: 'string', pattern: '^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$' };
const page = (item: string, extra: Record<string, Json> = {}): Json => ({
  type: 'object',
  required: ['count', 'results'],
  properties: { count: { type: 'integer', minimum: 0 }, results: { type: 'array', items: ref(item) }, ...extra },
});

/** Shared by a resource's record and its summary, which must describe it alike. */
const mirroredFrom = {
  type: 'object',
  description:
    'A file a mirror-mode harvest source copied in: its address at the source (the dataset keeps the link too), and `withdrawnAt`, since when the source record no longer lists that address (the copy is kept).',
  required: ['url'],
  properties: { url: uri, withdrawnAt: dateTime },
};

const tableSchemaField = {
  type: 'object',
  required: ['name', 'type'],
  properties: {
    name: { type: 'string' },
    type: { type: 'string', enum: ['integer', 'number', 'boolean', 'date', 'datetime', 'string'] },
    title: { type: 'string' },
    description: { type: 'string' },
    format: { type: 'string' },
    constraints: { type: 'object' },
  },
};

export const recordComponents: Record<string, Json> = {
  TableSchema: {
    type: 'object',
    description: 'A Frictionless Table Schema (https://datapackage.org/standard/table-schema/): declared by a common data schema or inferred at ingest.',
    required: ['fields'],
    properties: {
      fields: { type: 'array', items: tableSchemaField },
      missingValues: { type: 'array', items: { type: 'string' } },
      primaryKey: { type: 'array', items: { type: 'string' } },
      uniqueKeys: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
    },
  },
  ResourceInput: requestSchemas['resource-input'],
  Resource: {
    type: 'object',
    required: ['id', 'datasetId', 'dataset', 'name', 'status', 'latestVersion', 'created', 'modified', 'version', 'links'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      datasetId: { type: 'string', format: 'uuid' },
      dataset: { type: 'string', description: 'The dataset’s name.' },
      name: slug,
      title: { type: 'string' },
      description: { type: 'string' },
      format: { type: 'string' },
      dataSchema: { type: 'string' },
      sheet: { type: 'string', description: 'For a workbook: the sheet published.' },
      status: { type: 'string', enum: ['awaiting-upload', 'validating', 'published', 'failed'] },
      latestVersion: { type: 'integer', minimum: 0 },
      current: {
        type: 'object',
        description: 'The version downloads serve.',
        required: ['version', 'rowCount', 'columnCount', 'bytes', 'sha256', 'mediaType', 'publishedAt'],
        properties: {
          version: { type: 'integer', minimum: 1 },
          rowCount: { type: 'integer' },
          columnCount: { type: 'integer' },
          bytes: { type: 'integer' },
          sha256: { type: 'string' },
          mediaType: { type: 'string' },
          publishedAt: dateTime,
        },
      },
      schema: ref('TableSchema'),
      mirroredFrom,
      created: dateTime,
      modified: dateTime,
      version: { type: 'integer', description: 'Record version (the ETag).' },
      links: {
        type: 'object',
        required: ['self', 'upload', 'uploads', 'versions'],
        properties: {
          self: uri,
          upload: uri,
          uploads: uri,
          versions: uri,
          downloads: { type: 'object', propertyNames: { enum: [...downloadFormats] }, additionalProperties: uri },
        },
      },
    },
  },
  ResourceSummary: {
    type: 'object',
    description: 'What a resource holds, in short: listed by GET …/resources and embedded in a single dataset’s record.',
    required: ['name', 'state', 'formats', 'rowCount', 'bytes', 'dataSchema', 'currentVersion', 'links'],
    properties: {
      name: slug,
      title: { type: 'string' },
      state: { type: 'string', enum: ['awaiting-upload', 'validating', 'published', 'failed'] },
      formats: { type: 'array', items: { type: 'string', enum: [...downloadFormats] }, description: 'Download formats of the current version.' },
      rowCount: { type: ['integer', 'null'] },
      bytes: { type: ['integer', 'null'], description: 'Size of the current version as uploaded.' },
      dataSchema: { type: ['string', 'null'], description: 'The common data schema its rows follow.' },
      currentVersion: { type: ['integer', 'null'] },
      mirroredFrom,
      links: {
        type: 'object',
        required: ['self', 'schema', 'rows', 'versions', 'downloads'],
        properties: {
          self: uri,
          schema: uri,
          rows: uri,
          versions: uri,
          downloads: { type: 'object', propertyNames: { enum: [...downloadFormats] }, additionalProperties: uri },
        },
      },
    },
  },
  ResourceSummaryList: page('ResourceSummary'),
  ResourceVersion: {
    type: 'object',
    required: ['version', 'state', 'created', 'files', 'links'],
    properties: {
      version: { type: 'integer', minimum: 1 },
      state: { type: 'string', enum: ['validating', 'published', 'failed'] },
      filename: { type: 'string' },
      created: dateTime,
      completedAt: dateTime,
      detected: { type: 'object', properties: { format: { type: 'string' }, encoding: { type: 'string' }, delimiter: { type: 'string' } } },
      geography: {
        type: 'object',
        description: 'Where the rows are, found at ingest: the columns placing them, GSS-coded columns, the bounding box and the London boroughs covered.',
        properties: {
          placedBy: { type: 'object', description: 'lat-lon, easting-northing (EPSG:27700) or a GeoJSON geometry column, with the column names.' },
          gssColumns: {
            type: 'array',
            items: {
              type: 'object',
              properties: { name: { type: 'string' }, entity: { type: 'string' }, type: { type: 'string' }, level: { type: 'string' } },
            },
          },
          bbox: { type: 'array', items: { type: 'number' }, minItems: 4, maxItems: 4, description: '[west, south, east, north] in WGS84.' },
          boroughs: { type: 'array', items: { type: 'string' }, description: 'E09 codes of the boroughs the rows lie in or are keyed by.' },
          placedRows: { type: 'integer' },
        },
      },
      rowCount: { type: 'integer' },
      columnCount: { type: 'integer' },
      bytes: { type: 'integer' },
      sha256: { type: 'string' },
      valid: { type: 'boolean' },
      errorCount: { type: 'integer' },
      errorCounts: { type: 'object', additionalProperties: { type: 'integer' }, description: 'Errors per Frictionless error code.' },
      schema: ref('TableSchema'),
      failure: { type: 'string' },
      files: {
        type: 'object',
        additionalProperties: { type: 'object', required: ['bytes', 'mediaType'], properties: { bytes: { type: 'integer' }, mediaType: { type: 'string' } } },
      },
      links: { type: 'object', required: ['report'], properties: { report: uri, downloads: { type: 'object', additionalProperties: uri } } },
    },
  },
  ValidationReportResponse: {
    type: 'object',
    required: ['version', 'state', 'report'],
    properties: {
      version: { type: 'integer' },
      state: { type: 'string', enum: ['validating', 'published', 'failed'] },
      report: {
        type: ['object', 'null'],
        description:
          'Row-level report with Frictionless error codes, capped at the first errors plus counts per code. It quotes cell values, so it is data: reading it needs data access.',
        properties: {
          valid: { type: 'boolean' },
          rowCount: { type: 'integer' },
          columnCount: { type: 'integer' },
          errorCount: { type: 'integer' },
          errorCounts: { type: 'object', additionalProperties: { type: 'integer' } },
          errors: {
            type: 'array',
            items: {
              type: 'object',
              properties: { code: { type: 'string' }, row: { type: ['integer', 'null'] }, field: { type: ['string', 'null'] }, message: { type: 'string' } },
            },
          },
          errorsTruncated: { type: 'boolean' },
          maxErrors: { type: 'integer' },
          warnings: { type: 'array' },
        },
      },
    },
  },
  Upload: {
    type: 'object',
    required: ['uploadId', 'resourceName', 'method', 'state', 'created', 'createdBy', 'links'],
    properties: {
      uploadId: { type: 'string', format: 'uuid' },
      resourceName: slug,
      method: { type: 'string', enum: ['direct', 'presigned', 'multipart'] },
      filename: { type: 'string' },
      contentType: { type: 'string' },
      declaredBytes: { type: 'integer' },
      declaredSha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      state: { type: 'string', enum: ['awaiting-bytes', 'processing', 'retry', 'done'] },
      version: { type: 'integer', description: 'The resource version this upload became, once ingest has claimed it.' },
      created: dateTime,
      createdBy: { type: 'string' },
      expiresAt: dateTime,
      links: { type: 'object', required: ['self'], properties: { self: uri } },
    },
  },
  PresignedUploadRequest: requestSchemas['presigned-upload-request'],
  PresignedUpload: {
    allOf: [ref('Upload')],
    type: 'object',
    required: ['uploadUrl', 'uploadMethod', 'uploadHeaders'],
    properties: {
      uploadUrl: { ...uri, description: 'PUT the file here within 15 minutes, with exactly these headers.' },
      uploadMethod: { const: 'PUT' },
      uploadHeaders: { type: 'object', additionalProperties: { type: 'string' } },
    },
  },
  TokenRequest: requestSchemas['token-request'],
  IssuedToken: {
    type: 'object',
    required: ['token', 'tokenId', 'organisation', 'role', 'created', 'createdBy', 'expiresAt', 'notice'],
    properties: {
      token: { type: 'string', description: 'The secret: shown once, stored only as a hash.' },
      tokenId: { type: 'string' },
      organisation: slug,
      role: { type: 'string', enum: [...roles] },
      label: { type: 'string' },
      created: dateTime,
      createdBy: { type: 'string' },
      expiresAt: dateTime,
      kind: { type: 'string', enum: ['personal', 'service'] },
      personId: { type: 'string' },
      owner: { type: 'string' },
      readOnly: { type: 'boolean' },
      notice: { type: 'string' },
    },
  },
  TokenSummary: {
    type: 'object',
    additionalProperties: false,
    required: ['tokenId', 'organisation', 'role', 'created', 'createdBy', 'expiresAt', 'status'],
    properties: {
      tokenId: { type: 'string' },
      organisation: slug,
      role: { type: 'string', enum: [...roles] },
      label: { type: 'string' },
      created: dateTime,
      createdBy: { type: 'string' },
      expiresAt: dateTime,
      lastUsedAt: { ...dateTime, description: 'When the token last authenticated a request, to within five minutes.' },
      revokedAt: dateTime,
      revokedBy: { type: 'string' },
      kind: { type: 'string', enum: ['personal', 'service'], description: 'Absent for an organisation token.' },
      personId: { type: 'string', description: 'Personal tokens: their owner.' },
      owner: { type: 'string', description: 'Who answers for the token.' },
      readOnly: { type: 'boolean', description: 'Service tokens: reads only.' },
      status: { type: 'string', enum: ['active', 'expired', 'revoked'] },
    },
  },
  TokenList: page('TokenSummary'),
  OrganisationList: page('OrganisationRecord'),
  VersionList: page('ResourceVersion'),
};
