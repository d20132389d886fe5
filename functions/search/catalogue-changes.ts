import type { DomainContext } from '../domain/context';
import { appendChange } from './change-log';

/**
 * Called by every write that changes what search shows of a dataset (its record, its resources,
 * a newly published version), after the write and before it returns. The change log makes the
 * change visible to searches at once; the event wakes the indexer to fold it into the snapshot.
 */
export const announceDatasetChange = async (ctx: DomainContext, datasetId: string, datasetVersion?: number): Promise<void> => {
  const seq = await appendChange(ctx, datasetId);
  if (!ctx.events) return;
  try {
    await ctx.events.publish({ type: 'catalogue.changed', datasetId, datasetVersion, seq, at: ctx.now().toISOString() });
  } catch (error) {
    // Not fatal: searches already see the change through the log, and the indexer's next run picks it up.
    console.error('could not publish catalogue.changed', { datasetId, seq, error });
  }
};
