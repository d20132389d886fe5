import { Hono } from 'hono';
import { bodyCap } from '../api/http/body-limit';
import { respondWithError } from '../api/http/error-response';
import { ExchangeError, notFound } from '../domain/errors';
import { assetRoutes } from './assets';
import { formGuard } from './form-guard';
import { bodyETag } from './http-caching';
import { pageContext } from './page-context';
import { ErrorPage } from './pages/error';
import { publicRoutes } from './public-routes';
import { datasetRoutes } from './publish/dataset-routes';
import { deleteDatasetRoutes } from './publish/delete-dataset-routes';
import { harvestRoutes } from './publish/harvest-routes';
import { accountRoutes } from './publish/account-routes';
import { membersRoutes } from './publish/members-routes';
import { notificationsRoutes } from './publish/notifications-routes';
import { oidcRoutes } from './publish/oidc-routes';
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

/** Paths whose answers are for programs (the APIs, the DCAT feeds): an unknown one gets the JSON 404, never a page. */
const MACHINE_PATH = /^\/(api|catalog|dataset)(\/|\.|$)/;
export const isMachinePath = (path: string): boolean => MACHINE_PATH.test(path);

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
  web.route('/', oidcRoutes);
  web.route('/', accountRoutes);
  web.route('/', membersRoutes);
  web.route('/', datasetRoutes);
  web.route('/', deleteDatasetRoutes);
  web.route('/', sharingRoutes);
  web.route('/', tokenRoutes);
  web.route('/', harvestRoutes);
  web.route('/', notificationsRoutes);
  web.route('/', uploadRoutes);
  // Last: any other path that is not the APIs' or the feeds' answers the HTML 404 page (theirs stay JSON).
  web.all(
    '*',
    (c, next) => (isMachinePath(c.req.path) || c.var.session ? next() : webSession(c, next)),
    (c) => {
      throw notFound(isMachinePath(c.req.path) ? 'page or API route' : 'page');
    },
  );
  web.onError((error, c) => {
    if (isScriptEndpoint(c.req.path) || isMachinePath(c.req.path)) return respondWithError(c, error);
    const status = respondWithError(c, error).status;
    const message = error instanceof ExchangeError ? error.message : undefined;
    return render(c, ErrorPage({ page: pageContext(c), status, message }), { status: status as 404 });
  });
  return web;
};
