import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { ExchangeApi } from './api';
import type { ExchangeFunction } from './exchange-function';
import { exchangeMetric } from './exchange-metrics';
import type { ExchangeIngest } from './ingest';
import type { SearchIndexer } from './search-indexer';
import { metricDimensions, metricNames, metricNamespace, rowQueryEngines, serviceNames, type ServiceName } from '../../functions/observability/metric-names';

const period = Duration.minutes(5);
const sum = { period, statistic: cloudwatch.Stats.SUM };
const p95 = { period, statistic: cloudwatch.Stats.p(95) };
const width = 12;
const height = 6;

export interface ExchangeDashboardProps {
  readonly api: ExchangeApi;
  readonly ingest: ExchangeIngest;
  readonly indexer: SearchIndexer;
  /** Shown in an alarm status widget at the top. */
  readonly alarms: cloudwatch.IAlarm[];
}

/**
 * One CloudWatch dashboard for operating the exchange: alarm states, traffic, errors, p95 latency
 * per function, ingest outcomes, row-query and search latency, dead-letter queue depth, throttles.
 */
export class ExchangeDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: ExchangeDashboardProps) {
    super(scope, id);
    const { httpApi } = props.api;
    const functions: [ServiceName, ExchangeFunction][] = [
      [serviceNames.api, props.api.handler],
      [serviceNames.ingest, props.ingest.handler],
      [serviceNames.indexer, props.indexer.handler],
    ];
    const perFunction = (metric: (fn: ExchangeFunction, label: string) => cloudwatch.IMetric) => functions.map(([service, fn]) => metric(fn, service));
    const graph = (title: string, left: cloudwatch.IMetric[], right: cloudwatch.IMetric[] = []) =>
      new cloudwatch.GraphWidget({ title, left, right, width, height });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(24),
      periodOverride: cloudwatch.PeriodOverride.AUTO,
      widgets: [
        [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: props.alarms, width: 2 * width, height: 3 })],
        [
          graph('Traffic: HTTP requests', [
            httpApi.metricCount({ ...sum, label: 'requests' }),
            httpApi.metricClientError({ ...sum, label: '4xx' }),
            httpApi.metricServerError({ ...sum, label: '5xx' }),
          ]),
          graph('Requests by route and status class (API metric)', [
            new cloudwatch.MathExpression({
              expression:
                `SEARCH('{${metricNamespace},${metricDimensions.route},${metricDimensions.service},${metricDimensions.statusClass}} ` +
                `MetricName="${metricNames.requests}"', 'Sum', ${period.toSeconds()})`,
              usingMetrics: {},
              label: '',
              period,
            }),
          ]),
        ],
        [
          graph('Errors', [
            httpApi.metricServerError({ ...sum, label: 'HTTP 5xx' }),
            ...perFunction((fn, label) => fn.function.metricErrors({ ...sum, label: `${label} errors` })),
          ]),
          graph('p95 latency (ms)', [
            httpApi.metricLatency({ ...p95, label: 'HTTP API' }),
            ...perFunction((fn, label) => fn.function.metricDuration({ ...p95, label })),
          ]),
        ],
        [
          graph(
            'Ingest outcomes',
            [
              exchangeMetric(metricNames.ingestPublished, serviceNames.ingest, { ...sum, label: 'published' }),
              exchangeMetric(metricNames.ingestFailed, serviceNames.ingest, { ...sum, label: 'failed' }),
            ],
            [exchangeMetric(metricNames.ingestRowsPerSecond, serviceNames.ingest, { period, statistic: 'Average', label: 'rows/s' })],
          ),
          graph('Row query and search p95 (ms)', [
            ...rowQueryEngines.map((engine) =>
              exchangeMetric(metricNames.rowQueryLatency, serviceNames.api, {
                ...p95,
                label: `rows (${engine})`,
                dimensions: { [metricDimensions.engine]: engine },
              }),
            ),
            exchangeMetric(metricNames.searchLatency, serviceNames.api, { ...p95, label: 'search' }),
            exchangeMetric(metricNames.requestLatency, serviceNames.api, { ...p95, label: 'request (in the function)' }),
          ]),
        ],
        [
          graph('Dead-letter queues: messages waiting', [
            props.ingest.deadLetters.metricApproximateNumberOfMessagesVisible({ period, statistic: cloudwatch.Stats.MAXIMUM, label: 'ingest' }),
            props.indexer.deadLetters.metricApproximateNumberOfMessagesVisible({ period, statistic: cloudwatch.Stats.MAXIMUM, label: 'search indexer' }),
          ]),
          graph(
            'Lambda throttles',
            perFunction((fn, label) => fn.function.metricThrottles({ ...sum, label })),
          ),
        ],
      ],
    });
  }
}
