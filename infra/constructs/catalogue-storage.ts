import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { catalogueTable } from '../../functions/storage/layout';

/** Data-plane actions a reader needs: point reads, queries (table and gsi1), scans. */
const readActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];

/** Single-item conditional writes and batch writes: the code uses no transactions, which the local DynamoDB emulator lacks. */
const writeActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/**
 * The catalogue table, built from the same definition (functions/storage/layout.ts) that local
 * mode uses to create the dynalite table: on-demand, point-in-time recovery, deletion
 * protection, encrypted with the AWS-managed key, retained if the stack is deleted.
 */
export class CatalogueStorage extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: stringKey(catalogueTable.partitionKey),
      sortKey: stringKey(catalogueTable.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const index of catalogueTable.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: dynamodb.ProjectionType[index.projection],
      });
    }
  }

  /** Read items from the table and its indexes. */
  grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, readActions);
  }

  /** Read and write items (conditional single-item writes, batch writes). */
  grantReadWrite(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, [...readActions, ...writeActions]);
  }

  /**
   * Unlike Table.grant*, which adds `table/index/*`, this names each index from layout.ts,
   * so the policy holds no wildcard resource.
   */
  private grant(grantee: iam.IGrantable, actions: string[]): iam.Grant {
    const tableArn = this.table.tableArn;
    const indexArns = catalogueTable.indexes.map((index) => `${tableArn}/index/${index.indexName}`);
    return iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [tableArn, ...indexArns] });
  }
}
