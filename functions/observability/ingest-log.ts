import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metricNames } from './metric-names';
import { emitMetric, log } from './telemetry';

/** What one ingest learnt about its upload, filled in as it goes (an early failure leaves some out). */
export interface IngestFacts {
  uploadId?: string;
  /** The request id of the API call that made the upload (see correlation.ts). */
  correlationId?: string;
  bytes?: number;
  rows?: number;
  /** The detected format (csv, tsv, json, ndjson, geojson). */
  format?: string;
  /** DuckDB vouched for every row (fast), the JS path checked them, or DuckDB could not and the JS path did. */
  path?: 'fast' | 'js' | 'fast-then-js';
}

/** One log line per ingest that ended its version, and the ingest outcome and throughput metrics. */
export const recordIngest = (ended: IngestFacts & { outcome: 'published' | 'failed'; durationMs: number }): void => {
  const durationMs = Math.round(ended.durationMs);
  log().info('upload ingested', { ...ended, durationMs });
  emitMetric(ended.outcome === 'published' ? metricNames.ingestPublished : metricNames.ingestFailed, MetricUnit.Count, 1);
  if (ended.outcome === 'published' && ended.rows !== undefined && durationMs > 0) {
    emitMetric(metricNames.ingestRowsPerSecond, MetricUnit.CountPerSecond, Math.round((ended.rows * 1000) / durationMs));
  }
};
