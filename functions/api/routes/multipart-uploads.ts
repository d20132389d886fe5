import { completeMultipartUpload, listUploadParts, recordUploadPart, startMultipartUpload } from '../../domain/multipart-uploads';
import type { Upload } from '../../domain/upload-records';
import type { Urls } from '../http/urls';
import { errors, type Json, jsonResponse, ref } from '../openapi/builders';
import { presentUpload } from '../presenters';
import { route } from './declare';

/**
 * Multipart uploads of large files, which resume after an interruption: start one, PUT each part
 * to its presigned URL and report the ETag the store answered, list the parts to learn which are
 * still missing (with fresh URLs), then complete. The domain rules are in domain/multipart-uploads.ts.
 */
const partParameter: Json = {
  name: 'part',
  in: 'path',
  required: true,
  description: 'Part number, from 1 to the upload’s partCount.',
  schema: { type: 'integer', minimum: 1, maximum: 10000 },
};

const presentMultipart = (upload: Upload, urls: Urls) => {
  const presented = presentUpload(upload, urls);
  const { partBytes, partCount } = upload.multipart!;
  return {
    ...presented,
    partBytes,
    partCount,
    links: { ...presented.links, parts: `${presented.links.self}/parts`, complete: `${presented.links.self}/complete` },
  };
};

export const multipartUploadRoutes = [
  route({
    method: 'POST',
    path: '/api/v1/datasets/:dataset/resources/:resource/multipart-uploads',
    operationId: 'startMultipartUpload',
    summary: 'Start a multipart upload of a large file (resumable)',
    tags: ['Publishing'],
    auth: 'token',
    description:
      'Then GET its `parts` link for a presigned URL per part, PUT each part there, report each ETag with PUT .../parts/{part}, and POST `complete`. After an interruption, GET the parts again: the stored ones are listed, the missing ones come with fresh URLs.',
    parameters: ['dataset', 'resource'],
    body: { kind: 'json', schema: ref('MultipartUploadRequest'), example: { filename: 'readings-2025.csv', bytes: 734003200, contentType: 'text/csv' } },
    responses: { 201: jsonResponse('Started; send the parts next.', ref('MultipartUpload')), ...errors(400, 401, 403, 404, 409, 413, 415) },
    handler: async (c, { params, body }) => {
      const upload = await startMultipartUpload(c.var.domain, c.var.caller, params.dataset, params.resource, body);
      const presented = presentMultipart(upload, c.var.urls);
      c.header('Location', presented.links.self);
      return c.json(presented, 201);
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/datasets/:dataset/resources/:resource/uploads/:upload/parts',
    operationId: 'listUploadParts',
    summary: 'The parts of a multipart upload: stored, and missing with fresh URLs',
    tags: ['Publishing'],
    auth: 'token',
    parameters: ['dataset', 'resource', 'upload'],
    responses: { 200: jsonResponse('The parts.', ref('UploadParts')), ...errors(401, 403, 404, 409) },
    handler: async (c, { params }) => {
      const view = await listUploadParts(c.var.domain, c.var.caller, params.dataset, params.resource, params.upload);
      c.header('Cache-Control', 'no-store');
      const { upload, ...parts } = view;
      return c.json({ uploadId: upload.uploadId, state: upload.state, ...parts });
    },
  }),
  route({
    method: 'PUT',
    path: '/api/v1/datasets/:dataset/resources/:resource/uploads/:upload/parts/:part',
    operationId: 'recordUploadPart',
    summary: 'Report a part the object store has accepted (its ETag)',
    tags: ['Publishing'],
    auth: 'token',
    parameters: ['dataset', 'resource', 'upload', partParameter],
    body: { kind: 'json', schema: ref('UploadPartReceipt'), example: { etag: '"9b2cf535f27731c974343645a3985328"' } },
    responses: { 200: jsonResponse('Recorded.', ref('StoredUploadPart')), ...errors(400, 401, 403, 404, 409, 415) },
    handler: async (c, { params, body }) => {
      const part = await recordUploadPart(c.var.domain, c.var.caller, params.dataset, params.resource, params.upload, Number(params.part), body);
      return c.json({ partNumber: part.partNumber, etag: part.etag });
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/datasets/:dataset/resources/:resource/uploads/:upload/complete',
    operationId: 'completeMultipartUpload',
    summary: 'Assemble a multipart upload from its stored parts; ingest follows',
    tags: ['Publishing'],
    auth: 'token',
    description: 'Every part must have been reported (409 lists the missing ones). Completing again is harmless. Follow the upload for the version it becomes.',
    parameters: ['dataset', 'resource', 'upload'],
    responses: { 202: jsonResponse('Assembled; ingest runs next.', ref('Upload')), ...errors(401, 403, 404, 409) },
    handler: async (c, { params }) => {
      const upload = await completeMultipartUpload(c.var.domain, c.var.caller, params.dataset, params.resource, params.upload);
      return c.json(presentUpload(upload, c.var.urls), 202);
    },
  }),
];
