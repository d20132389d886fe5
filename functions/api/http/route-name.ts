import type { Context } from 'hono';

/** The route a request came through, as recorded in audit entries: method and path pattern. */
export const routeName = (c: Context): string => `${c.req.method} ${c.req.routePath}`;
