import { type Caller } from './caller';
import type { DomainContext } from './context';
import { type Dataset, getDataset } from './datasets';
import { conflict, type FieldProblem, notFound, validationFailed } from './errors';
import { isSlug, newId } from './identifiers';
import { findOrganisation } from './organisations';
import { isPublisher, mayGovernDataset, refusal } from './policy';
import { recordAudit } from './audit';
import { listAll, mutate, type StoredRecord } from '../storage/catalogue-store';

/** UK GDPR Article 6(1) lawful bases, or data that is not personal data at all. */
export const lawfulBases = [
  'not-personal-data',
  'consent',
  'contract',
  'legal-obligation',
  'vital-interests',
  'public-task',
  'legitimate-interests',
] as const;
export type LawfulBasis = (typeof lawfulBases)[number];

/** No agreement runs longer than this without being renewed. */
export const MAX_GRANT_DAYS = 730;
const DAY_MS = 86_400_000;

export interface Grant {
  grantId: string;
  datasetId: string;
  publisher: string;
  organisation: string;
  purpose: string;
  lawfulBasis: LawfulBasis;
  agreementReference: string;
  grantedBy: string;
  grantedAt: string;
  expiresAt: string;
  revokedAt?: string;
  revokedBy?: string;
  accessRequestId?: string;
}

export type GrantStatus = 'active' | 'expired' | 'revoked';

const grantKey = (grantId: string) => ({ pk: `GRANT#${grantId}`, sk: 'GRANT' });
/** One listing of every grant, ordered by dataset: a dataset's grants are a prefix of it, the register reads it whole. */
const GRANTS = 'GRANTS';
const grantListing = (grant: Grant) => ({ list: GRANTS, order: `${grant.datasetId}#${grant.grantedAt}#${grant.grantId}` });

/** Expiry is decided at read time, on every request: nothing waits for a TTL sweep. */
export const grantStatus = (grant: Grant, now: Date): GrantStatus =>
  grant.revokedAt ? 'revoked' : Date.parse(grant.expiresAt) <= now.getTime() ? 'expired' : 'active';

export const grantsOf = async (ctx: DomainContext, datasetId: string): Promise<StoredRecord<Grant>[]> =>
  listAll<Grant>(ctx.catalogue, GRANTS, { prefix: `${datasetId}#` });

/** Every grant on every dataset (for the public register, which filters what may be shown). */
export const allGrants = async (ctx: DomainContext): Promise<Grant[]> => (await listAll<Grant>(ctx.catalogue, GRANTS)).map((g) => g.value);

/** The unexpired, unrevoked grants on a dataset, by recipient organisation. */
export const activeGrants = async (ctx: DomainContext, dataset: Dataset): Promise<Map<string, Grant>> => {
  const now = ctx.now();
  const active = new Map<string, Grant>();
  if (dataset.tier !== 'shared') return active;
  for (const { value } of await grantsOf(ctx, dataset.id)) if (grantStatus(value, now) === 'active') active.set(value.organisation, value);
  return active;
};

export const actorName = (caller: Caller): string => (caller.kind === 'member' ? `${caller.organisationId}/${caller.tokenId}` : caller.kind);

export interface GrantTerms {
  organisation: string;
  purpose: string;
  lawfulBasis: LawfulBasis;
  agreementReference: string;
  expiresAt: string;
}

export const parseGrantTerms = (input: Record<string, unknown>, now: Date, allowed = ['organisation', 'purpose', 'lawfulBasis', 'agreementReference', 'expiresAt']): GrantTerms => {
  const problems: FieldProblem[] = [];
  for (const field of Object.keys(input)) if (!allowed.includes(field)) problems.push({ field, message: 'is not a known field (or is set by the exchange)' });
  const { organisation, purpose, lawfulBasis, agreementReference, expiresAt } = input;
  if (typeof organisation !== 'string' || !isSlug(organisation)) problems.push({ field: 'organisation', message: 'must be an organisation id' });
  if (typeof purpose !== 'string' || purpose.trim().length < 10 || purpose.length > 1000) problems.push({ field: 'purpose', message: 'must say what the data will be used for, in 10 to 1000 characters' });
  if (typeof lawfulBasis !== 'string' || !(lawfulBases as readonly string[]).includes(lawfulBasis)) problems.push({ field: 'lawfulBasis', message: `must be one of: ${lawfulBases.join(', ')}` });
  if (typeof agreementReference !== 'string' || agreementReference.trim().length < 1 || agreementReference.length > 200) problems.push({ field: 'agreementReference', message: 'must name the data sharing agreement, at most 200 characters' });
  const expiry = typeof expiresAt === 'string' && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(expiresAt) ? Date.parse(expiresAt) : NaN;
  if (Number.isNaN(expiry)) problems.push({ field: 'expiresAt', message: 'must be an ISO 8601 date or date-time' });
  else if (expiry <= now.getTime()) problems.push({ field: 'expiresAt', message: 'must be in the future' });
  else if (expiry > now.getTime() + MAX_GRANT_DAYS * DAY_MS) problems.push({ field: 'expiresAt', message: `must be at most ${MAX_GRANT_DAYS} days from now` });
  if (problems.length > 0) throw validationFailed(problems);
  return { organisation: organisation as string, purpose: purpose as string, lawfulBasis: lawfulBasis as LawfulBasis, agreementReference: agreementReference as string, expiresAt: new Date(expiry).toISOString() };
};

