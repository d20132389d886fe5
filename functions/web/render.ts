import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSX } from 'hono/jsx/jsx-runtime';

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

/** Renders a page component as a complete HTML document. hono/jsx escapes every text and attribute. */
export const render = async (c: Context, element: JSX.Element, options: RenderOptions = {}): Promise<Response> => {
  c.header('Content-Security-Policy', contentSecurityPolicy(options.connect ?? []));
  const body = `<!doctype html>${await element.toString()}`;
  return c.html(body, options.status ?? 200);
};
