import type { DomainContext } from '../domain/context';
import type { SearchIndex } from './search-index';
import { decodeSnapshot, encodeSnapshot, type LoadedSnapshot, SnapshotCutShortError, SnapshotFormatError } from './search-snapshot';

/**
 * Where the index snapshot lives: the published bucket, under a prefix no download link ever
 * points at (the snapshot holds private datasets' metadata; the policy filters at query time).
 * The object is the binary format of search-snapshot.ts; the indexer's IAM grant names this one key.
 */
export const SNAPSHOT_LOCATION = { bucket: 'published', key: 'search/snapshot.bin' } as const;

export interface StoredSnapshot extends LoadedSnapshot {
  /** The stored bytes, as read. */
  bytes: Buffer;
}

const fail = (error: unknown): undefined => {
  console.error('search snapshot unreadable; rebuilding from the catalogue', error);
  return undefined;
};

/**
 * The stored snapshot, loaded, or undefined if there is none or it cannot be read (the caller then
 * rebuilds from the catalogue, which is slower but exact). S3 replaces an object atomically, but
 * the local emulator rewrites the file in place, so a read racing the indexer's write can break
 * off or see half of it: such reads are retried first. One in a format this code does not know,
 * or damaged otherwise, is not retried.
 */
export const readSnapshot = async (ctx: DomainContext, attempts = 5): Promise<StoredSnapshot | undefined> => {
  for (let attempt = 1; ; attempt++) {
    try {
      const stream = await ctx.objects.get(SNAPSHOT_LOCATION);
      if (!stream) return undefined;
      const bytes = Buffer.concat(await stream.toArray());
      return { ...decodeSnapshot(bytes), bytes };
    } catch (error) {
      const hopeless = error instanceof SnapshotFormatError && !(error instanceof SnapshotCutShortError);
      if (hopeless || attempt >= attempts) return fail(error);
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
};

/** The change-log position of the stored snapshot, without downloading it. */
export const storedSnapshotSeq = async (ctx: DomainContext): Promise<number | undefined> => {
  const head = await ctx.objects.head(SNAPSHOT_LOCATION);
  const seq = head ? Number(head.metadata.seq) : NaN;
  return Number.isFinite(seq) ? seq : undefined;
};

/** Stores bytes of a snapshot (encoded by encodeSnapshot) at change-log position `seq`. */
export const storeSnapshotBytes = async (ctx: DomainContext, bytes: Buffer, seq: number): Promise<number> => {
  await ctx.objects.put(SNAPSHOT_LOCATION, bytes, { contentType: 'application/octet-stream', contentLength: bytes.length, metadata: { seq: String(seq) } });
  return bytes.length;
};

/** Stores the index as the snapshot at change-log position `seq`; returns its size in bytes. */
export const writeSnapshot = async (ctx: DomainContext, index: SearchIndex, seq: number): Promise<number> =>
  storeSnapshotBytes(ctx, encodeSnapshot(index, seq, ctx.now().toISOString()), seq);
