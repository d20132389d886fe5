/**
 * Page benchmark: `npm run bench:pages [datasets]` (default 10000).
 * Builds a catalogue of that many datasets (40 publishers; 85 % open, 10 % shared, 5 % private;
 * 50 grants; one open dataset with the real borough profiles file published), then renders each
 * page in-process through the exchange's Hono app (`app.request`: server-side time only, no
 * network) as an anonymous visitor and as a signed-in publisher, and prints p50 / p95 / max.
 * Figures only: nothing here asserts a time (the goal is ≤ 50 ms a page).
 *
 * `npm run bench:pages -- --concurrent [datasets]`: the same catalogue, then autocannon (in its own
 * process, so it does not share the exchange's event loop) with 50 connections for 15 s
 * (BENCH_DURATION overrides the seconds) over real HTTP, in turn against the borough-profiles
 * dataset page, CKAN package_search and the native search, printing requests/s, p50 and p99 side
 * by side (the goal for the first two is ≥ 400 requests/s with p99 ≤ 250 ms). Beside each, the CPU
 * this process (the exchange and, in this process, its emulators) spent per request. With
 * BENCH_CPU_PROFILE_DIR set, each target's run also writes a V8 CPU profile of this process there
 * (`<target>.cpuprofile`), to see where the time goes. `--emulators-apart` runs the emulated
 * DynamoDB and S3 in a child process (as bench:search, bench:load and bench:ingest do; in AWS they
 * are not in the API function either) and prints the child's CPU per request beside this
 * process's; by default they share this process and its event loop. `--lambda-heap` makes the same
 * run in a child process started with the heap flags Lambda's Node.js runtime gives the API
 * function (lambdaRuntimeFlags(API_MEMORY_MB): a young generation of a tenth of its memory, where
 * this process has Node's defaults), an added measurement beside the default run, which it leaves as it is.
 */
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../functions/api/app';
import { anonymous, type Caller } from '../functions/domain/caller';
import { listDatasets } from '../functions/domain/dataset-listing';
import { sharingRegister } from '../functions/domain/sharing-register';
import { DATASETS, type Dataset, getDataset } from '../functions/domain/datasets';
import { createGrant } from '../functions/domain/grants';
import { createOrganisation } from '../functions/domain/organisations';
import { createResource, uploadAndWait } from '../test/support/publishing';
import { startTestExchange } from '../test/support/test-exchange';
import { profiled } from './cpu-profile';

const CONCURRENT = process.argv.includes('--concurrent');
const LAMBDA_HEAP = process.argv.includes('--lambda-heap');
const EMULATORS_APART = process.argv.includes('--emulators-apart');
const SIZE = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 10_000);
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 15);
const RUNS = 40;
const SUBJECTS = [
  'air quality',
  'street trees',
  'parking permits',
  'road casualties',
  'planning applications',
  'school places',
  'council tax',
  'bus stops',
  'cycle hire',
  'noise complaints',
  'fly tipping',
  'libraries',
  'charge points',
  'recycling rates',
  'population estimates',
  'footfall',
];
const THEMES = ['environment', 'transport', 'housing', 'health', 'planning', 'demographics', 'education', 'crime-and-community-safety'];
const ORGANISATIONS = Array.from({ length: 40 }, (_, i) => `bench-org-${String(i).padStart(2, '0')}`);

const inParallel = async <T>(items: T[], limit: number, work: (item: T, index: number) => Promise<unknown>): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index], index);
      }
    }),
  );
};

interface AutocannonSummary {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** autocannon's CLI in a child process, its JSON summary read back. */
const autocannon = (url: string): Promise<AutocannonSummary> =>
  new Promise((resolve, reject) => {
    const cli = join(__dirname, '..', 'node_modules', 'autocannon', 'autocannon.js');
    execFile(process.execPath, [cli, '--json', '-c', String(CONNECTIONS), '-d', String(DURATION_S), url], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout) as AutocannonSummary),
    );
  });

