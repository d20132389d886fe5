import type { DomainContext } from '../domain/context';
import { mutate, RecordExistsError } from '../storage/catalogue-store';
import { mapWithLimit } from './map-limit';

/**
 * The search change log in DynamoDB: which datasets changed, in order. A small head item hands out
 * sequence numbers; each change is then its own item, keyed by its number. Writers append after
 * their record write and before they return; readers get the head and the entries they have not
 * seen with consistent GetItems (a listing through the GSI would be eventually consistent in AWS
 * and could miss a change that has already returned). Entries a snapshot holds are trimmed.
 *
 * A bulk writer (a harvest run) announces many datasets with one entry: it writes the entry
 * `pending` before its writes and marks it done after them. Readers treat a pending entry as not
 * written yet (they do not move past it) until it is ABANDONED_AFTER_MS old; then its writer has
 * evidently died mid-way, and readers apply it anyway: whatever it wrote is found, nothing is lost.
 */
export interface ChangeEntry {
  seq: number;
  /** One changed dataset (single writes). */
  datasetId?: string;
  /** Several changed datasets (bulk writes). */
  datasetIds?: string[];
  /** Of datasetIds, those this change created: they had no resources when it was made. */
  newDatasetIds?: string[];
  at: string;
  /** Written before the writes it announces; removed once they are done. */
  pending?: boolean;
}

/** The datasets an entry names. */
export const changedDatasets = (entry: ChangeEntry): string[] => [...(entry.datasetId ? [entry.datasetId] : []), ...(entry.datasetIds ?? [])];

export interface LogHead {
  /** Highest sequence number handed out. */
  lastSeq: number;
  /** Entries up to and including this number may have been trimmed. */
  floor: number;
}

const HEAD_KEY = { pk: 'SEARCH#CHANGE-LOG', sk: 'HEAD' };
const entryKey = (seq: number) => ({ pk: `SEARCH#CHANGE#${seq}`, sk: 'CHANGE' });

/** The head is tiny and every writer bumps it: allow many optimistic retries. */
const HEAD_ATTEMPTS = 100;
const READ_CONCURRENCY = 16;
const TRIM_CHUNK = 64;

/**
 * A number handed out but never written (its writer died between the two writes) stops blocking
 * readers once a later entry is this old: a writer takes milliseconds between them.
 */
export const ABANDONED_AFTER_MS = 60_000;

export const readLogHead = async (ctx: DomainContext): Promise<LogHead> => (await ctx.catalogue.get<LogHead>(HEAD_KEY))?.value ?? { lastSeq: 0, floor: 0 };

/** The entries with these numbers that exist (consistent reads). */
export const readChangeEntries = async (ctx: DomainContext, seqs: number[]): Promise<Map<number, ChangeEntry>> => {
  const found = await mapWithLimit(seqs, READ_CONCURRENCY, async (seq) => (await ctx.catalogue.get<ChangeEntry>(entryKey(seq)))?.value);
  return new Map(found.flatMap((entry) => (entry ? [[entry.seq, entry] as [number, ChangeEntry]] : [])));
};

const nextSeq = async (ctx: DomainContext): Promise<number> => {
  for (let attempt = 0; attempt < 3; attempt++) {
    const head = await mutate<LogHead>(ctx.catalogue, HEAD_KEY, (h) => ({ ...h, lastSeq: h.lastSeq + 1 }), undefined, HEAD_ATTEMPTS);
    if (head) return head.value.lastSeq;
    try {
      await ctx.catalogue.create<LogHead>(HEAD_KEY, { lastSeq: 1, floor: 0 });
      return 1;
    } catch (error) {
      if (!(error instanceof RecordExistsError)) throw error;
    }
  }
  throw new Error('could not take a number from the search change log');
};

/** Records that a dataset changed; returns the change's sequence number. */
export const appendChange = async (ctx: DomainContext, datasetId: string): Promise<number> => {
  const seq = await nextSeq(ctx);
  await ctx.catalogue.create<ChangeEntry>(entryKey(seq), { seq, datasetId, at: ctx.now().toISOString() });
  return seq;
};

/**
 * Opens a bulk change: a pending entry naming the datasets about to be written. Its number blocks
 * readers from moving past it until endBulkChange (or, if the writer dies, until it is abandoned).
 */
export const beginBulkChange = async (ctx: DomainContext, datasetIds: string[], newDatasetIds: string[] = []): Promise<number> => {
  const seq = await nextSeq(ctx);
  const entry: ChangeEntry = { seq, datasetIds, ...(newDatasetIds.length > 0 ? { newDatasetIds } : {}), at: ctx.now().toISOString(), pending: true };
  await ctx.catalogue.create<ChangeEntry>(entryKey(seq), entry);
  return seq;
};

/** Marks a bulk change done: its writes have returned, readers may apply it and move past it. */
export const endBulkChange = async (ctx: DomainContext, seq: number): Promise<void> => {
  await mutate<ChangeEntry>(ctx.catalogue, entryKey(seq), ({ pending: _, ...entry }) => entry);
};

/**
 * Trims the oldest entries that a stored snapshot holds (seq <= upTo) and that are older than
 * `before`. Only a prefix goes, and the floor moves first: every entry above the floor exists.
 */
export const trimChangeLog = async (ctx: DomainContext, upTo: number, before: Date): Promise<number> => {
  const head = await readLogHead(ctx);
  const last = Math.min(upTo, head.lastSeq);
  const cutoff = before.toISOString();
  let floor = head.floor;
  // Oldest first, a chunk at a time, stopping at the first entry still too young.
  scan: while (floor < last) {
    const chunk = Array.from({ length: Math.min(TRIM_CHUNK, last - floor) }, (_, i) => floor + 1 + i);
    const entries = await readChangeEntries(ctx, chunk);
    for (const seq of chunk) {
      const entry = entries.get(seq);
      if (entry && entry.at >= cutoff) break scan;
      floor = seq; // old enough, or never written (abandoned: a snapshot at upTo has moved past it)
    }
  }
  if (floor === head.floor) return floor;
  await mutate<LogHead>(ctx.catalogue, HEAD_KEY, (h) => (h.floor >= floor ? undefined : { ...h, floor }), undefined, HEAD_ATTEMPTS);
  const trimmed = Array.from({ length: floor - head.floor }, (_, i) => head.floor + 1 + i);
  await mapWithLimit(trimmed, READ_CONCURRENCY, (seq) => ctx.catalogue.remove(entryKey(seq)));
  return floor;
};
