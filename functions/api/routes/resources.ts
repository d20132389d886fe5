import { downloadLink, parseFormat, readReport } from '../../domain/downloads';
import { createResource, getResource } from '../../domain/resources';
import { getUpload, MAX_DIRECT_UPLOAD_BYTES, MAX_PRESIGNED_UPLOAD_BYTES, receiveDirectUpload, startPresignedUpload } from '../../domain/uploads';
import { downloadFormats, listVersions } from '../../domain/versions';
import { isDeclarableStandard } from '../../ingest/core/declarable';
import { csvTableSchema } from '../../interop/datapackage';
import { etagOf } from '../http/etag';
import { routeName } from '../http/route-name';
import { errors, etagHeader, type Json, jsonResponse, ref } from '../openapi/builders';
import { presentResource, presentUpload, presentVersion } from '../presenters';
import { resourceSummaries } from '../resource-summaries';
import { getDataset } from '../../domain/datasets';
import { notFound } from '../../domain/errors';
import { route } from './declare';

/** Resources of a dataset: their uploads, versions, validation reports and downloads. */
const query = (name: string, description: string, schema: Json = { type: 'string' }, example?: unknown): Json => ({
  name,
  in: 'query',
  description,
  schema,
  ...(example === undefined ? {} : { example }),
});
export const versionQuery = query('version', 'A version number; default: the current version.', { type: 'integer', minimum: 1 });
const versionOf = (raw: string | string[] | undefined): number | undefined => (raw === undefined ? undefined : Number(raw));

const schemaExists = isDeclarableStandard;
const uploadMediaTypes = ['text/csv', 'application/json', 'application/x-ndjson', 'application/geo+json', 'application/octet-stream'];

