import type { Caller } from './caller';
import type { DomainContext } from './context';
import { conflict, validationFailed } from './errors';
import { requestShapeProblems } from './request-schemas';
import { type Upload, type UploadPart, uploadKey, uploadPartKey, uploadPartListing } from './upload-records';
import { editableResource, findUpload, newUpload, PRESIGNED_UPLOAD_SECONDS, safeFilename } from './uploads';
import { listAll, RecordExistsError, type StoredRecord } from '../storage/catalogue-store';

/**
 * Multipart uploads: a large file goes up in parts, each PUT straight to the object store through
 * its own presigned URL, so an interrupted upload resumes with the parts still missing. The
 * exchange keeps the list of parts the store has accepted (the publisher reports each part's
 * ETag as the store answered it): the object store's own ListParts is not something every store
 * the exchange runs against offers (the local emulator has none), and completing hands the ETags
 * back to the store, which refuses any it does not hold. The assembled file is then checked like
 * any presigned upload: its size against `bytes`, its SHA-256 against `sha256` when declared.
 */

/** S3's rules: every part but the last at least 5 MiB, at most 10 000 parts. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
export const MAX_PARTS = 10_000;
export const DEFAULT_PART_BYTES = 16 * 1024 * 1024;

export interface UploadPartsView {
  upload: Upload;
  partBytes: number;
  partCount: number;
  stored: Array<{ partNumber: number; bytes: number; etag: string }>;
  missing: Array<{ partNumber: number; bytes: number; uploadUrl: string; uploadHeaders: Record<string, string> }>;
}

/** The part size: the one asked for (or the default), raised if the file would otherwise need more than MAX_PARTS. */
export const partLayout = (bytes: number, requested?: number): { partBytes: number; partCount: number } => {
  const partBytes = Math.max(requested ?? DEFAULT_PART_BYTES, MIN_PART_BYTES, Math.ceil(bytes / MAX_PARTS));
  return { partBytes, partCount: Math.max(1, Math.ceil(bytes / partBytes)) };
};

const partSize = (upload: Upload, partNumber: number): number => {
  const { partBytes } = upload.multipart!;
  return Math.min(partBytes, (upload.declaredBytes ?? 0) - (partNumber - 1) * partBytes);
};

export const startMultipartUpload = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  resourceReference: string,
  input: Record<string, unknown>,
): Promise<Upload> => {
  const { resource } = await editableResource(ctx, caller, datasetReference, resourceReference);
  const problems = requestShapeProblems('multipart-upload-request', input);
  if (problems.length > 0) throw validationFailed(problems);
  const {
    bytes,
    sha256,
    partBytes: requested,
    contentType = 'application/octet-stream',
  } = input as { bytes: number; sha256?: string; partBytes?: number; contentType?: string };
  const filename = safeFilename(input.filename);
  const draft = newUpload(ctx, caller, resource.value.datasetId, resource.value.name, { method: 'multipart' });
  const storeId = await ctx.objects.startMultipart({ bucket: 'uploads', key: draft.objectKey }, { contentType });
  const upload: Upload = {
    ...draft,
    filename,
    contentType,
    declaredBytes: bytes,
    ...(sha256 === undefined ? {} : { declaredSha256: sha256.toLowerCase() }),
    multipart: { storeId, ...partLayout(bytes, requested) },
  };
  await ctx.catalogue.create(uploadKey(upload.uploadId), upload);
  return upload;
};

/** The multipart upload `uploadId` of this resource, for someone who may edit its dataset. */
const findMultipartUpload = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  resourceReference: string,
  uploadId: string,
): Promise<StoredRecord<Upload>> => {
  const found = await findUpload(ctx, caller, datasetReference, resourceReference, uploadId);
  if (!found.value.multipart) throw conflict('This upload is not a multipart upload: it has no parts.');
  return found;
};

const storedParts = async (ctx: DomainContext, uploadId: string) =>
  (await listAll<UploadPart>(ctx.catalogue, uploadPartListing(uploadId, 1).list)).map((record) => record.value);

