import type { Template } from 'aws-cdk-lib/assertions';
import { exchangeTemplate, onlyResource } from './helpers';

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

function allStatements(): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (policy) => policy.Properties.PolicyDocument.Statement as Statement[],
  );
}

/** The statement(s) granting an action, as `[action set, resources]`. */
function grantsOf(action: string): Statement[] {
  return allStatements().filter((s) => asArray(s.Action).includes(action));
}

const getAtt = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
const objectsOf = (logicalId: string) => ({ 'Fn::Join': ['', [getAtt(logicalId), '/*']] });

function bucketId(prefix: string): string {
  const found = Object.entries(template.findResources('AWS::S3::Bucket')).find(
    ([, b]) => b.Properties.LoggingConfiguration?.LogFilePrefix === prefix,
  );
  expect(found).toBeDefined();
  return found![0];
}

test('no IAM policy grants a wildcard action (no *, dynamodb:*, s3:*, s3:Get* ...)', () => {
  const statements = allStatements();
  expect(statements.length).toBeGreaterThan(0);
  for (const statement of statements) {
    for (const action of asArray(statement.Action)) {
      expect(action).not.toContain('*');
    }
  }
});

test('no IAM policy grants on Resource "*"', () => {
  for (const statement of allStatements()) {
    expect(asArray(statement.Resource)).not.toContain('*');
  }
});

test('roles use no managed policies and are assumed by Lambda only', () => {
  for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }),
    ]);
  }
});

test('the API reads and writes the catalogue table and its named indexes only', () => {
  const [tableId] = onlyResource(template, 'AWS::DynamoDB::Table');
  const [statement] = grantsOf('dynamodb:PutItem');
  expect(asArray(statement.Action).sort()).toEqual(
    [
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
      'dynamodb:DescribeTable',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:Scan',
      'dynamodb:UpdateItem',
    ].sort(),
  );
  expect(statement.Resource).toEqual([getAtt(tableId), { 'Fn::Join': ['', [getAtt(tableId), '/index/gsi1']] }]);
});

test('the API may put and read uploads, and only read published files', () => {
  const uploads = bucketId('uploads/');
  const published = bucketId('published/');

  const puts = grantsOf('s3:PutObject');
  expect(puts.flatMap((s) => asArray(s.Resource))).toEqual([objectsOf(uploads)]);
  expect(grantsOf('s3:AbortMultipartUpload').flatMap((s) => asArray(s.Resource))).toEqual([objectsOf(uploads)]);

  const reads = grantsOf('s3:GetObject').flatMap((s) => asArray(s.Resource));
  expect(reads).toHaveLength(2);
  expect(reads).toEqual(expect.arrayContaining([objectsOf(uploads), objectsOf(published)]));

  const lists = grantsOf('s3:ListBucket').flatMap((s) => asArray(s.Resource));
  expect(lists).toEqual(expect.arrayContaining([getAtt(uploads), getAtt(published)]));
  expect(lists).toHaveLength(2);

  expect(grantsOf('s3:DeleteObject')).toEqual([]);
  expect(grantsOf('s3:DeleteObjectVersion')).toEqual([]);
});

test('the function may write only to its own log group', () => {
  const [, fn] = onlyResource(template, 'AWS::Lambda::Function');
  const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref;
  const [statement] = grantsOf('logs:PutLogEvents');
  expect(asArray(statement.Action).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
  expect(statement.Resource).toEqual(getAtt(logGroupId));
});
