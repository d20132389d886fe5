import { anonymous } from './caller';
import type { DomainContext } from './context';
import { listDatasets, MAX_PAGE_SIZE } from './dataset-listing';
import type { Dataset } from './datasets';
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

/** Shared datasets as an anonymous visitor sees them: the register may show no more than that. */
const sharedDatasetsAnyoneMaySee = async (ctx: DomainContext): Promise<Map<string, Dataset>> => {
  const shared = new Map<string, Dataset>();
  let cursor: string | undefined;
  do {
    const page = await listDatasets(ctx, anonymous, { tier: 'shared', limit: MAX_PAGE_SIZE, cursor });
    for (const { value } of page.results) shared.set(value.id, value);
    cursor = page.next;
  } while (cursor);
  return shared;
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
  const shared = grants.length > 0 ? await sharedDatasetsAnyoneMaySee(ctx) : new Map<string, Dataset>();
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
