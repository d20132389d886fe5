import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { CliError } from './cli-error';
import { EXIT } from './exit-codes';

/** A local file's size and SHA-256 (hex), read once as a stream. */
export const fingerprint = async (path: string): Promise<{ bytes: number; sha256: string }> => {
  let bytes: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error('not a file');
    bytes = stat.size;
  } catch {
    throw new CliError(`${path} is not a file ldx can read.`, EXIT.usage);
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { bytes, sha256: hash.digest('hex') };
};
