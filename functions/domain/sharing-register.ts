import { anonymous } from './caller';
import type { DomainContext } from './context';
import { listDatasets } from './dataset-listing';
import { grantsOf, grantStatus, type GrantStatus, type LawfulBasis } from './grants';
import { listOrganisations } from './organisations';

/** Expired and revoked grants stay on the public register this long. */
export const REGISTER_HISTORY_DAYS = 90;

export interface RegisterEntry {
  dataset: { name: string; title: string };
  publisher: { id: string; name: string };
  recipient: { id: string; name: string };
  purpose: string;
  lawfulBasis: LawfulBasis;
  agreementReference: string;
  grantedAt: string;
  expiresAt: string;
  status: GrantStatus;
  revokedAt?: string;
}

/**
 * The public register of who may use which shared dataset, for what and until when. Built from
 * what an anonymous visitor may see, so a dataset made private drops off it at once. It names
 * organisations only: no tokens, no people.
 */
export const sharingRegister = async (ctx: DomainContext): Promise<{ active: RegisterEntry[]; recent: RegisterEntry[] }> => {
  const now = ctx.now();
  const since = now.getTime() - REGISTER_HISTORY_DAYS * 86_400_000;
  const organisations = new Map((await listOrganisations(ctx)).map((o) => [o.value.id, o.value.name]));
  const shared = (await listDatasets(ctx, anonymous, { tier: 'shared', limit: Number.MAX_SAFE_INTEGER })).results;
  const active: RegisterEntry[] = [];
  const recent: RegisterEntry[] = [];
  for (const { value: dataset } of shared) {
    for (const { value: grant } of await grantsOf(ctx, dataset.id)) {
      const status = grantStatus(grant, now);
      const endedAt = Date.parse(grant.revokedAt ?? grant.expiresAt);
      if (status !== 'active' && endedAt < since) continue;
      const entry: RegisterEntry = {
        dataset: { name: dataset.name, title: dataset.title },
        publisher: { id: dataset.organisation, name: organisations.get(dataset.organisation) ?? dataset.organisation },
        recipient: { id: grant.organisation, name: organisations.get(grant.organisation) ?? grant.organisation },
        purpose: grant.purpose,
        lawfulBasis: grant.lawfulBasis,
        agreementReference: grant.agreementReference,
        grantedAt: grant.grantedAt,
        expiresAt: grant.expiresAt,
        status,
        ...(grant.revokedAt ? { revokedAt: grant.revokedAt } : {}),
      };
      (status === 'active' ? active : recent).push(entry);
    }
  }
  active.sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
  recent.sort((a, b) => (b.revokedAt ?? b.expiresAt).localeCompare(a.revokedAt ?? a.expiresAt));
  return { active, recent };
};
