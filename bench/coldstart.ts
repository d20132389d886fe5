/**
 * Cold start of the API function (`npm run bench:coldstart [runs]`): functions/api/handler.ts
 * bundled as CDK bundles it (bench/lambda-process.ts), started in fresh node processes with the
 * Lambda runtime's flags and the construct's environment, against a local exchange whose emulators
 * run in a process of their own. The catalogue holds 10 000 generated datasets (records and search
 * snapshot seeded directly, bench/seed-catalogue.ts) and one published resource of 10 000 rows.
 *
 * Prints the bundle's size, then, as medians over the runs:
 *   - init: loading the handler's bundle (read, compiled, evaluated: what Lambda reports as Init
 *     Duration, less node's own start), process.uptime() at that point, and RSS;
 *   - each request as the first one a fresh instance handles (health, a dataset page, a search
 *     over the 10 000 datasets, a row query): what the caller who meets a cold start waits for;
 *   - the same four in turn in one fresh instance: each one's share of a warming instance;
 *   - the anchor, in the same runs: the handler as one file with every package inlined and Node
 *     reading its source map at load (--enable-source-maps), without infra/constructs/lazy-packages.ts
 *     and functions/observability/lazy-source-maps.ts: init and the four in turn.
 * Targets: init <= 100 ms, the first search on a cold instance <= 400 ms.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { newToken } from '../functions/domain/tokens';
import { startLocalExchange } from '../functions/local/local-exchange';
import { logLevel, metricNamespace, powertoolsEnvNames, serviceNames } from '../functions/observability/metric-names';
import { envNames } from '../functions/storage/layout';
import { API_MEMORY_MB, rowsDiskCacheEnv, rowsDiskCacheMb } from '../infra/constructs/api';
import { apiLazyFiles, apiLazyPackages } from '../infra/constructs/lazy-packages';
import { generate as generateReadings } from './ingest';
import { apiClient, createBenchResource, putFile, startUpload } from './ingest-local';
import { bundleLikeCdk, lambdaEnvironment, runLambdaProcess } from './lambda-process';
import { generate as generateCatalogue } from './search-catalogue';
import { createGeneratedOrganisations } from './search-http';
import { seedCatalogueDirectly } from './seed-catalogue';

const CATALOGUE_SIZE = 10_000;
const ROWS = 10_000;
const TARGET_INIT_MS = 100;
const TARGET_FIRST_SEARCH_MS = 400;

const REQUESTS = [
  { label: 'health', path: '/api/v1/health' },
  { label: 'dataset page', path: '/datasets/bench-readings' },
  { label: 'search (10 000 datasets)', path: '/api/v1/datasets?q=air%20quality' },
  { label: 'row query', path: '/api/v1/datasets/bench-readings/resources/readings/rows?limit=100&sort=value' },
];

interface ApiRun {
  initMs: number;
  initCpuMs: number;
  uptimeAfterInitMs: number;
  afterInitRssMb: number;
  rssAtEndMb: number;
  answers: Array<{ label: string; status: number; ms: number; cpuMs: number; bytes: number }>;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};
const f = (value: number, width = 7) => value.toFixed(0).padStart(width);

const main = async (): Promise<void> => {
  const runs = Math.max(1, Number(process.argv[2] ?? 3));
  console.log(
    `node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, ${runs} runs (medians)`,
  );
  // The bench's own exchange (seeding) logs only warnings; the Lambda processes log as deployed.
  process.env[powertoolsEnvNames.logLevel] = 'WARN';
  const adminToken = newToken();
  const exchange = await startLocalExchange({ port: 0, adminToken, seed: false, emulatorsInChildProcess: true });
  const scratch = await mkdtemp(join(tmpdir(), 'ldx-coldstart-'));
  const handlerEntry = join(__dirname, '..', 'functions', 'api', 'handler.ts');
  const built = await bundleLikeCdk(handlerEntry, { packages: apiLazyPackages, files: apiLazyFiles, groups: true });
  // The anchor, measured in the same runs: the same handler as one file, every package inlined.
  const oneFile = await bundleLikeCdk(handlerEntry);
  const driver = await bundleLikeCdk(join(__dirname, 'api-lambda.ts'));
  try {
    const call = apiClient(exchange.url);
    const token = await createBenchResource(call, adminToken);
    const file = join(scratch, 'readings.csv');
    await generateReadings(file, ROWS);
    const { uploadUrl, uploadHeaders, size } = await startUpload(call, token, file);
    if ((await putFile(uploadUrl, uploadHeaders, file, size)) !== 200) throw new Error('the presigned PUT failed');
    let resource = await call('GET', '/datasets/bench-readings/resources/readings', token);
    while (resource.status !== 'published' && resource.status !== 'failed') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      resource = await call('GET', '/datasets/bench-readings/resources/readings', token);
    }
    if (resource.status !== 'published') throw new Error(`the bench resource ended ${resource.status}`);
    await createGeneratedOrganisations(exchange);
    await seedCatalogueDirectly(exchange, generateCatalogue(CATALOGUE_SIZE));

    const env = lambdaEnvironment(exchange, {
      // What the Lambda runtime and the construct (exchange-function.ts) set: Powertools logs and metrics as deployed.
      AWS_LAMBDA_FUNCTION_NAME: 'ldx-api-coldstart',
      [powertoolsEnvNames.serviceName]: serviceNames.api,
      [powertoolsEnvNames.metricsNamespace]: metricNamespace,
      [powertoolsEnvNames.logLevel]: logLevel,
      [envNames.adminTokenSha256]: createHash('sha256').update(adminToken).digest('hex'),
      [envNames.publicBaseUrl]: 'https://data.example.london',
      [rowsDiskCacheEnv]: String(rowsDiskCacheMb),
      // As the construct (lazySourceMaps): no --enable-source-maps; the handler maps stacks itself when one is written.
      NODE_OPTIONS: process.env.LDX_BENCH_LAMBDA_NODE_OPTIONS ?? '',
      // The Lambda's /tmp is its own; here every process gets a fresh one, as a new instance would.
    });
    const fresh = async (requests: typeof REQUESTS, bundle = built.bundle, nodeOptions = env.NODE_OPTIONS): Promise<ApiRun> => {
      const tmp = await mkdtemp(join(scratch, 'tmp-'));
      try {
        return await runLambdaProcess<ApiRun>(driver.bundle, API_MEMORY_MB, { ...env, NODE_OPTIONS: nodeOptions, TMPDIR: tmp }, [
          bundle,
          JSON.stringify(requests),
        ]);
      } finally {
        await rm(tmp, { recursive: true, force: true });
      }
    };

    const inits: ApiRun[] = [];
    const alone = new Map<string, ApiRun['answers']>();
    const inTurn = new Map<string, ApiRun['answers']>();
    const anchors: ApiRun[] = [];
    for (let run = 0; run < runs; run++) {
      anchors.push(await fresh(REQUESTS, oneFile.bundle, '--enable-source-maps'));
      for (const request of REQUESTS) {
        const result = await fresh([request]);
        inits.push(result);
        alone.set(request.label, [...(alone.get(request.label) ?? []), result.answers[0]]);
      }
      const sequence = await fresh(REQUESTS);
      inits.push(sequence);
      for (const answer of sequence.answers) inTurn.set(answer.label, [...(inTurn.get(answer.label) ?? []), answer]);
    }

    const initMs = median(inits.map((r) => r.initMs));
    console.log(`\nAPI bundle ${(built.bytes / 2 ** 20).toFixed(1)} MB and its source map (DuckDB's packages beside them, as the construct ships them)`);
    console.log(`init (${inits.length} fresh processes)`);
    console.log(`  handler bundle loaded        ${f(initMs)} ms   (target <= ${TARGET_INIT_MS}), CPU ${f(median(inits.map((r) => r.initCpuMs)))} ms`);
    console.log(`  process.uptime() after init  ${f(median(inits.map((r) => r.uptimeAfterInitMs)))} ms   (node's own start included)`);
    console.log(`  RSS after init               ${f(median(inits.map((r) => r.afterInitRssMb)))} MB`);
    // CPU time beside wall time: on a shared machine, other processes' load stretches the wall time alone.
    const ms = (answers: ApiRun['answers']) => `${f(median(answers.map((a) => a.ms)), 6)} (CPU ${f(median(answers.map((a) => a.cpuMs)), 4)})`;
    console.log('\nfirst-request latency, ms      alone in a fresh instance   in turn in one fresh instance');
    for (const { label } of REQUESTS) console.log(`  ${label.padEnd(28)} ${ms(alone.get(label)!)}          ${ms(inTurn.get(label)!)}`);
    const firstSearch = median(alone.get(REQUESTS[2].label)!.map((a) => a.ms));
    const anchorAnswers = (label: string) => anchors.map((r) => r.answers.find((a) => a.label === label)!);
    console.log(
      `\nanchor: the handler as one ${(oneFile.bytes / 2 ** 20).toFixed(1)} MB file with --enable-source-maps (no lazy packages or source maps), in turn in ${anchors.length} fresh instances: ` +
        `init ${f(median(anchors.map((r) => r.initMs)), 0)} ms (CPU ${f(median(anchors.map((r) => r.initCpuMs)), 0)}); ` +
        REQUESTS.map(({ label }) => `${label} ${ms(anchorAnswers(label)).replace(/\s+/g, ' ').trim()}`).join('; '),
    );
    console.log(`\nRSS after the four requests   ${f(median(inits.filter((r) => r.answers.length === REQUESTS.length).map((r) => r.rssAtEndMb)))} MB`);
    console.log(
      `init ${initMs <= TARGET_INIT_MS ? 'meets' : 'MISSES'} its target; first search ${firstSearch <= TARGET_FIRST_SEARCH_MS ? 'meets' : 'MISSES'} its target`,
    );
  } finally {
    // With profiles, the bundle and its source maps stay, so the profiles' positions can be read as source lines.
    if (process.env.LDX_BENCH_CPU_PROFILE) console.log(`bundle kept for the profiles: ${built.bundle}`);
    else await built.remove();
    await oneFile.remove();
    await driver.remove();
    await rm(scratch, { recursive: true, force: true });
    await exchange.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
