import type { Context } from 'hono';
import { preconditionFailed } from '../../domain/errors';
import type { VersionPrecondition } from '../../domain/preconditions';

/** Record versions travel as strong ETags: `"7"`. */
export const etagOf = (version: number): string => `"${version}"`;

const parseEtag = (value: string): number | undefined => {
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(value.trim());
  return match ? Number(match[1]) : undefined;
};

/** Reads If-Match. A value naming no version the exchange issued can never match: 412. */
export const readIfMatch = (c: Context): VersionPrecondition => {
  const header = c.req.header('if-match');
  if (header === undefined) return 'none';
  if (header.trim() === '*') return 'any';
  const versions = header
    .split(',')
    .map(parseEtag)
    .filter((v): v is number => v !== undefined);
  if (versions.length !== 1) throw preconditionFailed();
  return { version: versions[0] };
};
