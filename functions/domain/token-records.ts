import { type CatalogueStore, type ListingEntry, RecordExistsError, type StoredRecord, VersionConflictError } from '../storage/catalogue-store';
import type { Caller, Role } from './caller';
import type { DomainContext } from './context';
import { membershipOf } from '../identity/memberships';
import { lesserRole } from './caller';
import { unauthorized } from './errors';

/**
 * How tokens are kept. The token record lives under the sha256 of the secret (so a bearer
 * request is one consistent read) and appears in its organisation's token listing. A small
 * reference record, addressed by organisation and public token id, leads from the id an
 * administrator sees to the record, so a token can be revoked without its secret.
 */
export interface TokenRecord {
  tokenId: string;
  organisation: string;
  role: Role;
  label?: string;
  created: string;
  createdBy: string;
  expiresAt: string;
  /** When the token last authenticated a request, to within LAST_USED_GRANULARITY_MS. */
  lastUsedAt?: string;
  revokedAt?: string;
  revokedBy?: string;
  /** Absent on organisation tokens (and on every token issued before people existed). */
  kind?: 'personal' | 'service';
  /** Personal tokens: their owner, whose membership they need and whose role caps theirs. */
  personId?: string;
  /** Who answers for the token: a person's label (personal) or the named owner (service). */
  owner?: string;
  /** Service tokens: reads only, whatever the role. */
  readOnly?: boolean;
}

interface TokenReference {
  tokenHash: string;
}

/**
 * "Last used" is written at most once per this interval per token, so reads do not each add a
 * write: it is accurate to within five minutes.
 */
export const LAST_USED_GRANULARITY_MS = 5 * 60_000;

export const tokenKey = (hash: string) => ({ pk: `TOKEN#${hash}`, sk: 'TOKEN' });
const referenceKey = (organisationId: string, tokenId: string) => ({ pk: `ORG#${organisationId}#TOKEN#${tokenId}`, sk: 'TOKENREF' });
export const tokenListName = (organisationId: string) => `ORG#${organisationId}#TOKENS`;
/** Every write of a token record must carry its listing, or the record drops out of the listing. */
export const tokenListing = (record: TokenRecord): ListingEntry => ({ list: tokenListName(record.organisation), order: `${record.created}#${record.tokenId}` });

export const storeNewToken = async (store: CatalogueStore, hash: string, record: TokenRecord): Promise<void> => {
  await store.create(referenceKey(record.organisation, record.tokenId), { tokenHash: hash } satisfies TokenReference);
  await store.create(tokenKey(hash), record, tokenListing(record));
};

/** The stored hash of an organisation's token, by its public id; undefined if it has none such. */
export const tokenHashById = async (store: CatalogueStore, organisationId: string, tokenId: string): Promise<string | undefined> =>
  (await store.get<TokenReference>(referenceKey(organisationId, tokenId)))?.value.tokenHash;

export const tokenStatus = (record: TokenRecord, now: Date): 'active' | 'expired' | 'revoked' => {
  if (record.revokedAt) return 'revoked';
  return Date.parse(record.expiresAt) <= now.getTime() ? 'expired' : 'active';
};

/**
 * Records that the token was used, unless that was recorded within the granularity. A write
 * that loses a race (a revocation, or another request's touch) is simply dropped: the
 * conditional write can never undo a revocation. Tokens issued before reference records
 * existed get theirs on their first touch.
 */
const touchLastUsed = async (ctx: DomainContext, hash: string, stored: StoredRecord<TokenRecord>): Promise<void> => {
  const now = ctx.now();
  const last = stored.value.lastUsedAt ? Date.parse(stored.value.lastUsedAt) : Number.NEGATIVE_INFINITY;
  if (now.getTime() - last < LAST_USED_GRANULARITY_MS) return;
  const record = { ...stored.value, lastUsedAt: now.toISOString() };
  try {
    if (!stored.value.lastUsedAt) {
      await ctx.catalogue.create(referenceKey(record.organisation, record.tokenId), { tokenHash: hash } satisfies TokenReference).catch((error) => {
        if (!(error instanceof RecordExistsError)) throw error;
      });
    }
    await ctx.catalogue.replace(tokenKey(hash), record, stored.version, tokenListing(record));
  } catch (error) {
    if (!(error instanceof VersionConflictError)) throw error;
  }
};

/**
 * The caller a token (given by the sha256 of its secret) stands for, read consistently on every
 * request, so a revocation or expiry applies to the very next request. Throws 401 otherwise.
 */
export const callerForTokenHash = async (ctx: DomainContext, hash: string): Promise<Extract<Caller, { kind: 'member' }>> => {
  const stored = await ctx.catalogue.get<TokenRecord>(tokenKey(hash));
  if (!stored) throw unauthorized('The bearer token is not valid.');
  const status = tokenStatus(stored.value, ctx.now());
  if (status === 'revoked') throw unauthorized('The bearer token has been revoked.');
  if (status === 'expired') throw unauthorized('The bearer token has expired.');
  const record = stored.value;
  let role = record.role;
  if (record.kind === 'personal') {
    // Read on every request: the token dies with its owner's membership and never outranks it.
    const membership = record.personId ? await membershipOf(ctx, record.organisation, record.personId) : undefined;
    if (!membership) throw unauthorized("The bearer token's owner is no longer a member of its organisation.");
    role = lesserRole(role, membership.role);
  }
  if (record.readOnly) role = 'viewer';
  await touchLastUsed(ctx, hash, stored);
  return {
    kind: 'member',
    organisationId: record.organisation,
    role,
    tokenId: record.tokenId,
    ...(record.personId ? { personId: record.personId, ...(record.owner ? { personLabel: record.owner } : {}) } : {}),
    ...(record.kind === 'service' && record.label ? { service: record.label } : {}),
  };
};
