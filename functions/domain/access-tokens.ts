import { listAll, mutate } from '../storage/catalogue-store';
import { actorName, type Caller, type Role, roleRank } from './caller';
import type { DomainContext } from './context';
import { forbidden, notFound, unauthorized, validationFailed } from './errors';
import { requestShapeProblems } from './request-schemas';
import { getOrganisation } from './organisations';
import { mayManageTokens, refusal } from './policy';
import { callerForTokenHash, storeNewToken, type TokenRecord, tokenHashById, tokenKey, tokenListing, tokenListName, tokenStatus } from './token-records';
import { hashToken, hasTokenShape, newToken, sameHash, tokenIdFromHash } from './tokens';

export type { TokenRecord } from './token-records';

export const DEFAULT_TOKEN_DAYS = 365;
export const MAX_TOKEN_DAYS = 730;
const DAY_MS = 86_400_000;

/** Resolves an Authorization header to a caller. No header = anonymous; anything wrong = 401. */
export const authenticate = async (ctx: DomainContext, authorization: string | undefined): Promise<Caller> => {
  if (authorization === undefined) return { kind: 'anonymous' };
  const match = /^Bearer ([^\s]+)$/.exec(authorization.trim());
  if (!match) throw unauthorized("The Authorization header must be 'Bearer <token>'.");
  const token = match[1];
  if (!hasTokenShape(token)) throw unauthorized('The bearer token is not valid.');
  const hash = hashToken(token);
  if (ctx.adminTokenSha256 && sameHash(hash, ctx.adminTokenSha256)) return { kind: 'platform-admin' };
  return callerForTokenHash(ctx, hash);
};

/** Who issued or revoked a token, as token records name them: a token id, `{organisation}/person:{personId}`, or the platform administrator. */
const actorOf = (caller: Caller): string => (caller.kind === 'member' ? (caller.tokenId ?? actorName(caller)) : caller.kind);

interface TokenRequest {
  role: Role;
  label?: string;
  expiresInDays: number;
  kind?: 'organisation' | 'service';
  owner?: string;
  readOnly?: boolean;
}

/** A token request, by schemas/requests/token-request.schema.json. */
const parseTokenRequest = (input: Record<string, unknown>): TokenRequest => {
  const problems = requestShapeProblems('token-request', input);
  if (problems.length > 0) throw validationFailed(problems);
  const { role, label, expiresInDays = DEFAULT_TOKEN_DAYS, kind, owner, readOnly } = input as Partial<TokenRequest>;
  if (kind === 'service' && !label) throw validationFailed([{ field: 'label', message: 'a service token needs a name (label)' }]);
  if (kind !== 'service' && (owner !== undefined || readOnly !== undefined))
    throw validationFailed([{ field: owner !== undefined ? 'owner' : 'readOnly', message: 'is for service tokens (kind: service) only' }]);
  return { role: role as Role, label, expiresInDays, kind, owner, readOnly };
};

const newRecord = (ctx: DomainContext, caller: Caller, organisationId: string, request: TokenRequest, hash: string): TokenRecord => {
  const now = ctx.now();
  return {
    tokenId: tokenIdFromHash(hash),
    organisation: organisationId,
    role: request.role,
    ...(request.label ? { label: request.label } : {}),
    created: now.toISOString(),
    createdBy: actorOf(caller),
    expiresAt: new Date(now.getTime() + request.expiresInDays * DAY_MS).toISOString(),
  };
};

/** Issues a token for an organisation. The secret is returned here once and never stored. */
export const issueToken = async (
  ctx: DomainContext,
  caller: Caller,
  organisationId: string,
  input: Record<string, unknown>,
): Promise<TokenRecord & { token: string }> => {
  await getOrganisation(ctx, organisationId);
  if (!mayManageTokens(caller, organisationId)) throw refusal(caller, true, 'organisation', "manage this organisation's tokens");
  const request = parseTokenRequest(input);
  const token = newToken();
  const hash = hashToken(token);
  const service =
    request.kind === 'service' ? { kind: 'service' as const, owner: request.owner ?? actorOf(caller), ...(request.readOnly ? { readOnly: true } : {}) } : {};
  const record: TokenRecord = { ...newRecord(ctx, caller, organisationId, request, hash), ...service };
  await storeNewToken(ctx.catalogue, hash, record);
  return { ...record, token };
};

/**
 * Issues a personal token to the signed-in person, for the organisation they act for, with at
 * most their own role (default: their role). It is checked against their membership on every
 * request, so it stops when they leave and never outranks a role they were later given.
 */
