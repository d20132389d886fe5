import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterAlarm } from './dead-letter-alarm';
import { SNAPSHOT_LOCATION } from '../../functions/search/snapshot-store';
import { envNames } from '../../functions/storage/layout';
import { serviceNames } from '../../functions/observability/metric-names';
import { ExchangeFunction, type ExchangeData } from './exchange-function';

/** How long one indexer run may take (a full rebuild from the catalogue included). */
export const indexerTimeout = Duration.minutes(5);

/** How often the indexer runs with no event: snapshot and log trimming go on when nothing is published, and the stored snapshot's bytes are checked. */
export const indexerSchedule = Duration.minutes(5);

/** Deliveries of one message before it goes to the dead-letter queue. */
export const maxReceiveCount = 5;

export interface SearchIndexerProps {
  readonly data: ExchangeData;
  /** @default one year */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The search indexer in AWS (functions/indexer/handler.ts): writers send `catalogue.changed` wake-up
 * calls to an SQS FIFO queue with one message group (functions/storage/event-bus-sqs.ts), and a
 * schedule invokes the indexer too. Each run folds the change log into the index, writes the
 * snapshot to `search/snapshot.bin` in the published bucket and trims the log. Runs must not
 * overlap: one message group, and a reserved concurrency of 1 so a scheduled run and a queue
 * batch never run together.
 */
export class SearchIndexer extends Construct {
  readonly handler: ExchangeFunction;
  readonly queue: sqs.Queue;
  readonly deadLetters: sqs.Queue;
  /** In ALARM while a message waits in `deadLetters`. ExchangeAlarms (exchange-alarms.ts) sends it to the alarm topic. */
  readonly deadLetterAlarm: cloudwatch.Alarm;
  /** In ALARM when every indexer run of the last 15 minutes failed. Sent to the alarm topic too. */
  readonly failingAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: SearchIndexerProps) {
    super(scope, id);

    this.handler = new ExchangeFunction(this, 'Handler', {
      entry: 'functions/indexer/handler.ts',
      serviceName: serviceNames.indexer,
      description: 'London Data Exchange search indexer: folds the change log into the index snapshot',
      data: props.data,
      // Reads the catalogue and the log, writes the log head and trims entries; no data files.
      access: { table: 'readWrite' },
      // The index is built in memory; Lambda's CPU share (a rebuild's speed) grows with memory.
      memorySize: 2048,
      timeout: indexerTimeout,
      reservedConcurrentExecutions: 1,
      logRetention: props.logRetention,
    });
    // The snapshot is the one object the indexer reads and writes: one key, no wildcard.
    props.data.buckets.grantObject(SNAPSHOT_LOCATION.bucket, this.handler.role, 'readPut', SNAPSHOT_LOCATION.key);

    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      fifo: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    // No SQS3 acknowledgement: cdk-nag recognises a queue named in a redrive policy as a DLQ.

    this.queue = new sqs.Queue(this, 'CatalogueChanged', {
      fifo: true,
      // The publisher sets MessageDeduplicationId (dataset id and change-log position).
      contentBasedDeduplication: false,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Six times the function timeout (AWS's advice for Lambda consumers): a batch throttled while a
      // scheduled run holds the one reserved execution is retried by the poller, not counted as failed.
      visibilityTimeout: Duration.seconds(indexerTimeout.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount },
    });

    // One batch per run: the run reads the log itself, so ten messages cost what one does. The handler
    // throws on failure (the whole batch is retried); batchItemFailures is always empty.
    this.handler.function.addEventSource(new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true }));

    new events.Rule(this, 'Schedule', {
      description: 'Runs the search indexer even when no catalogue-changed event arrives',
      schedule: events.Schedule.rate(indexerSchedule),
      targets: [new targets.LambdaFunction(this.handler.function)],
    });
    // A scheduled run that fails, or waits behind a queue batch past the next tick, is superseded by that tick.
    this.handler.function.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: indexerSchedule });

    this.deadLetterAlarm = deadLetterAlarm(
      this,
      this.deadLetters,
      `A catalogue-changed event failed ${maxReceiveCount} indexer runs and is in the search dead-letter ` +
        'queue. Searches stay exact (they catch up from the change log), but the snapshot may be stale; ' +
        'see the indexer function logs.',
    );

    // The schedule runs it every 5 minutes, so errors in three periods in a row mean it is broken,
    // not unlucky; with no events nothing would reach the dead-letter queue.
    this.failingAlarm = new cloudwatch.Alarm(this, 'FailingAlarm', {
      alarmDescription:
        'The search indexer failed in each of the last three 5-minute periods: the snapshot is not ' +
        'updated and the change log is not trimmed (searches stay exact but slow down). See its logs.',
      metric: this.handler.function.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: 0,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  /**
   * Lets a writer publish catalogue-changed events: `sqs:SendMessage` on the queue (nothing else;
   * Queue.grantSendMessages would add GetQueueAttributes and GetQueueUrl) and the queue URL in
   * its environment, where functions/wiring.ts builds the SQS event bus from it.
   */
  grantPublish(writer: ExchangeFunction): void {
    iam.Grant.addToPrincipal({ grantee: writer.role, actions: ['sqs:SendMessage'], resourceArns: [this.queue.queueArn] });
    writer.function.addEnvironment(envNames.eventsQueueUrl, this.queue.queueUrl);
  }
}
