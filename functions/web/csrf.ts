import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * CSRF protection. A signed-in form carries a synchroniser token derived from the session's
 * credential (sha256 of a fixed label and the token): a forged request from another site cannot
 * read the HttpOnly cookie, so it cannot compute the token; and the token reveals nothing of the
 * credential. The sign-in form, before any session exists, uses a double-submit nonce: a random
 * value in an HttpOnly, SameSite=Strict cookie that the form must echo.
 */
export const csrfTokenFor = (credential: string): string =>
  createHash('sha256').update('ldx-web-csrf\u0000').update(credential).digest('base64url');

export const newNonce = (): string => randomBytes(32).toString('base64url');

export const sameSecret = (sent: string | undefined, expected: string | undefined): boolean => {
  if (!sent || !expected) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};
