import type { Template } from 'aws-cdk-lib/assertions';
import { DEFAULT_INGEST_DEADLINE_SECONDS } from '../../functions/domain/ingest-deadline';
import { envNames } from '../../functions/storage/layout';
import { INGEST_TIMEOUT } from '../../infra/constructs/ingest';
import { eventsQueueId, exchangeFunction, exchangeTemplate, ingestDeadLettersId, ingestEntry, onlyResource } from './helpers';

let template: Template;
let ingestId: string;
let ingest: Record<string, any>;
let queueId: string;
beforeAll(() => {
  template = exchangeTemplate();
  const [id, fn] = exchangeFunction(template, ingestEntry);
  [ingestId, ingest] = [id, fn.Properties];
  queueId = ingestDeadLettersId(template);
});

const getAtt = (logicalId: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [logicalId, attribute] });
const bucketId = (prefix: string): string => {
  const found = Object.entries(template.findResources('AWS::S3::Bucket')).filter(([, b]) => b.Properties.LoggingConfiguration?.LogFilePrefix === prefix);
  expect(found).toHaveLength(1);
  return found[0][0];
};

describe('ingest function', () => {
  test('is sized for streaming large files: 3008 MB, 15 minutes, 10 GiB of /tmp, x86_64, newest Node', () => {
    expect(ingest).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['x86_64'],
      Handler: 'index.handler',
      MemorySize: 3008,
      Timeout: 900,
      EphemeralStorage: { Size: 10240 },
    });
    expect(ingest.ReservedConcurrentExecutions).toBeUndefined();
  });

  test('is bound to the table, both buckets and the catalogue-changed queue, and to nothing only the API needs', () => {
    const [tableId] = onlyResource(template, 'AWS::DynamoDB::Table');
    expect(ingest.Environment.Variables).toEqual({
      [envNames.tableName]: { Ref: tableId },
      [envNames.uploadsBucket]: { Ref: bucketId('uploads/') },
      [envNames.publishedBucket]: { Ref: bucketId('published/') },
      [envNames.eventsQueueUrl]: { Ref: eventsQueueId(template) },
      NODE_OPTIONS: '--enable-source-maps',
      MALLOC_ARENA_MAX: '2',
      POWERTOOLS_SERVICE_NAME: 'ingest',
      POWERTOOLS_METRICS_NAMESPACE: 'LondonDataExchange',
      POWERTOOLS_LOG_LEVEL: 'INFO',
    });
  });

  test('logs to its own log group, kept for a year', () => {
    const logGroupId = ingest.LoggingConfig.LogGroup.Ref;
    expect(template.toJSON().Resources[logGroupId]).toMatchObject({
      Type: 'AWS::Logs::LogGroup',
      Properties: { RetentionInDays: 365 },
      DeletionPolicy: 'Retain',
    });
  });
});

const sweepRuleId = (): string => {
  const found = Object.entries(template.findResources('AWS::Events::Rule')).filter(([, rule]) =>
    rule.Properties.Targets?.some((target: any) => JSON.stringify(target.Arn) === JSON.stringify(getAtt(ingestId))),
  );
  expect(found).toHaveLength(1);
  return found[0][0];
};

describe('overdue ingests', () => {
  test('a schedule invokes the ingest function to sweep them, every five minutes', () => {
    const rule = template.toJSON().Resources[sweepRuleId()];
    expect(rule.Properties.ScheduleExpression).toBe('rate(5 minutes)');
  });

  test('the default deadline is longer than the function may run, so a live attempt is never failed as overdue', () => {
    expect(ingest.Timeout).toBe(INGEST_TIMEOUT.toSeconds());
    expect(DEFAULT_INGEST_DEADLINE_SECONDS).toBeGreaterThan(INGEST_TIMEOUT.toSeconds());
  });
});

describe('uploads bucket notification', () => {
  test('objects created under uploads/ invoke the ingest function, and nothing else is notified', () => {
    const [, notifications] = onlyResource(template, 'Custom::S3BucketNotifications');
    expect(notifications.Properties.BucketName).toEqual({ Ref: bucketId('uploads/') });
    expect(notifications.Properties.NotificationConfiguration).toEqual({
      LambdaFunctionConfigurations: [
        {
          Events: ['s3:ObjectCreated:*'],
          Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'uploads/' }] } },
          LambdaFunctionArn: getAtt(ingestId),
        },
      ],
    });
  });

  test('only S3, for the uploads bucket of this account, and the sweep schedule may invoke the ingest function', () => {
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission')).filter(
      (p) => JSON.stringify(p.Properties.FunctionName) === JSON.stringify(getAtt(ingestId)),
    );
    expect(permissions.map((p) => p.Properties)).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: getAtt(ingestId),
        Principal: 's3.amazonaws.com',
        SourceAccount: { Ref: 'AWS::AccountId' },
        SourceArn: getAtt(bucketId('uploads/')),
      },
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: getAtt(ingestId),
        Principal: 'events.amazonaws.com',
        SourceArn: getAtt(sweepRuleId()),
      },
    ]);
  });
});

describe('failed ingests', () => {
  test('are retried twice, then sent to the dead-letter queue', () => {
    const configs = Object.values(template.findResources('AWS::Lambda::EventInvokeConfig')).filter((c) => c.Properties.FunctionName.Ref === ingestId);
    expect(configs).toHaveLength(1);
    expect(configs[0].Properties).toEqual({
      FunctionName: { Ref: ingestId },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: getAtt(queueId) } },
    });
  });

  test('the dead-letter queue is encrypted and keeps messages 14 days', () => {
    const queue = template.toJSON().Resources[queueId];
    expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
  });

  test('the dead-letter queue refuses requests without TLS', () => {
    const policies = Object.values(template.findResources('AWS::SQS::QueuePolicy')).filter((p) => p.Properties.Queues[0].Ref === queueId);
    expect(policies).toHaveLength(1);
    const [policy] = policies;
    expect(policy.Properties.Queues).toEqual([{ Ref: queueId }]);
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      {
        Effect: 'Deny',
        Action: 'sqs:*',
        Principal: { AWS: '*' },
        Resource: getAtt(queueId),
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
  });

  test('an alarm goes off as soon as one message waits in the dead-letter queue', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter(
      (a) => JSON.stringify(a.Properties.Dimensions) === JSON.stringify([{ Name: 'QueueName', Value: getAtt(queueId, 'QueueName') }]),
    );
    expect(alarms).toHaveLength(1);
    const [alarm] = alarms;
    expect(alarm.Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: getAtt(queueId, 'QueueName') }],
      Statistic: 'Maximum',
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
    expect(alarm.Properties.AlarmDescription).toMatch(/dead-letter queue/);
  });

  test('the dead-letter queue URL is an output', () => {
    template.hasOutput('IngestDeadLetterQueueUrl', { Value: { Ref: queueId } });
  });
});
