import { createHash } from 'node:crypto';
import { fetchOutbound } from '../outbound/fetch';
import { OutboundHttpError } from '../outbound/errors';
import type { MirroredFile } from './mirror-records';

/**
 * Fetches one file of a mirrored source through the SSRF-safe fetcher, asking the source to say
 * "not modified" (If-None-Match, If-Modified-Since) when it was copied before. A source that
 * ignores the question and sends the same bytes again is recognised by their SHA-256, so an
 * unchanged file is never ingested twice either way.
 */

/** A mirrored file may take longer than a catalogue page: up to the hard cap at a slow source. */
const FILE_TIMEOUT_MS = 5 * 60_000;

export type FetchedFile =
  | { changed: false }
  | { changed: true; body: Buffer; sha256: string; etag?: string; lastModified?: string; contentType?: string; finalUrl: string };

export const fetchMirrorFile = async (
  url: string,
  previous: MirroredFile | undefined,
  limits: { maxBytes: number; allowHosts?: readonly string[] },
): Promise<FetchedFile> => {
  const headers: Record<string, string> = {};
  if (previous?.etag) headers['if-none-match'] = previous.etag;
  if (previous?.lastModified) headers['if-modified-since'] = previous.lastModified;
  let response: Awaited<ReturnType<typeof fetchOutbound>>;
  try {
    response = await fetchOutbound(url, { headers, maxBytes: limits.maxBytes, allowHosts: limits.allowHosts, totalTimeoutMs: FILE_TIMEOUT_MS });
  } catch (error) {
    if (error instanceof OutboundHttpError && error.status === 304 && previous) return { changed: false };
    throw error;
  }
  const sha256 = createHash('sha256').update(response.body).digest('hex');
  if (previous && previous.sha256 === sha256) return { changed: false };
  const header = (name: string): string | undefined => {
    const value = response.headers[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  return {
    changed: true,
    body: response.body,
    sha256,
    etag: header('etag'),
    lastModified: header('last-modified'),
    contentType: header('content-type'),
    finalUrl: response.url,
  };
};
