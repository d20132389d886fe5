import { createHash, randomBytes } from 'node:crypto';
import { VersionConflictError } from '../storage/catalogue-store';
import { authenticate } from './access-tokens';
import { membershipOf } from '../identity/memberships';
import type { Caller, MemberCaller } from './caller';
import type { DomainContext } from './context';
import { ExchangeError, forbidden } from './errors';
import { callerForTokenHash } from './token-records';
import { hashToken } from './tokens';

/**
 * Browser sessions, kept server-side. The cookie holds only an opaque random session id; the
 * catalogue keeps the id's sha256 (so reading the catalogue yields no usable session), who the
 * session acts for, its CSRF secret and its expiry. A session dies when it has been idle too
 * long, at its absolute expiry, when its owner signs out, and at once when its token is revoked
 * or expires, or when its person's membership ends or an admin ends their sessions (the token or
 * the membership is read again on every request).
 */

/** What a person's session remembers of them, so pages and audit entries name them without another read. */
export interface SessionPerson {
  personId: string;
  label: string;
  /** The organisation they act for; absent while they belong to none. */
  organisationId?: string;
}

/** Who a session acts for: an organisation token pasted into the sign-in form, or a person signed in through their provider. */
export type SessionSubject = { kind: 'token'; tokenId: string; tokenHash: string } | ({ kind: 'person' } & SessionPerson);

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
  /** A member, or anonymous for a person who belongs to no organisation yet. */
  caller: MemberCaller | Extract<Caller, { kind: 'anonymous' }>;
  csrf: string;
  person?: SessionPerson;
}

/**
 * Signs in with an organisation token: a fresh session with a fresh CSRF secret (nothing
 * carries over from any earlier session). Throws 401 for a token that does not work and 403
 * for the platform administrator token, which is for the API only.
 */
export const openSession = async (ctx: DomainContext, token: string): Promise<{ sessionId: string; expiresAt: Date }> => {
  const caller = await authenticate(ctx, `Bearer ${token}`);
  if (caller.kind !== 'member') throw forbidden('Sign in with an organisation token; the administrator token is for the API only.');
  return storeSession(ctx, { kind: 'token', tokenId: caller.tokenId ?? '', tokenHash: hashToken(token) });
};

/** Signs a person in (their provider has just vouched for them): a fresh session, acting for the organisation given, if any. */
export const openPersonSession = async (ctx: DomainContext, person: SessionPerson): Promise<{ sessionId: string; expiresAt: Date }> =>
  storeSession(ctx, { kind: 'person', ...person });

const storeSession = async (ctx: DomainContext, subject: SessionSubject): Promise<{ sessionId: string; expiresAt: Date }> => {
  const sessionId = randomBytes(32).toString('base64url');
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + SESSION_MAX_MS);
  const record: SessionRecord = {
    subject,
    csrfSecret: randomBytes(32).toString('base64url'),
    created: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  };
  await ctx.catalogue.create(sessionKey(sessionId), record);
  return { sessionId, expiresAt };
};

const unauthorizedAsUndefined = (error: unknown): undefined => {
  if (error instanceof ExchangeError && error.code === 'unauthorized') return undefined;
  throw error;
};

/**
 * Who a live session's subject acts as now, or undefined when the session must end: its token no
 * longer works, or its person is no longer a member of the organisation they act for, or an admin
 * ended their sessions after this one began.
 */
const callerOf = async (ctx: DomainContext, record: SessionRecord): Promise<OpenSession['caller'] | undefined> => {
  const subject = record.subject;
  if (subject.kind === 'token') return callerForTokenHash(ctx, subject.tokenHash).catch(unauthorizedAsUndefined);
  if (!subject.organisationId) return { kind: 'anonymous' };
  const membership = await membershipOf(ctx, subject.organisationId, subject.personId);
  if (!membership) return undefined;
  if (membership.sessionsValidAfter && Date.parse(membership.sessionsValidAfter) >= Date.parse(record.created)) return undefined;
  return { kind: 'member', organisationId: subject.organisationId, role: membership.role, personId: subject.personId, personLabel: subject.label };
};

const ended = (record: SessionRecord, now: number): boolean => Date.parse(record.expiresAt) <= now || Date.parse(record.lastSeenAt) + SESSION_IDLE_MS <= now;

/** The live session a cookie names, or undefined (an ended session's record is deleted on the way). */
export const resumeSession = async (ctx: DomainContext, sessionId: string): Promise<OpenSession | undefined> => {
  if (!SESSION_ID_SHAPE.test(sessionId)) return undefined;
  const key = sessionKey(sessionId);
  const stored = await ctx.catalogue.get<SessionRecord>(key);
  if (!stored) return undefined;
  const now = ctx.now();
  const caller = ended(stored.value, now.getTime()) ? undefined : await callerOf(ctx, stored.value);
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
  const subject = stored.value.subject;
  const person = subject.kind === 'person' ? { personId: subject.personId, label: subject.label, organisationId: subject.organisationId } : undefined;
  return { caller, csrf: stored.value.csrfSecret, ...(person ? { person } : {}) };
};

/**
 * A person in several organisations chooses which one they act for. The session keeps its id and
 * CSRF secret (the person is the same); the membership is checked here and on every request.
 */
export const actForOrganisation = async (ctx: DomainContext, sessionId: string, organisationId: string): Promise<void> => {
  if (!SESSION_ID_SHAPE.test(sessionId)) throw forbidden('Sign in first.');
  const key = sessionKey(sessionId);
  const stored = await ctx.catalogue.get<SessionRecord>(key);
  if (!stored || stored.value.subject.kind !== 'person') throw forbidden('Only a person signed in through their organisation can choose whom to act for.');
  const subject = stored.value.subject;
  if (!(await membershipOf(ctx, organisationId, subject.personId))) throw forbidden(`You are not a member of ${organisationId}.`);
  await ctx.catalogue.replace(key, { ...stored.value, subject: { ...subject, organisationId } }, stored.version);
};

/** Sign-out: the session is deleted, so its cookie is worthless even if replayed. */
export const closeSession = async (ctx: DomainContext, sessionId: string): Promise<void> => {
  if (SESSION_ID_SHAPE.test(sessionId)) await ctx.catalogue.remove(sessionKey(sessionId));
};
