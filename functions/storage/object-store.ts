import type { Readable } from 'node:stream';
import type { BucketRole } from './layout';

/**
 * The object-store port: the uploads and published buckets. One implementation
 * (s3-object-store.ts) serves AWS and the local s3rver alike.
 */
export interface ObjectLocation {
  bucket: BucketRole;
  key: string;
}

export interface PutOptions {
  contentType: string;
  contentLength?: number;
  metadata?: Record<string, string>;
}

export interface ObjectHead {
  bytes: number;
  contentType?: string;
  metadata: Record<string, string>;
}

export interface PresignedGet {
  expiresIn: number;
  filename: string;
  contentType: string;
}

export interface PresignedPut {
  expiresIn: number;
  contentLength: number;
  contentType: string;
  metadata?: Record<string, string>;
}

/** A part the store has accepted, as its PUT answered (the ETag is handed back to complete the upload). */
export interface StoredPart {
  partNumber: number;
  etag: string;
}

/** A body that can be read again from the start (a file on disk): a failed upload of it can be retried. */
export type ReopenableBody = () => Readable;

export interface ObjectStore {
  put(location: ObjectLocation, body: Buffer | Readable | string | ReopenableBody, options: PutOptions): Promise<void>;
  /** Streams the object; undefined if it does not exist. */
  get(location: ObjectLocation): Promise<Readable | undefined>;
  head(location: ObjectLocation): Promise<ObjectHead | undefined>;
  copy(from: ObjectLocation, to: ObjectLocation): Promise<void>;
  presignGet(location: ObjectLocation, options: PresignedGet): Promise<string>;
  /** A URL that accepts exactly one PUT of exactly `contentLength` bytes before it expires. */
  presignPut(location: ObjectLocation, options: PresignedPut): Promise<{ url: string; headers: Record<string, string> }>;
  /** Opens a multipart upload of one object; the answer is the store's id for it. */
  startMultipart(location: ObjectLocation, options: { contentType: string }): Promise<string>;
  /** A URL that accepts one PUT of part `partNumber` (exactly `contentLength` bytes) before it expires. */
  presignPart(
    location: ObjectLocation,
    multipartId: string,
    partNumber: number,
    options: { expiresIn: number; contentLength: number },
  ): Promise<{ url: string; headers: Record<string, string> }>;
  /** Assembles the object from its parts, in part-number order; the store refuses a part whose ETag it does not hold. */
  completeMultipart(location: ObjectLocation, multipartId: string, parts: StoredPart[]): Promise<void>;
}
