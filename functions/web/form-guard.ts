import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { ExchangeError, forbidden } from '../domain/errors';
import { sameSecret } from './csrf';
import type { WebEnv } from './web-env';

export const SIGN_IN_NONCE_COOKIE = 'ldx_signin';

const expired = () => forbidden('This form has expired or did not come from this site. Go back, reload the page and try again.');

const isForm = (contentType: string | undefined) => contentType?.split(';')[0].trim().toLowerCase() === 'application/x-www-form-urlencoded';

/**
 * Every state-changing page request passes here. Form posts are read (capped) and must carry
 * the session's CSRF token in `csrf`; script requests (uploads) send it in `X-CSRF-Token`.
 * The sign-in form, before any session exists, must echo its nonce cookie instead. Requests
 * the browser marks as cross-site are refused outright.
 */
export const formGuard = createMiddleware<WebEnv>(async (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
  if (c.req.header('sec-fetch-site') === 'cross-site') throw expired();
  const header = c.req.header('x-csrf-token');
  let sent = header;
  if (header === undefined) {
    if (!isForm(c.req.header('content-type'))) throw new ExchangeError('unsupported_media_type', 'Send the form as application/x-www-form-urlencoded.');
    // Already capped by bodyCap (functions/api/http/body-limit.ts), which the web app registers first.
    const form = new URLSearchParams(await c.req.text());
    c.set('form', form);
    sent = form.get('csrf') ?? undefined;
  }
  const signingIn = c.req.path === '/publish/sign-in' && c.var.session.via === 'none';
  const expected = signingIn ? getCookie(c, SIGN_IN_NONCE_COOKIE) : c.var.session.csrf;
  if (!sameSecret(sent, expected)) throw expired();
  await next();
});
