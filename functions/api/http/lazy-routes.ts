import type { Context, Env } from 'hono';
import { Hono } from 'hono';
import { routePath } from 'hono/route';
import { notFound } from '../../domain/errors';

/**
 * A group of routes (the web pages) built on the first request that reaches it, so the API
 * function's init neither evaluates the group's modules nor builds its routes: register the
 * returned handler with `app.all(...)` where the group would have been mounted. `build` requires
 * the group's module (a literal `require`, so the bundle still holds it).
 *
 * The group answers in a context of its own (Hono builds one per `fetch`), so its handlers see the
 * app's variables (domain, urls, caller) copied in, the app sees what the group set (a signed-in
 * caller, its session) copied back, and the route pattern that answered is kept for the request's
 * log line and metrics (`answeredRoute`). The group must answer every request it is handed (the
 * web pages answer their 404 page); its own error handler answers its errors, and any error it
 * leaves goes on to the app's.
 */
export const lazyRoutes = <E extends Env>(build: () => Hono<E>): ((c: Context) => Promise<Response>) => {
  let group: Hono | undefined;
  return (c) => {
    group ??= withAppContext(build() as unknown as Hono);
    parents.set(c.req.raw, c);
    return Promise.resolve(group.fetch(c.req.raw, c.env));
  };
};

/** The route pattern that answered the request: the lazily built group's, when one answered it. */
export const answeredRoute = (c: Context): string => answered.get(c) ?? routePath(c);

/** The app's context of each request handed to a group, by its Request (one object per request). */
const parents = new WeakMap<Request, Context>();
const answered = new WeakMap<Context, string>();

const withAppContext = (group: Hono): Hono => {
  const outer = new Hono();
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
