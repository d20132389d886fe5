import { jsonResponse, ref } from '../openapi/builders';
import { route } from './declare';

export const healthRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/health',
    operationId: 'health',
    summary: 'Liveness',
    tags: ['Service'],
    auth: 'public',
    responses: { 200: jsonResponse('The service is up.', ref('Health')) },
    handler: (c) => {
      // A health check must reach the exchange itself, never a cached answer from the edge.
      c.header('Cache-Control', 'no-store');
      return c.json({ status: 'ok', time: c.var.domain.now().toISOString() });
    },
  }),
];
