import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { setAnswerHeader } from './answer-headers';
import { createMiddleware } from 'hono/factory';
import type { Caller } from '../../domain/caller';
import { newRequestId, withCorrelationId } from '../../observability/correlation';
import { metricDimensions, metricNames } from '../../observability/metric-names';
import { emitMetric, log } from '../../observability/telemetry';
import type { AppEnv } from '../env';
import { answeredRoute } from './lazy-routes';

/** API Gateway's id for the request, when the app runs behind it (hono/aws-lambda puts the event in c.env). */
const gatewayRequestId = (env: unknown): string | undefined => {
  const id = (env as { event?: { requestContext?: { requestId?: unknown } } } | undefined)?.event?.requestContext?.requestId;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
};

/** Who called, by organisation, token id and person id only: never the token itself. */
const callerFields = (caller: Caller | undefined): Record<string, string> => {
  if (!caller) return { caller: 'anonymous' };
  if (caller.kind === 'member')
    return {
      caller: 'member',
      organisation: caller.organisationId,
      ...(caller.tokenId ? { tokenId: caller.tokenId } : {}),
      ...(caller.personId ? { personId: caller.personId } : {}),
    };
  return { caller: caller.kind };
};

/**
 * One structured log line and the Requests/RequestLatency metrics per request, and its id in
 * `X-Request-Id`. Registered first, so it times and sees everything, errors included (Hono has
 * already turned a thrown error into its response when `next` returns). The route is the pattern
 * that answered (after `next`, routePath names the last handler run), never the path itself,
 * which would carry dataset names and unbounded values into logs and metric dimensions.
 */
export const observeRequests = createMiddleware<AppEnv>(async (c, next) => {
  const started = performance.now();
  const requestId = gatewayRequestId(c.env) ?? newRequestId();
  await withCorrelationId(requestId, next);
  setAnswerHeader(c, 'X-Request-Id', requestId);
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  const route = answeredRoute(c);
  const status = c.res.status;
  log().info('request', { requestId, method: c.req.method, route, status, latencyMs, ...callerFields(c.var.caller) });
  emitMetric(metricNames.requests, MetricUnit.Count, 1, { [metricDimensions.route]: route, [metricDimensions.statusClass]: `${Math.floor(status / 100)}xx` });
  emitMetric(metricNames.requestLatency, MetricUnit.Milliseconds, latencyMs);
});
