import { actorName, type Caller } from './caller';
import type { DomainContext } from './context';
import { conflict, ExchangeError, notFound, validationFailed } from './errors';
import { isUuid, newId } from './identifiers';
import { mayEditDataset, refusal } from './policy';
import { getResource } from './resources';
import type { StoredRecord } from '../storage/catalogue-store';
import { type Upload, uploadKey } from './upload-records';
import { settleOverdueUpload } from './version-outcome';
import { currentCorrelationId } from '../observability/correlation';
import { requestShapeProblems } from './request-schemas';

/** Direct uploads travel through API Gateway and Lambda, whose payload limit is 6 MB (base64). */
export const MAX_DIRECT_UPLOAD_BYTES = 4 * 1024 * 1024;
/** Presigned uploads go straight to S3 in one PUT. */
export const MAX_PRESIGNED_UPLOAD_BYTES = 5 * 1024 * 1024 * 1024;
export const PRESIGNED_UPLOAD_SECONDS = 15 * 60;

export { type Upload, uploadKey, uploadListing } from './upload-records';

const OBJECT_KEY = /^uploads\/([0-9a-f-]{36})\/([a-z0-9-]{1,100})\/([0-9a-f-]{36})$/;

/** Where an upload's raw bytes land in the uploads bucket; the ingest handler reads the upload id back from it. */
export const uploadObjectKey = (datasetId: string, resourceName: string, uploadId: string) => `uploads/${datasetId}/${resourceName}/${uploadId}`;

export const uploadIdFromObjectKey = (key: string): string | undefined => {
  const match = OBJECT_KEY.exec(key);
  return match && isUuid(match[3]) ? match[3] : undefined;
};

export const safeFilename = (filename: unknown): string | undefined => {
  if (filename === undefined) return undefined;
  if (typeof filename !== 'string' || filename.length > 255 || /[\u0000-\u001f/\\]/.test(filename)) {
    throw validationFailed([{ field: 'filename', message: 'must be a plain file name of at most 255 characters' }]);
  }
  return filename;
};

/**
 * The resource an upload goes into. A mirrored copy (harvest mirror mode) says its data is the file
 * at `mirroredFrom.url`, so only the mirror copying that file (`mirrorOf`) writes it; and the mirror
 * writes nothing but its own copies, never a resource that happens to carry the copy's name.
 */
export const editableResource = async (ctx: DomainContext, caller: Caller, datasetReference: string, resourceReference: string, mirrorOf?: string) => {
  const found = await getResource(ctx, caller, datasetReference, resourceReference);
  if (!mayEditDataset(caller, found.dataset.value)) throw refusal(caller, true, 'dataset', 'upload data to this dataset');
  const copyOf = found.resource.value.mirroredFrom?.url;
  if (copyOf !== mirrorOf) {
    throw copyOf === undefined
      ? conflict(`Resource '${found.resource.value.name}' is not the mirrored copy of ${mirrorOf}: the mirror does not write into it.`)
      : conflict(`Resource '${found.resource.value.name}' is the copy of ${copyOf} made by its harvest source: its data comes from there.`, {
          mirroredFrom: copyOf,
        });
  }
  return found;
};

export const newUpload = (
  ctx: DomainContext,
  caller: Caller,
  datasetId: string,
  resourceName: string,
  fields: Partial<Upload> & Pick<Upload, 'method'>,
): Upload => {
  const uploadId = newId();
  return {
    uploadId,
    datasetId,
    resourceName,
    objectKey: uploadObjectKey(datasetId, resourceName, uploadId),
    state: 'awaiting-bytes',
    created: ctx.now().toISOString(),
    createdBy: actorName(caller),
    correlationId: currentCorrelationId(),
    ...fields,
  };
};

/** Direct upload: the bytes (already capped by the edge) go to the uploads bucket; ingest follows from the bucket event. */
export const receiveDirectUpload = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  resourceReference: string,
  body: Buffer,
  details: { filename?: string; contentType?: string; mirrorOf?: string },
): Promise<Upload> => {
  const { resource } = await editableResource(ctx, caller, datasetReference, resourceReference, details.mirrorOf);
  if (body.byteLength === 0) throw new ExchangeError('bad_request', 'The upload is empty: send the file as the request body.');
  const upload = newUpload(ctx, caller, resource.value.datasetId, resource.value.name, {
    method: 'direct',
    filename: safeFilename(details.filename),
    contentType: details.contentType,
    declaredBytes: body.byteLength,
  });
  await ctx.catalogue.create(uploadKey(upload.uploadId), upload);
  await ctx.objects.put({ bucket: 'uploads', key: upload.objectKey }, body, { contentType: details.contentType ?? 'application/octet-stream' });
  return upload;
};

/**
 * Presigned upload: a URL for one PUT of the declared number of bytes, for a few minutes.
 * Ingest checks the stored object against the declaration (its size, and its SHA-256 when one
 * was declared) and fails the version if they differ: see ingest/declared-upload.ts.
 */
export const startPresignedUpload = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  resourceReference: string,
  input: Record<string, unknown>,
): Promise<{ upload: Upload; url: string; headers: Record<string, string> }> => {
  const { resource } = await editableResource(ctx, caller, datasetReference, resourceReference);
  const problems = requestShapeProblems('presigned-upload-request', input);
  if (problems.length > 0) throw validationFailed(problems);
  const { bytes, sha256, contentType = 'application/octet-stream' } = input as { bytes: number; sha256?: string; contentType?: string };
  const expiresAt = new Date(ctx.now().getTime() + PRESIGNED_UPLOAD_SECONDS * 1000).toISOString();
  const upload = newUpload(ctx, caller, resource.value.datasetId, resource.value.name, {
    method: 'presigned',
    filename: safeFilename(input.filename),
    contentType,
    declaredBytes: bytes,
    ...(sha256 === undefined ? {} : { declaredSha256: sha256.toLowerCase() }),
    expiresAt,
  });
  await ctx.catalogue.create(uploadKey(upload.uploadId), upload);
  const signed = await ctx.objects.presignPut(
    { bucket: 'uploads', key: upload.objectKey },
    { expiresIn: PRESIGNED_UPLOAD_SECONDS, contentLength: bytes, contentType },
  );
  return { upload, ...signed };
};

/** The upload `uploadId` of this resource, for someone who may edit its dataset; anything else is a 404. */
export const findUpload = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  resourceReference: string,
  uploadId: string,
): Promise<StoredRecord<Upload>> => {
  const { resource } = await editableResource(ctx, caller, datasetReference, resourceReference);
  const found = isUuid(uploadId) ? await ctx.catalogue.get<Upload>(uploadKey(uploadId)) : undefined;
  if (!found || found.value.datasetId !== resource.value.datasetId || found.value.resourceName !== resource.value.name) throw notFound('upload');
  return found;
};

/** An upload's progress, for the publisher who made it (or anyone who may edit the dataset). */
export const getUpload = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  resourceReference: string,
  uploadId: string,
): Promise<StoredRecord<Upload>> => {
  const found = await findUpload(ctx, caller, datasetReference, resourceReference, uploadId);
  const { state, deadline } = found.value;
  if (state === 'done' || !deadline || deadline > ctx.now().toISOString()) return found;
  // Its ingest is overdue: ended first, so the publisher following it never waits forever.
  await settleOverdueUpload(ctx, found);
  return (await ctx.catalogue.get<Upload>(uploadKey(uploadId))) ?? found;
};
