import type { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { metricDimensions, metricNamespace, type ServiceName } from '../../functions/observability/metric-names';

/**
 * One of the exchange's custom metrics (functions/observability/metric-names.ts) as the functions
 * emit it: in the exchange namespace, with the `service` dimension and any further dimensions.
 */
export function exchangeMetric(
  metricName: string,
  service: ServiceName,
  options: { period: Duration; statistic: string; label?: string; dimensions?: Record<string, string> },
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: metricNamespace,
    metricName,
    dimensionsMap: { [metricDimensions.service]: service, ...options.dimensions },
    period: options.period,
    statistic: options.statistic,
    label: options.label,
  });
}
