import { envNames } from '../../functions/storage/layout';
import type { TestExchange } from './test-exchange';

/**
 * The environment a deployed function gets from its CDK construct, pointing the AWS SDK at the
 * test exchange's emulators through the SDK's own standard endpoint variables.
 */
export const lambdaEnvironment = (t: TestExchange): Record<string, string> => ({
  AWS_REGION: 'eu-west-2',
  AWS_ACCESS_KEY_ID: 'S3RVER',
  AWS_SECRET_ACCESS_KEY: 'S3RVER',
  AWS_ENDPOINT_URL_DYNAMODB: t.exchange.endpoints.dynamoEndpoint!,
  AWS_ENDPOINT_URL_S3: t.exchange.endpoints.s3Endpoint!,
  [envNames.tableName]: t.exchange.names.table,
  [envNames.uploadsBucket]: t.exchange.names.uploads,
  [envNames.publishedBucket]: t.exchange.names.published,
});

/** Sets that environment in this process (for handlers imported in-process); returns a restore. */
export const useLambdaEnvironment = (t: TestExchange, extra: Record<string, string> = {}): (() => void) => {
  const saved = { ...process.env };
  Object.assign(process.env, lambdaEnvironment(t), extra);
  return () => {
    process.env = saved;
  };
};
