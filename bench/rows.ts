/**
 * Row query benchmark: `npm run bench:rows [rows]` (default 1 000 000).
 * Publishes a generated CSV through the real local path (a local exchange with its emulators,
 * a presigned upload, the S3 event and the ingest that writes the Parquet), then times row
 * queries over HTTP, as a client sees them:
 *   first page, filtered page, sorted page, sorted next page (keyset), deep keyset page
 *   (page 1 000 of 100 rows), text search, CKAN datastore_search, and cold first query
 *   (the version dropped from the cache first, so it includes the Parquet fetch and load).
 * Prints p50/p95 in milliseconds; the targets are warm p95 <= 50 ms and the deep page no
 * slower than twice the first page. Nothing is asserted. The machine's load average is printed
 * before and after the timed runs: figures taken beside other work are not comparable.
 * (The text search `camden no2` matches no row of the generated data: Camden rows are odd, NO2
 * rows even. It is the worst case, a scan of every row with no early end.)
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { newToken } from '../functions/domain/tokens';
import { startLocalExchange } from '../functions/local/local-exchange';
import { rowEngineFor } from '../functions/rows/row-engine';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const WARM_RUNS = 50;
const COLD_RUNS = 8;
const BOROUGHS = [
  'Barnet',
  'Camden',
  'Croydon',
  'Ealing',
  'Enfield',
  'Hackney',
  'Haringey',
  'Islington',
  'Lambeth',
  'Lewisham',
  'Newham',
  'Southwark',
  'Tower Hamlets',
  'Westminster',
];

async function generate(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  let chunk = 'reading_id,site,borough,pollutant,measured_at,day,value,ratified\n';
  const start = Date.UTC(2023, 0, 1);
  for (let i = 0; i < rows; i++) {
    const at = `${new Date(start + i * 60_000).toISOString().slice(0, 19)}Z`;
    const value = i % 50 === 0 ? '' : String(((i * 7919) % 20000) / 100);
    chunk += `${i + 1},S${String(i % 120).padStart(3, '0')},${BOROUGHS[i % BOROUGHS.length]},${['NO2', 'PM10', 'PM2.5', 'O3'][i % 4]},${at},${at.slice(0, 10)},${value},${i % 3 === 0}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ldx-bench-rows-'));
  const adminToken = newToken();
  const exchange = await startLocalExchange({ port: 0, adminToken, seed: false });
  const api = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${exchange.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await response.json()) as any;
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  try {
    const csv = join(dir, 'readings.csv');
    let t0 = performance.now();
    await generate(csv, ROWS);
    const bytes = (await stat(csv)).size;
    console.log(`generated ${ROWS.toLocaleString('en-GB')} rows, ${(bytes / 1e6).toFixed(1)} MB CSV in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    await api('POST', '/api/v1/organisations', adminToken, { id: 'bench', name: 'Benchmark organisation', type: 'borough' });
    const token = (await api('POST', '/api/v1/organisations/bench/tokens', adminToken, { role: 'admin' })).token as string;
    await api('POST', '/api/v1/datasets', token, {
      name: 'bench-readings',
      title: 'Benchmark readings',
      description: 'Generated for the row benchmark.',
      licence: 'OGL-UK-3.0',
      tier: 'open',
    });
    const resource = await api('POST', '/api/v1/datasets/bench-readings/resources', token, { name: 'readings' });
    t0 = performance.now();
    const upload = await api('POST', '/api/v1/datasets/bench-readings/resources/readings/uploads', token, {
      filename: 'readings.csv',
      bytes,
      contentType: 'text/csv',
    });
    const put = await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.uploadHeaders, body: await readFile(csv) });
    if (!put.ok) throw new Error(`upload PUT failed: ${put.status}`);
    await exchange.ingestIdle();
    const published = await api('GET', '/api/v1/datasets/bench-readings/resources/readings', token);
    if (published.status !== 'published') throw new Error(`not published: ${JSON.stringify(published)}`);
    const versions = await api('GET', '/api/v1/datasets/bench-readings/resources/readings/versions', token);
    const parquetBytes = versions.results[0].files.parquet.bytes as number;
    console.log(`published through upload + ingest in ${((performance.now() - t0) / 1000).toFixed(1)} s; Parquet ${(parquetBytes / 1e6).toFixed(1)} MB`);

    const rows = '/api/v1/datasets/bench-readings/resources/readings/rows';
    const get = async (path: string) => {
      const response = await fetch(`${exchange.url}${path}`);
      const body = (await response.json()) as any;
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
      return body;
    };
    const filters = encodeURIComponent(JSON.stringify({ borough: 'Camden', value: { gte: 40 }, measured_at: { gte: '2023-03-01' } }));
    const sortedFirst = await get(`${rows}?sort=value:desc,measured_at`);
    // Page 1 000: follow the cursor from page 1 (each link is a real request), then time that page.
    let deep = `${rows}?limit=100`;
    for (let page = 1; page < 1000; page++) deep = (await get(deep)).next.slice(exchange.url.length);
    const deepPage = await get(deep);
    if (deepPage.records[0].reading_id !== 99_901) throw new Error(`page 1000 starts at ${deepPage.records[0].reading_id}`);

    const cases: Array<[string, string]> = [
      ['first page (100 rows)', rows],
      ['filtered page (eq + ranges)', `${rows}?filters=${filters}`],
      ['sorted page (value desc, time)', `${rows}?sort=value:desc,measured_at`],
      ['sorted next page (keyset)', sortedFirst.next.slice(exchange.url.length)],
      ['deep keyset page (page 1 000)', deep],
      ['text search (q=camden no2)', `${rows}?q=camden%20no2`],
      ['CKAN datastore_search', `/api/3/action/datastore_search?resource_id=${resource.id}&filters=${encodeURIComponent('{"borough":"Hackney"}')}`],
    ];
    const loadBefore = loadavg();
    const results: Array<{ name: string; p50: number; p95: number }> = [];
    for (const [name, path] of cases) {
      for (let i = 0; i < 5; i++) await get(path);
      const times: number[] = [];
      for (let i = 0; i < WARM_RUNS; i++) {
        const started = performance.now();
        await get(path);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      results.push({ name, p50: percentile(times, 50), p95: percentile(times, 95) });
    }
    const engine = await rowEngineFor(exchange.domain);
    const cold: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      await engine.versions.clear();
      const started = performance.now();
      await get(rows);
      cold.push(performance.now() - started);
    }
    cold.sort((a, b) => a - b);
    results.push({ name: 'cold first query (fetch + load)', p50: percentile(cold, 50), p95: percentile(cold, 95) });

    console.log(`\nrow queries over HTTP, ${ROWS.toLocaleString('en-GB')} rows, ${WARM_RUNS} warm runs each (${COLD_RUNS} cold):`);
    console.log(`${'query'.padEnd(36)}${'p50 ms'.padStart(10)}${'p95 ms'.padStart(10)}`);
    for (const r of results) console.log(`${r.name.padEnd(36)}${r.p50.toFixed(1).padStart(10)}${r.p95.toFixed(1).padStart(10)}`);
    const first = results[0];
    const deepResult = results.find((r) => r.name.startsWith('deep'))!;
    const warm = results.filter((r) => !r.name.startsWith('cold'));
    console.log(
      `\nwarm p95 <= 50 ms: ${
        warm.every((r) => r.p95 <= 50)
          ? 'yes'
          : `no (${warm
              .filter((r) => r.p95 > 50)
              .map((r) => r.name)
              .join('; ')})`
      }`,
    );
    console.log(`deep page p50 / first page p50: ${(deepResult.p50 / first.p50).toFixed(2)} (target <= 2)`);
    console.log(`cache: ${JSON.stringify(engine.versions.stats())}`);
    const shown = (load: number[]) => load.map((n) => n.toFixed(2)).join(' ');
    console.log(`load average (1, 5, 15 min) before the timed runs: ${shown(loadBefore)}; after: ${shown(loadavg())}`);
  } finally {
    await exchange.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
