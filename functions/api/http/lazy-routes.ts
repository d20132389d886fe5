import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { matchedRoutes, routePath } from 'hono/route';
import { TrieRouter } from 'hono/router/trie-router';
import { notFound } from '../../domain/errors';

/**
 * A group of routes (the web pages) built on the first request that reaches it, so the API
 * function's init neither loads the group's modules nor registers its routes: register the
 * returned handler with `app.all('*', ...)` where the group would have been mounted, on an app
 * whose router takes routes after it has matched (the trie router: app.ts). `build` requires
 * the group's module; `mount` mounts the group on the app (`app.route('/', group)`).
 *
 * That first request is answered by the group in a context of its own (Hono builds one per
 * `fetch`): its handlers see the app's variables (domain, urls, caller) copied in, the app sees
 * what the group set (a signed-in caller, its session) copied back, and the route pattern that
 * answered is kept for the request's log line and metrics (`answeredRoute`). Then the group's
 * routes are mounted on the app itself, after this handler, which from then on passes every
 * request on to them: later requests cost what a group mounted at init costs. The group must
 * answer every request it is handed (the web pages answer their 404 page); its own error handler
 * answers its errors, and any error it leaves goes on to the app's.
 */
export const lazyRoutes = <Group extends object>(build: () => Group, mount: (group: Group) => void): MiddlewareHandler => {
  let first: Hono | undefined;
  let mounted = false;
  return async (c, next) => {
    // Matched once the group was mounted, the request has the group's routes after this handler; one matched
    // before (still in the app's middleware when the first request mounted it) has none, and the group answers it here.
    if (mounted && c.req.routeIndex < matchedRoutes(c).length - 1) return next();
    if (!first) {
      const group = build();
      first = withAppContext(group as unknown as Hono);
      mount(group);
      mounted = true;
    }
    parents.set(c.req.raw, c);
    return first.fetch(c.req.raw, c.env);
  };
};

/** The route pattern that answered the request: the lazily built group's, when one answered it. */
export const answeredRoute = (c: Context): string => answered.get(c) ?? routePath(c);

/** The app's context of each request handed to a group, by its Request (one object per request). */
const parents = new WeakMap<Request, Context>();
const answered = new WeakMap<Context, string>();

const withAppContext = (group: Hono): Hono => {
  const outer = new Hono({ router: new TrieRouter() }); // as the app's (app.ts): no matcher built on the first request
  outer.use(async (c, next) => {
    const parent = parents.get(c.req.raw);
    if (!parent) throw new Error('a lazily built route group was called without the app context');
    for (const [name, value] of Object.entries(parent.var)) c.set(name as never, value as never);
    await next();
    for (const [name, value] of Object.entries(c.var)) parent.set(name as never, value as never);
    answered.set(parent, routePath(c));
  });
  outer.route('/', group);
  outer.notFound(() => {
    throw notFound('page or API route');
  });
  // Errors the group's own handler did not answer are the app's to answer, as for a mounted group.
  outer.onError((error) => {
    throw error;
  });
  return outer;
};
