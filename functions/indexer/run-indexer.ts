import type { DomainContext } from '../domain/context';
import { applyChanges, canCatchUp, type IndexState, loadIndexState } from '../search/catch-up';
import { readLogHead, trimChangeLog } from '../search/change-log';
import { storedSnapshotSeq, writeSnapshot } from '../search/snapshot-store';

/** How long a change-log entry outlives the snapshot that holds it, so busy API copies catch up from the log instead of reloading. */
export const LOG_RETENTION_MS = 10 * 60_000;

/** What the indexer keeps between runs (one Lambda container, or the local process). */
export interface IndexerState {
  current?: IndexState;
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
 */
export const runIndexer = async (ctx: DomainContext, state: IndexerState): Promise<IndexerRun> => {
  const head = await readLogHead(ctx);
  const storedSeq = await storedSnapshotSeq(ctx);
  let from: IndexerRun['from'] = 'memory';
  // A newer stored snapshot means another container wrote it: start from there, not from this copy.
  if (!state.current || !canCatchUp(state.current, head) || (storedSeq ?? -1) > state.current.seq) {
    const { from: source, ...loaded } = await loadIndexState(ctx, head);
    state.current = loaded;
    from = source;
  }
  const current = state.current;
  const changed = await applyChanges(ctx, current, head);
  let snapshotBytes: number | undefined;
  if (storedSeq === undefined || storedSeq < current.seq || changed > 0) {
    snapshotBytes = await writeSnapshot(ctx, current.index, current.seq);
  }
  await trimChangeLog(ctx, current.seq, new Date(ctx.now().getTime() - LOG_RETENTION_MS));
  return { changed, seq: current.seq, from, snapshotBytes };
};
