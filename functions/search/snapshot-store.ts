import type { DomainContext } from '../domain/context';
import type { SearchIndex } from './search-index';
import { decodeSnapshot, isSealed, type LoadedSnapshot, snapshotChecksum, SnapshotCutShortError, SnapshotFormatError } from './search-snapshot';
import { verifiedSnapshot } from './snapshot-verify';

/**
 * Where the index snapshot lives: the published bucket, under a prefix no download link ever
 * points at (the snapshot holds private datasets' metadata; the policy filters at query time).
 * The object is the binary format of search-snapshot.ts; the indexer's IAM grant names this one key.
 * Only bytes that have decoded back to the index they came from are put here (snapshot-verify.ts),
 * and S3 replaces an object whole, so a failed or refused write leaves the previous snapshot.
 */
export const SNAPSHOT_LOCATION = { bucket: 'published', key: 'search/snapshot.bin' } as const;

export interface StoredSnapshot extends LoadedSnapshot {
  /** The stored bytes, as read. */
  bytes: Buffer;
}

/** What the stored object says of itself (its metadata), read without downloading it. */
export interface StoredSnapshotInfo {
  seq?: number;
  /** SHA-256 (hex) of the snapshot the writer stored; absent on objects written before snapshots carried one. */
  checksum?: string;
}

const unreadable = (error: unknown): undefined => {
  console.error('search snapshot unreadable; rebuilding the index from the catalogue', error);
  return undefined;
};

/**
 * The stored snapshot, loaded, or undefined if there is none or it cannot be read (the caller then
 * rebuilds from the catalogue, which is slower but exact). S3 replaces an object atomically, but
 * the local emulator rewrites the file in place, so a read racing the indexer's write can break
 * off or see half of it: such reads (cut short, or not matching their checksum) are retried first.
 * One in a format this code does not know, or damaged otherwise, is not retried.
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
      if (hopeless || attempt >= attempts) return unreadable(error);
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
};

/** The stored snapshot's change-log position and checksum, from its metadata; undefined if there is none. */
export const storedSnapshotInfo = async (ctx: DomainContext): Promise<StoredSnapshotInfo | undefined> => {
  const head = await ctx.objects.head(SNAPSHOT_LOCATION);
  if (!head) return undefined;
  const seq = Number(head.metadata.seq);
  const checksum = head.metadata.sha256;
  return {
    seq: Number.isSafeInteger(seq) && seq >= 0 ? seq : undefined,
    checksum: typeof checksum === 'string' && /^[0-9a-f]{64}$/.test(checksum) ? checksum : undefined,
  };
};

/**
 * Whether the stored object is, byte for byte, the snapshot with this checksum: it is downloaded
 * and hashed (not decoded). Catches damage its metadata cannot show.
 */
export const storedSnapshotIs = async (ctx: DomainContext, checksum: string): Promise<boolean> => {
  const stream = await ctx.objects.get(SNAPSHOT_LOCATION);
  if (!stream) return false;
  const bytes = Buffer.concat(await stream.toArray());
  return isSealed(bytes) && snapshotChecksum(bytes) === checksum;
};

/** The change-log position of the stored snapshot, without downloading it. */
export const storedSnapshotSeq = async (ctx: DomainContext): Promise<number | undefined> => (await storedSnapshotInfo(ctx))?.seq;

/** Stores bytes of a snapshot (encoded by encodeSnapshot, and checked) at change-log position `seq`. */
export const storeSnapshotBytes = async (ctx: DomainContext, bytes: Buffer, seq: number): Promise<number> => {
  const metadata = { seq: String(seq), sha256: snapshotChecksum(bytes) };
  await ctx.objects.put(SNAPSHOT_LOCATION, bytes, { contentType: 'application/octet-stream', contentLength: bytes.length, metadata });
  return bytes.length;
};

/**
 * Stores the index as the snapshot at change-log position `seq`, once its bytes have decoded back
 * to the same index (SnapshotRejectedError otherwise, with nothing written). Returns the size and
 * checksum of what was stored.
 */
export const writeSnapshot = async (ctx: DomainContext, index: SearchIndex, seq: number): Promise<{ bytes: number; checksum: string }> => {
  const verified = verifiedSnapshot(index, seq, ctx.now().toISOString());
  return { bytes: await storeSnapshotBytes(ctx, verified.bytes, seq), checksum: verified.checksum };
};