export const resourceRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/datasets/:dataset/resources',
    operationId: 'listResources',
    summary: 'List the resources of a dataset',
    tags: ['Datasets'],
    auth: 'optional',
    description:
      'Each resource with its state, the download formats of its current version, row count, size, common data schema and links. Resources are metadata, shown to whoever may see the dataset; the links to data check data access.',
    parameters: ['dataset'],
    responses: { 200: jsonResponse('The resources, in the order they were added.', ref('ResourceSummaryList')), ...errors(404) },
    handler: async (c, { params }) => {
      const dataset = await getDataset(c.var.domain, c.var.caller, params.dataset);
      const results = await resourceSummaries(c.var.domain, dataset.value, c.var.urls);
      c.header('Vary', 'Authorization');
      return c.json({ count: results.length, results });
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/datasets/:dataset/resources/:resource/schema',
    operationId: 'getResourceSchema',
    summary: 'The Table Schema of a resource’s current version',
    tags: ['Datasets'],
    auth: 'optional',
    description:
      'A Frictionless Table Schema describing the normalised CSV download (format=csv): numbers bare, dates and datetimes in ISO 8601, booleans true/false, empty cells missing. 404 before the first published version.',
    parameters: ['dataset', 'resource'],
    responses: {
      200: jsonResponse('The Table Schema.', ref('TableSchema')),
      ...errors(404),
    },
    handler: async (c, { params }) => {
      const { resource } = await getResource(c.var.domain, c.var.caller, params.dataset, params.resource);
      const schema = resource.value.current ? csvTableSchema(resource.value.schema) : undefined;
      if (!schema) throw notFound('Table Schema: the resource has no published version yet');
      c.header('Vary', 'Authorization');
      return c.json(schema);
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/datasets/:dataset/resources',
    operationId: 'createResource',
    summary: 'Add a resource (a file slot) to a dataset',
    tags: ['Publishing'],
    auth: 'token',
    parameters: ['dataset'],
    body: {
      kind: 'json',
      schema: ref('ResourceInput'),
      example: { name: 'readings', title: 'Hourly readings', format: 'csv', dataSchema: 'air-quality-readings' },
    },
    responses: { 201: jsonResponse('Created; upload its data next.', ref('Resource')), ...errors(400, 401, 403, 404, 409, 413, 415) },
    handler: async (c, { params, body: input }) => {
      const { dataset, resource } = await createResource(c.var.domain, c.var.caller, params.dataset, input, schemaExists);
      const body = presentResource(dataset.value, resource, c.var.urls);
      c.header('Location', body.links.self);
      return c.json(body, 201);
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/datasets/:dataset/resources/:resource',
    operationId: 'getResource',
    summary: 'Read a resource, its current version and Table Schema',
    tags: ['Publishing'],
    auth: 'optional',
    parameters: ['dataset', 'resource'],
    responses: { 200: jsonResponse('The resource.', ref('Resource'), undefined, etagHeader), ...errors(404) },
    handler: async (c, { params }) => {
      const { dataset, resource } = await getResource(c.var.domain, c.var.caller, params.dataset, params.resource);
      c.header('ETag', etagOf(resource.version));
      return c.json(presentResource(dataset.value, resource, c.var.urls));
    },
  }),
  route({
    method: 'PUT',
    path: '/api/v1/datasets/:dataset/resources/:resource/data',
    operationId: 'uploadData',
    summary: `Upload a file directly (at most ${MAX_DIRECT_UPLOAD_BYTES} bytes)`,
    tags: ['Publishing'],
    auth: 'token',
    description:
      'The file becomes the next version once ingest has validated it; a failed upload leaves the previous version live. Poll the upload, or the resource, for the outcome.',
    parameters: ['dataset', 'resource', query('filename', 'The original file name (helps detection).', { type: 'string', maxLength: 255 }, 'readings.csv')],
    body: { kind: 'raw', contentTypes: uploadMediaTypes },
    responses: { 202: jsonResponse('Accepted; ingest runs next.', ref('Upload')), ...errors(400, 401, 403, 404, 409, 413) },
    handler: async (c, { params, query: q }) => {
      // At most MAX_DIRECT_UPLOAD_BYTES: bodyCap gives this route the direct-upload cap.
      const body = Buffer.from(await c.req.arrayBuffer());
      const upload = await receiveDirectUpload(c.var.domain, c.var.caller, params.dataset, params.resource, body, {
        filename: q.filename as string | undefined,
        contentType: c.req.header('content-type'),
      });
      const presented = presentUpload(upload, c.var.urls);
      c.header('Location', presented.links.self);
      return c.json(presented, 202);
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/datasets/:dataset/resources/:resource/uploads',
    operationId: 'startUpload',
    summary: `Start a presigned upload for a large file (at most ${MAX_PRESIGNED_UPLOAD_BYTES} bytes)`,
    tags: ['Publishing'],
    auth: 'token',
    parameters: ['dataset', 'resource'],
    body: { kind: 'json', schema: ref('PresignedUploadRequest'), example: { filename: 'readings-2025.csv', bytes: 734003200, contentType: 'text/csv' } },
    responses: { 201: jsonResponse('PUT the file to uploadUrl with uploadHeaders.', ref('PresignedUpload')), ...errors(400, 401, 403, 404, 409, 413, 415) },
    handler: async (c, { params, body }) => {
      const started = await startPresignedUpload(c.var.domain, c.var.caller, params.dataset, params.resource, body);
      c.header('Cache-Control', 'no-store');
      return c.json({ ...presentUpload(started.upload, c.var.urls), uploadUrl: started.url, uploadMethod: 'PUT', uploadHeaders: started.headers }, 201);
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/datasets/:dataset/resources/:resource/uploads/:upload',
    operationId: 'getUpload',
    summary: 'Follow an upload',
    tags: ['Publishing'],
    auth: 'token',
    parameters: ['dataset', 'resource', 'upload'],
    responses: { 200: jsonResponse('The upload and the version it became.', ref('Upload')), ...errors(401, 403, 404) },
    handler: async (c, { params }) => {
      const found = await getUpload(c.var.domain, c.var.caller, params.dataset, params.resource, params.upload);
      return c.json(presentUpload(found.value, c.var.urls));
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/datasets/:dataset/resources/:resource/versions',
    operationId: 'listVersions',
    summary: 'Every version of a resource (immutable)',
    tags: ['Publishing'],
    auth: 'optional',
    parameters: ['dataset', 'resource'],
    responses: { 200: jsonResponse('Versions, oldest first.', ref('VersionList')), ...errors(404) },
    handler: async (c, { params }) => {
      const { dataset, resource } = await getResource(c.var.domain, c.var.caller, params.dataset, params.resource);
      const versions = await listVersions(c.var.domain, resource.value);
      return c.json({ count: versions.length, results: versions.map((v) => presentVersion(dataset.value, resource.value, v.value, c.var.urls)) });
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/datasets/:dataset/resources/:resource/versions/:version/report',
    operationId: 'validationReport',
    summary: 'The validation report of a version',
    tags: ['Data'],
    auth: 'optional',
    description: 'Quotes cell values, so it is data: it needs data access, and reads of shared and private data are audited.',
    parameters: ['dataset', 'resource', 'version'],
    responses: { 200: jsonResponse('The report.', ref('ValidationReportResponse')), ...errors(400, 404) },
    handler: async (c, { params }) => {
      const { version, report } = await readReport(c.var.domain, c.var.caller, params.dataset, params.resource, versionOf(params.version), routeName(c));
      return c.json({ version: version.version, state: version.state, report });
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/datasets/:dataset/resources/:resource/download',
    operationId: 'download',
    summary: 'Download a file of a version',
    tags: ['Data'],
    auth: 'optional',
    description: 'Redirects to a short-lived link (at most 5 minutes, never beyond the caller’s grant). Downloads of shared and private data are audited.',
    parameters: [
      'dataset',
      'resource',
      query('format', 'original (as uploaded) or a normalised format.', { type: 'string', enum: [...downloadFormats], default: 'original' }),
      versionQuery,
    ],
    responses: {
      302: { description: 'Redirect to the file.', headers: { Location: { description: 'The short-lived link.', schema: { type: 'string', format: 'uri' } } } },
      ...errors(400, 404),
    },
    handler: async (c, { params, query: q }) => {
      const link = await downloadLink(c.var.domain, c.var.caller, params.dataset, params.resource, {
        format: parseFormat(q.format as string | undefined),
        version: versionOf(q.version),
        route: routeName(c),
      });
      c.header('Cache-Control', 'no-store');
      return c.redirect(link.url, 302);
    },
  }),
];
