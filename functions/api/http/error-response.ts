import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ErrorCode, ExchangeError } from '../../domain/errors';

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
  query_timeout: 504,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

export const errorBody = (error: ExchangeError): ErrorBody => ({
  error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
});

/** Renders any thrown value as the one error shape; unexpected errors are logged, never shown. */
export const respondWithError = (c: Context, thrown: unknown): Response => {
  const error =
    thrown instanceof ExchangeError
      ? thrown
      : new ExchangeError('internal_error', 'Something went wrong on our side. It has been logged; please try again later.');
  if (!(thrown instanceof ExchangeError)) console.error('unhandled error', { path: c.req.path, method: c.req.method, error: thrown });
  if (error.code === 'unauthorized') c.header('WWW-Authenticate', 'Bearer realm="london-data-exchange"');
  c.header('Cache-Control', 'no-store');
  return c.json(errorBody(error), statusOf[error.code]);
};
