import { type Caller, type Role, roles } from './caller';
import type { DomainContext } from './context';
import { unauthorized, validationFailed } from './errors';
import { getOrganisation } from './organisations';
import { mayManageTokens, refusal } from './policy';
import { hashToken, hasTokenShape, newToken, sameHash, tokenIdFromHash } from './tokens';

/** A stored token: everything but the secret, which is kept only as the key's hash. */
export interface TokenRecord {
  tokenId: string;
  organisation: string;
  role: Role;
  label?: string;
  created: string;
  createdBy: string;
  expiresAt: string;
}

export const DEFAULT_TOKEN_DAYS = 365;
export const MAX_TOKEN_DAYS = 730;
const DAY_MS = 86_400_000;

const tokenKey = (hash: string) => ({ pk: `TOKEN#${hash}`, sk: 'TOKEN' });

/** Resolves an Authorization header to a caller. No header = anonymous; anything wrong = 401. */
export const authenticate = async (ctx: DomainContext, authorization: string | undefined): Promise<Caller> => {
  if (authorization === undefined) return { kind: 'anonymous' };
  const match = /^Bearer ([^\s]+)$/.exec(authorization.trim());
  if (!match) throw unauthorized("The Authorization header must be 'Bearer <token>'.");
  const token = match[1];
  if (!hasTokenShape(token)) throw unauthorized('The bearer token is not valid.');
  const hash = hashToken(token);
  if (ctx.adminTokenSha256 && sameHash(hash, ctx.adminTokenSha256)) return { kind: 'platform-admin' };
  const stored = await ctx.catalogue.get<TokenRecord>(tokenKey(hash));
  if (!stored) throw unauthorized('The bearer token is not valid.');
  if (Date.parse(stored.value.expiresAt) <= ctx.now().getTime()) throw unauthorized('The bearer token has expired.');
  return { kind: 'member', organisationId: stored.value.organisation, role: stored.value.role, tokenId: stored.value.tokenId };
};

interface TokenRequest {
  role: Role;
  label?: string;
  expiresInDays: number;
}

const parseTokenRequest = (input: Record<string, unknown>): TokenRequest => {
  const problems = [];
  const known = ['role', 'label', 'expiresInDays'];
  for (const field of Object.keys(input)) if (!known.includes(field)) problems.push({ field, message: 'is not a known field' });
  const { role, label, expiresInDays = DEFAULT_TOKEN_DAYS } = input;
  if (typeof role !== 'string' || !(roles as readonly string[]).includes(role)) {
    problems.push({ field: 'role', message: `must be one of: ${roles.join(', ')}` });
  }
  if (label !== undefined && (typeof label !== 'string' || label.length > 100)) {
    problems.push({ field: 'label', message: 'must be a string of at most 100 characters' });
  }
  if (!Number.isInteger(expiresInDays) || (expiresInDays as number) < 1 || (expiresInDays as number) > MAX_TOKEN_DAYS) {
    problems.push({ field: 'expiresInDays', message: `must be a whole number of days from 1 to ${MAX_TOKEN_DAYS}` });
  }
  if (problems.length > 0) throw validationFailed(problems);
  return { role: role as Role, label: label as string | undefined, expiresInDays: expiresInDays as number };
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
    createdBy: caller.kind === 'member' ? caller.tokenId : caller.kind,
    expiresAt: new Date(now.getTime() + request.expiresInDays * DAY_MS).toISOString(),
  };
  await ctx.catalogue.create(tokenKey(hash), record, { list: `ORG#${organisationId}#TOKENS`, order: `${record.created}#${record.tokenId}` });
  return { ...record, token };
};
