import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * CSRF protection. A cookie session's forms carry its synchroniser token: a random secret made
 * at sign-in and kept with the session server-side (functions/domain/sessions.ts), so it is
 * bound to that one session and changes with every sign-in. Pages requested with an
 * `Authorization: Bearer` header (scripts, never a browser on its own) get a token derived from
 * that credential instead: such requests cannot be forged cross-site, and the derived token
 * reveals nothing of the credential. The sign-in form, before any session exists, uses a
 * double-submit nonce: a random value in an HttpOnly, SameSite=Strict cookie that the form must echo.
 */
export const csrfTokenFor = (credential: string): string => createHash('sha256').update('ldx-web-csrf\u0000').update(credential).digest('base64url');

export const newNonce = (): string => randomBytes(32).toString('base64url');

export const sameSecret = (sent: string | undefined, expected: string | undefined): boolean => {
  if (!sent || !expected) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};
