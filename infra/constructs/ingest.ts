import { Duration, Size, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterAlarm } from './dead-letter-alarm';
import { serviceNames } from '../../functions/observability/metric-names';
import { ExchangeFunction, type ExchangeData } from './exchange-function';
import { acknowledgeBucketNotificationsHandler } from './notifications-handler';

/** Every upload is put under this prefix (uploadObjectKey in functions/domain/uploads.ts). */
export const uploadsPrefix = 'uploads/';

/**
 * Streams large files through /tmp and DuckDB: 3008 MB (Lambda's CPU share grows with memory).
 * Exported, with the environment, for bench:ingest's handler mode, which runs the handler as set here.
 */
export const INGEST_MEMORY_MB = 3008;

/**
 * Two glibc malloc arenas instead of up to 8 per core: ~10 MB less peak RSS, no slower
 * (bench:ingest, handler mode). DuckDB allocates through its own jemalloc.
 */
export const INGEST_ENVIRONMENT = { MALLOC_ARENA_MAX: '2' };

/** The ingest Lambda's timeout: the default ingest deadline (functions/domain/ingest-deadline.ts) is longer. */
export const INGEST_TIMEOUT = Duration.minutes(15);

/** How often the ingest function sweeps for versions whose ingest stopped past its deadline. */
export const INGEST_SWEEP_SCHEDULE = Duration.minutes(5);

export interface ExchangeIngestProps {
  readonly data: ExchangeData;
  /** @default one year */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * Ingest: each object created under `uploads/` in the uploads bucket invokes
 * functions/ingest/handler.ts asynchronously, which validates and converts the file (DuckDB)
 * and publishes it. An invocation that still fails after two retries (or whose event grows too
 * old) is recorded in an encrypted dead-letter queue, and an alarm goes off.
 */
export class ExchangeIngest extends Construct {
  readonly handler: ExchangeFunction;
  readonly deadLetters: sqs.Queue;
  /** In ALARM while a failed ingest waits in `deadLetters`. ExchangeAlarms (exchange-alarms.ts) sends it to the alarm topic. */
  readonly deadLetterAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ExchangeIngestProps) {
    super(scope, id);
    const { uploads } = props.data.buckets;

    this.handler = new ExchangeFunction(this, 'Handler', {
      entry: 'functions/ingest/handler.ts',
      serviceName: serviceNames.ingest,
      description: 'London Data Exchange ingest: validates, converts and publishes each uploaded file',
      data: props.data,
      // Reads the upload; copies the original to published and writes the converted files there.
      access: { table: 'readWrite', uploads: 'read', published: 'readPut' },
      // Lambda's longest timeout, and the largest /tmp. No reserved concurrency.
      memorySize: INGEST_MEMORY_MB,
      timeout: INGEST_TIMEOUT,
      ephemeralStorageSize: Size.gibibytes(10),
      nativeDuckDb: true,
      // A large sheet is parsed in a worker thread beside the casting and writing (the function has two vCPUs).
      workerEntries: ['functions/ingest/core/workbook/sheet-worker.ts'],
      environment: INGEST_ENVIRONMENT,
      logRetention: props.logRetention,
    });

    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter destination of the ingest function (its on-failure ' +
        'destination, which cdk-nag does not recognise as a DLQ); a dead-letter queue needs no ' +
        'dead-letter queue of its own, and nothing consumes it automatically.',
    });
    this.handler.function.configureAsyncInvoke({
      retryAttempts: 2,
      onFailure: new SendOnlyQueueDestination(this.deadLetters),
    });

    // A stopped ingest (timeout, crash) leaves its version validating: the sweep fails it once overdue.
    new events.Rule(this, 'SweepSchedule', {
      description: 'Fails upload versions whose ingest stopped without ending them (past their deadline)',
      schedule: events.Schedule.rate(INGEST_SWEEP_SCHEDULE),
      targets: [new targets.LambdaFunction(this.handler.function)],
    });

    uploads.addEventNotification(s3.EventType.OBJECT_CREATED, new LambdaDestination(this.handler.function), {
      prefix: uploadsPrefix,
    });
    acknowledgeBucketNotificationsHandler(Stack.of(this));

    this.deadLetterAlarm = deadLetterAlarm(
      this,
      this.deadLetters,
      'An uploaded file was not ingested: its invocation failed after all retries. The S3 event ' +
        'and the error are in the ingest dead-letter queue; see also the ingest function logs.',
    );
  }
}

/**
 * An SQS on-failure destination granting only `sqs:SendMessage`, all Lambda needs to deliver
 * the invocation record; SqsDestination (aws-lambda-destinations) also grants
 * GetQueueAttributes and GetQueueUrl.
 */
class SendOnlyQueueDestination implements lambda.IDestination {
  constructor(private readonly queue: sqs.IQueue) {}

  bind(_scope: Construct, fn: lambda.IFunction): lambda.DestinationConfig {
    iam.Grant.addToPrincipal({ grantee: fn, actions: ['sqs:SendMessage'], resourceArns: [this.queue.queueArn] });
    return { destination: this.queue.queueArn };
  }
}
