import type { DomainContext } from '../domain/context';
import { appendChange, beginBulkChange, endBulkChange } from './change-log';

/**
 * Called by every write that changes what search shows of a dataset (its record, its resources,
 * a newly published version), after the write and before it returns. The change log makes the
 * change visible to searches at once; the event wakes the indexer to fold it into the snapshot.
 */
export const announceDatasetChange = async (ctx: DomainContext, datasetId: string, datasetVersion?: number): Promise<void> => {
  const seq = await appendChange(ctx, datasetId);
  await wakeIndexer(ctx, datasetId, seq, datasetVersion);
};

/**
 * Runs `write`, which writes many datasets' records, announced as one change (one change-log
 * entry and one event, not one per dataset). The entry is written, pending, before `write` starts,
 * so a writer that dies half-way still leaves every record it wrote announced (see change-log.ts);
 * it is marked done however `write` ends. `newDatasetIds` are those `write` creates.
 */
export const announceBulkChange = async <T>(ctx: DomainContext, datasetIds: string[], newDatasetIds: string[], write: () => Promise<T>): Promise<T> => {
  if (datasetIds.length === 0) return write();
  const seq = await beginBulkChange(ctx, datasetIds, newDatasetIds);
  try {
    return await write();
  } finally {
    try {
      await endBulkChange(ctx, seq);
    } catch (error) {
      // The writes stand: readers apply the entry once it is abandoned (change-log.ts).
      console.error('could not mark a bulk change done', { seq, error });
    }
    await wakeIndexer(ctx, datasetIds[0], seq);
  }
};

const wakeIndexer = async (ctx: DomainContext, datasetId: string, seq: number, datasetVersion?: number): Promise<void> => {
  if (!ctx.events) return;
  try {
    await ctx.events.publish({ type: 'catalogue.changed', datasetId, datasetVersion, seq, at: ctx.now().toISOString() });
  } catch (error) {
    // Not fatal: searches already see the change through the log, and the indexer's next run picks it up.
    console.error('could not publish catalogue.changed', { datasetId, seq, error });
  }
};
