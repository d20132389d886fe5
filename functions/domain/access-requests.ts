import { recordAudit } from './audit';
import { type Caller, isMemberOf } from './caller';
import type { DomainContext } from './context';
import { type Dataset, getDataset } from './datasets';
import { conflict, type FieldProblem, notFound, validationFailed } from './errors';
import { actorName, type Grant, lawfulBases, type LawfulBasis, MAX_GRANT_DAYS, parseGrantTerms, writeGrant } from './grants';
import { isUuid, newId } from './identifiers';
import { isPublisher, mayGovernDataset, refusal } from './policy';
import { listAll, VersionConflictError } from '../storage/catalogue-store';

export interface AccessRequest {
  requestId: string;
  datasetId: string;
  organisation: string;
  purpose: string;
  lawfulBasis: LawfulBasis;
  requestedDays: number;
  state: 'pending' | 'approved' | 'declined';
  created: string;
  createdBy: string;
  decidedAt?: string;
  decidedBy?: string;
  reason?: string;
  grantId?: string;
}

const DAY_MS = 86_400_000;
const requestKey = (requestId: string) => ({ pk: `ACCESS-REQUEST#${requestId}`, sk: 'REQUEST' });
const requestListing = (request: AccessRequest) => ({ list: `ACCESS-REQUESTS#${request.datasetId}`, order: `${request.created}#${request.requestId}` });

const parseRequest = (input: Record<string, unknown>): Pick<AccessRequest, 'purpose' | 'lawfulBasis' | 'requestedDays'> => {
  const problems: FieldProblem[] = [];
  for (const field of Object.keys(input)) if (!['purpose', 'lawfulBasis', 'requestedDays'].includes(field)) problems.push({ field, message: 'is not a known field' });
  const { purpose, lawfulBasis, requestedDays } = input;
  if (typeof purpose !== 'string' || purpose.trim().length < 10 || purpose.length > 1000) problems.push({ field: 'purpose', message: 'must say what the data will be used for, in 10 to 1000 characters' });
  if (typeof lawfulBasis !== 'string' || !(lawfulBases as readonly string[]).includes(lawfulBasis)) problems.push({ field: 'lawfulBasis', message: `must be one of: ${lawfulBases.join(', ')}` });
  if (!Number.isInteger(requestedDays) || (requestedDays as number) < 1 || (requestedDays as number) > MAX_GRANT_DAYS) problems.push({ field: 'requestedDays', message: `must be a whole number of days from 1 to ${MAX_GRANT_DAYS}` });
  if (problems.length > 0) throw validationFailed(problems);
  return { purpose: purpose as string, lawfulBasis: lawfulBasis as LawfulBasis, requestedDays: requestedDays as number };
};

const requestsOf = async (ctx: DomainContext, datasetId: string): Promise<AccessRequest[]> =>
  (await listAll<AccessRequest>(ctx.catalogue, `ACCESS-REQUESTS#${datasetId}`)).map((r) => r.value);

/** Any organisation may ask the publisher of a shared dataset for access. */
export const requestAccess = async (ctx: DomainContext, caller: Caller, datasetReference: string, input: Record<string, unknown>): Promise<AccessRequest> => {
  const dataset = await getDataset(ctx, caller, datasetReference);
  if (caller.kind !== 'member') throw refusal(caller, true, 'dataset', 'request access (an organisation token is needed)');
  if (dataset.value.tier !== 'shared') throw conflict(`Access requests are for shared datasets; this one is ${dataset.value.tier}.`);
  if (isMemberOf(caller, dataset.value.organisation)) throw conflict('Your organisation publishes this dataset and already has access.');
  const fields = parseRequest(input);
  const pending = (await requestsOf(ctx, dataset.value.id)).find((r) => r.organisation === caller.organisationId && r.state === 'pending');
  if (pending) throw conflict('Your organisation already has a pending request for this dataset.', { requestId: pending.requestId });
  const request: AccessRequest = {
    ...fields,
    requestId: newId(),
    datasetId: dataset.value.id,
    organisation: caller.organisationId,
    state: 'pending',
    created: ctx.now().toISOString(),
    createdBy: actorName(caller),
  };
  await ctx.catalogue.create(requestKey(request.requestId), request, requestListing(request));
  return request;
};

