import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
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

/** Every client passes through `traced`: X-Ray subsegments per SDK call once a Lambda handler has turned tracing on. */
export const createDynamoClient = (endpoints: AwsEndpoints): DynamoDBClient =>
  traced(new DynamoDBClient({ region: endpoints.region, endpoint: endpoints.dynamoEndpoint, credentials: endpoints.credentials }));

export const createDocumentClient = (endpoints: AwsEndpoints): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(createDynamoClient(endpoints), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });

/**
 * Checksums only when required: with the SDK's defaults a streamed PutObject to s3rver stores
 * its aws-chunked framing inside the object, and presigned PUTs carry the CRC32 of an empty body.
 */
export const createS3Client = (endpoints: AwsEndpoints): S3Client =>
  traced(
    new S3Client({
      region: endpoints.region,
      endpoint: endpoints.s3Endpoint,
      forcePathStyle: endpoints.forcePathStyle ?? Boolean(endpoints.s3Endpoint),
      credentials: endpoints.credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  );
