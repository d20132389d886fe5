import { createHash } from 'node:crypto';

/**
 * A hash of JSON-like content that does not depend on key order, for "has this record changed
 * since the last harvest". Keys are sorted at every level; arrays keep their order (order is
 * meaning there: the first distribution is the first). Undefined object fields are left out, as
 * JSON.stringify leaves them out.
 */

const canonical = (value: unknown): string => {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
};

export const canonicalJson = (value: unknown): string => canonical(value);

/** `sha256:` and the hex digest of the canonical JSON. */
export const recordHash = (value: unknown): string => `sha256:${createHash('sha256').update(canonical(value)).digest('hex')}`;