/** The publisher sees every request; a requesting organisation sees only its own. */
export const listAccessRequests = async (ctx: DomainContext, caller: Caller, datasetReference: string): Promise<AccessRequest[]> => {
  const dataset = await getDataset(ctx, caller, datasetReference);
  if (caller.kind === 'anonymous') throw refusal(caller, true, 'dataset', 'read access requests');
  const all = await requestsOf(ctx, dataset.value.id);
  if (isPublisher(caller, dataset.value)) return all;
  return all.filter((r) => caller.kind === 'member' && r.organisation === caller.organisationId);
};

/**
 * Decides a pending request once: the publisher's admins only, a conditional write against a
 * concurrent decision, and an audit entry for the outcome.
 */
const decide = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  requestId: string,
  audit: { action: 'access-request.approved' | 'access-request.declined'; route: string },
  decision: (request: AccessRequest, dataset: Dataset) => Promise<Partial<AccessRequest>>,
): Promise<AccessRequest> => {
  const dataset = await getDataset(ctx, caller, datasetReference);
  if (!mayGovernDataset(caller, dataset.value)) throw refusal(caller, true, 'dataset', 'decide access requests (an admin token of the publisher is needed)');
  const found = isUuid(requestId) ? await ctx.catalogue.get<AccessRequest>(requestKey(requestId)) : undefined;
  if (!found || found.value.datasetId !== dataset.value.id) throw notFound('access request');
  if (found.value.state !== 'pending') throw conflict(`This request was already ${found.value.state}.`);
  const outcome = await decision(found.value, dataset.value);
  const decided: AccessRequest = { ...found.value, ...outcome, decidedAt: ctx.now().toISOString(), decidedBy: actorName(caller) };
  try {
    await ctx.catalogue.replace(requestKey(requestId), decided, found.version, requestListing(decided));
  } catch (error) {
    if (error instanceof VersionConflictError) throw conflict('This request was decided by someone else at the same time.');
    throw error;
  }
  await recordAudit(ctx, caller, dataset.value, audit.action, audit.route, { requestId, organisation: decided.organisation });
  return decided;
};

/**
 * Approving creates the grant on the requested terms; the publisher supplies the agreement
 * reference and may shorten (never lengthen) the duration.
 */
export const approveAccessRequest = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  requestId: string,
  input: Record<string, unknown>,
  route: string,
): Promise<{ request: AccessRequest; grant: Grant }> => {
  const unknown = Object.keys(input).filter((field) => !['agreementReference', 'expiresAt'].includes(field));
  if (unknown.length > 0) throw validationFailed(unknown.map((field) => ({ field, message: 'is not a known field' })));
  let grant: Grant | undefined;
  const request = await decide(ctx, caller, datasetReference, requestId, { action: 'access-request.approved', route }, async (pending, dataset) => {
    const now = ctx.now();
    const requestedEnd = new Date(now.getTime() + pending.requestedDays * DAY_MS).toISOString();
    const expiresAt = typeof input.expiresAt === 'string' && input.expiresAt < requestedEnd ? input.expiresAt : requestedEnd;
    const terms = parseGrantTerms(
      { organisation: pending.organisation, purpose: pending.purpose, lawfulBasis: pending.lawfulBasis, agreementReference: input.agreementReference, expiresAt },
      now,
    );
    grant = await writeGrant(ctx, caller, dataset, terms, route, pending.requestId);
    return { state: 'approved', grantId: grant.grantId };
  });
  return { request, grant: grant! };
};

export const declineAccessRequest = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  requestId: string,
  input: Record<string, unknown>,
  route: string,
): Promise<AccessRequest> => {
  const { reason } = input;
  if (typeof reason !== 'string' || reason.trim().length < 5 || reason.length > 1000 || Object.keys(input).length !== 1) {
    throw validationFailed([{ field: 'reason', message: 'must explain the decision to the requester, in 5 to 1000 characters' }]);
  }
  return decide(ctx, caller, datasetReference, requestId, { action: 'access-request.declined', route }, async () => ({ state: 'declined', reason }));
};
