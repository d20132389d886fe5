import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, PutBucketCorsCommand, type S3Client } from '@aws-sdk/client-s3';
import { catalogueTable, publishedCors, uploadsCors } from '../storage/layout';

/** Creates the catalogue table from the same definition the CDK stack uses, unless it exists. */
export const ensureTable = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const keyAttributes = [catalogueTable.partitionKey, catalogueTable.sortKey, ...catalogueTable.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: catalogueTable.partitionKey, KeyType: 'HASH' },
        { AttributeName: catalogueTable.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: catalogueTable.indexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: index.projection },
      })),
    }),
  );
};

export const ensureBucket = async (client: S3Client, bucket: string): Promise<void> => {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  }
};

/** Browsers PUT straight to presigned upload URLs: the same CORS rule the CDK stack gives the uploads bucket. */
export const allowBrowserUploads = async (client: S3Client, bucket: string): Promise<void> => {
  await client.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedMethods: [...uploadsCors.allowedMethods],
            AllowedOrigins: ['*'],
            AllowedHeaders: [...uploadsCors.allowedHeaders],
            ExposeHeaders: [...uploadsCors.exposedHeaders],
            MaxAgeSeconds: uploadsCors.maxAgeSeconds,
          },
        ],
      },
    }),
  );
};

/** Pages on other sites follow download redirects here: the same CORS rule the CDK stack gives the published bucket. */
export const allowBrowserDownloads = async (client: S3Client, bucket: string): Promise<void> => {
  await client.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedMethods: [...publishedCors.allowedMethods],
            AllowedOrigins: ['*'],
            AllowedHeaders: [...publishedCors.allowedHeaders],
            ExposeHeaders: [...publishedCors.exposedHeaders],
            MaxAgeSeconds: publishedCors.maxAgeSeconds,
          },
        ],
      },
    }),
  );
};
