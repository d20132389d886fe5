/**
 * Search benchmark: `npm run bench:search [sizes...]` (default 1000 10000; add 100000 for the big one),
 * and `npm run bench:search -- --http [size]` (default 1000) for the whole path over loopback HTTP.
 * For each catalogue size, builds synthetic datasets (seeded, so runs compare), then prints:
 *   - index build time and heap growth,
 *   - snapshot size, and cold load time (JSON.parse + SearchIndex.fromSnapshot),
 *   - in-process query latency (p50/p95/p99) over a mix of text, typo, prefix, filtered, faceted
 *     and sorted queries, as anonymous and as a publisher (policy applied per candidate), each
 *     computed afresh; then following pages, which the matched-set cache serves.
 * Figures only: nothing here asserts a time.
 */
import { performance } from 'node:perf_hooks';
import type { Caller } from '../functions/domain/caller';
import type { Tier } from '../functions/domain/policy';
import type { SearchDocument } from '../functions/search/search-document';
import { SearchIndex } from '../functions/search/search-index';
import { clearMatchCache } from '../functions/search/match-cache';
import { facetFields, runSearch, type SearchQuery } from '../functions/search/search-query';
import { createDataset } from '../functions/domain/datasets';
import { createOrganisation } from '../functions/domain/organisations';
import { newToken } from '../functions/domain/tokens';
import { startLocalExchange } from '../functions/local/local-exchange';
import { mapWithLimit } from '../functions/search/map-limit';

/** Mulberry32: a small seeded generator, so every run builds the same catalogue. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const SUBJECTS = ['air quality', 'street trees', 'parking permits', 'road casualties', 'planning applications', 'school places', 'council tax', 'bus stops', 'cycle hire', 'noise complaints', 'fly tipping', 'housing waiting list', 'libraries', 'electric vehicle charge points', 'recycling rates', 'population estimates', 'crime statistics', 'licensed premises', 'footfall', 'energy use'];
const QUALIFIERS = ['annual', 'monthly', 'ward level', 'borough', 'historic', 'live', 'summary', 'detailed', 'quarterly', 'experimental'];
const WORDS = ['data', 'records', 'counts', 'readings', 'locations', 'survey', 'register', 'inventory', 'returns', 'measurements', 'London', 'residents', 'services', 'network', 'monitoring', 'sites', 'areas', 'reported', 'published', 'collected'];
const THEMES = ['environment', 'transport', 'housing', 'health', 'planning', 'demographics', 'education', 'crime-and-community-safety'];
const COLUMNS = ['site_code', 'ward_code', 'borough_gss_code', 'measured_at', 'value', 'unit', 'latitude', 'longitude', 'category', 'count', 'reference', 'status', 'easting', 'northing'];
const FORMATS = ['CSV', 'JSON', 'GEOJSON', 'NDJSON'];
const ORGANISATIONS = Array.from({ length: 40 }, (_, i) => `org-${String(i).padStart(2, '0')}`);

const generate = (size: number): SearchDocument[] => {
  const next = random(size);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const some = <T>(items: readonly T[], max: number) => [...new Set(Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(items)))];
  return Array.from({ length: size }, (_, i) => {
    const subject = pick(SUBJECTS);
    const organisation = pick(ORGANISATIONS);
    const roll = next();
    const tier: Tier = roll < 0.7 ? 'open' : roll < 0.9 ? 'shared' : 'private';
    const modified = new Date(Date.UTC(2015, 0, 1) + Math.floor(next() * 10 * 365 * 86_400_000)).toISOString();
    return {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name: `${organisation}-${subject.replace(/ /g, '-')}-${i}`,
      title: `${subject[0].toUpperCase()}${subject.slice(1)} ${pick(QUALIFIERS)} ${i}`,
      description: Array.from({ length: 25 }, () => pick(WORDS)).join(' '),
      organisation,
      organisationName: `Organisation ${organisation}`,
      tier,
      licence: tier === 'open' ? 'OGL-UK-3.0' : 'proprietary',
      keywords: [...subject.split(' '), ...some(WORDS, 3).map((w) => w.toLowerCase())],
      themes: some(THEMES, 2),
      formats: some(FORMATS, 2),
      schemas: next() < 0.2 ? ['air-quality-readings'] : [],
      columns: some(COLUMNS, 8),
      resourceIds: [`r-${i}`],
      created: modified,
      modified,
      source: 'd1',
    };
  });
};

const anonymous: Caller = { kind: 'anonymous' };
const publisher: Caller = { kind: 'member', organisationId: 'org-07', role: 'viewer', tokenId: 'bench' };

const base: SearchQuery = { conditions: [], sort: { by: 'relevance', direction: 'desc' }, limit: 20, facets: facetFields, facetLimit: 50, facetMode: 'disjunctive' };
const browse: SearchQuery = { ...base, sort: { by: 'name', direction: 'asc' } };
const queriesFor = (documents: SearchDocument[]): Array<[string, SearchQuery]> => [
  ['one word', { ...base, text: 'trees' }],
  ['two words', { ...base, text: 'air quality' }],
  ['exact title', { ...base, text: documents[Math.floor(documents.length / 2)].title }],
  ['typo', { ...base, text: 'quallity monitering' }],
  ['prefix', { ...base, text: 'recyc' }],
  ['column name', { ...base, text: 'borough_gss_code' }],
  ['text + filters', { ...base, text: 'counts', conditions: [{ field: 'theme', value: 'transport' }, { field: 'format', value: 'csv' }] }],
  ['browse all', browse],
  ['browse by organisation', { ...browse, conditions: [{ field: 'organisation', value: 'org-07' }] }],
  ['browse newest first', { ...browse, sort: { by: 'modified', direction: 'desc' } }],
  ['browse by title, tier shared', { ...browse, sort: { by: 'title', direction: 'asc' }, conditions: [{ field: 'tier', value: 'shared' }] }],
];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (value: number) => value.toFixed(2).padStart(8);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const heap = () => {
  global.gc?.();
  return process.memoryUsage().heapUsed;
};

const benchmark = (size: number): void => {
  const documents = generate(size);
  const heapBefore = heap();
  let started = performance.now();
  const index = SearchIndex.build(documents);
  const buildMs = performance.now() - started;
  const heapAfter = heap();

  started = performance.now();
  const json = JSON.stringify(index.toSnapshot(1, new Date().toISOString()));
  const serialiseMs = performance.now() - started;
  started = performance.now();
  const loaded = SearchIndex.fromSnapshot(JSON.parse(json));
  const loadMs = performance.now() - started;
  if (loaded.size !== size) throw new Error('snapshot lost documents');

  console.log(`\n${size.toLocaleString('en-GB')} datasets`);
  console.log(`  index build ${ms(buildMs)} ms   heap +${mb(heapAfter - heapBefore)} MB${global.gc ? '' : ' (run with --expose-gc for exact heap figures)'}`);
  console.log(`  snapshot    ${mb(Buffer.byteLength(json))} MB, written in ${serialiseMs.toFixed(0)} ms, cold load ${loadMs.toFixed(0)} ms`);

  const rounds = Math.max(20, Math.min(200, Math.floor(2_000_000 / size)));
  const all: number[] = [];
  console.log('  query                              p50 ms   p95 ms   p99 ms   matches');
  for (const [label, query] of queriesFor(documents)) {
    const timings: number[] = [];
    let matches = 0;
    for (let i = 0; i < rounds + 5; i++) {
      const caller = i % 2 ? publisher : anonymous;
      clearMatchCache(loaded); // every query computed afresh: the cache only serves next pages
      const t0 = performance.now();
      matches = runSearch(loaded, caller, query).count;
      if (i >= 5) timings.push(performance.now() - t0); // the first few warm the JIT
    }
    timings.sort((a, b) => a - b);
    all.push(...timings);
    console.log(`  ${label.padEnd(32)} ${ms(percentile(timings, 50))} ${ms(percentile(timings, 95))} ${ms(percentile(timings, 99))}   ${matches}`);
  }
  all.sort((a, b) => a - b);
  console.log(`  ${'all queries'.padEnd(32)} ${ms(percentile(all, 50))} ${ms(percentile(all, 95))} ${ms(percentile(all, 99))}`);
  const pages: number[] = [];
  let cursor = runSearch(loaded, anonymous, browse).next;
  for (let i = 0; i < rounds && cursor; i++) {
    const t0 = performance.now();
    cursor = runSearch(loaded, anonymous, { ...browse, cursor }).next;
    pages.push(performance.now() - t0);
  }
  pages.sort((a, b) => a - b);
  console.log(`  ${'next pages (cached match)'.padEnd(32)} ${ms(percentile(pages, 50))} ${ms(percentile(pages, 95))} ${ms(percentile(pages, 99))}`);
};

/**
 * The whole server-side path over loopback HTTP: a local exchange (emulated DynamoDB and S3) holding
 * `size` datasets made through the domain, then GET /api/v1/datasets: authentication, the change-log
 * read, the query, the page's records read back consistently, and JSON. Sequential requests.
 */
