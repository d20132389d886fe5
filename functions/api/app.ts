import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { DomainContext } from '../domain/context';
import { ExchangeError, notFound } from '../domain/errors';
import type { AppEnv } from './env';
import { resolveCaller } from './http/authenticate';
import { respondWithError } from './http/error-response';
import { urlsFor } from './http/urls';
import { datasetRoutes } from './routes/datasets';
import { healthRoutes } from './routes/health';
import { organisationRoutes } from './routes/organisations';
import { resourceRoutes } from './routes/resources';
import { schemaRoutes } from './routes/schemas';
import { sharingRoutes } from './routes/sharing';
import { sharingRegisterRoutes } from './routes/sharing-register';

export interface AppOptions {
  domain: DomainContext;
  /** Public origin for links (e.g. the CloudFront URL); defaults to each request's own origin. */
  publicBaseUrl?: string;
}

/** Methods each API path answers; anything else on a known path is a 405 with an Allow header. */
const allowedMethods: Array<[path: string, methods: string[]]> = [
  ['/api/v1/health', ['GET']],
  ['/api/v1/organisations', ['GET', 'POST']],
  ['/api/v1/organisations/:org', ['GET']],
  ['/api/v1/organisations/:org/tokens', ['POST']],
  ['/api/v1/datasets', ['GET', 'POST']],
  ['/api/v1/datasets/:dataset', ['GET', 'PATCH', 'DELETE']],
  ['/api/v1/datasets/:dataset/resources', ['POST']],
  ['/api/v1/datasets/:dataset/resources/:resource', ['GET']],
  ['/api/v1/datasets/:dataset/resources/:resource/data', ['PUT']],
  ['/api/v1/datasets/:dataset/resources/:resource/uploads', ['POST']],
  ['/api/v1/datasets/:dataset/resources/:resource/uploads/:upload', ['GET']],
  ['/api/v1/datasets/:dataset/resources/:resource/versions', ['GET']],
  ['/api/v1/datasets/:dataset/resources/:resource/versions/:version/report', ['GET']],
  ['/api/v1/datasets/:dataset/resources/:resource/download', ['GET']],
  ['/api/v1/datasets/:dataset/grants', ['GET', 'POST']],
  ['/api/v1/datasets/:dataset/grants/:org', ['DELETE']],
  ['/api/v1/datasets/:dataset/access-requests', ['GET', 'POST']],
  ['/api/v1/datasets/:dataset/access-requests/:request/approve', ['POST']],
  ['/api/v1/datasets/:dataset/access-requests/:request/decline', ['POST']],
  ['/api/v1/datasets/:dataset/audit', ['GET']],
  ['/api/v1/sharing-register', ['GET']],
  ['/api/v1/schemas', ['GET']],
  ['/api/v1/schemas/:schema', ['GET']],
];

export const createApp = ({ domain, publicBaseUrl }: AppOptions): Hono<AppEnv> => {
  const app = new Hono<AppEnv>();
  app.use(secureHeaders());
  app.use(async (c, next) => {
    c.set('domain', domain);
    c.set('urls', urlsFor(publicBaseUrl ?? new URL(c.req.url).origin));
    await next();
  });
  app.use('/api/*', resolveCaller);

  app.route('/api/v1/health', healthRoutes);
  app.route('/api/v1/organisations', organisationRoutes);
  app.route('/api/v1/datasets', datasetRoutes);
  app.route('/api/v1/datasets/:dataset/resources', resourceRoutes);
  app.route('/api/v1/datasets/:dataset', sharingRoutes);
  app.route('/api/v1/sharing-register', sharingRegisterRoutes);
  app.route('/api/v1/schemas', schemaRoutes);

  for (const [path, methods] of allowedMethods) {
    app.all(path, (c) => {
      c.header('Allow', methods.join(', '));
      throw new ExchangeError('method_not_allowed', `${c.req.method} is not supported here; use ${methods.join(' or ')}.`);
    });
  }
  app.notFound(() => {
    throw notFound('page or API route');
  });
  app.onError((error, c) => respondWithError(c, error));
  return app;
};
