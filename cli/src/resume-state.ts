import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configDir } from './config';

/**
 * Which multipart upload a file is going up as, kept between runs so that the next `ldx publish`
 * of the same file (same exchange, dataset, resource, size and SHA-256) resumes it instead of
 * starting again. The parts themselves are listed by the exchange, never trusted from here.
 */
export interface PendingUpload {
  uploadId: string;
  started: string;
}

export interface UploadIdentity {
  url: string;
  dataset: string;
  resource: string;
  bytes: number;
  sha256: string;
}

const fileFor = (identity: UploadIdentity): string => {
  const key = createHash('sha256')
    .update(JSON.stringify([identity.url, identity.dataset, identity.resource, identity.bytes, identity.sha256]))
    .digest('hex')
    .slice(0, 32);
  return join(configDir(), 'uploads', `${key}.json`);
};

export const readPending = (identity: UploadIdentity): PendingUpload | undefined => {
  try {
    const parsed = JSON.parse(readFileSync(fileFor(identity), 'utf8')) as Partial<PendingUpload>;
    return typeof parsed.uploadId === 'string' && typeof parsed.started === 'string' ? { uploadId: parsed.uploadId, started: parsed.started } : undefined;
  } catch {
    return undefined;
  }
};

export const writePending = (identity: UploadIdentity, pending: PendingUpload): void => {
  const file = fileFor(identity);
  mkdirSync(join(configDir(), 'uploads'), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(pending)}\n`, { mode: 0o600 });
};

export const forgetPending = (identity: UploadIdentity): void => rmSync(fileFor(identity), { force: true });
