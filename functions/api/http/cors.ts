import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';

/**
 * Cross-origin access for browser applications on other sites. Everything here is addressed by
 * bearer tokens (or nothing), never by cookies, so any origin may call: `*`, and never
 * Access-Control-Allow-Credentials, which is what keeps a browser from sending the publisher
 * area's session cookie (and from exposing an answer to a credentialed request). The publisher
 * pages and their cookie routes are not under these paths and stay same-origin.
 *
 * The headers are set after the handler, on whatever answered (a result, a redirect, an error in
 * either envelope), so a cross-origin client can read a 404 or a 429 as well as a 200.
 */
export interface CorsScope {
  /** Hono path patterns the scope covers. */
  paths: readonly string[];
  /** Methods a preflight allows: the reads, and for the APIs the token-authenticated writes. */
  methods: readonly string[];
}

/** The native API (reads and token-authenticated writes), CKAN's Action API (GET and POST) and the feeds. */
export const corsScopes: readonly CorsScope[] = [
  { paths: ['/api/v1/*'], methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] },
  { paths: ['/api/3/action/*', '/api/action/*'], methods: ['GET', 'POST'] },
  { paths: ['/catalog/*', '/catalog.jsonld', '/catalog.ttl', '/catalog.rdf', '/data.json', '/dataset/*'], methods: ['GET', 'HEAD'] },
];

/** Request headers a page may send: the token (Bearer, or CKAN's own header), a body's type, and conditional requests. */
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'X-CKAN-API-Key'] as const;

/** Response headers a page may read besides the CORS-safelisted ones. */
export const CORS_EXPOSED_HEADERS = ['ETag', 'Link', 'Location', 'Retry-After', 'X-Request-Id', 'Content-Disposition', 'Allow'] as const;

/** Browsers keep a preflight answer this long (Chromium caps it at two hours). */
export const CORS_MAX_AGE_SECONDS = 3600;

const withHeaders = (response: Response, headers: Record<string, string>): Response => {
  let target = response;
  try {
    for (const [name, value] of Object.entries(headers)) target.headers.set(name, value);
  } catch {
    // A response with immutable headers (one passed through from fetch): copy it, then set.
    target = new Response(response.body, response);
    for (const [name, value] of Object.entries(headers)) target.headers.set(name, value);
  }
  return target;
};

/** The middleware for one scope: preflights answered 204 here, every other answer given the CORS headers. */
export const corsFor = (scope: CorsScope) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method === 'OPTIONS') {
      // A preflight (or a plain OPTIONS): what may be sent here, and for how long the browser may trust it.
      return new Response(null, {
        status: 204,
        headers: {
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Allow-Methods': scope.methods.join(', '),
          'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS.join(', '),
          'Access-Control-Max-Age': String(CORS_MAX_AGE_SECONDS),
          Allow: ['OPTIONS', ...scope.methods].join(', '),
          'Cache-Control': `public, max-age=${CORS_MAX_AGE_SECONDS}`,
        },
      });
    }
    await next();
    const answered = withHeaders(c.res, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': CORS_EXPOSED_HEADERS.join(', ') });
    if (answered !== c.res) c.res = answered;
    return undefined;
  });
