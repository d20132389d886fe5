import type { Upload } from '../domain/uploads';

/**
 * An upload must be what its publisher declared. A presigned URL is signed for the declared
 * length, but an S3-compatible store that does not check signatures (the local emulator) takes
 * any body, and a digest declared for the upload is only worth something if it is compared.
 * So ingest compares the stored object with the declaration and fails the version if they differ.
 */

const size = (bytes: number) => `${bytes.toLocaleString('en-GB')} byte${bytes === 1 ? '' : 's'}`;

/** Why the stored size is not the declared one, or undefined when it is (or nothing was declared). */
export const checkDeclaredBytes = (upload: Pick<Upload, 'declaredBytes'>, storedBytes: number): string | undefined => {
  if (upload.declaredBytes === undefined || upload.declaredBytes === storedBytes) return undefined;
  return `The file received is ${size(storedBytes)}, but the upload declared ${size(upload.declaredBytes)}: it is not the file that was declared, so nothing was published. Start a new upload with the file's exact size.`;
};

/** Why the stored bytes' SHA-256 is not the declared one, or undefined when it is (or none was declared). */
export const checkDeclaredDigest = (upload: Pick<Upload, 'declaredSha256'>, storedSha256: string): string | undefined => {
  if (upload.declaredSha256 === undefined || upload.declaredSha256.toLowerCase() === storedSha256.toLowerCase()) return undefined;
  return `The file received has SHA-256 ${storedSha256}, but the upload declared ${upload.declaredSha256.toLowerCase()}: it is not the file that was declared, so nothing was published. Start a new upload with the file's own SHA-256.`;
};
