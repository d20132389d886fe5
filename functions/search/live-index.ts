import type { DomainContext } from '../domain/context';
import { applyChanges, canCatchUp, type IndexState, loadIndexState } from './catch-up';
import { readLogHead } from './change-log';
import type { SearchIndex } from './search-index';
import { readSnapshot } from './snapshot-store';

/**
 * The API process's copy of the search index. Before each search it reads the change log's head
 * (one consistent read) and applies the entries it has not seen, so a write that has returned is reflected:
 * a deleted or now-private dataset cannot appear in results, counts or facets, and a new one is
 * found at once, however stale the snapshot it started from.
 */
class LiveSearchIndex {
  private state?: IndexState;
  private tail: Promise<unknown> = Promise.resolve();
  private waiting?: Promise<SearchIndex>;

  constructor(private readonly ctx: DomainContext) {}

  /**
   * The index, current as of a change-log read made after this call. Calls made while a catch-up
   * is waiting to start share it; otherwise they queue behind the running one.
   */
  current(): Promise<SearchIndex> {
    if (this.waiting) return this.waiting;
    const run = this.tail
      .catch(() => undefined)
      .then(() => {
        this.waiting = undefined;
        return this.catchUp();
      });
    this.waiting = run;
    this.tail = run;
    return run;
  }

  private async catchUp(): Promise<SearchIndex> {
    // A process's first search fetches the snapshot while it reads the head: they do not depend on
    // each other (readSnapshot never rejects, and the entries above the snapshot's position are
    // applied afterwards whichever was read first).
    const reading = this.state ? undefined : readSnapshot(this.ctx);
    const head = await readLogHead(this.ctx);
    if (!this.state || !canCatchUp(this.state, head)) this.state = await loadIndexState(this.ctx, head, reading);
    await applyChanges(this.ctx, this.state, head);
    return this.state.index;
  }
}

const live = new WeakMap<DomainContext, LiveSearchIndex>();

/** The search index of this process (one per domain context), brought up to date. */
export const currentSearchIndex = (ctx: DomainContext): Promise<SearchIndex> => {
  let holder = live.get(ctx);
  if (!holder) live.set(ctx, (holder = new LiveSearchIndex(ctx)));
  return holder.current();
};
