import type * as Dynamo from '@aws-sdk/client-dynamodb';
import type * as DynamoDocument from '@aws-sdk/lib-dynamodb';
import type * as S3 from '@aws-sdk/client-s3';
import { traced } from '../observability/client-tracing';

/** Where the SDK clients point: AWS itself (no endpoint) or the local emulators. */
export interface AwsEndpoints {
  region: string;
  dynamoEndpoint?: string;
  s3Endpoint?: string;
  /** Path-style bucket addressing, which emulators need; AWS itself does not. */
  forcePathStyle?: boolean;
  /** Emulator credentials; in AWS the default provider chain (the Lambda role) is used. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * Every client passes through `traced`: X-Ray subsegments per SDK call once a Lambda handler has turned tracing on.
 * The SDK's packages are required when a client is made, not imported: the API makes its clients on
 * first use (wiring.ts), so a cold start that serves no storage request never loads them.
 */
export const createDynamoClient = (endpoints: AwsEndpoints, options: { cacheMiddleware?: boolean } = {}): Dynamo.DynamoDBClient =>
  traced(
    new (require('@aws-sdk/client-dynamodb') as typeof Dynamo).DynamoDBClient({
      region: endpoints.region,
      endpoint: endpoints.dynamoEndpoint,
      credentials: endpoints.credentials,
      ...(options.cacheMiddleware ? { cacheMiddleware: true } : {}),
    }),
  );

/**
 * The catalogue store's client. Without `cacheMiddleware` the SDK builds and sorts every command's
 * middleware stack again on each call, a large part of a call's CPU; with it, the stack is built
 * once per kind of command (the document client cannot use it, so the store marshals itself).
 * Middleware added to the client when it is made (the tracer's) is part of the cached stack.
 */
export const createCatalogueClient = (endpoints: AwsEndpoints): Dynamo.DynamoDBClient => createDynamoClient(endpoints, { cacheMiddleware: true });

/** For tests and scripts that read the table with plain JavaScript values. */
export const createDocumentClient = (endpoints: AwsEndpoints): DynamoDocument.DynamoDBDocumentClient =>
  (require('@aws-sdk/lib-dynamodb') as typeof DynamoDocument).DynamoDBDocumentClient.from(createDynamoClient(endpoints), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });

/**
 * Checksums only when required: with the SDK's defaults a streamed PutObject to s3rver stores
 * its aws-chunked framing inside the object, and presigned PUTs carry the CRC32 of an empty body.
 */
export const createS3Client = (endpoints: AwsEndpoints): S3.S3Client =>
  traced(
    new (require('@aws-sdk/client-s3') as typeof S3).S3Client({
      region: endpoints.region,
      endpoint: endpoints.s3Endpoint,
      forcePathStyle: endpoints.forcePathStyle ?? Boolean(endpoints.s3Endpoint),
      credentials: endpoints.credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  );
