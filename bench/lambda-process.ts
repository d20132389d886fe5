import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { LocalExchange } from '../functions/local/local-exchange';
import { envNames } from '../functions/storage/layout';
import { buildLazyPackages, type LazyFile, type LazyPackageGroup, lazySpecifiers, lazySplitProblems } from '../infra/constructs/lazy-packages';
import { apiLazyGroups, buildLazyGroups, lazyGroupProblems } from '../infra/constructs/lazy-groups';
import { repoRoot } from '../infra/paths';
import { duckDbPackages } from '../infra/constructs/native-duckdb';
import { functionArchitecture } from '../infra/constructs/exchange-function';

/**
 * The heap flags Lambda's Node.js runtime puts on node's command line (its bootstrap script):
 * a tenth of the memory for the young generation, split into two semi-spaces, the rest for the
 * old generation. On the command line they win over NODE_OPTIONS.
 */
export const lambdaRuntimeFlags = (memoryMb: number): string[] => {
  const newSpace = Math.floor(memoryMb / 10);
  return ['--expose-gc', '--max-http-header-size', '81920', `--max-semi-space-size=${Math.floor(newSpace / 2)}`, `--max-old-space-size=${memoryMb - newSpace}`];
};

/**
 * Bundles `entry` with the options of infra/constructs/exchange-function.ts (CommonJS, minified,
 * source maps without the sources' text, the AWS SDK bundled, DuckDB's packages left out and loaded from node_modules as
 * native-duckdb.ts ships them) into a scratch folder inside the repository, so the bundle's
 * require('@duckdb/node-api') finds node_modules. Returns the bundle's path and a clean-up.
 * `bytes` is the bundle's size without its source map. `lazy`: package groups built and files
 * copied beside the bundle as the API's construct does (infra/constructs/lazy-packages.ts), and with
 * `groups`, the API's lazily loaded groups of its own modules (infra/constructs/lazy-groups.ts).
 */
export const bundleLikeCdk = async (
  entry: string,
  lazy: { packages: readonly LazyPackageGroup[]; files: readonly LazyFile[]; groups?: boolean } = { packages: [], files: [] },
): Promise<{ bundle: string; bytes: number; remove: () => Promise<void> }> => {
  const scratch = join(__dirname, '..', '.tmp');
  await mkdir(scratch, { recursive: true });
  const dir = await mkdtemp(join(scratch, 'bench-lambda-'));
  const bundle = join(dir, 'index.js');
  const result = await build({
    entryPoints: [entry],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20', // this machine's Node (the Lambda runs Node 24: figures are Node 20's)
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    external: [
      ...duckDbPackages(functionArchitecture),
      ...lazySpecifiers(lazy.packages),
      ...lazy.files.map((file) => file.specifier),
      ...(lazy.groups ? apiLazyGroups.map((group) => group.specifier) : []),
    ],
    absWorkingDir: repoRoot,
    logLevel: 'error',
    metafile: true,
  });
  const problems = [...lazySplitProblems(result.metafile, lazy.packages, lazy.files), ...(lazy.groups ? lazyGroupProblems(result.metafile) : [])];
  if (problems.length > 0) throw new Error(`the lazy split is not whole: ${problems.join(', ')}`);
  await buildLazyPackages(dir, lazy.packages, lazy.files, { target: 'node20', external: duckDbPackages(functionArchitecture) });
  if (lazy.groups) {
    const external = [...duckDbPackages(functionArchitecture), ...lazySpecifiers(lazy.packages), ...lazy.files.map((file) => file.specifier)];
    await buildLazyGroups(dir, result.metafile, repoRoot, { target: 'node20', external });
  }
  const bytes = result.metafile.outputs[Object.keys(result.metafile.outputs).find((name) => name.endsWith('index.js'))!].bytes;
  return { bundle, bytes, remove: () => rm(dir, { recursive: true, force: true }) };
};

/**
 * The environment a function's construct gives it (NODE_OPTIONS, storage names, `extra`), pointed
 * at the local exchange's emulators through the SDK's standard endpoint variables. Knobs for
 * experiments (MALLOC_*, LDX_BENCH_*) pass through; LDX_BENCH_LAMBDA_NODE_OPTIONS adds node options.
 */
export const lambdaEnvironment = (exchange: LocalExchange, extra: Record<string, string>): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH ?? '',
  NODE_OPTIONS: `--enable-source-maps ${process.env.LDX_BENCH_LAMBDA_NODE_OPTIONS ?? ''}`.trim(),
  ...extra,
  AWS_REGION: 'eu-west-2',
  AWS_ACCESS_KEY_ID: 'S3RVER',
  AWS_SECRET_ACCESS_KEY: 'S3RVER',
  AWS_ENDPOINT_URL_DYNAMODB: exchange.endpoints.dynamoEndpoint!,
  AWS_ENDPOINT_URL_S3: exchange.endpoints.s3Endpoint!,
  [envNames.tableName]: exchange.names.table,
  [envNames.uploadsBucket]: exchange.names.uploads,
  [envNames.publishedBucket]: exchange.names.published,
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('MALLOC_') || name.startsWith('LDX_BENCH_'))),
});

/**
 * Runs a bundle in a fresh node process with the runtime's flags for `memoryMb`; returns the last
 * line of its stdout parsed as JSON (the function's own log lines go to stdout before it, as in Lambda).
 */
export const runLambdaProcess = async <T>(bundle: string, memoryMb: number, env: NodeJS.ProcessEnv, args: string[]): Promise<T> => {
  const { stdout } = await promisify(execFile)(process.execPath, [...lambdaRuntimeFlags(memoryMb), bundle, ...args], { env, maxBuffer: 16 << 20 });
  return JSON.parse(stdout.trimEnd().split('\n').at(-1) ?? '') as T;
};
