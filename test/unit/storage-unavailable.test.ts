import { ConditionalCheckFailedException, InternalServerError, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { NoSuchKey, S3ServiceException } from '@aws-sdk/client-s3';
import { isStorageUnavailable } from '../../functions/observability/storage-unavailable';

/** Which errors the API answers 503 (storage cannot answer now) rather than 500: the SDK's own error classes. */
const metadata = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

it('counts throttling, server faults and refused or reset connections as storage unavailable', () => {
  expect(isStorageUnavailable(new ProvisionedThroughputExceededException({ message: 'slow down', ...metadata(400) }))).toBe(true);
  expect(isStorageUnavailable(new InternalServerError({ message: 'oops', ...metadata(500) }))).toBe(true);
  expect(
    isStorageUnavailable(new S3ServiceException({ name: 'SlowDown', $fault: 'server', message: 'Please reduce your request rate.', ...metadata(503) })),
  ).toBe(true);
  expect(isStorageUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' }))).toBe(true);
  expect(isStorageUnavailable(new Error('read failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) }))).toBe(true);
  // The SDK's retry layer wraps a thrown value from another realm, keeping only its text.
  expect(isStorageUnavailable(new Error('AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:1'))).toBe(true);
});

it('leaves client errors and bugs as they are (500 or their own status)', () => {
  expect(isStorageUnavailable(new ConditionalCheckFailedException({ message: 'The conditional request failed', ...metadata(400) }))).toBe(false);
  expect(isStorageUnavailable(new NoSuchKey({ message: 'The specified key does not exist.', ...metadata(404) }))).toBe(false);
  expect(isStorageUnavailable(new TypeError("Cannot read properties of undefined (reading 'EXTRA')"))).toBe(false);
  expect(isStorageUnavailable(undefined)).toBe(false);
  expect(isStorageUnavailable('ECONNREFUSED')).toBe(false);
});