const governedDataset = async (ctx: DomainContext, caller: Caller, datasetReference: string, action: string) => {
  const dataset = await getDataset(ctx, caller, datasetReference);
  if (!mayGovernDataset(caller, dataset.value)) throw refusal(caller, true, 'dataset', action);
  return dataset;
};

/** Writes a grant once its terms are checked; shared by direct grants and approved access requests. */
export const writeGrant = async (ctx: DomainContext, caller: Caller, dataset: Dataset, terms: GrantTerms, route: string, accessRequestId?: string): Promise<Grant> => {
  if (dataset.tier !== 'shared') throw conflict(`Grants apply to shared datasets; this one is ${dataset.tier}. Change its tier to shared first.`);
  if (terms.organisation === dataset.organisation) throw validationFailed([{ field: 'organisation', message: 'is the publisher, which already has access' }]);
  if (!(await findOrganisation(ctx, terms.organisation))) throw validationFailed([{ field: 'organisation', message: 'no such organisation' }]);
  if ((await activeGrants(ctx, dataset)).has(terms.organisation)) {
    throw conflict(`${terms.organisation} already holds an active grant on this dataset; revoke it before granting new terms.`);
  }
  const grant: Grant = {
    ...terms,
    grantId: newId(),
    datasetId: dataset.id,
    publisher: dataset.organisation,
    grantedBy: actorName(caller),
    grantedAt: ctx.now().toISOString(),
    ...(accessRequestId ? { accessRequestId } : {}),
  };
  await ctx.catalogue.create(grantKey(grant.grantId), grant, grantListing(grant));
  await recordAudit(ctx, caller, dataset, 'grant.created', route, { grantId: grant.grantId, organisation: grant.organisation, expiresAt: grant.expiresAt });
  return grant;
};

export const createGrant = async (ctx: DomainContext, caller: Caller, datasetReference: string, input: Record<string, unknown>, route: string): Promise<Grant> => {
  const dataset = await governedDataset(ctx, caller, datasetReference, 'grant access to this dataset (an admin token of the publisher is needed)');
  return writeGrant(ctx, caller, dataset.value, parseGrantTerms(input, ctx.now()), route);
};

/** All grants on a dataset, with their status now: for the publisher's members. */
export const listGrants = async (ctx: DomainContext, caller: Caller, datasetReference: string): Promise<Array<Grant & { status: GrantStatus }>> => {
  const dataset = await getDataset(ctx, caller, datasetReference);
  if (!isPublisher(caller, dataset.value)) throw refusal(caller, true, 'dataset', "read this dataset's grants");
  const now = ctx.now();
  return (await grantsOf(ctx, dataset.value.id)).map(({ value }) => ({ ...value, status: grantStatus(value, now) }));
};

/** Revokes an organisation's active grant at once: its next request is refused. */
export const revokeGrant = async (ctx: DomainContext, caller: Caller, datasetReference: string, organisation: string, route: string): Promise<void> => {
  const dataset = await governedDataset(ctx, caller, datasetReference, 'revoke access to this dataset (an admin token of the publisher is needed)');
  const grant = (await activeGrants(ctx, dataset.value)).get(organisation);
  if (!grant) throw notFound('active grant for that organisation');
  const revokedAt = ctx.now().toISOString();
  await mutate<Grant>(ctx.catalogue, grantKey(grant.grantId), (g) => (g.revokedAt ? undefined : { ...g, revokedAt, revokedBy: actorName(caller) }), grantListing);
  await recordAudit(ctx, caller, dataset.value, 'grant.revoked', route, { grantId: grant.grantId, organisation });
};
