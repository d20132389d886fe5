import { actorName, type Caller } from './caller';
import type { DomainContext } from './context';
import { type Dataset, getDataset } from './datasets';
import { conflict, type FieldProblem, notFound, validationFailed } from './errors';
import { isSlug, newId } from './identifiers';
import { requestShapeProblems } from './request-schemas';
import { findOrganisation } from './organisations';
import { isPublisher, mayGovernDataset, refusal } from './policy';
import { recordAudit } from './audit';
import { allStoredGrants, refuseIfGranted, revokeStoredGrants, storedGrantsOf, storeCurrentGrant } from './grant-records';
import { type Grant, grantStatus, type GrantStatus, lawfulBases, type LawfulBasis } from './grant-model';

// The grant model's names, for callers that know grants as this one module.
export { type Grant, grantStatus, type GrantStatus, lawfulBases, type LawfulBasis };

/** No agreement runs longer than this without being renewed. */
export const MAX_GRANT_DAYS = 730;
const DAY_MS = 86_400_000;

/** Every grant on every dataset (for the public register, which filters what may be shown). */
export const allGrants = (ctx: DomainContext): Promise<Grant[]> => allStoredGrants(ctx);

/** The unexpired, unrevoked grants on a dataset, by recipient organisation. */
export const activeGrants = async (ctx: DomainContext, dataset: Dataset): Promise<Map<string, Grant>> => {
  const now = ctx.now();
  const active = new Map<string, Grant>();
  if (dataset.tier !== 'shared') return active;
  for (const grant of await storedGrantsOf(ctx, dataset.id)) if (grantStatus(grant, now) === 'active') active.set(grant.organisation, grant);
  return active;
};

export { actorName };

export interface GrantTerms {
  organisation: string;
  purpose: string;
  lawfulBasis: LawfulBasis;
  agreementReference: string;
  expiresAt: string;
}

/**
 * The terms of a grant: their shape by schemas/requests/grant-request.schema.json, then the
 * rules of time (in the future, at most MAX_GRANT_DAYS ahead), all reported together.
 */
export const parseGrantTerms = (input: Record<string, unknown>, now: Date): GrantTerms => {
  const problems: FieldProblem[] = requestShapeProblems('grant-request', input);
  const expiry = problems.some((p) => p.field === 'expiresAt') ? Number.NaN : Date.parse(input.expiresAt as string);
  if (Number.isNaN(expiry)) {
    if (!problems.some((p) => p.field === 'expiresAt')) problems.push({ field: 'expiresAt', message: 'must be an ISO 8601 date or date-time' });
  } else if (expiry <= now.getTime()) problems.push({ field: 'expiresAt', message: 'must be in the future' });
  else if (expiry > now.getTime() + MAX_GRANT_DAYS * DAY_MS) problems.push({ field: 'expiresAt', message: `must be at most ${MAX_GRANT_DAYS} days from now` });
  if (problems.length > 0) throw validationFailed(problems);
  const terms = input as Omit<GrantTerms, 'expiresAt'>;
  return {
    organisation: terms.organisation,
    purpose: terms.purpose,
    lawfulBasis: terms.lawfulBasis,
    agreementReference: terms.agreementReference,
    expiresAt: new Date(expiry).toISOString(),
  };
};

const governedDataset = async (ctx: DomainContext, caller: Caller, datasetReference: string, action: string) => {
  const dataset = await getDataset(ctx, caller, datasetReference);
  if (!mayGovernDataset(caller, dataset.value)) throw refusal(caller, true, 'dataset', action);
  return dataset;
};

/**
 * Checks a grant's terms against the dataset and builds it, writing nothing: an access request's
 * approval claims the request between this and storeGrant.
 */
export const prepareGrant = async (ctx: DomainContext, caller: Caller, dataset: Dataset, terms: GrantTerms, accessRequestId?: string): Promise<Grant> => {
  if (dataset.tier !== 'shared') throw conflict(`Grants apply to shared datasets; this one is ${dataset.tier}. Change its tier to shared first.`);
  if (terms.organisation === dataset.organisation) throw validationFailed([{ field: 'organisation', message: 'is the publisher, which already has access' }]);
  if (!(await findOrganisation(ctx, terms.organisation))) throw validationFailed([{ field: 'organisation', message: 'no such organisation' }]);
  await refuseIfGranted(ctx, dataset.id, terms.organisation);
  return {
    ...terms,
    grantId: newId(),
    datasetId: dataset.id,
    publisher: dataset.organisation,
    grantedBy: actorName(caller),
    grantedAt: ctx.now().toISOString(),
    ...(accessRequestId ? { accessRequestId } : {}),
  };
};

/** Stores a prepared grant (409 if the organisation holds an active one by now) and audits it. */
export const storeGrant = async (ctx: DomainContext, caller: Caller, dataset: Dataset, grant: Grant, route: string): Promise<void> => {
  await storeCurrentGrant(ctx, grant);
  await recordAudit(ctx, caller, dataset, 'grant.created', route, { grantId: grant.grantId, organisation: grant.organisation, expiresAt: grant.expiresAt });
};

export const createGrant = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  input: Record<string, unknown>,
  route: string,
): Promise<Grant> => {
  const dataset = await governedDataset(ctx, caller, datasetReference, 'grant access to this dataset (an admin token of the publisher is needed)');
  const grant = await prepareGrant(ctx, caller, dataset.value, parseGrantTerms(input, ctx.now()));
  await storeGrant(ctx, caller, dataset.value, grant, route);
  return grant;
};

/** All grants on a dataset, with their status now: for the publisher's members. */
export const listGrants = async (ctx: DomainContext, caller: Caller, datasetReference: string): Promise<Array<Grant & { status: GrantStatus }>> => {
  const dataset = await getDataset(ctx, caller, datasetReference);
  if (!isPublisher(caller, dataset.value)) throw refusal(caller, true, 'dataset', "read this dataset's grants");
  const now = ctx.now();
  return (await storedGrantsOf(ctx, dataset.value.id)).map((grant) => ({ ...grant, status: grantStatus(grant, now) }));
};

/**
 * Revokes an organisation's active grant at once: its next request is refused. Whatever the
 * dataset's tier now, so a grant cannot come back to life when the dataset is shared again.
 */
export const revokeGrant = async (ctx: DomainContext, caller: Caller, datasetReference: string, organisation: string, route: string): Promise<void> => {
  const dataset = await governedDataset(ctx, caller, datasetReference, 'revoke access to this dataset (an admin token of the publisher is needed)');
  if (!isSlug(organisation)) throw notFound('active grant for that organisation');
  const revoked = await revokeStoredGrants(ctx, dataset.value.id, organisation, { revokedAt: ctx.now().toISOString(), revokedBy: actorName(caller) });
  if (revoked.length === 0) throw notFound('active grant for that organisation');
  for (const grant of revoked) await recordAudit(ctx, caller, dataset.value, 'grant.revoked', route, { grantId: grant.grantId, organisation });
};
