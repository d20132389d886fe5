/**
 * Load benchmark: `npm run bench:load` (BENCH_DURATION=15 for a shorter run; LOAD_DATASETS for
 * another catalogue size, default 500; LOAD_ROWS for the published resource, default 100 000;
 * LOAD_UPLOAD_ROWS for the upload ingested during the run, default 1 000 000; 0 runs the same load
 * with no upload, the baseline to compare with).
 *
 * A local exchange runs in a child process (API, ingest and DuckDB in that one process, as the
 * API and ingest Lambdas' work would be on this machine; the emulators in a process of their own),
 * holding the seeded London catalogue, LOAD_DATASETS generated datasets (bench/search-catalogue.ts)
 * and a published air-quality resource. This process then starts the upload of a 1M-row CSV as a
 * new version of that resource (a presigned PUT, the S3 event, the ingest) and at once runs
 * autocannon, 50 connections for 30 s, over a realistic mix of anonymous reads:
 *   search (varied q, filters, sorts), dataset pages (/datasets/{name}, HTML), row queries
 *   (first page, filters, sorts, fields, text search, a keyset page), CKAN package_search and
 *   package_show, CKAN datastore_search, and downloads (a 302 to the file: counted as success,
 *   not followed).
 * Each kind of request has its own autocannon instance and its share of the 50 connections, so
 * its latencies are its own. Prints, per kind: requests, p50/p99 ms, 2xx/3xx/4xx/5xx counts,
 * errors and timeouts; then whether the ingest finished during the run and how it ended.
 * Nothing is asserted, but the run is meant to show zero 5xx and zero failed requests; the
 * exit code is 1 when it does not. The load average is printed: figures taken beside other work
 * are not comparable.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { newToken } from '../functions/domain/tokens';
import { startLocalExchange } from '../functions/local/local-exchange';
import { seededRandom } from '../test/support/seeded-random';
import { generate as generateCsv } from './ingest';
import { apiClient, createBenchResource, putFile, startUpload } from './ingest-local';
import { generate as generateCatalogue } from './search-catalogue';
import { createGeneratedOrganisations, createThroughDomain, PATHS as SEARCH_PATHS } from './search-http';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 30);
const DATASETS = Number(process.env.LOAD_DATASETS ?? 500);
const PUBLISHED_ROWS = Number(process.env.LOAD_ROWS ?? 100_000);
const UPLOAD_ROWS = Number(process.env.LOAD_UPLOAD_ROWS ?? 1_000_000);
const RESOURCE = '/api/v1/datasets/bench-readings/resources/readings';

/** The part of autocannon's programmatic API used here (the package ships no types). */
interface AutocannonResult {
  latency: { p50: number; p99: number; max: number };
  requests: { total: number };
  '1xx': number;
  '2xx': number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}
type Autocannon = (
  options: { url: string; connections: number; duration: number; timeout: number; requests: Array<{ method: 'GET'; path: string }> },
  done: (error: Error | null, result: AutocannonResult) => void,
) => unknown;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

/** What the exchange's process tells this one once the catalogue is ready. */
interface Ready {
  url: string;
  token: string;
  resourceId: string;
  datasetNames: string[];
  keysetPath: string;
  setupSeconds: number;
}

/** In the child: the exchange, its catalogue and the published resource; serves until stdin closes. */
const serve = async (): Promise<void> => {
  const started = performance.now();
  const adminToken = newToken();
  const exchange = await startLocalExchange({ port: 0, adminToken, seed: true, emulatorsInChildProcess: true });
  const documents = generateCatalogue(DATASETS);
  await createGeneratedOrganisations(exchange);
  await createThroughDomain(exchange, documents);
  const call = apiClient(exchange.url);
  const token = await createBenchResource(call, adminToken);
  const dir = await mkdtemp(join(tmpdir(), 'ldx-bench-load-'));
  const csv = join(dir, 'published.csv');
  await generateCsv(csv, PUBLISHED_ROWS);
  const upload = await startUpload(call, token, csv);
  if ((await putFile(upload.uploadUrl, upload.uploadHeaders, csv, upload.size)) !== 200) throw new Error('the PUT of the published resource failed');
  await waitForUpload(exchange.url, token, upload.uploadId);
  await rm(dir, { recursive: true, force: true });
  const resource = (await (await fetch(`${exchange.url}${RESOURCE}`)).json()) as { id: string; current?: { version: number } };
  if (resource.current?.version !== 1) throw new Error(`the published resource is not published: ${JSON.stringify(resource)}`);
  const first = (await (await fetch(`${exchange.url}${RESOURCE}/rows?limit=100&sort=value:desc`)).json()) as { next: string };
  const seededNames = ['london-borough-profiles', 'tfl-cycle-hire-usage', 'bench-readings'];
  const ready: Ready = {
    url: exchange.url,
    token,
    resourceId: resource.id,
    datasetNames: [...seededNames, ...documents.filter((d) => d.tier !== 'private').map((d) => d.name)],
    keysetPath: first.next.slice(exchange.url.length),
    setupSeconds: (performance.now() - started) / 1000,
  };
  console.log(JSON.stringify(ready));
  process.stdin.resume();
  process.stdin.on('end', () => void exchange.stop().then(() => process.exit(0)));
};

