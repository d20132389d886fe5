import { Match, type Template } from 'aws-cdk-lib/assertions';
import { bucketRoles, catalogueTable } from '../../functions/storage/layout';
import { exchangeTemplate, onlyResource } from './helpers';

let template: Template;
beforeAll(() => {
  template = exchangeTemplate();
});

describe('catalogue table', () => {
  test('is on-demand, with PITR, deletion protection and encryption', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true },
    });
  });

  test('is retained when the stack or resource is deleted', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('has the key schema and indexes of functions/storage/layout.ts', () => {
    const [, table] = onlyResource(template, 'AWS::DynamoDB::Table');
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: catalogueTable.partitionKey, KeyType: 'HASH' },
      { AttributeName: catalogueTable.sortKey, KeyType: 'RANGE' },
    ]);
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(
      catalogueTable.indexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: index.projection },
      })),
    );
    const keys = [catalogueTable.partitionKey, catalogueTable.sortKey, ...catalogueTable.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
    expect(table.Properties.AttributeDefinitions).toEqual(keys.map((name) => ({ AttributeName: name, AttributeType: 'S' })));
  });
});

describe('buckets', () => {
  const buckets = () => Object.entries(template.findResources('AWS::S3::Bucket'));

  // One per role in layout.ts, the access-log bucket and the Athena results bucket (athena.test.ts).
  const bucketCount = bucketRoles.length + 2;

  test('one per role in layout.ts plus the access-log and Athena results buckets', () => {
    expect(buckets()).toHaveLength(bucketCount);
  });

  test('all block public access, are encrypted and retained', () => {
    for (const [, bucket] of buckets()) {
      expect(bucket.DeletionPolicy).toBe('Retain');
      expect(bucket.UpdateReplacePolicy).toBe('Retain');
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }]);
    }
  });

  test('every bucket policy denies requests without TLS', () => {
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(bucketCount);
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      );
    }
    const bucketIds = buckets()
      .map(([id]) => id)
      .sort();
    expect(policies.map((p) => p.Properties.Bucket.Ref).sort()).toEqual(bucketIds);
  });

  test('every bucket but the access-log bucket logs to it; uploads and published are versioned', () => {
    const logged = buckets().filter(([, b]) => b.Properties.LoggingConfiguration);
    expect(logged).toHaveLength(bucketCount - 1);
    const [accessLogs] = buckets().filter(([, b]) => !b.Properties.LoggingConfiguration);
    const prefixes = logged.map(([, b]) => b.Properties.LoggingConfiguration.LogFilePrefix);
    expect(prefixes.sort()).toEqual([...bucketRoles.map((role) => `${role}/`), 'athena-results/'].sort());
    for (const [, bucket] of logged) {
      expect(bucket.Properties.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: accessLogs[0] });
      const versioned = bucket.Properties.LoggingConfiguration.LogFilePrefix !== 'athena-results/';
      expect(bucket.Properties.VersioningConfiguration).toEqual(versioned ? { Status: 'Enabled' } : undefined);
    }
  });

  test('the uploads bucket takes presigned PUTs from browsers and cleans up; the published bucket serves reads to any origin', () => {
    const withCors = new Map(
      buckets()
        .filter(([, b]) => b.Properties.CorsConfiguration)
        .map(([, b]) => [b.Properties.LoggingConfiguration.LogFilePrefix, b]),
    );
    expect([...withCors.keys()].sort()).toEqual(['published/', 'uploads/']);
    const uploads = withCors.get('uploads/')!;
    expect(uploads.Properties.CorsConfiguration.CorsRules).toEqual([expect.objectContaining({ AllowedMethods: ['PUT'], ExposedHeaders: ['ETag'] })]);
    expect(uploads.Properties.LifecycleConfiguration.Rules).toEqual([
      expect.objectContaining({
        Status: 'Enabled',
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
        NoncurrentVersionExpiration: { NoncurrentDays: 30 },
      }),
    ]);
    // A download redirect is followed by the browser from any origin: reads only.
    const published = withCors.get('published/')!;
    expect(published.Properties.CorsConfiguration.CorsRules).toEqual([expect.objectContaining({ AllowedMethods: ['GET', 'HEAD'], AllowedOrigins: ['*'] })]);
    expect(published.Properties.LifecycleConfiguration).toBeUndefined();
  });

  test('upload CORS origins can be narrowed', () => {
    const narrowed = exchangeTemplate({ stackProps: { uploadCorsOrigins: ['https://data.london.gov.uk'] } });
    narrowed.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedOrigins: ['https://data.london.gov.uk'] })] },
    });
  });
});