export const issuePersonalToken = async (
  ctx: DomainContext,
  caller: Caller,
  input: Record<string, unknown>,
  ownerLabel: string,
): Promise<TokenRecord & { token: string }> => {
  if (caller.kind !== 'member' || !caller.personId) throw unauthorized('Sign in as a person (or use one of your personal tokens) to create a personal token.');
  if (input.kind !== undefined || input.owner !== undefined || input.readOnly !== undefined)
    throw validationFailed([{ field: 'kind', message: 'personal tokens have no kind, owner or read-only setting' }]);
  const request = parseTokenRequest({ role: caller.role, ...input });
  if (roleRank(request.role) > roleRank(caller.role))
    throw forbidden(`Your role in ${caller.organisationId} is ${caller.role}: a personal token cannot have more.`);
  const token = newToken();
  const hash = hashToken(token);
  const record: TokenRecord = {
    ...newRecord(ctx, caller, caller.organisationId, request, hash),
    kind: 'personal',
    personId: caller.personId,
    owner: ownerLabel,
  };
  await storeNewToken(ctx.catalogue, hash, record);
  return { ...record, token };
};

/** The signed-in person's own personal tokens in the organisation they act for. */
export const listPersonalTokens = async (ctx: DomainContext, caller: Caller): Promise<TokenSummary[]> => {
  if (caller.kind !== 'member' || !caller.personId) throw unauthorized('Sign in as a person to list your personal tokens.');
  const now = ctx.now();
  return (await listAll<TokenRecord>(ctx.catalogue, tokenListName(caller.organisationId)))
    .filter((stored) => stored.value.kind === 'personal' && stored.value.personId === caller.personId)
    .map((stored) => summaryOf(stored.value, now));
};

/** What an administrator sees of a token: never the secret, nor its hash. */
export interface TokenSummary extends TokenRecord {
  status: 'active' | 'expired' | 'revoked';
}

/** Field by field, so that nothing added to the stored record later reaches a listing unasked. */
const summaryOf = (record: TokenRecord, now: Date): TokenSummary => ({
  tokenId: record.tokenId,
  organisation: record.organisation,
  role: record.role,
  ...(record.label === undefined ? {} : { label: record.label }),
  created: record.created,
  createdBy: record.createdBy,
  expiresAt: record.expiresAt,
  ...(record.lastUsedAt === undefined ? {} : { lastUsedAt: record.lastUsedAt }),
  ...(record.revokedAt === undefined ? {} : { revokedAt: record.revokedAt }),
  ...(record.revokedBy === undefined ? {} : { revokedBy: record.revokedBy }),
  ...(record.kind === undefined ? {} : { kind: record.kind }),
  ...(record.personId === undefined ? {} : { personId: record.personId }),
  ...(record.owner === undefined ? {} : { owner: record.owner }),
  ...(record.readOnly === undefined ? {} : { readOnly: record.readOnly }),
  status: tokenStatus(record, now),
});

const requireTokenManager = async (ctx: DomainContext, caller: Caller, organisationId: string): Promise<void> => {
  await getOrganisation(ctx, organisationId);
  if (!mayManageTokens(caller, organisationId)) throw refusal(caller, true, 'organisation', "manage this organisation's tokens");
};

/** Every token of an organisation, oldest first, revoked and expired ones included (admins only). */
export const listTokens = async (ctx: DomainContext, caller: Caller, organisationId: string): Promise<TokenSummary[]> => {
  await requireTokenManager(ctx, caller, organisationId);
  const now = ctx.now();
  return (await listAll<TokenRecord>(ctx.catalogue, tokenListName(organisationId))).map((stored) => summaryOf(stored.value, now));
};

const TOKEN_ID_SHAPE = /^[0-9a-f]{12}$/;

/**
 * Revokes a token at once: every later request with it, and every browser session signed in
 * with it, is refused (both read the token record consistently on every request). Revoking a
 * revoked token changes nothing. Only the organisation's admins (or the platform
 * administrator) may, and only through the organisation the token belongs to.
 */
export const revokeToken = async (
  ctx: DomainContext,
  caller: Caller,
  organisationId: string,
  tokenId: string,
  only?: (record: TokenRecord) => boolean,
): Promise<TokenSummary> => {
  if (!only) await requireTokenManager(ctx, caller, organisationId);
  const hash = TOKEN_ID_SHAPE.test(tokenId) ? await tokenHashById(ctx.catalogue, organisationId, tokenId) : undefined;
  if (!hash) throw notFound('token');
  const revokedAt = ctx.now().toISOString();
  const revoked = await mutate<TokenRecord>(
    ctx.catalogue,
    tokenKey(hash),
    (record) =>
      record.organisation !== organisationId || record.revokedAt || (only && !only(record)) ? undefined : { ...record, revokedAt, revokedBy: actorOf(caller) },
    tokenListing,
  );
  if (!revoked || revoked.value.organisation !== organisationId || (only && !only(revoked.value))) throw notFound('token');
  return summaryOf(revoked.value, ctx.now());
};

/** A person revokes one of their own personal tokens (admins revoke any token through revokeToken). */
export const revokePersonalToken = async (ctx: DomainContext, caller: Caller, tokenId: string): Promise<TokenSummary> => {
  if (caller.kind !== 'member' || !caller.personId) throw unauthorized('Sign in as a person to revoke your personal tokens.');
  const personId = caller.personId;
  return revokeToken(ctx, caller, caller.organisationId, tokenId, (record) => record.kind === 'personal' && record.personId === personId);
};
