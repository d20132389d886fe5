import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Bearer tokens: `ldx_` + 32 random bytes, base64url. Only the sha256 is ever stored. */
const TOKEN_SHAPE = /^ldx_[A-Za-z0-9_-]{43}$/;

export const newToken = (): string => `ldx_${randomBytes(32).toString('base64url')}`;

export const hasTokenShape = (token: string): boolean => TOKEN_SHAPE.test(token);

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export const sameHash = (aHex: string, bHex: string): boolean => {
  const a = Buffer.from(aHex, 'hex');
  const b = Buffer.from(bHex, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
};

/** A short public handle for a token, for listings and audit: derived from the hash, not the secret. */
export const tokenIdFromHash = (hashHex: string): string => hashHex.slice(0, 12);
