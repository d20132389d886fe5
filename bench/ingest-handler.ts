import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { newToken } from '../functions/domain/tokens';
import { uploadObjectKey } from '../functions/domain/uploads';
import { startLocalExchange, type LocalExchange } from '../functions/local/local-exchange';
import { envNames } from '../functions/storage/layout';
import { apiClient, createBenchResource, latestOutcome, putFile, startUpload } from './ingest-local';
import { INGEST_ENVIRONMENT, INGEST_MEMORY_MB } from '../infra/constructs/ingest';

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
export const ingestThroughHandler = async (file: string): Promise<{ report: { valid: boolean; errorCount: number; rowCount: number }; ms: number; cpuMs: number; peakRssMb: number; emulatorPeakRssMb: number; lambda: LambdaRun }> => {
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
    const lambda = await runLambdaProcess(exchange, event);
    if (lambda.outcomes[0] !== 'published') throw new Error(`the handler answered ${JSON.stringify(lambda.outcomes)}`);
    const emulatorPeakRssMb = ((await exchange.emulators.peakRssBytes?.()) ?? 0) / 2 ** 20;
    return { report: await latestOutcome(call, token), ms: lambda.ms, cpuMs: lambda.cpuMs, peakRssMb: lambda.peakRssMb, emulatorPeakRssMb, lambda };
  } finally {
    await exchange.stop();
  }
};

/** An S3 ObjectCreated notification as S3 delivers it to Lambda (the fields ingest reads, key URL-encoded). */
const s3Event = (bucket: string, key: string, size: number) => ({
  Records: [{ eventVersion: '2.1', eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { bucket: { name: bucket }, object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), size } } }],
});

/**
 * The heap flags Lambda's Node.js runtime puts on node's command line (its bootstrap script):
 * a tenth of the memory for the young generation, split into two semi-spaces, the rest for the
 * old generation. On the command line they win over NODE_OPTIONS.
 */
const lambdaRuntimeFlags = (memoryMb: number): string[] => {
  const newSpace = Math.floor(memoryMb / 10);
  return ['--expose-gc', '--max-http-header-size', '81920', `--max-semi-space-size=${Math.floor(newSpace / 2)}`, `--max-old-space-size=${memoryMb - newSpace}`];
};

/**
 * Bundles functions/ingest/handler.ts (through bench/ingest-lambda.ts) with the options of
 * infra/constructs/exchange-function.ts (CommonJS, minified, source maps, DuckDB left out and
 * loaded from node_modules) and runs it with the runtime's node flags and the environment the
 * construct sets (NODE_OPTIONS, MALLOC_ARENA_MAX), pointed at the emulators through the SDK's
 * standard endpoint variables.
 */
async function runLambdaProcess(exchange: LocalExchange, event: unknown): Promise<LambdaRun> {
  // Inside the repository, so the bundle's require('@duckdb/node-api') finds node_modules.
  const scratch = join(__dirname, '..', '.tmp');
  await mkdir(scratch, { recursive: true });
  const dir = await mkdtemp(join(scratch, 'bench-lambda-'));
  try {
    const bundle = join(dir, 'index.js');
    await build({
      entryPoints: [join(__dirname, 'ingest-lambda.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20', // this machine's Node (the Lambda runs Node 24: figures are Node 20's)
      minify: true,
      sourcemap: true,
      external: ['@duckdb/node-api', '@duckdb/node-bindings', '@duckdb/node-bindings-linux-x64'],
      logLevel: 'error',
    });
    const env = {
      PATH: process.env.PATH ?? '',
      NODE_OPTIONS: `--enable-source-maps ${process.env.LDX_BENCH_LAMBDA_NODE_OPTIONS ?? ''}`.trim(),
      ...INGEST_ENVIRONMENT,
      AWS_REGION: 'eu-west-2',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_ENDPOINT_URL_DYNAMODB: exchange.endpoints.dynamoEndpoint!,
      AWS_ENDPOINT_URL_S3: exchange.endpoints.s3Endpoint!,
      [envNames.tableName]: exchange.names.table,
      [envNames.uploadsBucket]: exchange.names.uploads,
      [envNames.publishedBucket]: exchange.names.published,
      // Knobs for experiments (MALLOC_*, LDX_BENCH_LAMBDA_NODE_OPTIONS) pass through to the Lambda's process.
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('MALLOC_') || name.startsWith('LDX_BENCH_'))),
    };
    const { stdout } = await promisify(execFile)(process.execPath, [...lambdaRuntimeFlags(INGEST_MEMORY_MB), bundle, JSON.stringify(event)], { env, maxBuffer: 1 << 20 });
    return JSON.parse(stdout) as LambdaRun;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
