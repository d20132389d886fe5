import type { MiddlewareHandler } from 'hono';
import { etag } from 'hono/etag';

/**
 * How long a shared cache (the CloudFront distribution in front of the API, a proxy) and a
 * browser may reuse an anonymous public answer without asking again. Short: a newly published
 * version or a tier change shows within this time. The ETag makes the re-asking cheap.
 */
export const PUBLIC_MAX_AGE_SECONDS = 60;

/** A request that carries any credential: its answer is for that caller alone. */
const carriesCredentials = (header: (name: string) => string | undefined): boolean =>
  header('authorization') !== undefined || (header('cookie') ?? '').includes('ldx_session=');

/**
 * Cache-Control for GET and HEAD answers that did not set their own (downloads set no-store):
 * a successful anonymous answer is public for a short time; anything asked with a credential,
 * answered for a signed-in caller or setting a cookie is private and never stored; errors are
 * never stored. Vary names the request headers that change who is asking, so no cache hands an
 * anonymous copy to a signed-in caller or the reverse. Registered once for the whole app, and
 * outside the ETag middleware, so a 304 gets the same Cache-Control as the 200 it stands for.
 */
export const cacheControl: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return;
  const vary = (c.res.headers.get('Vary') ?? '').toLowerCase().split(/\s*,\s*/);
  for (const name of ['Authorization', 'Cookie']) if (!vary.includes(name.toLowerCase())) c.res.headers.append('Vary', name);
  if (c.res.headers.has('Cache-Control')) return;
  const caller = (c.var as { caller?: { kind: string } }).caller;
  const anonymous =
    !carriesCredentials((name) => c.req.header(name)) && (caller === undefined || caller.kind === 'anonymous') && !c.res.headers.has('Set-Cookie');
  const succeeded = c.res.ok || c.res.status === 304;
  c.res.headers.set('Cache-Control', succeeded && anonymous ? `public, max-age=${PUBLIC_MAX_AGE_SECONDS}` : 'private, no-store');
};

/**
 * A weak ETag from a hash of the body, answering If-None-Match with 304 (pages and feeds). The
 * body is what this caller was shown, so the tag reveals nothing the caller could not already read.
 */
export const bodyETag: MiddlewareHandler = etag({ weak: true });
