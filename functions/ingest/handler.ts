import { span } from '../observability/lambda-tracing';
import { readDeployedConfig } from '../config';
import { sweepOverdueIngests } from '../domain/version-outcome';
import { createDeployedDomainContext } from '../wiring';
import { loadDuckDb } from './core/duckdb';
import { boundLambdaHeap } from './lambda-heap';
import { handleS3Event, type S3EventLike } from './s3-events';

// Built once per container; each invocation handles one S3 notification (possibly several records).
const config = readDeployedConfig();
const domain = createDeployedDomainContext(config);
// At init, not in the first upload's time: every CSV upload with a schema uses DuckDB.
loadDuckDb();
// So that peak memory does not grow with the upload's size: see lambda-heap.ts.
boundLambdaHeap();

/** The EventBridge schedule's event (infra/constructs/ingest.ts): time to end overdue ingests. */
interface ScheduledEventLike {
  source: 'aws.events';
  'detail-type': 'Scheduled Event';
}

const isScheduled = (event: unknown): event is ScheduledEventLike =>
  typeof event === 'object' && event !== null && (event as Partial<ScheduledEventLike>)['detail-type'] === 'Scheduled Event';

/**
 * An S3 notification: ingest each upload (an error on its last attempt still ends the version,
 * see ingest-upload.ts). The schedule: the sweep, which fails versions whose ingest stopped
 * (timeout, crash) past their deadline.
 */
export const handler = async (event: S3EventLike | ScheduledEventLike): Promise<{ outcomes: string[] } | { swept: number }> => {
  if (isScheduled(event)) return { swept: await span('sweepOverdueIngests', () => sweepOverdueIngests(domain)) };
  return { outcomes: await span('ingest', () => handleS3Event(domain, event, config.uploadsBucket)) };
};
