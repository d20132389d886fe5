import { readDeployedConfig } from '../config';
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

export const handler = async (event: S3EventLike): Promise<{ outcomes: string[] }> => ({
  outcomes: await handleS3Event(domain, event, config.uploadsBucket),
});
