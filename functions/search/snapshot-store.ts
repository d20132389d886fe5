import type { DomainContext } from '../domain/context';
import type { SearchSnapshot } from './search-index';

/**
 * Where the index snapshot lives: the published bucket, under a prefix no download link ever
 * points at (the snapshot holds private datasets' metadata; the policy filters at query time).
 */
export const SNAPSHOT_LOCATION = { bucket: 'published', key: 'search/snapshot.json' } as const;

/**
 * The stored snapshot, or undefined if there is none or it cannot be read (the caller then
 * rebuilds from the catalogue, which is slower but exact). S3 replaces an object atomically, but
 * the local emulator rewrites the file in place, so a read racing the indexer's write can break
 * off or see half of it: such reads are retried first.
 */
export const readSnapshot = async (ctx: DomainContext, attempts = 5): Promise<SearchSnapshot | undefined> => {
  for (let attempt = 1; ; attempt++) {
    try {
      const stream = await ctx.objects.get(SNAPSHOT_LOCATION);
      if (!stream) return undefined;
      return JSON.parse(Buffer.concat(await stream.toArray()).toString('utf8')) as SearchSnapshot;
    } catch (error) {
      if (attempt >= attempts) {
        console.error('search snapshot unreadable; rebuilding from the catalogue', error);
        return undefined;
      }
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

export const writeSnapshot = async (ctx: DomainContext, snapshot: SearchSnapshot): Promise<number> => {
  const body = JSON.stringify(snapshot);
  await ctx.objects.put(SNAPSHOT_LOCATION, body, {
    contentType: 'application/json',
    contentLength: Buffer.byteLength(body),
    metadata: { seq: String(snapshot.seq) },
  });
  return Buffer.byteLength(body);
};
