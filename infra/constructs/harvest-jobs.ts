import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { HARVEST_QUEUE_URL_ENV } from '../../functions/harvest/jobs/harvest-queue';
import { serviceNames } from '../../functions/observability/metric-names';
import { deadLetterAlarm } from './dead-letter-alarm';
import { ExchangeFunction, type ExchangeData } from './exchange-function';

/** How often EventBridge Scheduler runs the dispatch (a source's own schedule is hours or more). */
export const HARVEST_DISPATCH_RATE = Duration.minutes(15);
/** How often the link checker runs; each run checks the links least recently checked, for at most its timeout. */
export const LINK_CHECK_RATE = Duration.hours(1);
/** One page of one source per invocation: Lambda's longest timeout leaves room for a slow 1 000-record page. */
export const HARVESTER_TIMEOUT = Duration.minutes(15);
/** At most this many pages are taken at once, across all sources: the catalogue table and the sources are spared bursts. */
export const HARVESTER_CONCURRENCY = 2;
/** Deliveries of a page before it goes to the dead-letter queue. */
export const HARVEST_MAX_RECEIVES = 5;

export interface HarvestJobsProps {
  readonly data: ExchangeData;
  /** Where the dead-letter alarm reports. */
  readonly alarmTopic: sns.ITopic;
  /** @default one year */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * Scheduled harvesting and link checking (functions/harvest/jobs). EventBridge Scheduler invokes
 * the dispatch function, which starts a run of every due source and queues its first page in SQS;
 * the harvester function takes one page per message and queues the next, so a source of any size
 * finishes. The harvester's concurrency is capped (the event source's maximum concurrency, with
 * reserved concurrency above it so nothing else starves it); a page that fails five times goes to
 * the dead-letter queue, whose alarm notifies the alarm topic. A second schedule runs the link checker.
 */
export class HarvestJobs extends Construct {
  readonly dispatch: ExchangeFunction;
  readonly harvester: ExchangeFunction;
  readonly linkChecker: ExchangeFunction;
  readonly queue: sqs.Queue;
  readonly deadLetters: sqs.Queue;
  readonly deadLetterAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: HarvestJobsProps) {
    super(scope, id);

    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Pages', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Six times the function timeout (AWS's advice for Lambda consumers).
      visibilityTimeout: Duration.seconds(HARVESTER_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: HARVEST_MAX_RECEIVES },
    });

    const common = { data: props.data, logRetention: props.logRetention, environment: { [HARVEST_QUEUE_URL_ENV]: this.queue.queueUrl } };
    this.dispatch = new ExchangeFunction(this, 'Dispatch', {
      ...common,
      entry: 'functions/harvest/jobs/dispatch-handler.ts',
      serviceName: serviceNames.harvestDispatch,
      description: 'London Data Exchange harvest dispatch: starts the run of every harvest source that is due',
      // Reads sources and schedules; writes run and schedule records.
      access: { table: 'readWrite' },
      timeout: Duration.minutes(5),
      reservedConcurrentExecutions: 1,
    });
    this.harvester = new ExchangeFunction(this, 'Harvester', {
      ...common,
      entry: 'functions/harvest/jobs/harvester-handler.ts',
      serviceName: serviceNames.harvester,
      description: 'London Data Exchange harvester: reads and takes one page of a harvest source per message',
      // Mirror-mode sources' files go to the uploads bucket, whose events start their ingest.
      access: { table: 'readWrite', uploads: 'put' },
      memorySize: 1024,
      timeout: HARVESTER_TIMEOUT,
      reservedConcurrentExecutions: HARVESTER_CONCURRENCY + 1,
    });
    this.linkChecker = new ExchangeFunction(this, 'LinkChecker', {
      ...common,
      entry: 'functions/harvest/jobs/link-check-handler.ts',
      serviceName: serviceNames.linkChecker,
      description: 'London Data Exchange link checker: visits harvested distribution URLs politely and records their health',
      access: { table: 'readWrite' },
      timeout: Duration.minutes(15),
      reservedConcurrentExecutions: 1,
    });
    for (const sender of [this.dispatch, this.harvester]) {
      // SendMessage only (Queue.grantSendMessages would add GetQueueAttributes and GetQueueUrl).
      iam.Grant.addToPrincipal({ grantee: sender.role, actions: ['sqs:SendMessage'], resourceArns: [this.queue.queueArn] });
    }
    this.harvester.function.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 1, maxConcurrency: HARVESTER_CONCURRENCY, reportBatchItemFailures: true }),
    );

    new scheduler.Schedule(this, 'DispatchSchedule', {
      description: 'Starts the harvest runs that are due',
      schedule: scheduler.ScheduleExpression.rate(HARVEST_DISPATCH_RATE),
      // A missed tick is superseded by the next one: no retries, nothing to keep.
      target: new InvokeFunction(this, 'DispatchInvoker', this.dispatch.function),
    });
    new scheduler.Schedule(this, 'LinkCheckSchedule', {
      description: 'Checks the harvested links least recently checked',
      schedule: scheduler.ScheduleExpression.rate(LINK_CHECK_RATE),
      target: new InvokeFunction(this, 'LinkCheckInvoker', this.linkChecker.function),
    });

    this.deadLetterAlarm = deadLetterAlarm(
      this,
      this.deadLetters,
      `A harvest page failed ${HARVEST_MAX_RECEIVES} times and is in the harvest dead-letter queue: its run stays ` +
        '`running` until it is taken as stale and the source is due again. See the harvester function logs.',
    );
    this.deadLetterAlarm.addAlarmAction(new SnsAction(props.alarmTopic));
    this.deadLetterAlarm.addOkAction(new SnsAction(props.alarmTopic));
  }

  /**
   * Lets a function start runs through the queue (the API's "harvest now": functions/harvest/harvest-now.ts):
   * SendMessage on the harvest queue alone, and the queue's URL in its environment.
   */
  grantQueueRuns(starter: ExchangeFunction): void {
    iam.Grant.addToPrincipal({ grantee: starter.role, actions: ['sqs:SendMessage'], resourceArns: [this.queue.queueArn] });
    starter.function.addEnvironment(HARVEST_QUEUE_URL_ENV, this.queue.queueUrl);
  }
}

/**
 * A schedule target that invokes one function, its role allowed `lambda:InvokeFunction` on that
 * function's ARN alone (aws-scheduler-targets' LambdaInvoke also grants every version, `:*`). A
 * missed tick is superseded by the next one: no retries, no event older than five minutes.
 */
class InvokeFunction implements scheduler.IScheduleTarget {
  private readonly role: iam.Role;

  constructor(
    scope: Construct,
    id: string,
    private readonly fn: lambda.IFunction,
  ) {
    this.role = new iam.Role(scope, id, { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com') });
    this.role.addToPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }));
  }

  bind(): scheduler.ScheduleTargetConfig {
    return { arn: this.fn.functionArn, role: this.role, retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 300 } };
  }
}
