import type { Context } from 'hono';
import { setAnswerHeader } from '../api/http/answer-headers';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { closeSession, openPersonSession, openSession, resumeSession, SESSION_MAX_MS, type SessionPerson } from '../domain/sessions';
import { csrfTokenFor } from './csrf';
import type { WebEnv } from './web-env';

export const SESSION_COOKIE = 'ldx_session';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Cookies are Secure whenever the exchange's base URL is https, and everywhere else too except
 * plain-HTTP localhost, where browsers would drop them: a Secure cookie on any other plain-HTTP
 * host fails closed (no session) rather than travelling in clear.
 */
export const cookieIsSecure = (c: Context<WebEnv>): boolean => {
  const base = new URL(c.var.urls.page('/'));
  return !(base.protocol === 'http:' && LOCAL_HOSTS.has(base.hostname));
};

const cookieOptions = (c: Context<WebEnv>) => ({ path: '/', httpOnly: true, secure: cookieIsSecure(c), sameSite: 'Strict' as const });

/**
 * Signs in with an organisation token (throws as openSession does). Any session the browser
 * already had is ended first, and the new one gets a new id and CSRF secret.
 */
export const startSession = async (c: Context<WebEnv>, token: string): Promise<void> => {
  const previous = getCookie(c, SESSION_COOKIE);
  if (previous) await closeSession(c.var.domain, previous);
  const opened = await openSession(c.var.domain, token);
  setCookie(c, SESSION_COOKIE, opened.sessionId, { ...cookieOptions(c), maxAge: Math.floor(SESSION_MAX_MS / 1000) });
};

/** Signs a person in after their provider vouched for them: as startSession, the session id and CSRF secret are new. */
export const startPersonSession = async (c: Context<WebEnv>, person: SessionPerson): Promise<void> => {
  const previous = getCookie(c, SESSION_COOKIE);
  if (previous) await closeSession(c.var.domain, previous);
  const opened = await openPersonSession(c.var.domain, person);
  setCookie(c, SESSION_COOKIE, opened.sessionId, { ...cookieOptions(c), maxAge: Math.floor(SESSION_MAX_MS / 1000) });
};

/** Signs out: the session is deleted server-side, then the cookie is cleared. */
export const endSession = async (c: Context<WebEnv>): Promise<void> => {
  const sessionId = getCookie(c, SESSION_COOKIE);
  if (sessionId) await closeSession(c.var.domain, sessionId);
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
};

/**
 * Page routes only: the app has already resolved an `Authorization: Bearer` token (API clients
 * and scripts see pages exactly as their token allows; no browser sends that header by itself,
 * so a CSRF token derived from it only keeps the forms uniform). Without one, the session
 * cookie is looked up server-side. A cookie that no longer works (ended, expired, or its token
 * revoked or expired) is dropped and the visitor is anonymous, rather than shown an error.
 */
export const webSession = createMiddleware<WebEnv>(async (c, next) => {
  const bearer = c.req.header('authorization');
  if (bearer !== undefined && c.var.caller.kind !== 'anonymous') {
    c.set('session', { via: 'bearer', csrf: csrfTokenFor(bearer.trim()) });
  } else {
    const sessionId = getCookie(c, SESSION_COOKIE);
    c.set('session', { via: 'none' });
    if (sessionId) {
      const session = await resumeSession(c.var.domain, sessionId);
      if (session) {
        c.set('caller', session.caller);
        c.set('session', { via: 'cookie', csrf: session.csrf, ...(session.person ? { person: session.person } : {}) });
      } else deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
    }
  }
  await next();
  setAnswerHeader(c, 'Vary', 'Cookie', { append: true });
  if (c.var.session.via !== 'none') setAnswerHeader(c, 'Cache-Control', 'private, no-store');
});
