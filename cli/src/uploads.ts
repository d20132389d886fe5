import { basename } from 'node:path';
import { type Api, call, callOrMissing } from './api';
import type { Schemas } from './client';
import { formatBytes, type Output } from './output';
import { startProgress } from './progress';
import { forgetPending, readPending, type UploadIdentity, writePending } from './resume-state';
import { putRange } from './transfer';

/**
 * Sends a file as a resource's next version, through the object store: one presigned PUT for a
 * file up to the multipart threshold, else a multipart upload that resumes where an interrupted
 * run stopped (the exchange lists the parts it holds; only the missing ones are sent).
 */
export interface LocalFile {
  path: string;
  bytes: number;
  sha256: string;
  contentType: string;
}

export interface UploadOptions {
  multipartThreshold: number;
  partBytes?: number;
}

export interface SentUpload {
  uploadId: string;
  method: 'presigned' | 'multipart';
  /** Multipart only: parts sent by this run, and parts an earlier run had already stored. */
  partsSent?: number[];
  partsAlreadyStored?: number[];
}

const resourcePath = (dataset: string, resource: string) => ({ path: { dataset, resource } });

const presignedUpload = async (api: Api, out: Output, dataset: string, resource: string, file: LocalFile): Promise<SentUpload> => {
  const started = await call(
    api,
    `Starting the upload of ${file.path}`,
    api.client.POST('/api/v1/datasets/{dataset}/resources/{resource}/uploads', {
      params: resourcePath(dataset, resource),
      body: { filename: basename(file.path), bytes: file.bytes, sha256: file.sha256, contentType: file.contentType },
    }),
  );
  const progress = startProgress(out, `${resource}: uploading ${basename(file.path)}`, file.bytes);
  try {
    await putRange(started.uploadUrl, started.uploadHeaders, file.path, { start: 0, end: file.bytes }, progress.advance);
  } finally {
    progress.stop();
  }
  return { uploadId: started.uploadId, method: 'presigned' };
};

type Parts = Schemas['UploadParts'];

/**
 * The upload an earlier run of this file started: its parts, if it is still waiting for some; or
 * just its id, if that run was stopped after completing it (then it is followed, not sent again).
 */
const pendingUpload = async (api: Api, dataset: string, resource: string, identity: UploadIdentity): Promise<Parts | { assembled: string } | undefined> => {
  const pending = readPending(identity);
  if (!pending) return undefined;
  const parts = await callOrMissing(
    api,
    'Reading the interrupted upload',
    api.client.GET('/api/v1/datasets/{dataset}/resources/{resource}/uploads/{upload}/parts', {
      params: { path: { dataset, resource, upload: pending.uploadId } },
    }),
  );
  if (!parts) {
    forgetPending(identity);
    return undefined;
  }
  return parts.state === 'awaiting-bytes' ? parts : { assembled: parts.uploadId };
};

const multipartUpload = async (api: Api, out: Output, dataset: string, resource: string, file: LocalFile, options: UploadOptions): Promise<SentUpload> => {
  const identity: UploadIdentity = { url: api.url, dataset, resource, bytes: file.bytes, sha256: file.sha256 };
  const pending = await pendingUpload(api, dataset, resource, identity);
  if (pending && 'assembled' in pending) {
    forgetPending(identity);
    out.note(`${resource}: upload ${pending.assembled} of this file was already complete; following it`);
    return { uploadId: pending.assembled, method: 'multipart', partsSent: [], partsAlreadyStored: [] };
  }
  let parts = pending;
  if (parts) {
    out.note(`${resource}: resuming upload ${parts.uploadId}: ${parts.stored.length} of ${parts.partCount} parts already stored`);
  } else {
    const started = await call(
      api,
      `Starting the multipart upload of ${file.path}`,
      api.client.POST('/api/v1/datasets/{dataset}/resources/{resource}/multipart-uploads', {
        params: resourcePath(dataset, resource),
        body: {
          filename: basename(file.path),
          bytes: file.bytes,
          sha256: file.sha256,
          contentType: file.contentType,
          ...(options.partBytes ? { partBytes: options.partBytes } : {}),
        },
      }),
    );
    writePending(identity, { uploadId: started.uploadId, started: new Date().toISOString() });
    out.note(`${resource}: multipart upload ${started.uploadId}: ${started.partCount} parts of ${formatBytes(started.partBytes)}`);
    parts = await call(
      api,
      'Listing the upload parts',
      api.client.GET('/api/v1/datasets/{dataset}/resources/{resource}/uploads/{upload}/parts', {
        params: { path: { dataset, resource, upload: started.uploadId } },
      }),
    );
  }
  const { uploadId, partBytes, partCount } = parts;
  const progress = startProgress(out, `${resource}: uploading ${basename(file.path)}`, file.bytes);
  const partsSent: number[] = [];
  try {
    progress.skip(parts.stored.reduce((sum, part) => sum + part.bytes, 0));
    for (const part of parts.missing) {
      const start = (part.partNumber - 1) * partBytes;
      const etag = await putRange(part.uploadUrl, part.uploadHeaders, file.path, { start, end: start + part.bytes }, progress.advance);
      await call(
        api,
        `Recording part ${part.partNumber}`,
        api.client.PUT('/api/v1/datasets/{dataset}/resources/{resource}/uploads/{upload}/parts/{part}', {
          params: { path: { dataset, resource, upload: uploadId, part: part.partNumber } },
          body: { etag },
        }),
      );
      partsSent.push(part.partNumber);
      if (!out.interactive) out.note(`${resource}: part ${part.partNumber}/${partCount} stored`);
    }
  } finally {
    progress.stop();
  }
  await call(
    api,
    'Completing the upload',
    api.client.POST('/api/v1/datasets/{dataset}/resources/{resource}/uploads/{upload}/complete', {
      params: { path: { dataset, resource, upload: uploadId } },
    }),
  );
  forgetPending(identity);
  return { uploadId, method: 'multipart', partsSent, partsAlreadyStored: parts.stored.map((part) => part.partNumber) };
};

export const sendFile = (api: Api, out: Output, dataset: string, resource: string, file: LocalFile, options: UploadOptions): Promise<SentUpload> =>
  file.bytes > options.multipartThreshold ? multipartUpload(api, out, dataset, resource, file, options) : presignedUpload(api, out, dataset, resource, file);
