import { Stack, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * The construct id of the stack-singleton Lambda that aws-cdk-lib's `Bucket.addEventNotification`
 * creates to apply bucket notification configurations (NotificationsResourceHandler.singleton,
 * not exported by aws-cdk-lib).
 */
export const bucketNotificationsHandlerId = 'BucketNotificationsHandler050a0587b7544547bf325f094a3db834';

/**
 * Acknowledges the cdk-nag findings on CDK's own bucket-notifications handler, narrowed to the
 * one finding it raises: its role's AWS-managed AWSLambdaBasicExecutionRole policy (IAM4). CDK
 * attaches that policy even to a role passed in (`notificationsHandlerRole`), so it cannot be
 * avoided. Its other permission (s3:PutBucketNotification) is scoped to the bucket by CDK, and
 * its Python runtime is the newest, so no IAM5 or L1 is raised, and none is acknowledged.
 * Call after the first `addEventNotification` on a bucket of the stack.
 */
export function acknowledgeBucketNotificationsHandler(stack: Stack): void {
  const handler = stack.node.tryFindChild(bucketNotificationsHandlerId);
  const role = handler?.node.tryFindChild('Role');
  if (!(role instanceof Construct)) {
    throw new Error(`${bucketNotificationsHandlerId}/Role not found: call this after addEventNotification`);
  }
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      "CDK's own singleton custom-resource handler for S3 bucket notifications, which runs only " +
      'during deployments to set the uploads bucket notification. aws-cdk-lib attaches ' +
      'AWSLambdaBasicExecutionRole (CloudWatch Logs writes) to its role unconditionally; it holds ' +
      'no data access, and its only other permission, s3:PutBucketNotification, is on that bucket.',
  });
}
