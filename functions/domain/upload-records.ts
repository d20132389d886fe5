/** An upload's record: what was declared, and how far ingest has got with it. */
export interface Upload {
  uploadId: string;
  datasetId: string;
  resourceName: string;
  objectKey: string;
  method: 'direct' | 'presigned' | 'multipart';
  /** A multipart upload's layout and the object store's id for it (never shown: the parts are reached through the exchange). */
  multipart?: { storeId: string; partBytes: number; partCount: number };
  filename?: string;
  contentType?: string;
  declaredBytes?: number;
  /** SHA-256 (hex) the publisher declared for a presigned upload; ingest fails the version if the stored bytes differ. */
  declaredSha256?: string;
  /** awaiting-bytes → processing → done; `retry` after a transient failure, so it can be claimed again. */
  state: 'awaiting-bytes' | 'processing' | 'retry' | 'done';
  /** The resource version this upload became, once ingest has claimed it. */
  version?: number;
  leaseUntil?: string;
  /** The current attempt's deadline (see ingest-deadline.ts): its order in the in-flight listing. */
  deadline?: string;
  /** Ingest attempts so far (claims); the last allowed attempt ends the version whatever the error. */
  attempts?: number;
  created: string;
  createdBy: string;
  /** The id of the API request that made the upload, so the ingest's log line can be tied to it. */
  correlationId?: string;
  expiresAt?: string;
}

export const uploadKey = (uploadId: string) => ({ pk: `UPLOAD#${uploadId}`, sk: 'UPLOAD' });

/** A part of a multipart upload that the object store has accepted, as the publisher reported it. */
export interface UploadPart {
  uploadId: string;
  partNumber: number;
  etag: string;
  recorded: string;
}

const padPart = (partNumber: number) => String(partNumber).padStart(5, '0');
export const uploadPartKey = (uploadId: string, partNumber: number) => ({ pk: `UPLOAD#${uploadId}`, sk: `PART#${padPart(partNumber)}` });
/** An upload's stored parts, in part order. */
export const uploadPartListing = (uploadId: string, partNumber: number) => ({ list: `UPLOAD-PARTS#${uploadId}`, order: padPart(partNumber) });

/**
 * Uploads an ingest has claimed and not finished are listed here, ordered by their attempt's
 * deadline, so the sweep finds overdue ones without scanning. Done uploads leave the listing.
 */
export const UPLOADS_IN_FLIGHT = 'UPLOADS-IN-FLIGHT';

/** An upload's place in a listing: in flight from its claim until done. Pass it to every write of an upload. */
export const uploadListing = (upload: Upload) =>
  upload.deadline && (upload.state === 'processing' || upload.state === 'retry') ? { list: UPLOADS_IN_FLIGHT, order: upload.deadline } : undefined;
