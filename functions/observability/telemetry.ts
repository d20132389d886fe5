import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, type MetricUnit } from '@aws-lambda-powertools/metrics';

type Unit = (typeof MetricUnit)[keyof typeof MetricUnit];
import { metricNamespace } from './metric-names';

/**
 * The one Powertools Logger and Metrics of a process. Both are made on first use, so they read
 * the environment as it is then (POWERTOOLS_SERVICE_NAME and POWERTOOLS_LOG_LEVEL, set by the CDK
 * stack; the local start script and the test setup set their own) and cost nothing at init.
 */

/** In a Lambda function (the runtime sets this); anywhere else is local mode or a test. */
export const inLambda = (): boolean => Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);

const serviceName = (): string => process.env.POWERTOOLS_SERVICE_NAME ?? 'local';

let logger: Logger | undefined;
let metrics: Metrics | undefined;

/**
 * Outside Lambda, with no level chosen, warnings and errors only: a local exchange started by a
 * benchmark or a script would otherwise write a line per request into a pipe nobody reads.
 * `npm start` chooses POWERTOOLS_DEV (every event, indented); the test setup chooses SILENT.
 */
const defaultLevel = (): { logLevel?: 'WARN' } =>
  inLambda() || process.env.POWERTOOLS_LOG_LEVEL || process.env.AWS_LAMBDA_LOG_LEVEL || process.env.POWERTOOLS_DEV ? {} : { logLevel: 'WARN' };

/** Structured JSON lines (Powertools' POWERTOOLS_DEV=true indents them for people). */
export const log = (): Logger => {
  logger ??= new Logger({ serviceName: serviceName(), ...defaultLevel() });
  return logger;
};

/**
 * Metrics are written as CloudWatch embedded-metric-format lines in Lambda. Elsewhere they are
 * off unless POWERTOOLS_METRICS_DISABLED=false asks for them (a test reading the EMF output):
 * a laptop has no CloudWatch to read them.
 */
const metricsEnabled = (): boolean => {
  const setting = process.env.POWERTOOLS_METRICS_DISABLED;
  return setting === undefined ? inLambda() : setting.toLowerCase() === 'false';
};

/**
 * One metric with its own dimensions (besides `service`), written at once: the API's request
 * metrics and its row-query metrics carry different dimensions within one invocation, which
 * one shared, per-invocation metric set could not hold.
 */
export const emitMetric = (name: string, unit: Unit, value: number, dimensions: Record<string, string> = {}): void => {
  if (!metricsEnabled()) return;
  metrics ??= new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? metricNamespace, serviceName: serviceName() });
  const single = metrics.singleMetric();
  for (const [dimension, label] of Object.entries(dimensions)) single.addDimension(dimension, label);
  single.addMetric(name, unit, value);
};