/** Which parts the store holds, and fresh URLs for the ones still missing (so a resumed upload never needs an expired URL). */
export const listUploadParts = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  resourceReference: string,
  uploadId: string,
): Promise<UploadPartsView> => {
  const { value: upload } = await findMultipartUpload(ctx, caller, datasetReference, resourceReference, uploadId);
  const { storeId, partBytes, partCount } = upload.multipart!;
  const stored = (await storedParts(ctx, upload.uploadId)).map((part) => ({
    partNumber: part.partNumber,
    bytes: partSize(upload, part.partNumber),
    etag: part.etag,
  }));
  const have = new Set(stored.map((part) => part.partNumber));
  const missing: UploadPartsView['missing'] = [];
  // Once the file is assembled there is nothing left to send.
  if (upload.state === 'awaiting-bytes' && !(await ctx.objects.head({ bucket: 'uploads', key: upload.objectKey }))) {
    for (let partNumber = 1; partNumber <= partCount; partNumber++) {
      if (have.has(partNumber)) continue;
      const bytes = partSize(upload, partNumber);
      const signed = await ctx.objects.presignPart({ bucket: 'uploads', key: upload.objectKey }, storeId, partNumber, {
        expiresIn: PRESIGNED_UPLOAD_SECONDS,
        contentLength: bytes,
      });
      missing.push({ partNumber, bytes, uploadUrl: signed.url, uploadHeaders: signed.headers });
    }
  }
  return { upload, partBytes, partCount, stored, missing };
};

/** Records that the store accepted part `partNumber` with this ETag (again: the later PUT of a part replaces the earlier). */
export const recordUploadPart = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  resourceReference: string,
  uploadId: string,
  partNumber: number,
  input: Record<string, unknown>,
): Promise<UploadPart> => {
  const { value: upload } = await findMultipartUpload(ctx, caller, datasetReference, resourceReference, uploadId);
  const problems = requestShapeProblems('upload-part-receipt', input);
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > upload.multipart!.partCount) {
    problems.push({ field: 'part', message: `must be a part number from 1 to ${upload.multipart!.partCount}` });
  }
  if (problems.length > 0) throw validationFailed(problems);
  if (upload.state !== 'awaiting-bytes') throw conflict('This upload is already complete: start a new upload to send the file again.');
  const part: UploadPart = { uploadId: upload.uploadId, partNumber, etag: String(input.etag).replace(/"/g, ''), recorded: ctx.now().toISOString() };
  const key = uploadPartKey(upload.uploadId, partNumber);
  const listing = uploadPartListing(upload.uploadId, partNumber);
  try {
    await ctx.catalogue.create(key, part, listing);
  } catch (error) {
    if (!(error instanceof RecordExistsError)) throw error;
    const existing = await ctx.catalogue.get<UploadPart>(key);
    if (existing) await ctx.catalogue.replace(key, part, existing.version, listing);
  }
  return part;
};

/** Assembles the file from its parts; ingest follows from the object store's event, as for any upload. */
export const completeMultipartUpload = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  resourceReference: string,
  uploadId: string,
): Promise<Upload> => {
  const { value: upload } = await findMultipartUpload(ctx, caller, datasetReference, resourceReference, uploadId);
  const location = { bucket: 'uploads' as const, key: upload.objectKey };
  // Completing twice is harmless: the second call finds the file assembled and answers the same.
  if (upload.state !== 'awaiting-bytes' || (await ctx.objects.head(location))) return upload;
  const parts = await storedParts(ctx, upload.uploadId);
  const have = new Set(parts.map((part) => part.partNumber));
  const missing: number[] = [];
  for (let partNumber = 1; partNumber <= upload.multipart!.partCount; partNumber++) if (!have.has(partNumber)) missing.push(partNumber);
  if (missing.length > 0) {
    throw conflict(`Parts ${missing.join(', ')} have not been stored yet: send them (GET the parts for their URLs), then complete.`, { missingParts: missing });
  }
  try {
    await ctx.objects.completeMultipart(location, upload.multipart!.storeId, parts);
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
    if (status === 400) {
      throw conflict('The object store refused the parts as reported (an ETag it does not hold, or a part too small): send those parts again, then complete.');
    }
    throw error;
  }
  return upload;
};
