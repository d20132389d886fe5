import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { buildApp } from '../../infra/build-app';
import { bucketNotificationsHandlerId } from '../../infra/constructs/notifications-handler';
import { buildTestApp, skipBundling, tempOutdir } from './helpers';

interface Report {
  pluginReports: { pluginName: string; violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[] }[];
}

const readReport = (outdir: string): Report => JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as Report;

interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
}

/** Every `Validations.of(x).acknowledge()` in the tree, with the path it was made on. */
function acknowledgements(root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

test('with AwsSolutionsChecks attached, synth passes: no unacknowledged finding', () => {
  const outdir = tempOutdir();
  const { app } = buildApp({ context: skipBundling, outdir });
  expect(() => app.synth()).not.toThrow();
  expect(readReport(outdir).pluginReports.flatMap((r) => r.violations)).toEqual([]);
});

test('an unacknowledged finding fails the synth (the check above can go red)', () => {
  const outdir = tempOutdir();
  const { app, stack } = buildApp({ context: skipBundling, outdir });
  new s3.Bucket(stack, 'UnloggedBucket', { enforceSSL: true });
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
  } finally {
    stderr.mockRestore();
    log.mockRestore();
  }
  const violations = readReport(outdir).pluginReports.flatMap((r) => r.violations);
  expect(violations.map((v) => v.ruleName)).toEqual(['AwsSolutions-S1']);
  expect(violations[0].violatingConstructs.map((c) => c.constructPath)).toEqual(['LondonDataExchange/UnloggedBucket/Resource']);
});

/** The one wildcard resource outside S3 objects that is acknowledged: the tables of the Glue database. */
const glueTablesOfLdxPublished = 'arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:table/ldx_published/*';
let expectedIam5: string[][];
const xrayIam5 = 'AwsSolutions-IAM5[Resource::*]';

describe('acknowledgements', () => {
  let acks: Acknowledgement[];
  let findings: { id: string; path: string }[];
  let objectsOf: (bucket: s3.Bucket) => string;

  beforeAll(() => {
    const { app, stack } = buildTestApp();
    objectsOf = (bucket) => `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket)}.Arn>/*]`;
    const { uploads, published } = stack.buckets;
    const results = stack.athena.results;
    expectedIam5 = [
      ['LondonDataExchange/Api/Handler/Role', objectsOf(uploads)],
      ['LondonDataExchange/Api/Handler/Role', objectsOf(published)],
      ['LondonDataExchange/Api/Handler/Role', objectsOf(results)],
      ['LondonDataExchange/Api/Handler/Role', `AwsSolutions-IAM5[Resource::${glueTablesOfLdxPublished}]`],
      ['LondonDataExchange/Ingest/Handler/Role', objectsOf(uploads)],
      ['LondonDataExchange/Ingest/Handler/Role', objectsOf(published)],
      // Mirror mode: the harvester puts the source files it copies into uploads/ (keys made per upload).
      ['LondonDataExchange/Harvest/Harvester/Role', objectsOf(uploads)],
      // None for the search indexer: it is granted the one snapshot key, not published/*.
      // X-Ray's trace-sending actions, which name no resource, on every function (active tracing).
      ...['Api', 'Ingest', 'SearchIndexer'].map((fn) => [`LondonDataExchange/${fn}/Handler/Role`, xrayIam5]),
      ...['Dispatch', 'Harvester', 'LinkChecker'].map((fn) => [`LondonDataExchange/Harvest/${fn}/Role`, xrayIam5]),
      ['LondonDataExchange/SchemaEvents/Relay/Role', xrayIam5],
    ];
    app.synth();
    acks = acknowledgements(stack);
    // The raw findings, as if nothing were acknowledged.
    const checks = new AwsSolutionsChecks(app);
    (checks as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
    findings = checks.validateScope(stack).violations.flatMap((v) => v.violatingResources.map((r) => ({ id: v.ruleName, path: r.constructPath ?? '' })));
  });

  test('every finding is covered by an acknowledgement on it or an ancestor', () => {
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      const covering = acks.filter((a) => a.id === finding.id && `${finding.path}/`.startsWith(`${a.path}/`));
      expect({ finding, covered: covering.length > 0 }).toEqual({ finding, covered: true });
    }
  });

  test('no acknowledgement is stale: each one covers a real finding', () => {
    for (const ack of acks) {
      const used = findings.some((f) => f.id === ack.id && `${f.path}/`.startsWith(`${ack.path}/`));
      expect({ ack: `${ack.id} on ${ack.path}`, used }).toEqual({ ack: `${ack.id} on ${ack.path}`, used: true });
    }
  });

  test('the acknowledged rules are the expected, justified set', () => {
    expect([...new Set(acks.map((a) => a.id.replace(/\[.*$/, '')))].sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-CFR1',
      'AwsSolutions-CFR2',
      'AwsSolutions-CFR3',
      'AwsSolutions-CFR4',
      'AwsSolutions-IAM4',
      'AwsSolutions-IAM5',
      'AwsSolutions-SQS3',
    ]);
    for (const ack of acks) expect(ack.reason.length).toBeGreaterThan(80);
    // IAM5 is acknowledged only for the objects (bucket/*) of the buckets each role uses, for
    // the tables of the one Glue database the API's Athena path reads, and for X-Ray's "*" (which
    // must be the X-Ray statement alone); never for a wildcard action.
    const iam5 = acks.filter((a) => a.id.startsWith('AwsSolutions-IAM5')).map((a) => [a.path, a.id]);
    expect(iam5.sort()).toEqual([...expectedIam5].sort());
    for (const [, id] of iam5) {
      expect(id).toMatch(
        /^AwsSolutions-IAM5\[Resource::(<\w+\.Arn>\/\*|arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:table\/ldx_published\/\*|\*)\]$/,
      );
    }
    // IAM4 only for the one managed policy CDK puts on its own bucket-notifications handler.
    expect(acks.filter((a) => a.id.startsWith('AwsSolutions-IAM4')).map((a) => [a.path, a.id])).toEqual([
      [
        `LondonDataExchange/${bucketNotificationsHandlerId}/Role`,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      ],
    ]);
    // SQS3 only on the ingest dead-letter queue (a Lambda on-failure destination, which cdk-nag does not
    // see as a DLQ). The search dead-letter queue needs none: it is named in a redrive policy.
    expect(acks.filter((a) => a.id === 'AwsSolutions-SQS3').map((a) => a.path)).toEqual(['LondonDataExchange/Ingest/DeadLetters']);
  });
});
