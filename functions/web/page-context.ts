import type { Context } from 'hono';
import type { Caller } from '../domain/caller';
import type { Urls } from '../api/http/urls';
import type { Session } from './web-env';
import type { WebEnv } from './web-env';

/** What every page component needs to know about the request: who is looking and how to link. */
export interface PageContext {
  urls: Urls;
  caller: Caller;
  session: Session;
  /** The request path, to mark the current navigation item. */
  path: string;
}

export const pageContext = (c: Context<WebEnv>): PageContext => ({
  urls: c.var.urls,
  caller: c.var.caller,
  session: c.var.session ?? { via: 'none' },
  path: c.req.path,
});

/** Query strings for page links, leaving out empty values. */
export const queryString = (params: Record<string, string | number | undefined>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

export const seg = encodeURIComponent;
