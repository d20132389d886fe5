import { requestSchemas } from '../../domain/request-schemas';
import { type Json, ref } from './builders';

/** Components for multipart uploads: the request, the started upload, its parts and a part's receipt. */
const uri = { type: 'string', format: 'uri' };
const partNumber = { type: 'integer', minimum: 1, maximum: 10000 };
const headers = { type: 'object', additionalProperties: { type: 'string' } };

export const uploadComponents: Record<string, Json> = {
  MultipartUploadRequest: requestSchemas['multipart-upload-request'],
  UploadPartReceipt: requestSchemas['upload-part-receipt'],
  MultipartUpload: {
    allOf: [ref('Upload')],
    type: 'object',
    required: ['partBytes', 'partCount', 'links'],
    properties: {
      partBytes: { type: 'integer', description: 'The size of every part but the last.' },
      partCount: { type: 'integer', minimum: 1 },
      links: {
        type: 'object',
        required: ['self', 'parts', 'complete'],
        properties: { self: uri, parts: { ...uri, description: 'GET: the stored parts and URLs for the missing ones.' }, complete: uri },
      },
    },
  },
  UploadParts: {
    type: 'object',
    required: ['uploadId', 'state', 'partBytes', 'partCount', 'stored', 'missing'],
    properties: {
      uploadId: { type: 'string', format: 'uuid' },
      state: { type: 'string', enum: ['awaiting-bytes', 'processing', 'retry', 'done'] },
      partBytes: { type: 'integer' },
      partCount: { type: 'integer', minimum: 1 },
      stored: {
        type: 'array',
        description: 'Parts the object store has accepted, in order: do not send them again.',
        items: { type: 'object', required: ['partNumber', 'bytes', 'etag'], properties: { partNumber, bytes: { type: 'integer' }, etag: { type: 'string' } } },
      },
      missing: {
        type: 'array',
        description:
          'Parts still to send: PUT each to its uploadUrl (valid 15 minutes) with exactly its uploadHeaders, then report its ETag. Empty once the file is assembled.',
        items: {
          type: 'object',
          required: ['partNumber', 'bytes', 'uploadUrl', 'uploadHeaders'],
          properties: { partNumber, bytes: { type: 'integer' }, uploadUrl: uri, uploadHeaders: headers },
        },
      },
    },
  },
  StoredUploadPart: {
    type: 'object',
    required: ['partNumber', 'etag'],
    properties: { partNumber, etag: { type: 'string' } },
  },
};
