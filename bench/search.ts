/**
 * Search benchmark: `npm run bench:search [sizes...]` (default 1000 10000; add 100000 for the big one),
 * and `npm run bench:search -- --http [sizes...]` or `-- --http-seeded [sizes...]` (default 10 000) for the
 * whole path over loopback HTTP: server-side time and client latency, then autocannon (see search-http.ts).
 * For each catalogue size, builds synthetic datasets (seeded, so runs compare), then prints:
 *   - index build time and heap growth,
 *   - snapshot size, cold load time (decodeSnapshot: bytes to a ready index; median of 3) and the
 *     loaded index's heap, then the first text and typo queries (which build lazy structures),
 *   - in-process query latency (p50/p95/p99) over a mix of text, typo, prefix, filtered, faceted
 *     and sorted queries, as anonymous and as a publisher (the policy applied per group), each
 *     computed afresh; then following pages, which the matched-set cache serves.
 * Figures only: nothing here asserts a time.
 */
import { performance } from 'node:perf_hooks';
import type { Caller } from '../functions/domain/caller';
import { SearchIndex } from '../functions/search/search-index';
import { clearMatchCache } from '../functions/search/match-cache';
import { decodeSnapshot, encodeSnapshot } from '../functions/search/search-snapshot';
import { facetFields, runSearch, type SearchQuery } from '../functions/search/search-query';
import { generate } from './search-catalogue';
import { benchmarkHttp } from './search-http';

const anonymous: Caller = { kind: 'anonymous' };
const publisher: Caller = { kind: 'member', organisationId: 'org-07', role: 'viewer', tokenId: 'bench' };

const base: SearchQuery = {
  conditions: [],
  sort: { by: 'relevance', direction: 'desc' },
  limit: 20,
  facets: facetFields,
  facetLimit: 50,
  facetMode: 'disjunctive',
};
const browse: SearchQuery = { ...base, sort: { by: 'name', direction: 'asc' } };
const queriesFor = (middleTitle: string): Array<[string, SearchQuery]> => [
  ['one word', { ...base, text: 'trees' }],
  ['two words', { ...base, text: 'air quality' }],
  ['exact title', { ...base, text: middleTitle }],
  ['typo', { ...base, text: 'quallity monitering' }],
  ['prefix', { ...base, text: 'recyc' }],
  ['column name', { ...base, text: 'borough_gss_code' }],
  [
    'text + filters',
    {
      ...base,
      text: 'counts',
      conditions: [
        { field: 'theme', value: 'transport' },
        { field: 'format', value: 'csv' },
      ],
    },
  ],
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
  const middleTitle = documents[Math.floor(size / 2)].title;
  const heapBefore = heap();
  let started = performance.now();
  let built: SearchIndex | undefined = SearchIndex.build(documents);
  const buildMs = performance.now() - started;
  const heapAfter = heap();

  started = performance.now();
  const bytes = encodeSnapshot(built, 1, new Date().toISOString());
  const serialiseMs = performance.now() - started;
  // A cold process holds no built index: drop it before loading.
  built = undefined;
  documents.length = 0;
  // Loaded three times (the figure is the median: one load on a busy machine is noise); the last is kept.
  const loadTimes: number[] = [];
  let loaded = SearchIndex.empty();
  let loadedHeap = 0;
  for (let i = 0; i < 3; i++) {
    loaded = SearchIndex.empty();
    const heapBeforeLoad = heap();
    started = performance.now();
    loaded = decodeSnapshot(bytes).index;
    loadTimes.push(performance.now() - started);
    loadedHeap = heap() - heapBeforeLoad;
  }
  const loadMs = loadTimes.sort((a, b) => a - b)[1];
  if (loaded.size !== size) throw new Error('snapshot lost documents');
  // Built on first use, not on load: the sorted term list (prefix search) and the radix tree (typos).
  started = performance.now();
  runSearch(loaded, anonymous, { ...base, text: 'trees' });
  const firstTextMs = performance.now() - started;
  started = performance.now();
  runSearch(loaded, anonymous, { ...base, text: 'quallity monitering' });
  const firstTypoMs = performance.now() - started;
  clearMatchCache(loaded);

  console.log(`\n${size.toLocaleString('en-GB')} datasets`);
  console.log(`  index build ${ms(buildMs)} ms   heap +${mb(heapAfter - heapBefore)} MB${global.gc ? '' : ' (run with --expose-gc for exact heap figures)'}`);
  console.log(
    `  snapshot    ${mb(bytes.length)} MB, written in ${serialiseMs.toFixed(0)} ms, cold load ${loadMs.toFixed(0)} ms (median of 3: ${loadTimes.map((t) => t.toFixed(0)).join(', ')}), loaded index heap +${mb(loadedHeap)} MB`,
  );
  console.log(
    `  after load  first text query ${firstTextMs.toFixed(0)} ms (sorts the term list), first typo query ${firstTypoMs.toFixed(0)} ms (builds the radix tree)`,
  );

  const rounds = Math.max(60, Math.min(200, Math.floor(2_000_000 / size)));
  const all: number[] = [];
  console.log('  query                              p50 ms   p95 ms   p99 ms   matches');
  for (const [label, query] of queriesFor(middleTitle)) {
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

const args = process.argv.slice(2);
const sizes = args.map(Number).filter((n) => Number.isInteger(n) && n > 0);
if (args.includes('--http') || args.includes('--http-seeded')) {
  benchmarkHttp(sizes.length > 0 ? sizes : [10_000], args.includes('--http-seeded')).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else if (!args.includes('--serve')) {
  console.log('Search benchmark (in-process: text index + filters + facets + policy; no storage)');
  for (const size of sizes.length > 0 ? sizes : [1000, 10_000]) benchmark(size);
}
