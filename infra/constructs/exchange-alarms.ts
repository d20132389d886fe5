import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { ExchangeApi } from './api';
import { exchangeMetric } from './exchange-metrics';
import type { ExchangeIngest } from './ingest';
import type { SearchIndexer } from './search-indexer';
import { metricNames, serviceNames } from '../../functions/observability/metric-names';

/** Every alarm looks at 5-minute periods. */
export const alarmPeriod = Duration.minutes(5);

/** The API alarms when more than this percentage of a period's requests answered 5xx... */
export const serverErrorRatePercent = 5;
/** ...in a period with at least this many requests, so one failing request at 3 a.m. is not a rate. */
export const serverErrorRateMinRequests = 5;

/** The API alarms when the p95 of the HTTP API's latency stays above this in `latencyPeriods` periods in a row. */
export const p95LatencyMs = 5000;
export const latencyPeriods = 3;

export interface ExchangeAlarmsProps {
  readonly api: ExchangeApi;
  readonly ingest: ExchangeIngest;
  readonly indexer: SearchIndexer;
  /** Where every alarm, new or existing, reports going into ALARM and back to OK. */
  readonly topic: sns.ITopic;
}

/**
 * The exchange's alarms: the API's 5xx rate and p95 latency, failed ingests, Lambda throttles of
 * the API and ingest, plus the alarms the ingest and indexer constructs already own (dead-letter
 * queues, a failing indexer), all notifying one topic.
 */
export class ExchangeAlarms extends Construct {
  readonly serverErrorRate: cloudwatch.Alarm;
  readonly p95Latency: cloudwatch.Alarm;
  readonly ingestFailures: cloudwatch.Alarm;
  readonly apiThrottles: cloudwatch.Alarm;
  readonly ingestThrottles: cloudwatch.Alarm;
  /** Every alarm that notifies the topic, the existing ones included. */
  readonly all: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: ExchangeAlarmsProps) {
    super(scope, id);
    const { httpApi } = props.api;
    const sum = { period: alarmPeriod, statistic: cloudwatch.Stats.SUM };

    this.serverErrorRate = new cloudwatch.Alarm(this, 'ServerErrorRate', {
      alarmDescription:
        `More than ${serverErrorRatePercent}% of the exchange's HTTP requests in 5 minutes answered 5xx. ` +
        'See the API function logs (Logs Insights: level = "ERROR") and its X-Ray traces.',
      metric: new cloudwatch.MathExpression({
        expression: `IF(requests >= ${serverErrorRateMinRequests}, 100 * serverErrors / requests, 0)`,
        usingMetrics: { serverErrors: httpApi.metricServerError(sum), requests: httpApi.metricCount(sum) },
        label: 'HTTP 5xx (% of requests)',
        period: alarmPeriod,
      }),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: serverErrorRatePercent,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // The latency callers see (API Gateway's, which includes the function's); p95 so one slow row query is not an alarm.
    this.p95Latency = new cloudwatch.Alarm(this, 'P95Latency', {
      alarmDescription:
        `The p95 latency of the exchange's HTTP API stayed above ${p95LatencyMs} ms for ` +
        `${latencyPeriods * alarmPeriod.toMinutes()} minutes. See the API function's Duration and its X-Ray traces.`,
      metric: httpApi.metricLatency({ period: alarmPeriod, statistic: cloudwatch.Stats.p(95) }),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: p95LatencyMs,
      evaluationPeriods: latencyPeriods,
      datapointsToAlarm: latencyPeriods,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.ingestFailures = new cloudwatch.Alarm(this, 'IngestFailures', {
      alarmDescription:
        'An upload version ended failed in the last 5 minutes (IngestFailed, emitted by the ingest function). ' +
        'Its failure report is on the version; see the ingest function logs.',
      metric: exchangeMetric(metricNames.ingestFailed, serviceNames.ingest, sum),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: 0,
      evaluationPeriods: 1,
      // No failure emits no data point.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // Not the indexer's: its reserved concurrency of 1 throttles a queue batch while a scheduled run
    // holds it, by design (the poller retries it); its own failing alarm covers it.
    const throttles = (functionName: string, fn: typeof props.api.handler) =>
      new cloudwatch.Alarm(this, `${functionName}Throttles`, {
        alarmDescription:
          `The ${functionName.toLowerCase()} function was throttled in the last 5 minutes: the account's ` +
          'Lambda concurrency is used up (or a reserved concurrency was set). Requests failed or events were delayed.',
        metric: fn.function.metricThrottles(sum),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        threshold: 0,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    this.apiThrottles = throttles('Api', props.api.handler);
    this.ingestThrottles = throttles('Ingest', props.ingest.handler);

    this.all = [
      this.serverErrorRate,
      this.p95Latency,
      this.ingestFailures,
      this.apiThrottles,
      this.ingestThrottles,
      // Owned by their constructs; only their actions are added here.
      props.ingest.deadLetterAlarm,
      props.indexer.deadLetterAlarm,
      props.indexer.failingAlarm,
    ];
    const action = new SnsAction(props.topic);
    for (const alarm of this.all) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }
}
