import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  /** Who is emailed when an alarm changes state (they confirm the subscription first). @default no subscription */
  readonly email?: string;
}

/** Loose on purpose: SNS checks the address itself; this catches a context value that is plainly not one. */
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The SNS topic every exchange alarm notifies, encrypted with its own KMS key. It cannot use the
 * AWS-managed key (alias/aws/sns): CloudWatch alarms may only publish to an encrypted topic whose
 * key policy lets cloudwatch.amazonaws.com use the key, and an AWS-managed key's policy cannot be
 * changed. Publishing is TLS only, and CloudWatch may publish only for this account's alarms.
 */
export class AlarmTopic extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);

    this.key = new kms.Key(this, 'Key', {
      description: 'London Data Exchange: encrypts the alarm notifications topic',
      enableKeyRotation: true,
      // Notifications are delivered and gone: nothing stays encrypted under it once the topic is deleted.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    const cloudWatch = new iam.ServicePrincipal('cloudwatch.amazonaws.com');
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToTheEncryptedTopic',
        principals: [cloudWatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );

    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'London Data Exchange alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    // The topic policy above (enforceSSL) replaces SNS's default one, so CloudWatch's publish is stated.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccountPublish',
        principals: [cloudWatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );

    if (props.email !== undefined) {
      if (!emailShape.test(props.email)) {
        throw new Error(`alarmEmail must be an email address, got ${JSON.stringify(props.email)}`);
      }
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    }
  }
}
