import { type Caller, isMemberOf } from './caller';
import type { DomainContext } from './context';
import type { Dataset } from './datasets';
import { notFound } from './errors';
import { activeGrants } from './grants';
import { mayReadData } from './policy';

export interface DataReadPermit {
  /** When the caller's right ends (its grant's expiry); absent for open data and the publisher. */
  until?: Date;
}

/**
 * The gate every data read passes (downloads, reports, rows, previews): the policy decides with
 * the grants active at this moment. Without the right, the data is a 404, as if it did not exist.
 */
export const permitDataRead = async (ctx: DomainContext, caller: Caller, dataset: Dataset): Promise<DataReadPermit> => {
  const grants = await activeGrants(ctx, dataset);
  if (!mayReadData(caller, dataset, new Set(grants.keys()))) throw notFound('data');
  const viaGrant = dataset.tier === 'shared' && caller.kind === 'member' && !isMemberOf(caller, dataset.organisation);
  const grant = viaGrant ? grants.get(caller.organisationId) : undefined;
  return grant ? { until: new Date(grant.expiresAt) } : {};
};

/** Seconds a link may live: `wanted`, but never beyond the permit. */
export const linkLifetime = (ctx: DomainContext, permit: DataReadPermit, wanted: number): number => {
  if (!permit.until) return wanted;
  const remaining = Math.floor((permit.until.getTime() - ctx.now().getTime()) / 1000);
  return Math.max(1, Math.min(wanted, remaining));
};
