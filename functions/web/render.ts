import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { renderToBytes } from './html-fragment';

/**
 * Only the exchange's own styles and scripts run on its pages; `connect` adds the object
 * store's origin on the one page that uploads straight to it.
 */
const contentSecurityPolicy = (connect: string[]): string =>
  [
    "default-src 'self'",
    "img-src 'self' data:",
    "style-src 'self'",
    "script-src 'self'",
    `connect-src 'self'${connect.map((origin) => ` ${origin}`).join('')}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');

export interface RenderOptions {
  status?: ContentfulStatusCode;
  connect?: string[];
}

/**
 * Renders a page component as a complete HTML document. hono/jsx escapes every text and attribute.
 * The page goes out as the bytes it is encoded to once (the cached fragments it embeds were encoded
 * when drawn: html-fragment.ts), and a successful GET's weak ETag (the form
 * bodyETag in http-caching.ts gives, which then only compares it with If-None-Match) is their SHA-1
 * taken here: otherwise every view would copy the body's stream back to hash it, through WebCrypto's
 * job queue, and a Response made from the string would check the whole string's well-formedness first.
 */
export const render = async (c: Context, element: JSX.Element, options: RenderOptions = {}): Promise<Response> => {
  c.header('Content-Security-Policy', contentSecurityPolicy(options.connect ?? []));
  const status = options.status ?? 200;
  const body = await renderToBytes('<!doctype html>', element);
  if ((c.req.method === 'GET' || c.req.method === 'HEAD') && status < 300) c.header('ETag', `W/"${createHash('sha1').update(body).digest('hex')}"`);
  c.header('Content-Type', 'text/html; charset=UTF-8');
  return c.body(body, status);
};
