import type { Template } from 'aws-cdk-lib/assertions';
import { HARVEST_QUEUE_URL_ENV } from '../../functions/harvest/jobs/harvest-queue';
import { envNames } from '../../functions/storage/layout';
import { apiEntry, exchangeFunction, exchangeRoleId, exchangeTemplate, harvestDispatchEntry, harvesterEntry, linkCheckEntry } from './helpers';

/** Scheduled harvesting in AWS: Scheduler -> dispatch -> SQS pages -> capped harvester; DLQ with an alarm; the link checker's schedule. */
let template: Template;
const resources = (type: string) => template.findResources(type) as Record<string, { Properties: Record<string, any> }>;
const getAtt = (id: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [id, attribute] });
let pagesId: string;
let deadLettersId: string;

beforeAll(() => {
  template = exchangeTemplate();
  const queues = Object.entries(resources('AWS::SQS::Queue')).filter(([id]) => id.startsWith('Harvest'));
  pagesId = queues.find(([, q]) => q.Properties.RedrivePolicy)![0];
  deadLettersId = queues.find(([, q]) => !q.Properties.RedrivePolicy)![0];
});

/** Every statement of every policy attached to a role. */
const statementsOf = (roleId: string) =>
  Object.values(resources('AWS::IAM::Policy'))
    .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>);

test('EventBridge Scheduler runs the dispatch every 15 minutes and the link checker hourly, each role invoking its one function', () => {
  const schedules = Object.values(resources('AWS::Scheduler::Schedule')).map((s) => s.Properties);
  const [dispatchId] = exchangeFunction(template, harvestDispatchEntry);
  const [checkerId] = exchangeFunction(template, linkCheckEntry);
  const byTarget = new Map(schedules.map((s) => [s.Target.Arn['Fn::GetAtt'][0], s]));
  expect(byTarget.get(dispatchId)).toMatchObject({ ScheduleExpression: 'rate(15 minutes)', Target: { RetryPolicy: { MaximumRetryAttempts: 0 } } });
  expect(byTarget.get(checkerId)).toMatchObject({ ScheduleExpression: 'rate(1 hour)' });
  for (const [fnId, schedule] of byTarget) {
    const roleId = schedule.Target.RoleArn['Fn::GetAtt'][0];
    expect(statementsOf(roleId)).toEqual([expect.objectContaining({ Action: 'lambda:InvokeFunction', Resource: getAtt(fnId) })]);
  }
});

test('pages wait in an encrypted queue hidden for six harvester timeouts, and go to the dead-letter queue after 5 deliveries', () => {
  const [, harvester] = exchangeFunction(template, harvesterEntry);
  const pages = resources('AWS::SQS::Queue')[pagesId].Properties;
  expect(pages).toMatchObject({ SqsManagedSseEnabled: true, VisibilityTimeout: 6 * harvester.Properties.Timeout });
  expect(pages.RedrivePolicy).toEqual({ deadLetterTargetArn: getAtt(deadLettersId), maxReceiveCount: 5 });
  expect(resources('AWS::SQS::Queue')[deadLettersId].Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
});

test('the harvester takes one page per invocation, at most 2 at once, reporting failures per message', () => {
  const [harvesterId, harvester] = exchangeFunction(template, harvesterEntry);
  const mappings = Object.values(resources('AWS::Lambda::EventSourceMapping')).filter((m) => m.Properties.FunctionName.Ref === harvesterId);
  expect(mappings).toHaveLength(1);
  expect(mappings[0].Properties).toMatchObject({
    EventSourceArn: getAtt(pagesId),
    BatchSize: 1,
    ScalingConfig: { MaximumConcurrency: 2 },
    FunctionResponseTypes: ['ReportBatchItemFailures'],
  });
  expect(harvester.Properties.ReservedConcurrentExecutions).toBe(3);
  expect(harvester.Properties.Timeout).toBe(900);
});

test('the dispatch may only send to the pages queue, the harvester consume and send, the link checker neither; the harvester and link checker wake the search indexer', () => {
  for (const entry of [harvestDispatchEntry, harvesterEntry]) {
    const [, fn] = exchangeFunction(template, entry);
    expect(fn.Properties.Environment.Variables[HARVEST_QUEUE_URL_ENV]).toEqual({ Ref: pagesId });
  }
  const onPages = (entry: string) =>
    statementsOf(exchangeRoleId(template, entry))
      .filter((s) => JSON.stringify(s.Resource) === JSON.stringify(getAtt(pagesId)))
      .flatMap((s) => [s.Action].flat());
  expect(onPages(harvestDispatchEntry)).toEqual(['sqs:SendMessage']);
  // The harvester also consumes (the event source's grant) and queues each run's next page.
  expect(onPages(harvesterEntry)).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:SendMessage']));
  expect(onPages(linkCheckEntry)).toEqual([]);
  for (const entry of [harvesterEntry, linkCheckEntry]) {
    expect(exchangeFunction(template, entry)[1].Properties.Environment.Variables[envNames.eventsQueueUrl]).toBeDefined();
  }
});

test('"harvest now" in the API queues its run: the API is bound to the pages queue and may send to it, nothing more', () => {
  const [, api] = exchangeFunction(template, apiEntry);
  expect(api.Properties.Environment.Variables[HARVEST_QUEUE_URL_ENV]).toEqual({ Ref: pagesId });
  // Its statements may name the pages queue beside other queues (one SendMessage statement for both).
  const onPages = statementsOf(exchangeRoleId(template, apiEntry))
    .filter((s) => [s.Resource].flat().some((r) => JSON.stringify(r) === JSON.stringify(getAtt(pagesId))))
    .flatMap((s) => [s.Action].flat());
  expect(onPages).toEqual(['sqs:SendMessage']);
});

test('the harvester may put objects in the uploads bucket (mirror mode copies files there for ingest), and read none', () => {
  const uploads = JSON.stringify(statementsOf(exchangeRoleId(template, harvesterEntry)).filter((s) => JSON.stringify(s.Resource).includes('Uploads')));
  expect(uploads).toContain('s3:PutObject');
  expect(uploads).not.toContain('s3:GetObject');
});

test('a message in the dead-letter queue sets off an alarm that notifies the alarm topic', () => {
  const alarms = Object.values(resources('AWS::CloudWatch::Alarm')).filter((a) =>
    (a.Properties.Dimensions ?? []).some((d: { Value: unknown }) => JSON.stringify(d.Value) === JSON.stringify(getAtt(deadLettersId, 'QueueName'))),
  );
  expect(alarms).toHaveLength(1);
  expect(alarms[0].Properties).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
  expect(alarms[0].Properties.AlarmActions).toHaveLength(1);
});
