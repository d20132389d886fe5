import { randomBytes } from 'node:crypto';
import { type Caller } from './caller';
import type { DomainContext } from './context';
import { type Dataset, getDataset } from './datasets';
import { badRequest } from './errors';
import { mayGovernDataset, refusal } from './policy';
import { InvalidPositionError, type StoredRecord } from '../storage/catalogue-store';

export type AuditAction =
  | 'data.download'
  | 'data.report'
  | 'data.rows'
  | 'grant.created'
  | 'grant.revoked'
  | 'access-request.approved'
  | 'access-request.declined'
  | 'dataset.tier-changed'
  | 'dataset.deleted';

/** Who did what to which dataset, when, and through which route. Append-only. */
export interface AuditEntry {
  auditId: string;
  datasetId: string;
  at: string;
  action: AuditAction;
  actor: { kind: Caller['kind']; organisation?: string; role?: string; tokenId?: string };
  route: string;
  details?: Record<string, unknown>;
}

const auditList = (datasetId: string) => `AUDIT#${datasetId}`;

const actorOf = (caller: Caller): AuditEntry['actor'] =>
  caller.kind === 'member' ? { kind: 'member', organisation: caller.organisationId, role: caller.role, tokenId: caller.tokenId } : { kind: caller.kind };

/** Records access to shared and private data (open data is public and not audited). */
export const auditsDataReads = (dataset: Dataset): boolean => dataset.tier !== 'open';

/** Appends one entry. Entries are created with a condition and never updated or deleted. */
export const recordAudit = async (
  ctx: DomainContext,
  caller: Caller,
  dataset: Dataset,
  action: AuditAction,
  route: string,
  details?: Record<string, unknown>,
): Promise<void> => {
  const at = ctx.now().toISOString();
  const auditId = `${at}-${randomBytes(6).toString('hex')}`;
  const entry: AuditEntry = { auditId, datasetId: dataset.id, at, action, actor: actorOf(caller), route, ...(details ? { details } : {}) };
  await ctx.catalogue.create({ pk: `AUDIT#${auditId}`, sk: 'AUDIT' }, entry, { list: auditList(dataset.id), order: auditId });
};

/** The audit log of one dataset, newest last, for the publisher's admins; paged. */
export const readAuditLog = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  page: { limit: number; cursor?: string },
): Promise<{ dataset: StoredRecord<Dataset>; entries: AuditEntry[]; next?: string }> => {
  const dataset = await getDataset(ctx, caller, datasetReference);
  if (!mayGovernDataset(caller, dataset.value)) throw refusal(caller, true, 'dataset', "read this dataset's audit log (an admin token of the publisher is needed)");
  try {
    const listed = await ctx.catalogue.list<AuditEntry>(auditList(dataset.value.id), { limit: page.limit, after: page.cursor });
    return { dataset, entries: listed.items.map((item) => item.value), next: listed.next };
  } catch (error) {
    if (error instanceof InvalidPositionError) throw badRequest('The cursor is not valid.', { field: 'cursor' });
    throw error;
  }
};
