import { Hono } from 'hono';
import { bodyCap } from '../api/http/body-limit';
import { respondWithError } from '../api/http/error-response';
import { ExchangeError } from '../domain/errors';
import { assetRoutes } from './assets';
import { formGuard } from './form-guard';
import { bodyETag } from './http-caching';
import { pageContext } from './page-context';
import { ErrorPage } from './pages/error';
import { publicRoutes } from './public-routes';
import { datasetRoutes } from './publish/dataset-routes';
import { sessionRoutes } from './publish/session-routes';
import { sharingRoutes } from './publish/sharing-routes';
import { tokenRoutes } from './publish/token-routes';
import { isScriptEndpoint, uploadRoutes } from './publish/upload-routes';
import { render } from './render';
import { webSession } from './session';
import type { WebEnv } from './web-env';

/**
 * Every path the web pages answer. The session middleware (cookie → caller) and the CSRF guard
 * are registered on these paths only, never on /api/*, which keeps bearer tokens alone.
 * (In Hono `/datasets/*` also matches `/datasets`, so each prefix is listed once.)
 */
export const PAGE_PATHS = ['/', '/datasets/*', '/organisations/*', '/schemas', '/sharing-register', '/publish/*'];

/** The web catalogue: server-rendered pages on the same domain calls as the API. Mount at '/'. */
export const createWebApp = (): Hono<WebEnv> => {
  const web = new Hono<WebEnv>();
  for (const path of PAGE_PATHS) web.use(path, webSession);
  for (const path of PAGE_PATHS) web.use(path, bodyCap); // after the session, which the error page shows
  for (const path of PAGE_PATHS) web.use(path, bodyETag); // Cache-Control is the app's (functions/web/http-caching.ts)
  web.use('/publish/*', formGuard);
  web.route('/', assetRoutes);
  web.route('/', publicRoutes);
  web.route('/', sessionRoutes);
  web.route('/', datasetRoutes);
  web.route('/', sharingRoutes);
  web.route('/', tokenRoutes);
  web.route('/', uploadRoutes);
  web.onError((error, c) => {
    if (isScriptEndpoint(c.req.path)) return respondWithError(c, error);
    const status = respondWithError(c, error).status;
    const message = error instanceof ExchangeError ? error.message : undefined;
    return render(c, ErrorPage({ page: pageContext(c), status, message }), { status: status as 404 });
  });
  return web;
};
