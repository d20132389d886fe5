/**
 * The search benchmark over loopback HTTP (`npm run bench:search -- --http [size]`): a local
 * exchange (emulated DynamoDB and S3) runs in a child process holding `size` generated datasets,
 * and autocannon, in this process, sends GET /api/v1/datasets requests (a mix of text, typo,
 * filtered and sorted searches, anonymous) over 10 connections. Each request goes the whole
 * server-side way: authentication, the change-log read, the query, the page's 20 records read
 * back consistently from DynamoDB, and JSON. The server and the load generator share the machine.
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
import { createDataset, DATASETS, type Dataset } from '../functions/domain/datasets';
import { createOrganisation } from '../functions/domain/organisations';
import { newToken } from '../functions/domain/tokens';
import { startLocalExchange } from '../functions/local/local-exchange';
import { readLogHead } from '../functions/search/change-log';
import { mapWithLimit } from '../functions/search/map-limit';
import { SearchIndex } from '../functions/search/search-index';
import { encodeSnapshot } from '../functions/search/search-snapshot';
import { storeSnapshotBytes } from '../functions/search/snapshot-store';
import { generate, ORGANISATIONS } from './search-catalogue';

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

const PATHS = [
  '/api/v1/datasets?q=trees',
  '/api/v1/datasets?q=air%20quality',
  '/api/v1/datasets?q=quallity%20monitering',
  '/api/v1/datasets?q=counts&theme=transport&format=CSV',
  '/api/v1/datasets',
  '/api/v1/datasets?theme=transport',
  '/api/v1/datasets?sort=modified',
  '/api/v1/datasets?organisation=org-07',
];
const CONNECTIONS = 10;
const DURATION_S = 15;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** In the child: builds the catalogue, prints where the exchange listens, serves until stdin closes. */
export const serveCatalogue = async (size: number, seeded: boolean): Promise<void> => {
  const exchange = await startLocalExchange({ port: 0, adminToken: newToken(), seed: false });
  const documents = generate(size);
  const admin = { kind: 'platform-admin' } as const;
  for (const organisation of ORGANISATIONS) await createOrganisation(exchange.domain, admin, { id: organisation, name: `Organisation ${organisation}`, type: 'borough' });
  const started = performance.now();
  if (seeded) {
    const ctx = exchange.domain;
    await mapWithLimit(documents, 16, async (d) => {
      const dataset: Dataset = { id: d.id, name: d.name, title: d.title, description: d.description, organisation: d.organisation, tier: d.tier, licence: d.licence, keywords: d.keywords, themes: d.themes, created: d.created, modified: d.modified };
      // The layout datasets.ts uses (record by id, listed by name); name claims are skipped.
      await ctx.catalogue.create({ pk: `DATASET#${d.id}`, sk: 'DATASET' }, dataset, { list: DATASETS, order: d.name });
    });
    const indexed = documents.map((d) => ({ ...d, columns: [], formats: [], schemas: [], resourceIds: [], source: 'd1' }));
    const seq = (await readLogHead(ctx)).lastSeq;
    await storeSnapshotBytes(ctx, encodeSnapshot(SearchIndex.build(indexed), seq, new Date().toISOString()), seq);
  } else {
    await mapWithLimit(documents, 8, (d) =>
      createDataset(exchange.domain, { kind: 'member', organisationId: d.organisation, role: 'admin', tokenId: 'bench' }, {
        name: d.name, title: d.title, description: d.description, tier: d.tier, licence: d.licence, keywords: d.keywords, themes: d.themes,
      }),
    );
    await exchange.indexIdle();
  }
  console.log(JSON.stringify({ url: exchange.url, createdSeconds: (performance.now() - started) / 1000 }));
  process.stdin.resume();
  process.stdin.on('end', () => void exchange.stop().then(() => process.exit(0)));
};

const startChild = async (size: number, seeded: boolean) => {
  const child = spawn(process.execPath, [...process.execArgv, __filename, '--serve', String(size), ...(seeded ? ['--seeded'] : [])], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    if (line.startsWith('{"url"')) return { child, ...(JSON.parse(line) as { url: string; createdSeconds: number }) };
  }
  throw new Error('the exchange process ended before it listened');
};

/** In the parent: starts the child, times the first (cold) search, then runs autocannon. */
export const benchmarkHttp = async (size: number, seeded: boolean): Promise<void> => {
  const { child, url, createdSeconds } = await startChild(size, seeded);
  try {
    const how = seeded ? 'records and snapshot seeded' : 'created through the domain and indexed';
    console.log(`\n${size.toLocaleString('en-GB')} datasets over HTTP (${how} in ${createdSeconds.toFixed(1)} s)`);
    let started = performance.now();
    const cold = await fetch(`${url}${PATHS[0]}`);
    await cold.text();
    console.log(`  first search (cold: snapshot load and catch-up)  ${(performance.now() - started).toFixed(0)} ms, HTTP ${cold.status}`);
    for (const path of PATHS) await (await fetch(`${url}${path}`)).text(); // warm every query once
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    started = performance.now();
    const result = await new Promise<AutocannonResult>((resolve, reject) => {
      const instance = autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, requests: PATHS.map((path) => ({ method: 'GET', path })) }, (error, done) =>
        error ? reject(error) : resolve(done),
      );
      instance.on('response', (_client, status, _bytes, responseTime) => {
        latencies.push(responseTime);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      });
    });
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const f = (v: number) => v.toFixed(1).padStart(7);
    console.log(`  autocannon: ${CONNECTIONS} connections, ${DURATION_S} s, ${PATHS.length} queries in turn (anonymous, 20 per page)`);
    console.log(`  latency ms   p50 ${f(percentile(latencies, 50))}   p95 ${f(percentile(latencies, 95))}   p99 ${f(percentile(latencies, 99))}   max ${f(latencies.at(-1) ?? 0)}`);
    console.log(`  throughput   ${(latencies.length / seconds).toFixed(0)} requests/s (${latencies.length} responses; statuses ${JSON.stringify(Object.fromEntries(statuses))}; errors ${result.errors}, timeouts ${result.timeouts})`);
    if (result.non2xx > 0 || result.errors > 0) throw new Error('some requests failed');
  } finally {
    // Requests autocannon abandoned at the end are still being served: let them finish first.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    child.stdin?.end();
    await new Promise((resolve) => child.once('exit', resolve));
  }
};

const args = process.argv.slice(2);
if (args[0] === '--serve') {
  serveCatalogue(Number(args[1]), args.includes('--seeded')).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
