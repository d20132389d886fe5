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
}
