/**
 * The exchange's operational metrics contract, shared by the functions that emit them (CloudWatch
 * embedded metric format, e.g. through Powertools Metrics) and the CDK stack that charts and alarms
 * on them (infra/constructs/exchange-alarms.ts, exchange-dashboard.ts). It lives under functions/
 * and imports nothing, so a Lambda bundle can import it without pulling in aws-cdk-lib; the stack
 * already reads functions/storage/layout.ts the same way.
 */

/** The CloudWatch namespace of every custom metric. */
export const metricNamespace = 'LondonDataExchange';

/** Each function's service name: POWERTOOLS_SERVICE_NAME, and the `service` dimension of its metrics. */
export const serviceNames = {
  api: 'api',
  ingest: 'ingest',
  indexer: 'indexer',
  harvestDispatch: 'harvest-dispatch',
  harvester: 'harvester',
  linkChecker: 'link-checker',
  schemaEventRelay: 'schema-event-relay',
} as const;
export type ServiceName = (typeof serviceNames)[keyof typeof serviceNames];

/** Dimension names. `service` is on every metric (Powertools adds it from POWERTOOLS_SERVICE_NAME). */
export const metricDimensions = {
  service: 'service',
  /** The API's route pattern (e.g. `/api/v1/datasets/:id`), never the raw path: bounded cardinality. */
  route: 'route',
  /** `2xx`, `3xx`, `4xx` or `5xx`. */
  statusClass: 'statusClass',
  /** The row-query engine that answered: one of rowQueryEngines. */
  engine: 'engine',
} as const;

/** Values of the `engine` dimension (functions/rows/row-source.ts RowSource.engine). */
export const rowQueryEngines = ['duckdb', 'athena'] as const;

/** Metric names, with their unit and dimensions beyond `service`. */
export const metricNames = {
  /** Count per request; dimensions route and statusClass (api). */
  requests: 'Requests',
  /** Milliseconds from request to response (api). */
  requestLatency: 'RequestLatency',
  /** Count: an upload version published (ingest). One of the two ingest outcomes. */
  ingestPublished: 'IngestPublished',
  /** Count: an upload version ended failed (ingest). The other ingest outcome. */
  ingestFailed: 'IngestFailed',
  /** Rows per second of one ingest (ingest). */
  ingestRowsPerSecond: 'IngestRowsPerSecond',
  /** Milliseconds of one row query; dimension engine (api). */
  rowQueryLatency: 'RowQueryLatency',
  /** Milliseconds of one search (api). */
  searchLatency: 'SearchLatency',
  /** Count: a harvest run that failed as a whole (the harvester, once it runs as a function). */
  harvestRunFailed: 'HarvestRunFailed',
} as const;

/** The environment variables Powertools for AWS Lambda reads; the stack sets them on every function. */
export const powertoolsEnvNames = {
  serviceName: 'POWERTOOLS_SERVICE_NAME',
  metricsNamespace: 'POWERTOOLS_METRICS_NAMESPACE',
  logLevel: 'POWERTOOLS_LOG_LEVEL',
} as const;

/** The level every function logs at (Powertools, and Lambda's own JSON log-level filter). */
export const logLevel = 'INFO';
