import type { DomainContext } from './context';
import { conflict } from './errors';
import { type Grant, grantStatus } from './grant-model';
import { listAll, RecordExistsError, type RecordKey, VersionConflictError } from '../storage/catalogue-store';

/**
 * How grants are stored. An organisation's current grant on a dataset lives under one key made
 * from the pair, so two grants racing for the same pair meet at the same record and the
 * database's conditional write lets one through: at most one active grant per pair, whatever
 * reads happened before. A grant that a newer one replaces (only once it has ended) is first
 * copied to a record of its own, so the sharing register, the publisher's list and the audit
 * log still show it.
 */

const currentKey = (datasetId: string, organisation: string): RecordKey => ({ pk: `GRANT#${datasetId}#${organisation}`, sk: 'CURRENT' });

/**
 * An ended grant kept as history. Grants written before current records existed were stored
 * under this same key; such a grant may still be active, and every read below honours it.
 */
const pastKey = (grantId: string): RecordKey => ({ pk: `GRANT#${grantId}`, sk: 'GRANT' });

/** One listing of every grant, ordered by dataset: a dataset's grants are a prefix of it, the register reads it whole. */
const GRANTS = 'GRANTS';
const grantListing = (grant: Grant) => ({ list: GRANTS, order: `${grant.datasetId}#${grant.grantedAt}#${grant.grantId}` });

/** A grant replaced after it ended is listed twice until the copy's original is overwritten: show it once. */
const distinct = (grants: Grant[]): Grant[] => [...new Map(grants.map((grant) => [grant.grantId, grant])).values()];

export const storedGrantsOf = async (ctx: DomainContext, datasetId: string): Promise<Grant[]> =>
  distinct((await listAll<Grant>(ctx.catalogue, GRANTS, { prefix: `${datasetId}#` })).map((g) => g.value));

export const allStoredGrants = async (ctx: DomainContext): Promise<Grant[]> => distinct((await listAll<Grant>(ctx.catalogue, GRANTS)).map((g) => g.value));

/** Active grants of the organisation kept under their own id (from before current records), other than `except`. */
const activeOlderGrants = async (ctx: DomainContext, datasetId: string, organisation: string, except?: string): Promise<Grant[]> => {
  const now = ctx.now();
  return (await storedGrantsOf(ctx, datasetId)).filter((g) => g.organisation === organisation && g.grantId !== except && grantStatus(g, now) === 'active');
};

const alreadyGranted = (grant: Grant): Error =>
  conflict(`${grant.organisation} already holds an active grant on this dataset, until ${grant.expiresAt}; revoke it before granting new terms.`, {
    grantId: grant.grantId,
    expiresAt: grant.expiresAt,
  });

/** Refuses (409) if the organisation holds an active grant now: a courtesy check before other writes, not the guard. */
export const refuseIfGranted = async (ctx: DomainContext, datasetId: string, organisation: string): Promise<void> => {
  const current = await ctx.catalogue.get<Grant>(currentKey(datasetId, organisation));
  const active = current && grantStatus(current.value, ctx.now()) === 'active' ? current.value : (await activeOlderGrants(ctx, datasetId, organisation))[0];
  if (active) throw alreadyGranted(active);
};

/**
 * Stores a new grant as the organisation's current one, unless an active grant holds the place
 * (409, naming its expiry). The write is conditional: on a free place it requires that no record
 * exists, on an ended grant's place that the record is still the version read, so of any number
 * of racing grants exactly one is written.
 */
export const storeCurrentGrant = async (ctx: DomainContext, grant: Grant): Promise<void> => {
  const key = currentKey(grant.datasetId, grant.organisation);
  // A lost race is followed by a fresh read, which finds the winner and refuses with its terms.
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await ctx.catalogue.get<Grant>(key);
    if (current && grantStatus(current.value, ctx.now()) === 'active') throw alreadyGranted(current.value);
    const [older] = await activeOlderGrants(ctx, grant.datasetId, grant.organisation, current?.value.grantId);
    if (older) throw alreadyGranted(older);
    try {
      if (!current) {
        await ctx.catalogue.create(key, grant, grantListing(grant));
      } else {
        await keepAsHistory(ctx, current.value);
        await ctx.catalogue.replace(key, grant, current.version, grantListing(grant));
      }
      return;
    } catch (error) {
      if (!(error instanceof RecordExistsError || error instanceof VersionConflictError)) throw error;
    }
  }
  throw conflict('Grants for this organisation were changing while this one was written; read the grants and try again.');
};

/** Copies an ended grant to its own record before its place is reused; a copy already made stands. */
const keepAsHistory = async (ctx: DomainContext, ended: Grant): Promise<void> => {
  try {
    await ctx.catalogue.create(pastKey(ended.grantId), ended, grantListing(ended));
  } catch (error) {
    if (!(error instanceof RecordExistsError)) throw error;
  }
};

/**
 * Marks the grant at `key` revoked if it is still active (and, when given, still `grantId`).
 * Returns the grant revoked, or undefined when there was nothing active to revoke, so of racing
 * revocations exactly one reports (and audits) the change.
 */
const revokeAt = async (
  ctx: DomainContext,
  key: RecordKey,
  revocation: Pick<Grant, 'revokedAt' | 'revokedBy'>,
  grantId?: string,
): Promise<Grant | undefined> => {
  for (let attempt = 0; attempt < 10; attempt++) {
    const found = await ctx.catalogue.get<Grant>(key);
    if (!found || (grantId !== undefined && found.value.grantId !== grantId) || grantStatus(found.value, ctx.now()) !== 'active') return undefined;
    const revoked: Grant = { ...found.value, ...revocation };
    try {
      await ctx.catalogue.replace(key, revoked, found.version, grantListing(revoked));
      return revoked;
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }
  throw new Error(`gave up revoking ${key.pk} after repeated conflicting writes`);
};

/** Revokes every active grant the organisation holds on the dataset (older duplicates included); returns those revoked. */
export const revokeStoredGrants = async (
  ctx: DomainContext,
  datasetId: string,
  organisation: string,
  revocation: Pick<Grant, 'revokedAt' | 'revokedBy'>,
): Promise<Grant[]> => {
  const current = await revokeAt(ctx, currentKey(datasetId, organisation), revocation);
  const older = await activeOlderGrants(ctx, datasetId, organisation, current?.grantId);
  const revokedOlder = await Promise.all(older.map((g) => revokeAt(ctx, pastKey(g.grantId), revocation, g.grantId)));
  return [current, ...revokedOlder].filter((g): g is Grant => g !== undefined);
};
