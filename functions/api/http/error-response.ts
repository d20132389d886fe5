import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ErrorCode, ExchangeError } from '../../domain/errors';
import { currentCorrelationId } from '../../observability/correlation';
import { isStorageUnavailable } from '../../observability/storage-unavailable';
import { log } from '../../observability/telemetry';

/** The only place an error code becomes an HTTP status. */
const statusOf: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  malformed_json: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  precondition_required: 428,
  internal_error: 500,
  service_unavailable: 503,
  query_timeout: 504,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

export const errorBody = (error: ExchangeError): ErrorBody => ({
  error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
});

/** A thrown value that is not an ExchangeError, as one: storage that cannot answer now (503), or a bug (500). */
const unexpected = (thrown: unknown): ExchangeError =>
  isStorageUnavailable(thrown)
    ? new ExchangeError('service_unavailable', 'The exchange cannot reach its storage just now; please try again shortly.', undefined, { cause: thrown })
    : new ExchangeError('internal_error', 'Something went wrong on our side. It has been logged; please try again later.', undefined, { cause: thrown });

/** Errors that are not the caller's fault: logged here, once, with their cause; never shown. */
const isOurs = (error: ExchangeError): boolean => error.code === 'internal_error' || error.code === 'service_unavailable';

/** Renders any thrown value as the one error shape. */
export const respondWithError = (c: Context, thrown: unknown): Response => {
  const error = thrown instanceof ExchangeError ? thrown : unexpected(thrown);
  if (isOurs(error)) {
    log().error(error.code === 'service_unavailable' ? 'storage unavailable' : 'unhandled error', {
      requestId: currentCorrelationId(),
      method: c.req.method,
      error: error.cause ?? error,
    });
  }
  if (error.code === 'unauthorized') c.header('WWW-Authenticate', 'Bearer realm="london-data-exchange"');
  if (error.code === 'service_unavailable') c.header('Retry-After', '5');
  c.header('Cache-Control', 'no-store');
  return c.json(errorBody(error), statusOf[error.code]);
};
