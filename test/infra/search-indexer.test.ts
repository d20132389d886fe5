import type { Template } from 'aws-cdk-lib/assertions';
import { powertoolsEnvNames } from '../../functions/observability/metric-names';
import { envNames } from '../../functions/storage/layout';
import { apiEntry, eventsQueueId, exchangeFunction, exchangeTemplate, indexerEntry, ingestEntry, onlyResource } from './helpers';

let template: Template;
let indexerId: string;
let indexer: Record<string, any>;
let queueId: string;
let deadLettersId: string;
beforeAll(() => {
  template = exchangeTemplate();
  const [id, fn] = exchangeFunction(template, indexerEntry);
  [indexerId, indexer] = [id, fn.Properties];
  queueId = eventsQueueId(template);
  deadLettersId = resources('AWS::SQS::Queue')[queueId].Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0];
});

const getAtt = (logicalId: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [logicalId, attribute] });
const resources = (type: string) => template.findResources(type) as Record<string, { Properties: Record<string, any> }>;
const queue = (id: string) => resources('AWS::SQS::Queue')[id].Properties;

describe('catalogue-changed queue', () => {
  test('is FIFO with the publisher setting deduplication ids, and encrypted with SQS-managed keys', () => {
    expect(queue(queueId)).toMatchObject({ FifoQueue: true, ContentBasedDeduplication: false, SqsManagedSseEnabled: true });
    expect(queue(queueId).KmsMasterKeyId).toBeUndefined();
  });

  test('hides a delivered batch for six indexer timeouts (30 minutes), so throttled batches are retried, not failed', () => {
    expect(queue(queueId).VisibilityTimeout).toBe(6 * indexer.Timeout);
    expect(queue(queueId).VisibilityTimeout).toBe(1800);
  });

  test('sends a message to its FIFO dead-letter queue after 5 failed deliveries', () => {
    expect(queue(queueId).RedrivePolicy).toEqual({ deadLetterTargetArn: getAtt(deadLettersId), maxReceiveCount: 5 });
    expect(queue(deadLettersId)).toMatchObject({ FifoQueue: true, SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    expect(queue(deadLettersId).RedrivePolicy).toBeUndefined();
  });

  test('both queues refuse requests without TLS', () => {
    for (const id of [queueId, deadLettersId]) {
      const policies = Object.values(resources('AWS::SQS::QueuePolicy')).filter((p) => p.Properties.Queues[0].Ref === id);
      expect(policies).toHaveLength(1);
      expect(policies[0].Properties.Queues).toEqual([{ Ref: id }]);
      expect(policies[0].Properties.PolicyDocument.Statement).toEqual([
        {
          Effect: 'Deny',
          Action: 'sqs:*',
          Principal: { AWS: '*' },
          Resource: getAtt(id),
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]);
    }
  });

  test('an alarm goes off as soon as one message waits in the dead-letter queue', () => {
    const alarms = Object.values(resources('AWS::CloudWatch::Alarm')).filter((a) => a.Properties.Namespace === 'AWS/SQS');
    const mine = alarms.filter((a) => a.Properties.Dimensions[0].Value['Fn::GetAtt'][0] === deadLettersId);
    expect(mine).toHaveLength(1);
    expect(mine[0].Properties).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: getAtt(deadLettersId, 'QueueName') }],
      Statistic: 'Maximum',
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
    expect(mine[0].Properties.AlarmDescription).toMatch(/search dead-letter queue/);
  });

  test('the dead-letter queue URL is an output', () => {
    template.hasOutput('SearchDeadLetterQueueUrl', { Value: { Ref: deadLettersId } });
  });

  test('the API and ingest are given its URL; the indexer (which publishes nothing) is not', () => {
    for (const entry of [apiEntry, ingestEntry]) {
      expect(exchangeFunction(template, entry)[1].Properties.Environment.Variables[envNames.eventsQueueUrl]).toEqual({ Ref: queueId });
    }
    expect(indexer.Environment.Variables[envNames.eventsQueueUrl]).toBeUndefined();
  });
});

describe('indexer function', () => {
  test('runs one at a time (reserved concurrency 1), 2048 MB, 5 minutes, newest Node on x86_64', () => {
    expect(indexer).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['x86_64'],
      Handler: 'index.handler',
      MemorySize: 2048,
      Timeout: 300,
      ReservedConcurrentExecutions: 1,
    });
    expect(indexer.Description).toMatch(/search indexer/);
  });

  test('is bound to the table and buckets only', () => {
    const [tableId] = onlyResource(template, 'AWS::DynamoDB::Table');
    const env = indexer.Environment.Variables;
    expect(Object.keys(env).sort()).toEqual(
      [envNames.tableName, envNames.uploadsBucket, envNames.publishedBucket, 'NODE_OPTIONS', ...Object.values(powertoolsEnvNames)].sort(),
    );
    expect(env[envNames.tableName]).toEqual({ Ref: tableId });
  });

  test('logs to its own log group, kept for a year', () => {
    expect(template.toJSON().Resources[indexer.LoggingConfig.LogGroup.Ref]).toMatchObject({
      Type: 'AWS::Logs::LogGroup',
      Properties: { RetentionInDays: 365 },
      DeletionPolicy: 'Retain',
    });
  });

  test('takes batches of up to 10 messages from the queue, reporting batch item failures', () => {
    // The indexer's own mapping (the harvester has one on the harvest queue).
    const [mapping] = Object.values(resources('AWS::Lambda::EventSourceMapping')).filter((m) => m.Properties.FunctionName.Ref === indexerId);
    expect(mapping.Properties).toMatchObject({
      EventSourceArn: getAtt(queueId),
      FunctionName: { Ref: indexerId },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    // A batching window is not allowed on FIFO queues, and none is set.
    expect(mapping.Properties.MaximumBatchingWindowInSeconds).toBeUndefined();
  });

  test('an EventBridge rule invokes it every 5 minutes, with only that rule allowed to', () => {
    // The ingest sweep has a schedule of its own (ingest.test.ts); this is the one targeting the indexer.
    const rules = Object.entries(resources('AWS::Events::Rule')).filter(([, r]) =>
      (r.Properties.Targets as { Arn: unknown }[]).some((t) => JSON.stringify(t.Arn) === JSON.stringify(getAtt(indexerId))),
    );
    expect(rules).toHaveLength(1);
    const [ruleId, rule] = rules[0];
    expect(rule.Properties).toMatchObject({
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Targets: [{ Arn: getAtt(indexerId), Id: expect.any(String) }],
    });
    // The scheduled event reaches the handler as EventBridge sends it (no Records, no Input override).
    expect(rule.Properties.Targets[0].Input).toBeUndefined();
    const permissions = Object.values(resources('AWS::Lambda::Permission')).filter(
      (p) => JSON.stringify(p.Properties.FunctionName) === JSON.stringify(getAtt(indexerId)),
    );
    expect(permissions.map((p) => p.Properties)).toEqual([
      { Action: 'lambda:InvokeFunction', FunctionName: getAtt(indexerId), Principal: 'events.amazonaws.com', SourceArn: getAtt(ruleId) },
    ]);
  });

  test('a scheduled run is not retried and is dropped after 5 minutes: the next tick supersedes it', () => {
    const configs = Object.values(resources('AWS::Lambda::EventInvokeConfig')).filter((c) => c.Properties.FunctionName.Ref === indexerId);
    expect(configs.map((c) => c.Properties)).toEqual([
      { FunctionName: { Ref: indexerId }, Qualifier: '$LATEST', MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 300 },
    ]);
  });

  test('an alarm goes off when it failed in three 5-minute periods in a row', () => {
    // The indexer's only Lambda alarm (its throttles are by design: see exchange-alarms.ts).
    const alarms = Object.values(resources('AWS::CloudWatch::Alarm')).filter(
      (a) => a.Properties.Namespace === 'AWS/Lambda' && a.Properties.Dimensions[0].Value.Ref === indexerId,
    );
    expect(alarms.map((a) => a.Properties)).toEqual([
      expect.objectContaining({
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: indexerId } }],
        Statistic: 'Sum',
        Period: 300,
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        EvaluationPeriods: 3,
        DatapointsToAlarm: 3,
        TreatMissingData: 'notBreaching',
      }),
    ]);
  });
});
