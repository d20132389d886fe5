import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { timing } from 'hono/timing';
import type { DomainContext } from '../domain/context';
import { ExchangeError, notFound } from '../domain/errors';
import type { AppEnv } from './env';
import { resolveCaller } from './http/authenticate';
import { bodyCap } from './http/body-limit';
import { observeRequests } from './http/observe';
import { respondWithError } from './http/error-response';
import { urlsFor } from './http/urls';
import { allowedMethods } from './route-table';
import { apiDocsRoutes, openApiRoutes } from './routes/api-docs';
import { datapackageRoutes } from './routes/datapackage';
import { ckanRoutes } from './routes/ckan';
import { datasetRoutes } from './routes/datasets';
import { dcatRoutes } from './routes/dcat';
import { healthRoutes } from './routes/health';
import { organisationRoutes } from './routes/organisations';
import { resourceRoutes } from './routes/resources';
import { rowRoutes } from './routes/rows';
import { schemaRoutes } from './routes/schemas';
import { sharingRoutes } from './routes/sharing';
import { sharingRegisterRoutes } from './routes/sharing-register';
import { createWebApp } from '../web/web-app';

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
  const app = new Hono<AppEnv>();
  app.use(observeRequests); // first: one log line, metrics and X-Request-Id for every request, errors included
  if (serverTiming) app.use(timing({ totalDescription: 'time in the exchange' }));
  app.use(secureHeaders());
  app.use(async (c, next) => {
    c.set('domain', domain);
    c.set('urls', urls);
    await next();
  });
  // Before resolveCaller: the CKAN API authenticates itself, so even a bad token gets CKAN's envelope.
  for (const base of ['/api/3/action', '/api/action']) app.route(base, ckanRoutes);
  app.use('/api/*', bodyCap); // the CKAN routes and the web pages register it themselves, for their own error shapes
  app.use(resolveCaller);

  app.route('/api/v1/health', healthRoutes);
  app.route('/api/v1/organisations', organisationRoutes);
  app.route('/api/v1/datasets', datasetRoutes);
  app.route('/api/v1/datasets/:dataset/resources', resourceRoutes);
  app.route('/api/v1/datasets/:dataset/resources', rowRoutes);
  app.route('/api/v1/datasets/:dataset', sharingRoutes);
  app.route('/api/v1/sharing-register', sharingRegisterRoutes);
  app.route('/api/v1/schemas', schemaRoutes);
  app.route('/api/v1/datasets/:dataset/datapackage.json', datapackageRoutes);
  app.route('/api/v1/openapi.json', openApiRoutes);
  app.route('/api/docs', apiDocsRoutes);
  app.route('/', dcatRoutes);

  for (const [path, methods] of allowedMethods) {
    app.all(path, (c) => {
      c.header('Allow', methods.join(', '));
      throw new ExchangeError('method_not_allowed', `${c.req.method} is not supported here; use ${methods.join(' or ')}.`);
    });
  }
  app.route('/', createWebApp()); // web pages: their own cookie session and CSRF, never on /api/*
  app.notFound(() => {
    throw notFound('page or API route');
  });
  app.onError((error, c) => respondWithError(c, error));
  return app;
};