/** Polls the upload until the ingest is done with it: the version it became, and whether that version is now the resource's current one. */
const waitForUpload = async (
  url: string,
  token: string,
  uploadId: string,
  stopAt = Infinity,
): Promise<{ done: boolean; version?: number; published?: boolean }> => {
  const headers = { authorization: `Bearer ${token}` };
  while (performance.now() < stopAt) {
    const upload = (await (await fetch(`${url}${RESOURCE}/uploads/${uploadId}`, { headers })).json()) as { state: string; version?: number };
    if (upload.state === 'done') {
      const resource = (await (await fetch(`${url}${RESOURCE}`, { headers })).json()) as { current?: { version: number } };
      return { done: true, version: upload.version, published: resource.current?.version === upload.version };
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { done: false };
};

const startExchangeProcess = async () => {
  const child = spawn(process.execPath, [...process.execArgv, __filename, '--exchange'], { stdio: ['pipe', 'pipe', 'inherit'], env: process.env });
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    if (line.startsWith('{"url"')) return { child, ready: JSON.parse(line) as Ready };
    console.log(`  [exchange] ${line}`);
  }
  throw new Error('the exchange process ended before it was ready');
};

/** The request mix: each kind of request, its share of the connections, and its paths (asked in turn). */
const mix = (ready: Ready): Array<{ name: string; connections: number; paths: string[] }> => {
  const next = seededRandom(20261204);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const names = Array.from({ length: 60 }, () => pick(ready.datasetNames));
  const rows = `${RESOURCE}/rows`;
  const filters = (value: object) => encodeURIComponent(JSON.stringify(value));
  const boroughs = Array.from({ length: 33 }, (_, i) => `E090000${String(i + 1).padStart(2, '0')}`);
  const ckanQueries = ['air quality', 'parking', 'trees', 'council tax', 'cycle hire', 'population', 'noise', 'libraries', 'crime', 'footfall'];
  return [
    { name: 'search (API)', connections: 10, paths: SEARCH_PATHS },
    { name: 'dataset page (web)', connections: 8, paths: names.map((name) => `/datasets/${name}`) },
    {
      name: 'row queries',
      connections: 10,
      paths: [
        rows,
        `${rows}?limit=500`,
        ...boroughs.slice(0, 8).map((b) => `${rows}?filters=${filters({ borough_gss_code: b, value: { gte: 40 } })}`),
        ...['NO2', 'PM10', 'PM2.5', 'O3'].map((p) => `${rows}?filters=${filters({ pollutant: p })}&sort=measured_at:desc`),
        `${rows}?sort=value:desc,measured_at`,
        `${rows}?fields=site_code,measured_at,value&sort=site_code`,
        `${rows}?q=S001`,
        `${rows}?filters=${filters({ measured_at: { gte: '2020-02-01T00:00:00Z', lt: '2020-03-01T00:00:00Z' } })}&total=exact`,
        ready.keysetPath,
      ],
    },
    {
      name: 'CKAN package_search',
      connections: 6,
      paths: ckanQueries.flatMap((q, i) => [
        `/api/3/action/package_search?q=${encodeURIComponent(q)}&rows=10`,
        `/api/3/action/package_search?q=${encodeURIComponent(q)}&fq=${encodeURIComponent(`organization:org-0${i % 10}`)}&facet.field=${encodeURIComponent('["tags","res_format"]')}`,
      ]),
    },
    { name: 'CKAN package_show', connections: 5, paths: names.map((name) => `/api/3/action/package_show?id=${name}`) },
    {
      name: 'CKAN datastore_search',
      connections: 4,
      paths: boroughs
        .slice(0, 6)
        .map((b) => `/api/3/action/datastore_search?resource_id=${ready.resourceId}&limit=50&filters=${filters({ borough_gss_code: b })}`),
    },
    {
      name: 'download (302)',
      connections: 7,
      paths: ['csv', 'json', 'ndjson', 'parquet', 'original'].map((format) => `${RESOURCE}/download?format=${format}`),
    },
  ];
};

const runOne = (url: string, connections: number, paths: string[]) =>
  new Promise<AutocannonResult>((resolve, reject) => {
    autocannon({ url, connections, duration: DURATION_S, timeout: 10, requests: paths.map((path) => ({ method: 'GET', path })) }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });

const main = async (): Promise<void> => {
  const dir = await mkdtemp(join(tmpdir(), 'ldx-bench-load-'));
  const { child, ready } = await startExchangeProcess();
  try {
    const csv = join(dir, 'upload.csv');
    if (UPLOAD_ROWS > 0) await generateCsv(csv, UPLOAD_ROWS);
    const kinds = mix(ready);
    const connections = kinds.reduce((sum, k) => sum + k.connections, 0);
    console.log(
      `exchange ready in ${ready.setupSeconds.toFixed(1)} s: the seeded catalogue, ${DATASETS} generated datasets, a published ${PUBLISHED_ROWS.toLocaleString('en-GB')}-row resource`,
    );
    console.log(
      `load: ${connections} connections for ${DURATION_S} s ${UPLOAD_ROWS > 0 ? `while a ${UPLOAD_ROWS.toLocaleString('en-GB')}-row upload is ingested` : 'with no upload (LOAD_UPLOAD_ROWS=0: the baseline)'}`,
    );
    // A running exchange is warm: every distinct request once first (search snapshot, Parquet in the row cache, pages).
    const warmStarted = performance.now();
    for (const kind of kinds) for (const path of new Set(kind.paths)) await (await fetch(`${ready.url}${path}`, { redirect: 'manual' })).arrayBuffer();
    console.log(`warmed up: each distinct request once, in ${((performance.now() - warmStarted) / 1000).toFixed(1)} s`);
    const loadBefore = loadavg();

    const upload = UPLOAD_ROWS > 0 ? await startUpload(apiClient(ready.url), ready.token, csv) : undefined;
    const runStarted = performance.now();
    const runEnds = runStarted + DURATION_S * 1000;
    const ingest = upload
      ? putFile(upload.uploadUrl, upload.uploadHeaders, csv, upload.size)
          .then(async (status) => {
            if (status !== 200) throw new Error(`the upload PUT answered ${status}`);
            const outcome = await waitForUpload(ready.url, ready.token, upload.uploadId, runEnds);
            return { ...outcome, seconds: (performance.now() - runStarted) / 1000 };
          })
          .catch((error: unknown) => ({ done: false, error: String(error), seconds: 0, version: undefined, published: undefined }))
      : undefined;
    const results = await Promise.all(kinds.map((k) => runOne(ready.url, k.connections, k.paths)));
    const loadAfter = loadavg();
    const ingestOutcome = await ingest;
    if (ingestOutcome && 'error' in ingestOutcome) throw new Error(`the upload failed: ${ingestOutcome.error}`);

    const pad = (v: string | number, n: number) => String(v).padStart(n);
    console.log(
      `\n${'route'.padEnd(24)}${pad('conns', 6)}${pad('requests', 9)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('max ms', 8)}${pad('2xx', 7)}${pad('3xx', 6)}${pad('4xx', 6)}${pad('5xx', 5)}${pad('errors', 7)}${pad('timeouts', 9)}`,
    );
    let failed = 0;
    results.forEach((r, i) => {
      const k = kinds[i];
      failed += r['5xx'] + r.errors + r.timeouts + r['4xx'] + r['1xx'];
      console.log(
        `${k.name.padEnd(24)}${pad(k.connections, 6)}${pad(r.requests.total, 9)}${pad(r.latency.p50, 8)}${pad(r.latency.p99, 8)}${pad(r.latency.max, 8)}${pad(r['2xx'], 7)}${pad(r['3xx'], 6)}${pad(r['4xx'], 6)}${pad(r['5xx'], 5)}${pad(r.errors, 7)}${pad(r.timeouts, 9)}`,
      );
      const odd = Object.entries(r.statusCodeStats).filter(([code]) => !/^[23]/.test(code));
      if (odd.length > 0) console.log(`${''.padEnd(24)}statuses other than 2xx/3xx: ${odd.map(([code, s]) => `${code} x${s.count}`).join(', ')}`);
    });
    const total = results.reduce((sum, r) => sum + r.requests.total, 0);
    console.log(
      `\nall routes: ${total} requests, ${(total / DURATION_S).toFixed(0)}/s; 5xx ${results.reduce((s, r) => s + r['5xx'], 0)}; failed (4xx, 5xx, errors, timeouts) ${failed}`,
    );
    if (upload && ingestOutcome) {
      console.log(
        ingestOutcome.done
          ? `ingest of the ${UPLOAD_ROWS.toLocaleString('en-GB')}-row upload finished during the run, ${ingestOutcome.seconds.toFixed(1)} s after the PUT started: version ${ingestOutcome.version} ${ingestOutcome.published ? 'published' : 'NOT published'}`
          : `ingest of the ${UPLOAD_ROWS.toLocaleString('en-GB')}-row upload did NOT finish during the ${DURATION_S} s run`,
      );
      if (!ingestOutcome.done) {
        const after = await waitForUpload(ready.url, ready.token, upload.uploadId, performance.now() + 600_000);
        console.log(
          `  (it finished ${((performance.now() - runStarted) / 1000).toFixed(1)} s after the PUT started, with no load: version ${after.version} ${after.published ? 'published' : 'NOT published'})`,
        );
      }
    }
    const shown = (load: number[]) => load.map((n) => n.toFixed(2)).join(' ');
    console.log(`load average (1, 5, 15 min) before: ${shown(loadBefore)}; after: ${shown(loadAfter)}`);
    if (failed > 0 || (ingestOutcome?.done && !ingestOutcome.published)) process.exitCode = 1;
  } finally {
    // Requests autocannon abandoned at the end are still being served: let them finish first.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    child.stdin?.end();
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(dir, { recursive: true, force: true });
  }
};

if (process.argv[2] === '--exchange') {
  serve().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
