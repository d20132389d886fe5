import { Hono } from 'hono';
import { TrieRouter } from 'hono/router/trie-router';
import { secureHeaders } from 'hono/secure-headers';
import { timing } from 'hono/timing';
import type { DomainContext } from '../domain/context';
import { ExchangeError, notFound } from '../domain/errors';
import type { AppEnv } from './env';
import { resolveCaller } from './http/authenticate';
import { bodyCap } from './http/body-limit';
import { corsFor, corsScopes } from './http/cors';
import { observeRequests } from './http/observe';
import { respondWithError } from './http/error-response';
import { urlsFor } from './http/urls';
import { requestReader } from './http/request-validation';
import { declaredRoutes } from './route-declarations';
import { allowedMethods } from './route-table';
import { apiDocsRoutes } from './routes/api-docs';
import { ckanRoutes } from './routes/ckan';
import { lazyRoutes } from './http/lazy-routes';
import { bodyETag, cacheControl } from '../web/http-caching';
import { webPages } from './web-pages-loader';

export interface AppOptions {
  domain: DomainContext;
  /**
   * The exchange's public base URL (e.g. https://data.london.gov.uk): every absolute link and
   * redirect is built from it, never from the request's Host header, which the client chooses.
   */
  publicBaseUrl: string;
  /**
   * Adds `Server-Timing: total;dur=…` (the exchange's own time) to every response, for
   * benchmarks. Off by default: without the network's noise, a client could more easily tell by
   * timing a dataset it may not see (two reads) from one that does not exist (one read).
   */
  serverTiming?: boolean;
}

export const createApp = ({ domain, publicBaseUrl, serverTiming = false }: AppOptions): Hono<AppEnv> => {
  const urls = urlsFor(publicBaseUrl);
  // The trie router inserts each route as it is registered; Hono's default builds one regular expression of every route
  // on the first request, which costs every cold instance's first request far more than it saves on later matches. The
  // trie router also takes routes after it has matched, as the lazily built web pages need (http/lazy-routes.ts).
  const app = new Hono<AppEnv>({ router: new TrieRouter() });
  app.use(observeRequests); // first: one log line, metrics and X-Request-Id for every request, errors included
  if (serverTiming) app.use(timing({ totalDescription: 'time in the exchange' }));
  app.use(secureHeaders());
  app.use(cacheControl); // public for anonymous GETs, private for anything with a credential (the CloudFront edge honours it)
  app.use(async (c, next) => {
    c.set('domain', domain);
    c.set('urls', urls);
    await next();
  });
  // Before every route, so preflights never reach the 405 table or the CKAN router; never on the web pages (cookies).
  for (const scope of corsScopes) for (const path of scope.paths) app.use(path, corsFor(scope));
  // Before resolveCaller: the CKAN API authenticates itself, so even a bad token gets CKAN's envelope.
  for (const base of ['/api/3/action', '/api/action']) app.route(base, ckanRoutes);
  app.use('/api/*', bodyCap); // the CKAN routes and the web pages register it themselves, for their own error shapes
  app.use(resolveCaller);

  for (const feed of ['/catalog/*', '/catalog.jsonld', '/catalog.ttl', '/catalog.rdf', '/data.json', '/dataset/*']) app.use(feed, bodyETag); // the DCAT feeds answer If-None-Match
  for (const declaration of declaredRoutes) {
    const readRequest = requestReader(declaration);
    app.on(declaration.method, declaration.path, async (c) => declaration.handler(c, await readRequest(c)));
  }
  app.route('/api/docs', apiDocsRoutes);

  for (const [path, methods] of allowedMethods) {
    app.all(path, (c) => {
      c.header('Allow', methods.join(', '));
      throw new ExchangeError('method_not_allowed', `${c.req.method} is not supported here; use ${methods.join(' or ')}.`);
    });
  }
  // Web pages: their own cookie session and CSRF, never on /api/*. Loaded and built by the first request that gets
  // this far (a page, an asset, a 404): in the deployed function they are a file of their own (infra/constructs/lazy-groups.ts).
  app.all(
    '*',
    lazyRoutes(
      () => webPages().createWebApp(),
      (web) => app.route('/', web),
    ),
  );
  app.notFound(() => {
    throw notFound('page or API route');
  });
  app.onError((error, c) => respondWithError(c, error));
  return app;
};
