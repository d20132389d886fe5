import { randomBytes } from 'node:crypto';
import { type Caller } from './caller';
import type { DomainContext } from './context';
import type { Tier } from './policy';

export type AuditAction =
  | 'data.download'
  | 'data.report'
  | 'data.rows'
  | 'grant.created'
  | 'grant.revoked'
  | 'access-request.approved'
  | 'access-request.declined'
  | 'dataset.created'
  | 'dataset.updated'
  | 'dataset.tier-changed'
  | 'dataset.deleted';

/** Who did what to which dataset, when, and through which route. Append-only. */
export interface AuditEntry {
  auditId: string;
  datasetId: string;
  at: string;
  action: AuditAction;
  /** Who: the organisation acted for, and the person (id and label as of the entry), token or service token. */
  actor: { kind: Caller['kind']; organisation?: string; role?: string; tokenId?: string; personId?: string; person?: string; service?: string };
  route: string;
  details?: Record<string, unknown>;
}

/** The catalogue list holding one dataset's entries, in the order they were made. */
export const auditList = (datasetId: string) => `AUDIT#${datasetId}`;

/**
 * What the trail needs of a dataset. Not the Dataset record type: datasets.ts records its own
 * changes here, so this module must not import it back.
 */
export interface AuditedDataset {
  readonly id: string;
  readonly tier: Tier;
}

const actorOf = (caller: Caller): AuditEntry['actor'] =>
  caller.kind === 'member'
    ? {
        kind: 'member',
        organisation: caller.organisationId,
        role: caller.role,
        ...(caller.tokenId ? { tokenId: caller.tokenId } : {}),
        ...(caller.personId ? { personId: caller.personId } : {}),
        ...(caller.personLabel ? { person: caller.personLabel } : {}),
        ...(caller.service ? { service: caller.service } : {}),
      }
    : { kind: caller.kind };

/** Records access to shared and private data (open data is public and not audited). */
export const auditsDataReads = (dataset: AuditedDataset): boolean => dataset.tier !== 'open';

/** Appends one entry. Entries are created with a condition and never updated or deleted. */
export const recordAudit = async (
  ctx: DomainContext,
  caller: Caller,
  dataset: AuditedDataset,
  action: AuditAction,
  route: string,
  details?: Record<string, unknown>,
): Promise<void> => {
  const at = ctx.now().toISOString();
  const auditId = `${at}-${randomBytes(6).toString('hex')}`;
  const entry: AuditEntry = { auditId, datasetId: dataset.id, at, action, actor: actorOf(caller), route, ...(details ? { details } : {}) };
  await ctx.catalogue.create({ pk: `AUDIT#${auditId}`, sk: 'AUDIT' }, entry, { list: auditList(dataset.id), order: auditId });
};
