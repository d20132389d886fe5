import { recordAudit } from './audit';
import { type Caller, isMemberOf } from './caller';
import type { DomainContext } from './context';
import { type Dataset, getDataset } from './datasets';
import { conflict, notFound, validationFailed } from './errors';
import { requestShapeProblems } from './request-schemas';
import { actorName, type Grant, type LawfulBasis, parseGrantTerms, prepareGrant, storeGrant } from './grants';
import { isUuid, newId } from './identifiers';
import { isPublisher, mayGovernDataset, refusal } from './policy';
import { listAll, RecordExistsError, type StoredRecord, VersionConflictError } from '../storage/catalogue-store';

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

/**
 * An organisation's open request on a dataset: one record under a key made from the pair, naming
 * the pending request. Racing requests meet at it and the conditional write lets one through. It
 * is taken over once its request is decided, or when its request was never written (a crash
 * between the two writes; after a minute, so a request still being made is not overtaken).
 */
interface OpenRequest {
  requestId: string;
  claimedAt: string;
}
const openRequestKey = (datasetId: string, organisation: string) => ({ pk: `ACCESS-REQUEST#${datasetId}#${organisation}`, sk: 'OPEN' });
const UNWRITTEN_CLAIM_MS = 60_000;

const alreadyPending = (requestId: string) => conflict('Your organisation already has a pending request for this dataset.', { requestId });

const claimOpenRequest = async (ctx: DomainContext, request: AccessRequest): Promise<void> => {
  const key = openRequestKey(request.datasetId, request.organisation);
  const claim: OpenRequest = { requestId: request.requestId, claimedAt: request.created };
  for (let attempt = 0; attempt < 3; attempt++) {
    const held = await ctx.catalogue.get<OpenRequest>(key);
    if (held) {
      const holder = await ctx.catalogue.get<AccessRequest>(requestKey(held.value.requestId));
      const open = holder ? holder.value.state === 'pending' : Date.parse(held.value.claimedAt) > ctx.now().getTime() - UNWRITTEN_CLAIM_MS;
      if (open) throw alreadyPending(held.value.requestId);
    }
    try {
      await (held ? ctx.catalogue.replace(key, claim, held.version) : ctx.catalogue.create(key, claim));
      return;
    } catch (error) {
      // Another request took the place first: the next read names it.
      if (!(error instanceof RecordExistsError || error instanceof VersionConflictError)) throw error;
    }
  }
  throw conflict('Requests from your organisation for this dataset were changing while this one was made; list them and try again.');
};

/** An access request, by schemas/requests/access-request.schema.json. */
const parseRequest = (input: Record<string, unknown>): Pick<AccessRequest, 'purpose' | 'lawfulBasis' | 'requestedDays'> => {
  const problems = requestShapeProblems('access-request', input);
  if (problems.length > 0) throw validationFailed(problems);
  const { purpose, lawfulBasis, requestedDays } = input as Pick<AccessRequest, 'purpose' | 'lawfulBasis' | 'requestedDays'>;
  return { purpose, lawfulBasis, requestedDays };
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
  // Requests made before open-request records existed have none; the listing finds them.
  const pending = (await requestsOf(ctx, dataset.value.id)).find((r) => r.organisation === caller.organisationId && r.state === 'pending');
  if (pending) throw alreadyPending(pending.requestId);
  const request: AccessRequest = {
    ...fields,
    requestId: newId(),
    datasetId: dataset.value.id,
    organisation: caller.organisationId,
    state: 'pending',
    created: ctx.now().toISOString(),
    createdBy: actorName(caller),
  };
  await claimOpenRequest(ctx, request);
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

/** What a decision changes on the request, and what it does once the request is claimed for it. */
interface Decision {
  changes: Partial<AccessRequest>;
  afterClaim?: () => Promise<void>;
}

/**
 * Decides a pending request once: the publisher's admins only, and a conditional write that
 * claims the request before anything else is written, so of racing decisions exactly one takes
 * effect (an approval's grant is written only by the approval that claimed the request). If that
 * grant cannot be written (a direct grant got there first) the request goes back to pending.
 */
const decide = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  requestId: string,
  audit: { action: 'access-request.approved' | 'access-request.declined'; route: string },
  decision: (request: AccessRequest, dataset: Dataset) => Promise<Decision>,
): Promise<AccessRequest> => {
  const dataset = await getDataset(ctx, caller, datasetReference);
  if (!mayGovernDataset(caller, dataset.value)) throw refusal(caller, true, 'dataset', 'decide access requests (an admin token of the publisher is needed)');
  const found = isUuid(requestId) ? await ctx.catalogue.get<AccessRequest>(requestKey(requestId)) : undefined;
  if (!found || found.value.datasetId !== dataset.value.id) throw notFound('access request');
  if (found.value.state !== 'pending') throw conflict(`This request was already ${found.value.state}.`);
  const { changes, afterClaim } = await decision(found.value, dataset.value);
  const decided: AccessRequest = { ...found.value, ...changes, decidedAt: ctx.now().toISOString(), decidedBy: actorName(caller) };
  let claimed: StoredRecord<AccessRequest>;
  try {
    claimed = await ctx.catalogue.replace(requestKey(requestId), decided, found.version, requestListing(decided));
  } catch (error) {
    if (error instanceof VersionConflictError) throw conflict('This request was decided by someone else at the same time.');
    throw error;
  }
  if (afterClaim) {
    try {
      await afterClaim();
    } catch (error) {
      // Best effort: the caller's error is the one that matters.
      await ctx.catalogue.replace(requestKey(requestId), found.value, claimed.version, requestListing(found.value)).catch(() => undefined);
      throw error;
    }
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
  const problems = requestShapeProblems('access-request-approval', input);
  if (problems.length > 0) throw validationFailed(problems);
  let grant: Grant | undefined;
  const request = await decide(ctx, caller, datasetReference, requestId, { action: 'access-request.approved', route }, async (pending, dataset) => {
    const now = ctx.now();
    const requestedEnd = new Date(now.getTime() + pending.requestedDays * DAY_MS).toISOString();
    const expiresAt = typeof input.expiresAt === 'string' && input.expiresAt < requestedEnd ? input.expiresAt : requestedEnd;
    const terms = parseGrantTerms(
      {
        organisation: pending.organisation,
        purpose: pending.purpose,
        lawfulBasis: pending.lawfulBasis,
        agreementReference: input.agreementReference,
        expiresAt,
      },
      now,
    );
    const prepared = await prepareGrant(ctx, caller, dataset, terms, pending.requestId);
    grant = prepared;
    return { changes: { state: 'approved', grantId: prepared.grantId }, afterClaim: () => storeGrant(ctx, caller, dataset, prepared, route) };
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
  const problems = requestShapeProblems('access-request-decline', input);
  if (problems.length > 0) throw validationFailed(problems);
  const { reason } = input as { reason: string };
  return decide(ctx, caller, datasetReference, requestId, { action: 'access-request.declined', route }, async () => ({
    changes: { state: 'declined', reason },
  }));
};
