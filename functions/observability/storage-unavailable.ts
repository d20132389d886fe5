/**
 * Whether an error means the exchange's storage (DynamoDB, S3, SQS through the AWS SDK) could not
 * answer just now, rather than a bug: the API answers those 503, so clients retry, and 500 the rest.
 * Reads the fields the AWS SDK v3 sets on its errors ($fault, $retryable, $metadata) and Node's
 * network error codes, also on an error's `cause`.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const UNAVAILABLE_NAMES = new Set([
  'ServiceUnavailable',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'SlowDown',
  'TimeoutError',
  'RequestTimeout',
  'InternalServerError',
  'InternalError',
]);

/**
 * The SDK's retry layer wraps a thrown value that is not an Error of its own realm in a new Error
 * ("AWS SDK error wrapper for Error: connect ECONNREFUSED …") that keeps only the message.
 */
const NETWORK_CODE_IN_MESSAGE = /\b(E[A-Z]+|UND_ERR_[A-Z_]+)\b/g;

interface SdkLikeError {
  message?: unknown;
  name?: unknown;
  code?: unknown;
  cause?: unknown;
  $fault?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

export const isStorageUnavailable = (error: unknown, depth = 0): boolean => {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const e = error as SdkLikeError;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  if (typeof e.name === 'string' && UNAVAILABLE_NAMES.has(e.name)) return true;
  if (typeof e.message === 'string' && [...e.message.matchAll(NETWORK_CODE_IN_MESSAGE)].some(([word]) => NETWORK_CODES.has(word))) return true;
  const status = e.$metadata?.httpStatusCode;
  if (e.$fault === 'server' || e.$retryable !== undefined || status === 429 || (typeof status === 'number' && status >= 500)) return true;
  return isStorageUnavailable(e.cause, depth + 1);
};
