import { createMiddleware } from 'hono/factory';
import { authenticate } from '../../domain/access-tokens';
import type { AppEnv } from '../env';

/** Resolves the bearer token (if any) to `c.var.caller`; a bad token fails the request with 401. */
export const resolveCaller = createMiddleware<AppEnv>(async (c, next) => {
  c.set('caller', await authenticate(c.var.domain, c.req.header('authorization')));
  await next();
  // Responses differ by caller: never let a shared cache serve one caller's view to another.
  c.header('Vary', 'Authorization', { append: true });
  if (c.var.caller.kind !== 'anonymous') c.header('Cache-Control', 'private, no-store');
});
