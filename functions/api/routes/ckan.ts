import type { Context } from 'hono';
import { setAnswerHeader } from '../http/answer-headers';
import { Hono } from 'hono';
import type { CkanParams } from '../../ckan/action-types';
import { ckanActions } from '../../ckan/actions';
import { ckanBadRequest, CkanError, toCkanError } from '../../ckan/errors';
import { authenticate } from '../../domain/access-tokens';
import type { AppEnv } from '../env';
import { bodyCap } from '../http/body-limit';
import { currentCorrelationId } from '../../observability/correlation';
import { log } from '../../observability/telemetry';

/**
 * The CKAN Action API, at /api/3/action/{name} (and /api/action/{name}, which ckanapi uses).
 * Mounted before the app's own authentication so that every answer, a bad token's included,
 * comes in CKAN's envelope: {help, success, result} or {help, success: false, error}.
 */

/** CKAN clients send the token bare in Authorization (or X-CKAN-API-Key); the exchange's own clients send Bearer. */
const bearerHeader = (c: Context<AppEnv>): string | undefined => {
  const raw = c.req.header('authorization') ?? c.req.header('x-ckan-api-key');
  if (raw === undefined || raw.trim() === '') return undefined;
  return `Bearer ${raw.trim().replace(/^Bearer\s+/i, '')}`;
};

/** Like CKAN (werkzeug's MultiDict, "mixed"): a repeated parameter becomes a list, a single one a string. */
const mixed = (entries: Iterable<[string, string]>): CkanParams => {
  // A Map, then own properties: a parameter named `constructor` or `__proto__` is just a name.
  const params = new Map<string, string | string[]>();
  for (const [key, value] of entries) {
    const existing = params.get(key);
    params.set(key, existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value]);
  }
  return Object.fromEntries(params);
};

/** A multipart body the platform's parser cannot read is the client's mistake (400), not ours. */
const readForm = async (c: Context<AppEnv>): Promise<FormData> => {
  try {
    return await c.req.raw.formData();
  } catch {
    throw ckanBadRequest('the multipart/form-data body could not be read');
  }
};

const readBodyParams = async (c: Context<AppEnv>): Promise<CkanParams> => {
  const contentType = c.req.header('content-type')?.split(';')[0].trim().toLowerCase() ?? '';
  if (contentType === 'multipart/form-data') {
    const form = await readForm(c);
    return mixed([...form.entries()].flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : [])));
  }
  const text = await c.req.text();
  if (contentType === 'application/x-www-form-urlencoded') return mixed(new URLSearchParams(text));
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw ckanBadRequest(`JSON Error: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw ckanBadRequest('JSON Error: Request data JSON decoded to a value that is not a dictionary');
  }
  return parsed as CkanParams;
};

/** CKAN's `help`: the help_show link of the action asked for (read from the path: middleware has no route params). */
const helpLink = (c: Context<AppEnv>) => {
  const segment = c.req.path.split('/').at(-1) ?? '';
  let name = segment;
  try {
    name = decodeURIComponent(segment);
  } catch {
    // a malformed escape: keep the raw segment
  }
  return c.var.urls.ckanAction('help_show', `?name=${encodeURIComponent(name)}`);
};

const internalError = new CkanError('Internal Server Error', { message: 'Internal Server Error' });

/** CKAN's error envelope. It must not fail itself: if rendering the error throws, the answer is a plain internal error. */
const respondWithCkanError = (c: Context<AppEnv>, thrown: unknown): Response => {
  c.header('Cache-Control', 'no-store');
  try {
    const error: CkanError = toCkanError(thrown);
    if (error.status === 500) log().error('unhandled error', { requestId: currentCorrelationId(), path: c.req.path, method: c.req.method, error: thrown });
    return c.json({ help: helpLink(c), success: false, error: error.body() }, error.status);
  } catch (failure) {
    log().error('unhandled error while reporting an error', {
      requestId: currentCorrelationId(),
      path: c.req.path,
      method: c.req.method,
      error: thrown,
      failure,
    });
    return c.json({ help: null, success: false, error: internalError.body() }, 500);
  }
};

export const ckanRoutes = new Hono<AppEnv>()
  .use(bodyCap)
  .use(async (c, next) => {
    c.set('caller', await authenticate(c.var.domain, bearerHeader(c)));
    await next();
    // Answers differ by caller: never let a shared cache serve one caller's view to another.
    setAnswerHeader(c, 'Vary', 'Authorization', { append: true });
    if (c.var.caller.kind !== 'anonymous') setAnswerHeader(c, 'Cache-Control', 'private, no-store');
  })
  .on(['GET', 'POST'], '/:action', async (c) => {
    const name = c.req.param('action');
    const action = Object.hasOwn(ckanActions, name) ? ckanActions[name] : undefined;
    if (!action) throw ckanBadRequest(`Action name not known: ${name}`);
    const params = { ...mixed(new URL(c.req.url).searchParams), ...(c.req.method === 'POST' ? await readBodyParams(c) : {}) };
    const result = await action({ domain: c.var.domain, caller: c.var.caller, urls: c.var.urls, route: `${c.req.method} /api/3/action/${name}` }, params);
    return c.json({ help: helpLink(c), success: true, result });
  })
  .onError((error, c) => respondWithCkanError(c, error));
