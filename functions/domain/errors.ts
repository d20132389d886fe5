/**
 * Typed domain errors. Domain code throws these; the HTTP edge maps `code` to a status in one
 * place (functions/api/http/error-response.ts). `details` is safe to show to the caller;
 * `cause` is for logs only and never leaves the process.
 */
export type ErrorCode =
  | 'bad_request'
  | 'malformed_json'
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'precondition_failed'
  | 'precondition_required'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'query_timeout'
  | 'internal_error'
  /** The exchange's storage could not answer just now (throttled, unreachable): the caller may retry. */
  | 'service_unavailable';

export interface FieldProblem {
  field: string;
  message: string;
}

export class ExchangeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ExchangeError';
  }
}

export const notFound = (what = 'resource'): ExchangeError => new ExchangeError('not_found', `No such ${what}.`);

export const forbidden = (message: string): ExchangeError => new ExchangeError('forbidden', message);

export const unauthorized = (message: string): ExchangeError => new ExchangeError('unauthorized', message);

export const conflict = (message: string, details?: Record<string, unknown>): ExchangeError => new ExchangeError('conflict', message, details);

/** A row query stopped at its deadline (504), whichever engine ran it. */
export const queryTimeout = (timeoutMs: number, cause?: unknown): ExchangeError =>
  new ExchangeError(
    'query_timeout',
    `The query took longer than ${timeoutMs / 1000} s and was stopped. Narrow it with filters, or sort by fewer columns.`,
    undefined,
    cause === undefined ? undefined : { cause },
  );

export const badRequest = (message: string, details?: Record<string, unknown>): ExchangeError => new ExchangeError('bad_request', message, details);

export const validationFailed = (problems: FieldProblem[]): ExchangeError =>
  new ExchangeError(
    'validation_failed',
    problems.length === 1
      ? `Invalid field '${problems[0].field}': ${problems[0].message}`
      : `${problems.length} fields are invalid: ${problems.map((p) => p.field).join(', ')}`,
    { fields: problems },
  );

export const preconditionFailed = (): ExchangeError =>
  new ExchangeError('precondition_failed', 'The record has changed since you read it (If-Match does not match the current ETag). Fetch it again and retry.');
