import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { authenticate } from '../domain/access-tokens';
import { csrfTokenFor } from './csrf';
import type { WebEnv } from './web-env';

export const SESSION_COOKIE = 'ldx_session';
/** A signed-in browser session lasts a working day at most (less if the token expires first). */
export const SESSION_SECONDS = 8 * 60 * 60;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Cookies are Secure everywhere except plain-HTTP localhost, where browsers would drop them. */
export const cookieIsSecure = (c: Context): boolean => {
  const url = new URL(c.req.url);
  return !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
};

const cookieOptions = (c: Context) => ({ path: '/', httpOnly: true, secure: cookieIsSecure(c), sameSite: 'Strict' as const });

export const startSession = (c: Context, token: string): void => {
  setCookie(c, SESSION_COOKIE, token, { ...cookieOptions(c), maxAge: SESSION_SECONDS });
};

export const endSession = (c: Context): void => {
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
};

/**
 * Page routes only: the app has already resolved an `Authorization: Bearer` token (API clients
 * and scripts see pages exactly as their token allows); without one, the session cookie's token
 * is authenticated the same way. A cookie that no longer works (expired or unknown token) is
 * dropped and the visitor is anonymous, rather than shown an error.
 */
export const webSession = createMiddleware<WebEnv>(async (c, next) => {
  const bearer = c.req.header('authorization');
  if (bearer !== undefined && c.var.caller.kind !== 'anonymous') {
    c.set('session', { via: 'bearer', csrf: csrfTokenFor(bearer.trim()) });
  } else {
    const token = getCookie(c, SESSION_COOKIE);
    c.set('session', { via: 'none' });
    if (token) {
      const caller = await authenticate(c.var.domain, `Bearer ${token}`).catch(() => undefined);
      if (caller && caller.kind === 'member') {
        c.set('caller', caller);
        c.set('session', { via: 'cookie', csrf: csrfTokenFor(`Bearer ${token}`) });
      } else endSession(c);
    }
  }
  await next();
  c.header('Vary', 'Cookie', { append: true });
  if (c.var.session.via !== 'none') c.header('Cache-Control', 'private, no-store');
});
