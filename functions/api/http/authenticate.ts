import { createMiddleware } from 'hono/factory';
import { setAnswerHeader } from './answer-headers';
import { authenticate } from '../../domain/access-tokens';
import type { AppEnv } from '../env';

/** Resolves the bearer token (if any) to `c.var.caller`; a bad token fails the request with 401. */
export const resolveCaller = createMiddleware<AppEnv>(async (c, next) => {
  c.set('caller', await authenticate(c.var.domain, c.req.header('authorization')));
  await next();
  // Responses differ by caller: never let a shared cache serve one caller's view to another.
  setAnswerHeader(c, 'Vary', 'Authorization', { append: true });
  if (c.var.caller.kind !== 'anonymous') setAnswerHeader(c, 'Cache-Control', 'private, no-store');
});
