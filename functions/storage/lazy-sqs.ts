import type * as Sqs from '@aws-sdk/client-sqs';
import { traced } from '../observability/client-tracing';

/**
 * An SQS client made, with its SDK required, when first asked for: the API sends to its queues
 * only on writes (catalogue changes, "harvest now"), so its cold start does not load SQS's SDK.
 */
export const lazySqsClient = (region: string): (() => Sqs.SQSClient) => {
  let client: Sqs.SQSClient | undefined;
  return () => {
    client ??= traced(new (require('@aws-sdk/client-sqs') as typeof Sqs).SQSClient({ region }));
    return client;
  };
};
