import type { Template } from 'aws-cdk-lib/assertions';
import { bucketNotificationsHandlerId } from '../../infra/constructs/notifications-handler';
import {
  apiEntry,
  eventsQueueId,
  exchangeFunction,
  exchangeRoleId,
  buildTestApp,
  exchangeTemplate,
  harvesterEntry,
  linkCheckEntry,
  indexerEntry,
  ingestDeadLettersId,
  ingestEntry,
  onlyResource,
} from './helpers';

let template: Template;
beforeAll(() => {
  template = exchangeTemplate();
});

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

const policies = () => Object.values(template.findResources('AWS::IAM::Policy'));

function allStatements(): Statement[] {
  return policies().flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

/** An ARN expression as text: `{Ref: id}` and `{Fn::GetAtt: [id, Arn]}` are `id`, joins are concatenated. */
function render(resource: unknown): string {
  if (typeof resource === 'string') return resource;
  const r = resource as Record<string, any>;
  if (r.Ref) return r.Ref;
  if (r['Fn::GetAtt']) return r['Fn::GetAtt'][0];
  if (r['Fn::Join']) return (r['Fn::Join'][1] as unknown[]).map(render).join(r['Fn::Join'][0]);
  return JSON.stringify(resource);
}

/** Every grant of the policies attached to a role, as sorted `action resource` lines. */
function grantsTo(roleId: string): string[] {
  const statements = policies()
    .filter((policy) => (policy.Properties.Roles as unknown[]).map(render).includes(roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
  for (const statement of statements) expect(statement.Effect).toBe('Allow');
  return statements.flatMap((s) => asArray(s.Action).flatMap((action) => asArray(s.Resource).map((r) => `${action} ${render(r)}`))).sort();
}

const idOf = (type: string, predicate: (props: Record<string, any>) => boolean): string => {
  const found = Object.entries(template.findResources(type)).filter(([, r]) => predicate(r.Properties ?? {}));
  expect(found).toHaveLength(1);
  return found[0][0];
};
/** The harvest pages queue: the harvest queue with a dead-letter queue. */
const harvestPagesQueueId = () =>
  idOf('AWS::SQS::Queue', (p) => p.RedrivePolicy !== undefined && JSON.stringify(p.RedrivePolicy).includes('HarvestDeadLetters'));
const bucketId = (prefix: string) => idOf('AWS::S3::Bucket', (p) => p.LoggingConfiguration?.LogFilePrefix === prefix);

const tableActions = [
  'BatchGetItem',
  'BatchWriteItem',
  'ConditionCheckItem',
  'DeleteItem',
  'DescribeTable',
  'GetItem',
  'PutItem',
  'Query',
  'Scan',
  'UpdateItem',
].map((action) => `dynamodb:${action}`);

/** Log writes to the function's own group, trace writes, and read/write of the catalogue table and its index. */
function commonGrants(entry: string): string[] {
  const [, fn] = exchangeFunction(template, entry);
  const logGroup = fn.Properties.LoggingConfig.LogGroup.Ref;
  const [table] = onlyResource(template, 'AWS::DynamoDB::Table');
  return [
    `logs:CreateLogStream ${logGroup}`,
    `logs:PutLogEvents ${logGroup}`,
    ...xrayActions.map((action) => `${action} *`),
    ...tableActions.flatMap((action) => [`${action} ${table}`, `${action} ${table}/index/gsi1`]),
  ];
}

test('no IAM policy grants a wildcard action (no *, dynamodb:*, s3:*, s3:Get* ...)', () => {
  const statements = allStatements();
  expect(statements.length).toBeGreaterThan(0);
  for (const statement of statements) {
    for (const action of asArray(statement.Action)) expect(action).not.toContain('*');
  }
});

/** Active tracing's grant: X-Ray's trace-sending actions support no resource-level permission, so only "*". */
const xrayActions = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];

test('no IAM policy grants on Resource "*", except X-Ray\'s two trace-sending actions alone', () => {
  const onStar = allStatements().filter((statement) => asArray(statement.Resource).includes('*'));
  expect(onStar.length).toBeGreaterThan(0);
  for (const statement of onStar) {
    expect(statement.Resource).toBe('*');
    expect(asArray(statement.Action).sort()).toEqual(xrayActions);
  }
});

test('no IAM policy grants a delete of objects', () => {
  const actions = allStatements().flatMap((s) => asArray(s.Action));
  expect(actions.filter((action) => /^s3:Delete/.test(action))).toEqual([]);
});

test("roles are assumed by Lambda only (EventBridge Scheduler its two invokers); only CDK's bucket-notifications handler has a managed policy", () => {
  for (const [id, role] of Object.entries(template.findResources('AWS::IAM::Role'))) {
    const service = /^Harvest(Dispatch|LinkCheck)Invoker/.test(id) ? 'scheduler.amazonaws.com' : 'lambda.amazonaws.com';
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([expect.objectContaining({ Effect: 'Allow', Principal: { Service: service } })]);
    const managed = (role.Properties.ManagedPolicyArns ?? []).map(render);
    expect({ id, managed }).toEqual({
      id,
      managed: id.startsWith(bucketNotificationsHandlerId) ? ['arn:AWS::Partition:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'] : [],
    });
  }
});

test("CDK's bucket-notifications handler may only set the uploads bucket's notifications", () => {
  const roles = Object.keys(template.findResources('AWS::IAM::Role')).filter((id) => id.startsWith(bucketNotificationsHandlerId));
  expect(roles).toHaveLength(1);
  expect(grantsTo(roles[0])).toEqual([`s3:PutBucketNotification ${bucketId('uploads/')}`]);
});

/** `arn:<partition>:<service>:<region>:<account>:<resource>` as render() writes this stack's ARNs. */
const arnOf = (service: string, resource: string) => `arn:AWS::Partition:${service}:AWS::Region:AWS::AccountId:${resource}`;

test('the API: its log group, the table, put and read uploads, read published files, run Athena queries, publish catalogue changes', () => {
  const uploads = bucketId('uploads/');
  const published = bucketId('published/');
  const results = bucketId('athena-results/');
  const workGroup = arnOf('athena', 'workgroup/ldx-rows');
  const glueResources = [arnOf('glue', 'catalog'), arnOf('glue', 'database/ldx_published'), arnOf('glue', 'table/ldx_published/*')];
  expect(grantsTo(exchangeRoleId(template, apiEntry))).toEqual(
    [
      ...commonGrants(apiEntry),
      `s3:GetObject ${uploads}/*`,
      `s3:PutObject ${uploads}/*`,
      `s3:AbortMultipartUpload ${uploads}/*`,
      `s3:ListBucket ${uploads}`,
      `s3:GetObject ${published}/*`,
      `s3:ListBucket ${published}`,
      // Athena scale-out: the query lifecycle in the one workgroup ...
      `athena:StartQueryExecution ${workGroup}`,
      `athena:GetQueryExecution ${workGroup}`,
      `athena:GetQueryResults ${workGroup}`,
      `athena:StopQueryExecution ${workGroup}`,
      // ... Glue reads of the one database and its tables (Glue also authorises on the catalog) ...
      ...['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions', 'glue:CreateTable'].flatMap((a) => glueResources.map((r) => `${a} ${r}`)),
      // ... and query results written and read in the results bucket (whose region Athena checks).
      `s3:GetObject ${results}/*`,
      `s3:PutObject ${results}/*`,
      `s3:AbortMultipartUpload ${results}/*`,
      `s3:ListBucket ${results}`,
      `s3:GetBucketLocation ${results}`,
      // Catalogue writes wake the search indexer (send only: no receive, no queue attributes).
      `sqs:SendMessage ${eventsQueueId(template)}`,
      // "Harvest now" queues the run's first page for the harvester (send only).
      `sqs:SendMessage ${harvestPagesQueueId()}`,
      // Schema events go to the exchange's own EventBridge bus.
      `events:PutEvents ${idOf('AWS::Events::EventBus', () => true)}`,
    ].sort(),
  );
});

test('only the API may use Athena, Glue or the results bucket', () => {
  const apiRole = exchangeRoleId(template, apiEntry);
  const results = bucketId('athena-results/');
  for (const roleId of Object.keys(template.findResources('AWS::IAM::Role')).filter((id) => id !== apiRole)) {
    const athenaGrants = grantsTo(roleId).filter((g) => /^(athena|glue):/.test(g) || g.includes(results));
    expect({ roleId, athenaGrants }).toEqual({ roleId, athenaGrants: [] });
  }
});

test('ingest: its log group, the table, read uploads, read and put published files, send to its DLQ, publish catalogue changes', () => {
  const uploads = bucketId('uploads/');
  const published = bucketId('published/');
  const queue = ingestDeadLettersId(template);
  expect(grantsTo(exchangeRoleId(template, ingestEntry))).toEqual(
    [
      ...commonGrants(ingestEntry),
      `s3:GetObject ${uploads}/*`,
      `s3:ListBucket ${uploads}`,
      `s3:GetObject ${published}/*`,
      `s3:PutObject ${published}/*`,
      `s3:AbortMultipartUpload ${published}/*`,
      `s3:ListBucket ${published}`,
      `sqs:SendMessage ${queue}`,
      `sqs:SendMessage ${eventsQueueId(template)}`,
    ].sort(),
  );
});

test('the indexer: its log group, the table (it trims the log), only the snapshot object of published, consume its queue', () => {
  const published = bucketId('published/');
  const queue = eventsQueueId(template);
  expect(grantsTo(exchangeRoleId(template, indexerEntry))).toEqual(
    [
      ...commonGrants(indexerEntry),
      // One exact key: no other published object, no uploads.
      `s3:GetObject ${published}/search/snapshot.bin`,
      `s3:PutObject ${published}/search/snapshot.bin`,
      `s3:AbortMultipartUpload ${published}/search/snapshot.bin`,
      // So a missing snapshot is a 404 (then rebuilt), not AccessDenied.
      `s3:ListBucket ${published}`,
      // What the SQS event source needs to poll, delete and extend messages.
      ...['ChangeMessageVisibility', 'DeleteMessage', 'GetQueueAttributes', 'GetQueueUrl', 'ReceiveMessage'].map((action) => `sqs:${action} ${queue}`),
    ].sort(),
  );
});

test('only the indexer may receive catalogue-changed events; only the API and ingest may send them', () => {
  const queue = eventsQueueId(template);
  const consume = ['ChangeMessageVisibility', 'DeleteMessage', 'GetQueueAttributes', 'GetQueueUrl', 'ReceiveMessage'];
  const expected: Record<string, string[]> = {
    [exchangeRoleId(template, apiEntry)]: [`sqs:SendMessage ${queue}`],
    [exchangeRoleId(template, ingestEntry)]: [`sqs:SendMessage ${queue}`],
    [exchangeRoleId(template, harvesterEntry)]: [`sqs:SendMessage ${queue}`],
    [exchangeRoleId(template, linkCheckEntry)]: [`sqs:SendMessage ${queue}`],
    [exchangeRoleId(template, indexerEntry)]: consume.map((action) => `sqs:${action} ${queue}`),
  };
  for (const roleId of Object.keys(template.findResources('AWS::IAM::Role'))) {
    const onQueue = grantsTo(roleId).filter((g) => g.endsWith(` ${queue}`));
    expect({ roleId, onQueue }).toEqual({ roleId, onQueue: expected[roleId] ?? [] });
  }
});

test('a grant of one object refuses a key pattern (a wildcard would need an acknowledged reason)', () => {
  const { stack } = buildTestApp();
  const role = stack.indexer.handler.role;
  expect(() => stack.buckets.grantObject('published', role, 'read', 'search/*')).toThrow(/one exact object key/);
  expect(() => stack.buckets.grantObject('published', role, 'read', '')).toThrow(/one exact object key/);
});
