import type { LinkCheck } from '../domain/dataset-provenance';
import { fetchOutbound } from '../outbound/fetch';
import { OutboundError } from '../outbound/errors';
import { messageOf } from './run-errors';

/**
 * One polite visit to a harvested distribution URL: HEAD, or when the server refuses HEAD
 * (405, 501, or 403 as some CDNs answer it) a GET of the first byte only (Range: bytes=0-0).
 * Nothing of the body is kept. The answer is what the link checker records: the status, type and
 * size the server gives, and whether the link works. 429 and 503 are not a verdict: they say when
 * to come back (Retry-After), and the caller decides whether to wait.
 */

export type LinkHealth = LinkCheck;

export type LinkVisit = { kind: 'checked'; health: LinkHealth } | { kind: 'busy'; status: number; retryAfterMs?: number };

/** Retry-After as seconds or an HTTP date, in milliseconds from now; undefined when absent or unreadable. */
export const retryAfterMs = (value: string | string[] | undefined, now: Date): number | undefined => {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\s*\d+\s*$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
};

const header = (headers: Record<string, string | string[] | undefined>, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The whole size: Content-Range's total for a ranged answer, else Content-Length (of a HEAD or a full answer). */
const sizeOf = (status: number, headers: Record<string, string | string[] | undefined>): number | undefined => {
  const range = header(headers, 'content-range');
  const total = range ? /\/(\d+)\s*$/.exec(range)?.[1] : status === 206 ? undefined : header(headers, 'content-length');
  const size = total ? Number(total) : Number.NaN;
  return Number.isSafeInteger(size) && size >= 0 ? size : undefined;
};

const HEAD_REFUSED = new Set([403, 405, 501]);
const BUSY = new Set([429, 503]);

export interface VisitOptions {
  allowHosts?: readonly string[];
  timeoutMs?: number;
  now: () => Date;
}

export const visitLink = async (url: string, options: VisitOptions): Promise<LinkVisit> => {
  const common = {
    acceptErrorStatus: true,
    allowHosts: options.allowHosts,
    totalTimeoutMs: options.timeoutMs ?? 20_000,
    headersTimeoutMs: options.timeoutMs ?? 15_000,
    // A ranged GET that the server answers in full is cut off here rather than read.
    maxBytes: 64 * 1024,
  };
  try {
    let response = await fetchOutbound(url, { ...common, method: 'HEAD' });
    if (HEAD_REFUSED.has(response.status)) response = await fetchOutbound(url, { ...common, method: 'GET', headers: { range: 'bytes=0-0' } });
    if (BUSY.has(response.status)) return { kind: 'busy', status: response.status, retryAfterMs: retryAfterMs(response.headers['retry-after'], options.now()) };
    const contentType = header(response.headers, 'content-type')?.split(';')[0].trim().toLowerCase();
    const sizeBytes = sizeOf(response.status, response.headers);
    const ok = response.status < 400;
    return {
      kind: 'checked',
      health: {
        status: response.status,
        ok,
        ...(contentType ? { contentType } : {}),
        ...(sizeBytes !== undefined ? { sizeBytes } : {}),
        checkedAt: options.now().toISOString(),
        ...(ok ? {} : { error: `HTTP ${response.status}` }),
      },
    };
  } catch (error) {
    const message = messageOf(error);
    if (error instanceof OutboundError && error.kind === 'too-large') {
      // The server ignored the range and sent the file: it answered, so the link works.
      return { kind: 'checked', health: { ok: true, checkedAt: options.now().toISOString() } };
    }
    return { kind: 'checked', health: { ok: false, checkedAt: options.now().toISOString(), error: message } };
  }
};
