/**
 * The search benchmark over loopback HTTP (`npm run bench:search -- --http-seeded [sizes...]`,
 * or `--http`): for each size, a local exchange runs in a child process holding that many
 * generated datasets, with the emulated DynamoDB and S3 in a process of their own (in AWS they
 * are not in the API function's memory either). Requests are GET /api/v1/datasets, a mix of text,
 * typo, filtered and sorted searches, anonymous, each going the whole server-side way:
 * authentication, the change-log read, the query, the page's 20 records read back consistently
 * (one batch) from DynamoDB, and JSON. Two phases:
 *   - one request at a time: client latency, and the server's own time from its Server-Timing header;
 *   - autocannon, in this process, over 10 connections: throughput (latency there is mostly queueing).
 * With several sizes, the server-side p95 of the largest is compared with the smallest's.
 *
 * How the catalogue is made:
 *   --http          every dataset is created through the domain (createDataset: name claim,
 *                   record, change-log entry), and the indexer builds and stores the snapshot.
 *                   Exact, and slow: the emulator takes minutes for 10 000.
 *   --http-seeded   the dataset records are written straight to the catalogue table (one put
 *                   each, no name claims, no change log) and the snapshot is built in memory and
 *                   stored. Searching then reads exactly what it would in production (snapshot,
 *                   log head, records), but creation is not exercised: use it for 100 000.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { createDataset } from '../functions/domain/datasets';
import { createOrganisation } from '../functions/domain/organisations';
import { newToken } from '../functions/domain/tokens';
import { type LocalExchange, startLocalExchange } from '../functions/local/local-exchange';
import { mapWithLimit } from '../functions/search/map-limit';
import type { SearchDocument } from '../functions/search/search-document';
import { generate, ORGANISATIONS } from './search-catalogue';
import { seedCatalogueDirectly } from './seed-catalogue';

/** The part of autocannon's programmatic API used here (the package ships no types). */
interface AutocannonResult {
  requests: { average: number; total: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void;
}
type Autocannon = (
  options: { url: string; connections: number; duration: number; requests: Array<{ method: 'GET'; path: string }> },
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

/**
 * Eight kinds of query, five of each: 40 distinct queries asked in turn, more than the 16 matched
 * sets the API process caches (match-cache.ts), so every request computes its query afresh.
 */
const KINDS: Array<(i: number) => string> = [
  (i) => `q=${['trees', 'parking', 'casualties', 'libraries', 'footfall'][i]}`,
  (i) => `q=${encodeURIComponent(['air quality', 'council tax', 'bus stops', 'cycle hire', 'noise complaints'][i])}`,
  (i) => `q=${encodeURIComponent(['quallity monitering', 'parkng permits', 'recyclng rates', 'populaton estimates', 'licenced premisses'][i])}`,
  (i) =>
    `q=${['counts', 'readings', 'survey', 'register', 'sites'][i]}&theme=${['transport', 'environment', 'housing', 'health', 'planning'][i]}&keyword=${['data', 'records', 'london', 'services', 'network'][i]}`,
  (i) => ['', 'tier=open', 'tier=shared', 'licence=OGL-UK-3.0', 'keyword=data'][i],
  (i) => `theme=${['transport', 'environment', 'housing', 'health', 'planning'][i]}`,
  (i) => `sort=${['modified', 'title', 'name', 'modified', 'title'][i]}${i >= 3 ? '&theme=education' : ''}`,
  (i) => `organisation=org-0${i}`,
];
export const PATHS = Array.from({ length: 5 }, (_, i) => KINDS.map((kind) => `/api/v1/datasets?${kind(i)}`)).flat();
const CONNECTIONS = 10;
const DURATION_S = 15;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** The generated catalogue's organisations (search-catalogue.ts names them). */
export const createGeneratedOrganisations = async (exchange: LocalExchange): Promise<void> => {
  const admin = { kind: 'platform-admin' } as const;
  for (const organisation of ORGANISATIONS)
    await createOrganisation(exchange.domain, admin, { id: organisation, name: `Organisation ${organisation}`, type: 'borough' });
};

/** Creates the generated datasets through the domain, as their publishers would, and waits until the index has them. */
export const createThroughDomain = async (exchange: LocalExchange, documents: SearchDocument[]): Promise<void> => {
  await mapWithLimit(documents, 8, (d) =>
    createDataset(
      exchange.domain,
      { kind: 'member', organisationId: d.organisation, role: 'admin', tokenId: 'bench' },
      {
        name: d.name,
        title: d.title,
        description: d.description,
        tier: d.tier,
        licence: d.licence,
        keywords: d.keywords,
        themes: d.themes,
      },
    ),
  );
  await exchange.indexIdle();
};

/** In the child: builds the catalogue, prints where the exchange listens, serves until stdin closes. */
export const serveCatalogue = async (size: number, seeded: boolean): Promise<void> => {
  const exchange = await startLocalExchange({ port: 0, adminToken: newToken(), seed: false, emulatorsInChildProcess: true, serverTiming: true });
  const documents = generate(size);
  await createGeneratedOrganisations(exchange);
  const started = performance.now();
  if (seeded) {
    await seedCatalogueDirectly(exchange, documents);
  } else {
    await createThroughDomain(exchange, documents);
  }
  console.log(JSON.stringify({ url: exchange.url, createdSeconds: (performance.now() - started) / 1000 }));
  process.stdin.resume();
  process.stdin.on('end', () => void exchange.stop().then(() => process.exit(0)));
};

const startChild = async (size: number, seeded: boolean) => {
  const child = spawn(process.execPath, [...process.execArgv, __filename, '--serve', String(size), ...(seeded ? ['--seeded'] : [])], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    if (line.startsWith('{"url"')) return { child, ...(JSON.parse(line) as { url: string; createdSeconds: number }) };
  }
  throw new Error('the exchange process ended before it listened');
};

const SEQUENTIAL_ROUNDS = 10;
const f = (v: number) => v.toFixed(1).padStart(7);
const summary = (sorted: number[]) =>
  `p50 ${f(percentile(sorted, 50))}   p95 ${f(percentile(sorted, 95))}   p99 ${f(percentile(sorted, 99))}   max ${f(sorted.at(-1) ?? 0)}`;

/**
 * One request at a time, every query in turn: the client's latency, and the server's own time
 * from its Server-Timing header (total;dur=…: from the request reaching the app to the response).
 */
const sequential = async (url: string): Promise<{ client: number[]; server: number[] }> => {
  const client: number[] = [];
  const server: number[] = [];
  for (let round = 0; round < SEQUENTIAL_ROUNDS; round++) {
    for (const path of PATHS) {
      const started = performance.now();
      const response = await fetch(`${url}${path}`);
      await response.text();
      client.push(performance.now() - started);
      const total = /total;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '');
      if (response.status !== 200 || !total) throw new Error(`${path}: HTTP ${response.status}, Server-Timing ${response.headers.get('server-timing')}`);
      server.push(Number(total[1]));
    }
  }
  return { client: client.sort((a, b) => a - b), server: server.sort((a, b) => a - b) };
};

/** In the parent: starts the child, times the first (cold) search, then one request at a time, then autocannon. Returns the server-side p95. */
const benchmarkOne = async (size: number, seeded: boolean): Promise<number> => {
  const { child, url, createdSeconds } = await startChild(size, seeded);
  try {
    const how = seeded ? 'records and snapshot seeded' : 'created through the domain and indexed';
    console.log(`\n${size.toLocaleString('en-GB')} datasets over HTTP (${how} in ${createdSeconds.toFixed(1)} s)`);
    let started = performance.now();
    const cold = await fetch(`${url}${PATHS[0]}`);
    await cold.text();
    console.log(`  first search (cold: snapshot load and catch-up)  ${(performance.now() - started).toFixed(0)} ms, HTTP ${cold.status}`);
    for (const path of PATHS) await (await fetch(`${url}${path}`)).text(); // warm every query once
    const alone = await sequential(url);
    console.log(
      `  one request at a time (${SEQUENTIAL_ROUNDS} rounds of ${PATHS.length} distinct queries, none answered from the match cache; anonymous, 20 per page)`,
    );
    console.log(`    server-side ms (Server-Timing)  ${summary(alone.server)}`);
    console.log(`    client-side ms                  ${summary(alone.client)}`);
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    started = performance.now();
    const result = await new Promise<AutocannonResult>((resolve, reject) => {
      const instance = autocannon(
        { url, connections: CONNECTIONS, duration: DURATION_S, requests: PATHS.map((path) => ({ method: 'GET', path })) },
        (error, done) => (error ? reject(error) : resolve(done)),
      );
      instance.on('response', (_client, status, _bytes, responseTime) => {
        latencies.push(responseTime);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      });
    });
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(
      `  autocannon: ${CONNECTIONS} connections, ${DURATION_S} s, the same queries in turn (requests queue behind each other: latency is mostly waiting)`,
    );
    console.log(`    client-side ms                  ${summary(latencies)}`);
    console.log(
      `    throughput   ${(latencies.length / seconds).toFixed(0)} requests/s (${latencies.length} responses; statuses ${JSON.stringify(Object.fromEntries(statuses))}; errors ${result.errors}, timeouts ${result.timeouts})`,
    );
    if (result.non2xx > 0 || result.errors > 0) throw new Error('some requests failed');
    return percentile(alone.server, 95);
  } finally {
    // Requests autocannon abandoned at the end are still being served: let them finish first.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    child.stdin?.end();
    await new Promise((resolve) => child.once('exit', resolve));
  }
};

/** Each size in its own exchange process; with several sizes, the server-side p95 of the largest against the smallest. */
export const benchmarkHttp = async (sizes: number[], seeded: boolean): Promise<void> => {
  const p95s = new Map<number, number>();
  for (const size of sizes) p95s.set(size, await benchmarkOne(size, seeded));
  if (sizes.length > 1) {
    const smallest = Math.min(...sizes);
    const largest = Math.max(...sizes);
    const ratio = p95s.get(largest)! / p95s.get(smallest)!;
    console.log(
      `\nserver-side p95: ${largest.toLocaleString('en-GB')} datasets ${p95s.get(largest)!.toFixed(1)} ms = ${ratio.toFixed(2)}x ${smallest.toLocaleString('en-GB')} datasets (${p95s.get(smallest)!.toFixed(1)} ms)`,
    );
  }
};

const args = process.argv.slice(2);
if (args[0] === '--serve') {
  serveCatalogue(Number(args[1]), args.includes('--seeded')).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
