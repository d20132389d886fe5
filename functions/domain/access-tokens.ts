import { listAll, mutate } from '../storage/catalogue-store';
import type { Caller, Role } from './caller';
import type { DomainContext } from './context';
import { notFound, unauthorized, validationFailed } from './errors';
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

/** Who issued or revoked a token, as token records name them: a token id or the platform administrator. */
const actorOf = (caller: Caller): string => (caller.kind === 'member' ? caller.tokenId : caller.kind);

interface TokenRequest {
  role: Role;
  label?: string;
  expiresInDays: number;
}

/** A token request, by schemas/requests/token-request.schema.json. */
const parseTokenRequest = (input: Record<string, unknown>): TokenRequest => {
  const problems = requestShapeProblems('token-request', input);
  if (problems.length > 0) throw validationFailed(problems);
  const { role, label, expiresInDays = DEFAULT_TOKEN_DAYS } = input as Partial<TokenRequest>;
  return { role: role as Role, label, expiresInDays };
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
  const now = ctx.now();
  const record: TokenRecord = {
    tokenId: tokenIdFromHash(hash),
    organisation: organisationId,
    role: request.role,
    ...(request.label ? { label: request.label } : {}),
    created: now.toISOString(),
    createdBy: actorOf(caller),
    expiresAt: new Date(now.getTime() + request.expiresInDays * DAY_MS).toISOString(),
  };
  await storeNewToken(ctx.catalogue, hash, record);
  return { ...record, token };
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
export const revokeToken = async (ctx: DomainContext, caller: Caller, organisationId: string, tokenId: string): Promise<TokenSummary> => {
  await requireTokenManager(ctx, caller, organisationId);
  const hash = TOKEN_ID_SHAPE.test(tokenId) ? await tokenHashById(ctx.catalogue, organisationId, tokenId) : undefined;
  if (!hash) throw notFound('token');
  const revokedAt = ctx.now().toISOString();
  const revoked = await mutate<TokenRecord>(
    ctx.catalogue,
    tokenKey(hash),
    (record) => (record.organisation !== organisationId || record.revokedAt ? undefined : { ...record, revokedAt, revokedBy: actorOf(caller) }),
    tokenListing,
  );
  if (!revoked || revoked.value.organisation !== organisationId) throw notFound('token');
  return summaryOf(revoked.value, ctx.now());
};
