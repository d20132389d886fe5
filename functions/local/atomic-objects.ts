import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * S3 replaces an object whole: a GET sees the old object or the new one. s3rver (the local S3)
 * rewrites the object's file in place, then its metadata, and answers the PUT before the file is
 * flushed, so a GET racing a PUT of the same key reads half a file, or a length from one version
 * and bytes from another (the search snapshot, say, rewritten by the indexer while a process
 * starting up reads it). Here each PUT writes a file of its own and
 * renames it into place, and, per key, a GET opens the file only between PUTs: what S3
 * guarantees, for the exchange's code to rely on locally too.
 */

interface StoredObject {
  bucket: string;
  key: string;
  content: Buffer | Readable;
  metadata: Record<string, string>;
}

/** The parts of s3rver's FilesystemStore (s3rver 3.x) this replaces or calls. */
export interface S3rverStore {
  getResourcePath(bucket: string, key: string, resource: string): string;
  putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5: string): Promise<void>;
  putObject(object: StoredObject): Promise<{ size: number; md5: string }>;
  getObject(bucket: string, key: string, options?: unknown): Promise<unknown>;
}

export const makeObjectReplacementAtomic = (store: S3rverStore): void => {
  const tails = new Map<string, Promise<unknown>>();
  /** Runs `use` after every earlier use of the key has ended; `use` answers when its own use ends. */
  const inTurn = <T>(id: string, use: () => Promise<{ result: T; ended: Promise<unknown> }>): Promise<T> => {
    const previous = tails.get(id) ?? Promise.resolve();
    const started = previous.then(use);
    const ended = started.then(
      ({ ended }) => ended.catch(() => undefined),
      () => undefined,
    );
    tails.set(id, ended);
    void ended.then(() => {
      if (tails.get(id) === ended) tails.delete(id);
    });
    return started.then(({ result }) => result);
  };
  const idOf = (bucket: string, key: string) => `${bucket}\u0000${key}`;
  const getObject = store.getObject.bind(store);

  store.putObject = (object) =>
    inTurn(idOf(object.bucket, object.key), async () => {
      const objectPath = store.getResourcePath(object.bucket, object.key, 'object');
      await mkdir(dirname(objectPath), { recursive: true });
      // Not ending in s3rver's object suffix, so never listed as an object.
      const partial = `${objectPath}.partial-${randomUUID()}`;
      const md5 = createHash('md5');
      let size = 0;
      const counting = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          md5.update(chunk);
          size += chunk.length;
          callback(null, chunk);
        },
      });
      try {
        await pipeline(Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content, counting, createWriteStream(partial));
        await rename(partial, objectPath);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      const digest = md5.digest('hex');
      await store.putMetadata(object.bucket, object.key, object.metadata, digest);
      return { result: { size, md5: digest }, ended: Promise.resolve() };
    });

  // A GET reads the length and opens the file in turn with PUTs; once open, it streams the version it
  // opened, whatever is renamed into place meanwhile.
  store.getObject = (bucket, key, options) =>
    inTurn(idOf(bucket, key), async () => ({ result: await getObject(bucket, key, options), ended: Promise.resolve() }));
};
