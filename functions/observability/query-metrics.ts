import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metricDimensions, metricNames } from './metric-names';
import { emitMetric } from './telemetry';

const timed = async <T>(work: () => Promise<T>, emit: (ms: number) => void): Promise<T> => {
  const started = performance.now();
  try {
    return await work();
  } finally {
    emit(Math.round((performance.now() - started) * 10) / 10);
  }
};

/** A row query's time in its engine (answered or not: a slow failure is still slow). */
export const timeRowQuery = <T>(engine: 'duckdb' | 'athena', work: () => Promise<T>): Promise<T> =>
  timed(work, (ms) => emitMetric(metricNames.rowQueryLatency, MetricUnit.Milliseconds, ms, { [metricDimensions.engine]: engine }));

/** A catalogue search's time, from the index to the page's records. */
export const timeSearch = <T>(work: () => Promise<T>): Promise<T> => timed(work, (ms) => emitMetric(metricNames.searchLatency, MetricUnit.Milliseconds, ms));
