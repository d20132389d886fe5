import { createHash, randomBytes } from 'node:crypto';
import { VersionConflictError } from '../storage/catalogue-store';
import { authenticate } from './access-tokens';
import type { Caller } from './caller';
import type { DomainContext } from './context';
import { ExchangeError, forbidden } from './errors';
import { callerForTokenHash } from './token-records';
import { hashToken } from './tokens';

/**
 * Browser sessions, kept server-side. The cookie holds only an opaque random session id; the
 * catalogue keeps the id's sha256 (so reading the catalogue yields no usable session), who the
 * session acts for, its CSRF secret and its expiry. A session dies when it has been idle too
 * long, at its absolute expiry, when its owner signs out, and at once when its token is revoked
 * or expires (the token is read again on every request).
 */

/** Who a session acts for. Only tokens today; a person (signed in another way) can be added as another kind. */
export type SessionSubject = { kind: 'token'; tokenId: string; tokenHash: string };

interface SessionRecord {
  subject: SessionSubject;
  /** The synchroniser token every state-changing form of this session must send back. */
  csrfSecret: string;
  created: string;
  /** When the session was last seen, to within SESSION_TOUCH_MS. */
  lastSeenAt: string;
  /** The absolute expiry, however active the session. */
  expiresAt: string;
}

/** A session ends after this long without a request... */
export const SESSION_IDLE_MS = 60 * 60_000;
/** ...and at most this long after sign-in. */
export const SESSION_MAX_MS = 8 * 60 * 60_000;
/**
 * The last-seen time is written at most once per minute, so page views do not each add a write;
 * a session can therefore end up to a minute before a full idle period after its last request.
 */
export const SESSION_TOUCH_MS = 60_000;

const SESSION_ID_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const sessionKey = (sessionId: string) => ({ pk: `SESSION#${createHash('sha256').update(sessionId, 'utf8').digest('hex')}`, sk: 'SESSION' });

export interface OpenSession {
  caller: Extract<Caller, { kind: 'member' }>;
  csrf: string;
}

/**
 * Signs in with an organisation token: a fresh session with a fresh CSRF secret (nothing
 * carries over from any earlier session). Throws 401 for a token that does not work and 403
 * for the platform administrator token, which is for the API only.
 */
export const openSession = async (ctx: DomainContext, token: string): Promise<OpenSession & { sessionId: string; expiresAt: Date }> => {
  const caller = await authenticate(ctx, `Bearer ${token}`);
  if (caller.kind !== 'member') throw forbidden('Sign in with an organisation token; the administrator token is for the API only.');
  const sessionId = randomBytes(32).toString('base64url');
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + SESSION_MAX_MS);
  const record: SessionRecord = {
    subject: { kind: 'token', tokenId: caller.tokenId, tokenHash: hashToken(token) },
    csrfSecret: randomBytes(32).toString('base64url'),
    created: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  };
  await ctx.catalogue.create(sessionKey(sessionId), record);
  return { sessionId, expiresAt, caller, csrf: record.csrfSecret };
};

const ended = (record: SessionRecord, now: number): boolean => Date.parse(record.expiresAt) <= now || Date.parse(record.lastSeenAt) + SESSION_IDLE_MS <= now;

/** The live session a cookie names, or undefined (an ended session's record is deleted on the way). */
export const resumeSession = async (ctx: DomainContext, sessionId: string): Promise<OpenSession | undefined> => {
  if (!SESSION_ID_SHAPE.test(sessionId)) return undefined;
  const key = sessionKey(sessionId);
  const stored = await ctx.catalogue.get<SessionRecord>(key);
  if (!stored) return undefined;
  const now = ctx.now();
  let caller: OpenSession['caller'] | undefined;
  if (!ended(stored.value, now.getTime())) {
    caller = await callerForTokenHash(ctx, stored.value.subject.tokenHash).catch((error) => {
      if (error instanceof ExchangeError && error.code === 'unauthorized') return undefined;
      throw error;
    });
  }
  if (!caller) {
    await ctx.catalogue.remove(key, stored.version).catch((error) => {
      if (!(error instanceof VersionConflictError)) throw error;
    });
    return undefined;
  }
  if (now.getTime() - Date.parse(stored.value.lastSeenAt) >= SESSION_TOUCH_MS) {
    // Conditional on the version read, so a sign-out in between is never undone.
    await ctx.catalogue.replace(key, { ...stored.value, lastSeenAt: now.toISOString() }, stored.version).catch((error) => {
      if (!(error instanceof VersionConflictError)) throw error;
    });
  }
  return { caller, csrf: stored.value.csrfSecret };
};

/** Sign-out: the session is deleted, so its cookie is worthless even if replayed. */
export const closeSession = async (ctx: DomainContext, sessionId: string): Promise<void> => {
  if (SESSION_ID_SHAPE.test(sessionId)) await ctx.catalogue.remove(sessionKey(sessionId));
};
