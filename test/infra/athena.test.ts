import type { Template } from 'aws-cdk-lib/assertions';
import { exchangeTemplate, onlyResource } from './helpers';

// The row API's Athena scale-out path (issue 6, item 5): functions/rows/athena-source.ts queries through it.
let template: Template;
let resultsId: string;
beforeAll(() => {
  template = exchangeTemplate();
  resultsId = bucketIdByLogPrefix('athena-results/');
});

function bucketIdByLogPrefix(prefix: string): string {
  const found = Object.entries(template.findResources('AWS::S3::Bucket')).filter(([, b]) => b.Properties.LoggingConfiguration?.LogFilePrefix === prefix);
  expect(found).toHaveLength(1);
  return found[0][0];
}

describe('Athena workgroup', () => {
  test('enforces its configuration: encrypted results in the results bucket, a 10 GiB scan cutoff, metrics, automatic engine', () => {
    const [, workGroup] = onlyResource(template, 'AWS::Athena::WorkGroup');
    expect(workGroup.Properties).toMatchObject({ Name: 'ldx-rows', State: 'ENABLED' });
    expect(workGroup.Properties.WorkGroupConfiguration).toEqual({
      EnforceWorkGroupConfiguration: true,
      PublishCloudWatchMetricsEnabled: true,
      BytesScannedCutoffPerQuery: 10 * 1024 ** 3,
      EngineVersion: { SelectedEngineVersion: 'AUTO' },
      RequesterPaysEnabled: false,
      ResultConfiguration: {
        OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: resultsId }, '/']] },
        EncryptionConfiguration: { EncryptionOption: 'SSE_S3' },
        ExpectedBucketOwner: { Ref: 'AWS::AccountId' },
      },
    });
  });

  test('its name is an output', () => {
    template.hasOutput('AthenaWorkGroupName', { Value: 'ldx-rows' });
  });
});

describe('Glue database', () => {
  test("ldx_published exists in this account's catalog, and is an output", () => {
    const [, database] = onlyResource(template, 'AWS::Glue::Database');
    expect(database.Properties).toEqual({
      CatalogId: { Ref: 'AWS::AccountId' },
      DatabaseInput: { Name: 'ldx_published', Description: expect.stringMatching(/Parquet/) },
    });
    template.hasOutput('GlueDatabaseName', { Value: 'ldx_published' });
  });

  test('the database and workgroup names can be changed (both are unique per account and region)', () => {
    const custom = exchangeTemplate({ stackProps: { athenaNames: { databaseName: 'ldx_staging', workGroupName: 'ldx-staging' } } });
    expect(onlyResource(custom, 'AWS::Glue::Database')[1].Properties.DatabaseInput.Name).toBe('ldx_staging');
    expect(onlyResource(custom, 'AWS::Athena::WorkGroup')[1].Properties.Name).toBe('ldx-staging');
  });
});

describe('Athena results bucket', () => {
  const results = () => template.toJSON().Resources[resultsId];

  test('is private, encrypted, owner-enforced and retained', () => {
    expect(results()).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(results().Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
  });

  test('logs to the access-log bucket under athena-results/', () => {
    expect(results().Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: accessLogsId() },
      LogFilePrefix: 'athena-results/',
    });
  });

  test('expires query results after 7 days and abandoned multipart uploads after 1', () => {
    expect(results().Properties.LifecycleConfiguration.Rules).toEqual([
      {
        Id: 'expire-query-results',
        Status: 'Enabled',
        ExpirationInDays: 7,
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
      },
    ]);
  });

  test('refuses requests without TLS', () => {
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')).filter((p) => p.Properties.Bucket.Ref === resultsId);
    expect(policies).toHaveLength(1);
    expect(policies[0].Properties.PolicyDocument.Statement).toEqual([
      {
        Effect: 'Deny',
        Action: 's3:*',
        Principal: { AWS: '*' },
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        Resource: [{ 'Fn::GetAtt': [resultsId, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [resultsId, 'Arn'] }, '/*']] }],
      },
    ]);
  });
});

/** The access-log bucket: the one bucket that logs nowhere and that the others log to. */
function accessLogsId(): string {
  const targets = new Set(
    Object.values(template.findResources('AWS::S3::Bucket'))
      .map((b) => b.Properties.LoggingConfiguration?.DestinationBucketName?.Ref)
      .filter(Boolean),
  );
  expect(targets.size).toBe(1);
  return [...targets][0] as string;
}
