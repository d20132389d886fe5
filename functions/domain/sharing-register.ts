import { anonymous } from './caller';
import type { DomainContext } from './context';
import { type Dataset, getVisibleDatasets } from './datasets';
import { allGrants, grantStatus, type GrantStatus, type LawfulBasis } from './grants';
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
 * The datasets that grants name, as an anonymous visitor sees them: the register shows no more
 * than that. Only shared datasets are kept (grants on a dataset made open or private are not shown).
 */
const sharedDatasetsAnyoneMaySee = async (ctx: DomainContext, datasetIds: string[]): Promise<Map<string, Dataset>> => {
  const visible = await getVisibleDatasets(ctx, anonymous, [...new Set(datasetIds)]);
  return new Map(visible.filter((record) => record.value.tier === 'shared').map((record) => [record.value.id, record.value]));
};

/**
 * The public register of who may use which shared dataset, for what and until when. Built from
 * what an anonymous visitor may see, so a dataset made private drops off it at once. It names
 * organisations only: no tokens, no people.
 */
export const sharingRegister = async (ctx: DomainContext): Promise<{ active: RegisterEntry[]; recent: RegisterEntry[] }> => {
  const now = ctx.now();
  const since = now.getTime() - REGISTER_HISTORY_DAYS * 86_400_000;
  const organisations = new Map((await listOrganisations(ctx)).map((o) => [o.value.id, o.value.name]));
  const grants = await allGrants(ctx);
  const shared = await sharedDatasetsAnyoneMaySee(
    ctx,
    grants.map((g) => g.datasetId),
  );
  const active: RegisterEntry[] = [];
  const recent: RegisterEntry[] = [];
  for (const grant of grants) {
    const dataset = shared.get(grant.datasetId);
    if (!dataset) continue;
    const status = grantStatus(grant, now);
    if (status !== 'active' && Date.parse(grant.revokedAt ?? grant.expiresAt) < since) continue;
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
  active.sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
  recent.sort((a, b) => (b.revokedAt ?? b.expiresAt).localeCompare(a.revokedAt ?? a.expiresAt));
  return { active, recent };
};
