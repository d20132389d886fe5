import { type AuditEntry, auditList } from './audit';
import { type Caller } from './caller';
import type { DomainContext } from './context';
import { type Dataset, getDataset } from './datasets';
import { badRequest } from './errors';
import { mayGovernDataset, refusal } from './policy';
import { InvalidPositionError, type StoredRecord } from '../storage/catalogue-store';

/** The audit log of one dataset, newest last, for the publisher's admins; paged. */
export const readAuditLog = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  page: { limit: number; cursor?: string },
): Promise<{ dataset: StoredRecord<Dataset>; entries: AuditEntry[]; next?: string }> => {
  const dataset = await getDataset(ctx, caller, datasetReference);
  if (!mayGovernDataset(caller, dataset.value))
    throw refusal(caller, true, 'dataset', "read this dataset's audit log (an admin token of the publisher is needed)");
  try {
    const listed = await ctx.catalogue.list<AuditEntry>(auditList(dataset.value.id), { limit: page.limit, after: page.cursor });
    return { dataset, entries: listed.items.map((item) => item.value), next: listed.next };
  } catch (error) {
    if (error instanceof InvalidPositionError) throw badRequest('The cursor is not valid.', { field: 'cursor' });
    throw error;
  }
};
