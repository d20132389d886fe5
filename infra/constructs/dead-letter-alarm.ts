import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * An alarm that fires as soon as a dead-letter queue holds a message: operators must learn of
 * work that failed for good. SQS stops reporting for an empty, idle queue, so no data is not a breach.
 */
export const deadLetterAlarm = (scope: Construct, queue: sqs.IQueue, description: string): cloudwatch.Alarm =>
  new cloudwatch.Alarm(scope, 'DeadLettersAlarm', {
    alarmDescription: description,
    metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    threshold: 0,
    evaluationPeriods: 1,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
