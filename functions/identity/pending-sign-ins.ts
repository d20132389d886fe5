import { createHash, randomBytes } from 'node:crypto';
import { VersionConflictError } from '../storage/catalogue-store';
import type { DomainContext } from '../domain/context';
import type { SignInChecks } from './oidc-client';

/**
 * A sign-in between the redirect to the provider and its callback. The browser holds only a
 * random id (a short-lived cookie); the state, nonce and PKCE verifier stay here, so a callback
 * is only accepted from the browser that started it (no login CSRF) and only once.
 */
interface PendingSignIn {
  providerId: string;
  checks: SignInChecks;
  expiresAt: string;
}

/** A person has this long at their provider's sign-in page. */
export const PENDING_SIGN_IN_MS = 10 * 60_000;
const ID_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const pendingKey = (id: string) => ({ pk: `SIGNIN#${createHash('sha256').update(id, 'utf8').digest('hex')}`, sk: 'SIGNIN' });

export const storePendingSignIn = async (ctx: DomainContext, providerId: string, checks: SignInChecks): Promise<string> => {
  const id = randomBytes(32).toString('base64url');
  const expiresAt = new Date(ctx.now().getTime() + PENDING_SIGN_IN_MS).toISOString();
  await ctx.catalogue.create(pendingKey(id), { providerId, checks, expiresAt } satisfies PendingSignIn);
  return id;
};

/** Takes the pending sign-in (deleting it, conditionally, so two callbacks cannot both use it); undefined if none or expired. */
export const takePendingSignIn = async (ctx: DomainContext, id: string | undefined): Promise<{ providerId: string; checks: SignInChecks } | undefined> => {
  if (!id || !ID_SHAPE.test(id)) return undefined;
  const key = pendingKey(id);
  const stored = await ctx.catalogue.get<PendingSignIn>(key);
  if (!stored) return undefined;
  try {
    await ctx.catalogue.remove(key, stored.version);
  } catch (error) {
    if (error instanceof VersionConflictError) return undefined;
    throw error;
  }
  if (Date.parse(stored.value.expiresAt) <= ctx.now().getTime()) return undefined;
  return { providerId: stored.value.providerId, checks: stored.value.checks };
};
