import { createHash } from 'node:crypto';
import { badRequest } from '../domain/errors';
import type { RowRequest } from './query-model';

/**
 * The keyset cursor: where the last page ended, on which version, for which query. It pins the
 * version it started on, so paging continues on the same immutable data while a new version is
 * published. It also carries the total computed for the first page. Nothing in it is secret or
 * trusted: its values are typed and bound like any filter value, and the version is read through
 * the same policy gate as a `version` parameter.
 */
export interface CursorState {
  version: number;
  /** Values of the order keys (ending with the row number) of the last row served. */
  position: unknown[];
  /** Fingerprint of filters, search and sort: a cursor only continues the query it came from. */
  query: string;
  total?: number;
  totalEstimated?: boolean;
}

export const queryFingerprint = (request: Pick<RowRequest, 'conditions' | 'search' | 'sort' | 'place'>): string =>
  createHash('sha256')
    // The place only when there is one: cursors of queries without one stay valid.
    .update(JSON.stringify([request.conditions, request.search, request.sort, ...(request.place ? [request.place] : [])]))
    .digest('base64url')
    .slice(0, 16);

export const encodeCursor = (state: CursorState): string =>
  Buffer.from(
    JSON.stringify({
      v: state.version,
      p: state.position,
      q: state.query,
      ...(state.total === undefined ? {} : { t: state.total }),
      ...(state.totalEstimated ? { e: true } : {}),
    }),
  ).toString('base64url');

const invalid = () => badRequest('The cursor is not valid; use the `next` link of a previous page.', { field: 'cursor' });

export const decodeCursor = (cursor: string): CursorState => {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const { v, p, q, t, e } = (parsed ?? {}) as Record<string, unknown>;
  const ok =
    typeof v === 'number' &&
    Number.isSafeInteger(v) &&
    v >= 1 &&
    Array.isArray(p) &&
    p.length >= 1 &&
    p.every((value) => value === null || ['string', 'number', 'boolean'].includes(typeof value)) &&
    typeof q === 'string' &&
    (t === undefined || (typeof t === 'number' && Number.isSafeInteger(t) && t >= 0)) &&
    (e === undefined || e === true);
  if (!ok) throw invalid();
  return { version: v as number, position: p as unknown[], query: q as string, total: t as number | undefined, totalEstimated: e === true };
};