/** CPU time (user + system, ms) a process has used so far, from /proc; undefined where there is none. */
const processCpuMs = (pid: number | undefined): number | undefined => {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat (11 and 12 after the command name), in clock ticks (100 a second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
};

const concurrent = async (url: string, emulatorPid: number | undefined): Promise<void> => {
  const targets: Array<[label: string, path: string]> = [
    ['dataset page (borough profiles)', '/datasets/bench-borough-profiles'],
    ['CKAN package_search', '/api/3/action/package_search?q=air%20quality&rows=10'],
    ['native search', '/api/v1/datasets?q=air%20quality&limit=10'],
  ];
  for (const [, path] of targets) {
    const response = await fetch(`${url}${path}`);
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    await response.arrayBuffer();
  }
  console.log(
    `\nconcurrent, real HTTP: autocannon ${CONNECTIONS} connections for ${DURATION_S} s each, anonymous, emulators ${emulatorPid === undefined ? 'in this process' : 'in a child process'} (load average before: ${loadavg()[0].toFixed(2)})`,
  );
  console.log(
    'target'.padEnd(36),
    'req/s'.padStart(8),
    'p50 ms'.padStart(8),
    'p99 ms'.padStart(8),
    'non-2xx'.padStart(8),
    'errors'.padStart(7),
    'CPU ms/req'.padStart(11),
    ...(emulatorPid === undefined ? [] : ['emulators ms/req'.padStart(17)]),
  );
  for (const [label, path] of targets) {
    const cpuBefore = process.cpuUsage();
    const emulatorsBefore = processCpuMs(emulatorPid);
    const result = await profiled(label.replace(/[^a-z0-9]+/gi, '-'), () => autocannon(`${url}${path}`));
    const cpu = process.cpuUsage(cpuBefore);
    const served = result.requests.average * DURATION_S;
    const emulatorsAfter = processCpuMs(emulatorPid);
    console.log(
      label.padEnd(36),
      result.requests.average.toFixed(0).padStart(8),
      String(result.latency.p50).padStart(8),
      String(result.latency.p99).padStart(8),
      String(result.non2xx).padStart(8),
      String(result.errors + result.timeouts).padStart(7),
      ((cpu.user + cpu.system) / 1000 / Math.max(1, served)).toFixed(2).padStart(11),
      ...(emulatorsBefore === undefined || emulatorsAfter === undefined
        ? []
        : [((emulatorsAfter - emulatorsBefore) / Math.max(1, served)).toFixed(2).padStart(17)]),
    );
  }
  console.log(`load average after: ${loadavg()[0].toFixed(2)}`);
};

const main = async (): Promise<void> => {
  const t = await startTestExchange({ emulatorsInChildProcess: EMULATORS_APART });
  const ctx = t.exchange.domain;
  const admin: Caller = { kind: 'platform-admin' };
  const member = (organisationId: string): Caller => ({ kind: 'member', organisationId, role: 'admin', tokenId: 'bench' });
  let started = performance.now();
  for (const id of ORGANISATIONS) await createOrganisation(ctx, admin, { id, name: `Borough ${id.slice(-2)} Council`, type: 'borough' });
  // Datasets are written straight to the catalogue (createDataset serialises on the search change
  // log, ~20 a second here); the first search then builds the index from the catalogue, as a
  // fresh deployment over existing data does. Keys as in functions/domain/datasets.ts.
  const now = ctx.now().toISOString();
  const shared: string[] = [];
  await inParallel(
    Array.from({ length: SIZE }, (_, i) => i),
    32,
    async (i) => {
      const roll = (i * 7919) % 100;
      const tier = roll < 85 ? 'open' : roll < 95 ? 'shared' : 'private';
      const subject = SUBJECTS[i % SUBJECTS.length];
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      const name = `bench-${subject.replace(/ /g, '-')}-${i}`;
      const dataset: Dataset = {
        id,
        name,
        title: `${subject[0].toUpperCase()}${subject.slice(1)} ${i}`,
        description: `Synthetic ${subject} records number ${i}, for the page benchmark.`,
        organisation: ORGANISATIONS[i % ORGANISATIONS.length],
        tier,
        licence: tier === 'open' ? 'OGL-UK-3.0' : 'proprietary',
        themes: [THEMES[i % THEMES.length]],
        keywords: [subject.split(' ')[0], `batch-${i % 50}`],
        updateFrequency: 'monthly',
        created: now,
        modified: new Date(Date.parse(now) - i * 60_000).toISOString(),
      };
      await ctx.catalogue.create({ pk: `DATASET-NAME#${name}`, sk: 'NAME' }, { datasetId: id });
      await ctx.catalogue.create({ pk: `DATASET#${id}`, sk: 'DATASET' }, dataset, { list: DATASETS, order: name });
      if (tier === 'shared' && shared.length < 50) shared.push(name);
    },
  );
  for (const [n, name] of shared.entries()) {
    const publisher = ORGANISATIONS[Number(name.split('-').pop()) % ORGANISATIONS.length];
    await createGrant(
      ctx,
      member(publisher),
      name,
      {
        organisation: ORGANISATIONS[(ORGANISATIONS.indexOf(publisher) + 1 + (n % (ORGANISATIONS.length - 1))) % ORGANISATIONS.length],
        purpose: 'Benchmark sharing agreement purpose',
        lawfulBasis: 'public-task',
        agreementReference: `DSA-${n}`,
        expiresAt: new Date(Date.now() + 90 * 86_400_000).toISOString(),
      },
      'bench',
    );
  }
  const token = await t.tokenFor(ORGANISATIONS[0], 'admin');
  await t.request('POST', '/api/v1/datasets', {
    token,
    body: { name: 'bench-borough-profiles', title: 'London Borough Profiles', licence: 'OGL-UK-3.0', tier: 'open', themes: ['demographics'] },
  });
  await createResource(t, token, 'bench-borough-profiles', { name: 'profiles' });
  await uploadAndWait(
    t,
    token,
    'bench-borough-profiles',
    'profiles',
    readFileSync(join(__dirname, '..', 'test', 'fixtures', 'real', 'london-borough-profiles.csv')),
    'profiles.csv',
  );
  console.log(`catalogue: ${SIZE + 1} datasets, 40 publishers, built in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  if (CONCURRENT) {
    await concurrent(t.url, t.exchange.emulators.childProcessId?.());
    await t.stop();
    return;
  }
  const app = createApp({ domain: ctx, publicBaseUrl: t.url });
  const pages: Array<[label: string, path: string, signedIn?: boolean]> = [
    ['home', '/'],
    ['search, no query (first page)', '/datasets'],
    ['search "air quality"', '/datasets?q=air%20quality'],
    ['search + theme facet', '/datasets?q=trees&theme=environment'],
    ['search, tier=shared', '/datasets?tier=shared'],
    ['dataset page (preview + profile)', '/datasets/bench-borough-profiles'],
    ['dataset page (no files)', '/datasets/bench-street-trees-1'],
    ['organisation page', `/organisations/${ORGANISATIONS[3]}`],
    ['organisations list', '/organisations'],
    ['schemas', '/schemas'],
    ['sharing register', '/sharing-register'],
    ['home, signed in', '/', true],
    ['search, signed in', '/datasets?q=air%20quality', true],
    ['publisher dashboard', '/publish', true],
    ['publisher dataset page', '/publish/datasets/bench-borough-profiles', true],
    ['upload page', '/publish/datasets/bench-borough-profiles/resources/profiles', true],
  ];
  console.log(`\nserver-side render time, in-process (${RUNS} runs after 3 warm-up runs each):`);
  console.log('page'.padEnd(36), 'p50 ms'.padStart(8), 'p95 ms'.padStart(8), 'max ms'.padStart(8), 'KB'.padStart(6));
  for (const [label, path, signedIn] of pages) {
    const headers: Record<string, string> = signedIn ? { authorization: `Bearer ${token}` } : {};
    const times: number[] = [];
    let bytes = 0;
    for (let run = 0; run < RUNS + 3; run++) {
      started = performance.now();
      const response = await app.request(`${t.url}${path}`, { headers });
      const body = await response.text();
      const ms = performance.now() - started;
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body.slice(0, 200)}`);
      if (run >= 3) times.push(ms);
      bytes = body.length;
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
    console.log(
      label.padEnd(36),
      at(0.5).padStart(8),
      at(0.95).padStart(8),
      times[times.length - 1].toFixed(1).padStart(8),
      (bytes / 1024).toFixed(0).padStart(6),
    );
  }
  // Where the time goes: the domain calls the pages make, timed alone.
  const domainCalls: Array<[label: string, call: () => Promise<unknown>]> = [
    ['listDatasets limit 0 (counts, facets)', () => listDatasets(ctx, anonymous, { limit: 0 })],
    ['listDatasets limit 20', () => listDatasets(ctx, anonymous, { limit: 20 })],
    ['listDatasets q=air quality, limit 20', () => listDatasets(ctx, anonymous, { q: 'air quality', limit: 20 })],
    ['getDataset by name', () => getDataset(ctx, anonymous, 'bench-street-trees-1')],
    ['sharingRegister', () => sharingRegister(ctx)],
  ];
  console.log('\ndomain calls alone:');
  for (const [label, call] of domainCalls) {
    const times: number[] = [];
    for (let run = 0; run < RUNS + 3; run++) {
      started = performance.now();
      await call();
      if (run >= 3) times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(label.padEnd(36), times[Math.floor(times.length / 2)].toFixed(1).padStart(8), times[Math.floor(0.95 * times.length)].toFixed(1).padStart(8));
  }
  await t.stop();
};

/** This benchmark again in a child process with the API function's heap flags; its exit code. Required here only, so the default run never loads the CDK. */
const withLambdaHeap = (): Promise<number> => {
  const { lambdaRuntimeFlags } = require('./lambda-process') as typeof import('./lambda-process');
  const { API_MEMORY_MB } = require('../infra/constructs/api') as typeof import('../infra/constructs/api');
  const flags = lambdaRuntimeFlags(API_MEMORY_MB);
  console.log(`in a child process with the heap flags Lambda's runtime gives the API function (${API_MEMORY_MB} MB): ${flags.join(' ')}`);
  const args = process.argv.slice(2).filter((arg) => arg !== '--lambda-heap');
  const child = spawn(process.execPath, [...process.execArgv, ...flags, __filename, ...args], { stdio: 'inherit' });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
};

(LAMBDA_HEAP ? withLambdaHeap().then((code) => process.exit(code)) : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
