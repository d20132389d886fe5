import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { envNames } from '../../functions/storage/layout';
import { grantBucketObjects, secureDefaults, type ExchangeBuckets } from './buckets';

/** Athena refuses (and bills up to) a query once it has scanned this much: 10 GiB. */
export const bytesScannedCutoffPerQuery = 10 * 1024 ** 3;

/** Query results are scratch: the caller reads them once, right after the query. */
export const resultsExpiryDays = 7;

export interface RowsAthenaNames {
  /** Glue database holding one table per published Parquet version. Unique per account and region. @default 'ldx_published' */
  readonly databaseName?: string;
  /** Athena workgroup. Unique per account and region. @default 'ldx-rows' */
  readonly workGroupName?: string;
}

export interface RowsAthenaProps extends RowsAthenaNames {
  readonly buckets: ExchangeBuckets;
}

/**
 * The row-query API's scale-out path (issue 6, item 5): versions above a documented size
 * (functions/rows/limits.ts) are queried through Athena (functions/rows/athena-source.ts) over
 * their Parquet in the published bucket, described by Glue tables in `database` that the API
 * registers on a version's first query. A workgroup with enforced settings bounds every query
 * (scan cutoff, encrypted results in a dedicated expiring bucket).
 */
export class RowsAthena extends Construct {
  readonly databaseName: string;
  readonly workGroupName: string;
  readonly database: glue.CfnDatabase;
  readonly workGroup: athena.CfnWorkGroup;
  /** Where Athena writes query results (objects expire after `resultsExpiryDays`). */
  readonly results: s3.Bucket;

  constructor(scope: Construct, id: string, props: RowsAthenaProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.databaseName = props.databaseName ?? 'ldx_published';
    this.workGroupName = props.workGroupName ?? 'ldx-rows';

    this.results = new s3.Bucket(this, 'Results', {
      ...secureDefaults,
      serverAccessLogsBucket: props.buckets.accessLogs,
      serverAccessLogsPrefix: 'athena-results/',
      lifecycleRules: [
        {
          id: 'expire-query-results',
          expiration: Duration.days(resultsExpiryDays),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });

    // Table metadata only: deleting it (with the stack) leaves the Parquet in published untouched.
    this.database = new glue.CfnDatabase(this, 'Database', {
      catalogId: stack.account,
      databaseInput: {
        name: this.databaseName,
        description: 'London Data Exchange: one table per published tabular resource version (Parquet), for Athena',
      },
    });

    this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: this.workGroupName,
      description: 'London Data Exchange row-query API: queries over published Parquet too large for DuckDB in Lambda',
      state: 'ENABLED',
      // The workgroup belongs to the stack: remove its saved queries with it.
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery,
        engineVersion: { selectedEngineVersion: 'AUTO' },
        requesterPaysEnabled: false,
        resultConfiguration: {
          outputLocation: `s3://${this.results.bucketName}/`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
          expectedBucketOwner: stack.account,
        },
      },
    });
  }

  /** The environment variables the API reads to reach the workgroup and database. */
  get environment(): Record<string, string> {
    return { [envNames.athenaWorkGroup]: this.workGroupName, [envNames.glueDatabase]: this.databaseName };
  }

  /**
   * What a caller needs to run Athena queries in this workgroup over this database's tables:
   * the query lifecycle on the one workgroup (stopped on timeout), Glue reads of the database
   * and its tables as Athena plans a query with the caller's credentials, CreateTable to register
   * a version's table on its first query (Glue authorises each call on the catalog and database
   * too), and results written and read in the results bucket. Reading the source Parquet is the
   * caller's read grant on the published bucket.
   */
  grantQuery(grantee: iam.IGrantable): void {
    const stack = Stack.of(this);
    const athenaActions = ['StartQueryExecution', 'GetQueryExecution', 'GetQueryResults', 'StopQueryExecution'];
    iam.Grant.addToPrincipal({
      grantee,
      actions: athenaActions.map((action) => `athena:${action}`),
      resourceArns: [stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: this.workGroupName })],
    });

    const tablesArn = stack.formatArn({ service: 'glue', resource: 'table', resourceName: `${this.databaseName}/*` });
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions', 'glue:CreateTable'],
      resourceArns: [
        stack.formatArn({ service: 'glue', resource: 'catalog' }),
        stack.formatArn({ service: 'glue', resource: 'database', resourceName: this.databaseName }),
        tablesArn,
      ],
    });

    grantBucketObjects(this.results, grantee, 'readPut', 'the Athena results bucket are chosen by Athena (one per query id)');
    // Athena checks the output bucket's region with the caller's credentials before it runs a query.
    iam.Grant.addToPrincipal({ grantee, actions: ['s3:GetBucketLocation'], resourceArns: [this.results.bucketArn] });

    const principal = grantee.grantPrincipal;
    if (principal instanceof Construct) {
      Validations.of(principal).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${flattenArn(stack.resolve(tablesArn))}]`,
        reason:
          `The Athena path reads one Glue table per published resource version in the ${this.databaseName} ` +
          "database; the API registers each on the version's first Athena query, so their names are unknown at deploy " +
          `time and glue:GetTable/GetPartitions/CreateTable must name that one database's tables (table/${this.databaseName}/*). ` +
          'No other database, no catalog-wide table wildcard and no wildcard action is granted.',
      });
    }
  }
}

/**
 * A resolved ARN written the way cdk-nag names it in a finding id (its flattenCfnReference,
 * which it does not export): `{Ref: X}` is `<X>`, `{Fn::GetAtt: [X, Y]}` is `<X.Y>`.
 */
function flattenArn(node: unknown): string {
  if (typeof node === 'string') return node;
  const n = node as { 'Fn::Join'?: [string, unknown[]]; Ref?: string; 'Fn::GetAtt'?: string[] };
  if (n['Fn::Join']) return n['Fn::Join'][1].map(flattenArn).join(n['Fn::Join'][0]);
  if (n.Ref) return `<${n.Ref}>`;
  if (n['Fn::GetAtt']) return `<${n['Fn::GetAtt'].join('.')}>`;
  return JSON.stringify(node);
}
