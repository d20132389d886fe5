import type { DomainContext } from '../domain/context';
import { ABANDONED_AFTER_MS, changedDatasets, type LogHead, readChangeEntries } from './change-log';
import { loadAllSearchDocuments, loadSearchDocuments } from './document-source';
import { SearchIndex } from './search-index';
import { readSnapshot, type StoredSnapshot } from './snapshot-store';

/**
 * An index and the change-log position it reflects: every change numbered <= `seq` is in it, and
 * so are the changes in `appliedAbove` (read past a number whose entry was not written yet).
 */
export interface IndexState {
  index: SearchIndex;
  seq: number;
  /** Changes applied beyond `seq`, with when they were made. */
  appliedAbove: Map<number, string>;
}

export interface LoadedIndexState extends IndexState {
  from: 'snapshot' | 'rebuild';
  /** The checksum of the snapshot it was loaded from. */
  checksum?: string;
}

/**
 * A starting point: the stored snapshot if the log still holds every change since it, else a
 * rebuild from the catalogue. A rebuild reads the datasets through the (eventually consistent)
 * listing index, so it only claims the log's floor: the entries still in the log are then
 * re-read consistently by applyChanges. A snapshot that cannot be read (damaged, cut short, of an
 * unknown format) is logged by readSnapshot and rebuilt from here, so search never stays down.
 * `reading` is a snapshot read the caller started already (it may be older or newer than `head`:
 * either way the log's entries above its position are applied afterwards).
 */
export const loadIndexState = async (
  ctx: DomainContext,
  head: LogHead,
  reading: Promise<StoredSnapshot | undefined> = readSnapshot(ctx),
): Promise<LoadedIndexState> => {
  const snapshot = await reading;
  if (snapshot && snapshot.seq >= head.floor) {
    return { index: snapshot.index, seq: snapshot.seq, appliedAbove: new Map(), from: 'snapshot', checksum: snapshot.checksum };
  }
  return { index: SearchIndex.build(await loadAllSearchDocuments(ctx)), seq: head.floor, appliedAbove: new Map(), from: 'rebuild' };
};

/** Whether `state` can be brought up to date from the log alone (no entry it needs has been trimmed). */
export const canCatchUp = (state: IndexState, head: LogHead): boolean => state.seq >= head.floor;

/**
 * Applies the log's entries that the state has not seen: each changed dataset is re-read
 * consistently and its document replaced (or removed). The head was read before the entries and
 * the entries before the records, and writers append only after their record write, so afterwards
 * the state reflects every change that had returned when the head was read. Re-applying an entry
 * changes nothing (documents carry what they were built from). Returns the documents changed.
 */
export const applyChanges = async (ctx: DomainContext, state: IndexState, head: LogHead): Promise<number> => {
  const wanted: number[] = [];
  for (let seq = state.seq + 1; seq <= head.lastSeq; seq++) if (!state.appliedAbove.has(seq)) wanted.push(seq);
  const abandonedBefore = new Date(ctx.now().getTime() - ABANDONED_AFTER_MS).toISOString();
  // A pending bulk entry is not written yet, as far as readers go, until its writer has evidently died.
  const entries = [...(await readChangeEntries(ctx, wanted)).values()].filter((e) => !e.pending || e.at < abandonedBefore);
  let changed = 0;
  // A dataset a change created had no resources then: none to read, unless another change has
  // named it since (it is in the index already, or named again here: a resource may have come).
  const named = new Map<string, number>();
  for (const entry of entries) for (const id of changedDatasets(entry)) named.set(id, (named.get(id) ?? 0) + 1);
  const fresh = new Set(entries.flatMap((e) => e.newDatasetIds ?? []).filter((id) => named.get(id) === 1 && !state.index.get(id)));
  for (const [id, doc] of await loadSearchDocuments(ctx, [...named.keys()], fresh)) {
    if (doc ? state.index.upsert(doc) : state.index.remove(id)) changed++;
  }
  // Move past every number applied, and past numbers whose writer evidently died; stop at one still being written.
  const applied = new Map([...state.appliedAbove, ...entries.map((e) => [e.seq, e.at] as [number, string])]);
  const oldLaterChange = (missing: number) => [...applied].some(([seq, at]) => seq > missing && at < abandonedBefore);
  let seq = state.seq;
  while (seq < head.lastSeq && (applied.has(seq + 1) || oldLaterChange(seq + 1))) seq++;
  state.appliedAbove = new Map([...applied].filter(([s]) => s > seq));
  state.seq = seq;
  return changed;
};