const benchmarkHttp = async (size: number): Promise<void> => {
  const exchange = await startLocalExchange({ port: 0, adminToken: newToken(), seed: false });
  try {
    const documents = generate(size);
    for (const organisation of ORGANISATIONS) await createOrganisation(exchange.domain, { kind: 'platform-admin' }, { id: organisation, name: `Organisation ${organisation}`, type: 'borough' });
    let started = performance.now();
    await mapWithLimit(documents, 8, (d) =>
      createDataset(exchange.domain, { kind: 'member', organisationId: d.organisation, role: 'admin', tokenId: 'bench' }, {
        name: d.name, title: d.title, description: d.description, tier: d.tier, licence: d.licence, keywords: d.keywords, themes: d.themes,
      }),
    );
    await exchange.indexIdle();
    console.log(`\n${size.toLocaleString('en-GB')} datasets over HTTP (created and indexed in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    const paths = ['/api/v1/datasets?q=trees', '/api/v1/datasets?q=air%20quality', '/api/v1/datasets?q=quallity', '/api/v1/datasets?theme=transport', '/api/v1/datasets?sort=modified', '/api/v1/datasets?organisation=org-07'];
    started = performance.now();
    await fetch(`${exchange.url}${paths[0]}`).then((r) => r.text()); // cold: snapshot load and catch-up
    console.log(`  first search (cold load) ${(performance.now() - started).toFixed(0)} ms`);
    const timings: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      const response = await fetch(`${exchange.url}${paths[i % paths.length]}`);
      await response.text();
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      timings.push(performance.now() - t0);
    }
    timings.sort((a, b) => a - b);
    console.log(`  GET /api/v1/datasets (20 per page)   p50 ${ms(percentile(timings, 50))}  p95 ${ms(percentile(timings, 95))}  p99 ${ms(percentile(timings, 99))} ms`);
  } finally {
    await exchange.stop();
  }
};

const args = process.argv.slice(2);
const sizes = args.map(Number).filter((n) => Number.isInteger(n) && n > 0);
if (args.includes('--http')) {
  benchmarkHttp(sizes[0] ?? 1000).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  console.log('Search benchmark (in-process: MiniSearch index + filters + facets + policy; no storage)');
  for (const size of sizes.length > 0 ? sizes : [1000, 10_000]) benchmark(size);
}
