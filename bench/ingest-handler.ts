import { join } from 'node:path';
import { newToken } from '../functions/domain/tokens';
import { uploadObjectKey } from '../functions/domain/uploads';
import { startLocalExchange, type LocalExchange } from '../functions/local/local-exchange';
import { apiClient, createBenchResource, latestOutcome, putFile, startUpload } from './ingest-local';
import { INGEST_ENVIRONMENT, INGEST_MEMORY_MB } from '../infra/constructs/ingest';
import { bundleLikeCdk, lambdaEnvironment, runLambdaProcess } from './lambda-process';

export interface LambdaRun {
  outcomes: string[];
  ms: number;
  initMs: number;
  cpuMs: number;
  peakRssMb: number;
  afterInitRssMb: number;
  atPeakMb: { heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
}

/**
 * The ingest Lambda alone: a throwaway exchange (emulators in their own process) in which the
 * dataset, the resource and the upload are created and the file PUT to the uploads bucket
 * beforehand; then the handler, bundled as CDK bundles it, runs in a fresh process of its own
 * on the upload's S3 event, with the environment its CDK construct gives it. Timed from the
 * event until the handler returns (the version published); peak RSS is that process's.
 */
export const ingestThroughHandler = async (
  file: string,
): Promise<{
  report: { valid: boolean; errorCount: number; rowCount: number };
  ms: number;
  cpuMs: number;
  peakRssMb: number;
  emulatorPeakRssMb: number;
  lambda: LambdaRun;
}> => {
  const adminToken = newToken();
  const exchange = await startLocalExchange({ port: 0, adminToken, seed: false, emulatorsInChildProcess: true, ingestOnUpload: false });
  const call = apiClient(exchange.url);
  try {
    const token = await createBenchResource(call, adminToken);
    const { uploadId, uploadUrl, uploadHeaders, size } = await startUpload(call, token, file);
    const status = await putFile(uploadUrl, uploadHeaders, file, size);
    if (status !== 200) throw new Error(`presigned PUT answered ${status}`);
    const { datasetId } = await call('GET', '/datasets/bench-readings/resources/readings', token);
    const event = s3Event(exchange.names.uploads, uploadObjectKey(datasetId as string, 'readings', uploadId), size);
    const lambda = await runIngestLambda(exchange, event);
    if (lambda.outcomes[0] !== 'published') throw new Error(`the handler answered ${JSON.stringify(lambda.outcomes)}`);
    const emulatorPeakRssMb = ((await exchange.emulators.peakRssBytes?.()) ?? 0) / 2 ** 20;
    return { report: await latestOutcome(call, token), ms: lambda.ms, cpuMs: lambda.cpuMs, peakRssMb: lambda.peakRssMb, emulatorPeakRssMb, lambda };
  } finally {
    await exchange.stop();
  }
};

/** An S3 ObjectCreated notification as S3 delivers it to Lambda (the fields ingest reads, key URL-encoded). */
const s3Event = (bucket: string, key: string, size: number) => ({
  Records: [
    {
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      s3: { bucket: { name: bucket }, object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), size } },
    },
  ],
});

/**
 * Bundles functions/ingest/handler.ts (through bench/ingest-lambda.ts) as CDK bundles it and runs
 * it in a fresh process with the runtime's node flags and the environment the construct sets
 * (MALLOC_ARENA_MAX), pointed at the emulators (bench/lambda-process.ts).
 */
async function runIngestLambda(exchange: LocalExchange, event: unknown): Promise<LambdaRun> {
  const { bundle, remove } = await bundleLikeCdk(join(__dirname, 'ingest-lambda.ts'));
  try {
    return await runLambdaProcess<LambdaRun>(bundle, INGEST_MEMORY_MB, lambdaEnvironment(exchange, INGEST_ENVIRONMENT), [JSON.stringify(event)]);
  } finally {
    await remove();
  }
}
