import type { DomainContext } from '../domain/context';
import { applyChanges, canCatchUp, type IndexState, loadIndexState } from '../search/catch-up';
import { readLogHead, trimChangeLog } from '../search/change-log';
import { storedSnapshotInfo, storedSnapshotIs, writeSnapshot } from '../search/snapshot-store';

/** How long a change-log entry outlives the snapshot that holds it, so busy API copies catch up from the log instead of reloading. */
export const LOG_RETENTION_MS = 10 * 60_000;

/** What the indexer keeps between runs (one Lambda container, or the local process). */
export interface IndexerState {
  current?: IndexState;
  /** Checksum of the stored snapshot `current` was written as or loaded from: anything else stored is not its own. */
  storedChecksum?: string;
}

export interface IndexerRunOptions {
  /**
   * Download the stored snapshot and check its bytes against the checksum this state wrote or
   * loaded, instead of trusting its metadata: finds bytes damaged where they are kept (then read
   * again, and rebuilt if unreadable). The scheduled runs ask for it; runs woken by changes do not.
   */
  verifyStored?: boolean;
}

export interface IndexerRun {
  /** Documents added, replaced or removed. */
  changed: number;
  seq: number;
  /** Where this run's starting index came from. */
  from: 'memory' | 'snapshot' | 'rebuild';
  snapshotBytes?: number;
}

/**
 * One indexer run: folds every change in the log into the index, stores the snapshot, and trims
 * the log behind it. Events only trigger runs, so duplicates and reordering cannot make the index
 * wrong; runs must not overlap (one writer: a FIFO queue with one message group, or the local
 * serialised queue).
 *
 * The stored snapshot is only ever replaced by one that has decoded back to this index
 * (writeSnapshot); if that fails the run throws before trimming, so the previous snapshot stays
 * and the log still holds everything since it. A stored snapshot that is not the one this state
 * knows (another writer's, or replaced or damaged since) is read again; if it cannot be read the
 * index is rebuilt from the catalogue and a fresh snapshot written at once.
 */
export const runIndexer = async (ctx: DomainContext, state: IndexerState, options: IndexerRunOptions = {}): Promise<IndexerRun> => {
  const head = await readLogHead(ctx);
  const stored = await storedSnapshotInfo(ctx);
  let ownSnapshot = stored !== undefined && stored.checksum !== undefined && stored.checksum === state.storedChecksum;
  if (ownSnapshot && options.verifyStored) ownSnapshot = await storedSnapshotIs(ctx, state.storedChecksum!);
  let from: IndexerRun['from'] = 'memory';
  if (!state.current || !canCatchUp(state.current, head) || !ownSnapshot) {
    const { from: source, checksum, ...loaded } = await loadIndexState(ctx, head);
    state.current = loaded;
    state.storedChecksum = checksum;
    from = source;
  }
  const current = state.current;
  const changed = await applyChanges(ctx, current, head);
  let snapshotBytes: number | undefined;
  // A rebuild means the stored snapshot was missing, unreadable or too old, and metadata that does not
  // name the bytes it sits on would send every run back to reading them: replace it now, changes or not.
  if (from === 'rebuild' || stored?.checksum !== state.storedChecksum || (stored?.seq ?? -1) < current.seq || changed > 0) {
    const written = await writeSnapshot(ctx, current.index, current.seq);
    state.storedChecksum = written.checksum;
    snapshotBytes = written.bytes;
  }
  await trimChangeLog(ctx, current.seq, new Date(ctx.now().getTime() - LOG_RETENTION_MS));
  return { changed, seq: current.seq, from, snapshotBytes };
};
