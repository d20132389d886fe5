import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Caller } from '../../functions/domain/caller';
import { findMatches } from '../../functions/search/match-set';
import { QUERY_LIMITS } from '../../functions/search/query-limits';
import { SearchIndex } from '../../functions/search/search-index';
import { type Condition, facetFields, type SearchQuery } from '../../functions/search/search-query';
import { doc } from '../unit/search/documents';
import { type ApiResponse, datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * No single search may stall the exchange: every request shares one event loop, so a search that
 * runs for seconds holds up every other caller (the health check included). Hostile searches,
 * each under the request body cap, must be answered (refused with the limit named, or run) while
 * the loop is never blocked for more than MAX_BLOCK_MS at a time. The exchange runs in this
 * process, so the loop measured is the one that serves the requests.
 */
const MAX_BLOCK_MS = 200;
let t: TestExchange;

/** Runs `work` with the event loop's delay sampled every 10 ms; returns its result and the longest delay seen. */
const measured = async <T>(work: () => Promise<T> | T): Promise<{ result: T; maxDelayMs: number }> => {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  try {
    // The histogram records from its second tick on: a block before that would go unseen.
    await new Promise((resolve) => setTimeout(resolve, 25));
    const result = await work();
    // One more turn of the loop, so a block at the very end is sampled too.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { result, maxDelayMs: histogram.max / 1e6 };
  } finally {
    histogram.disable();
  }
};

const packageSearch = (body: Record<string, unknown>) => t.request('POST', '/api/3/action/package_search', { body });

beforeAll(async () => {
  t = await startTestExchange();
  const token = await t.organisationWithToken('hostile-search', 'admin');
  for (let i = 0; i < 12; i++) {
    const created = await t.request('POST', '/api/v1/datasets', {
      token,
      body: datasetInput(`hostile-search-${i}`, { title: `Roadworks permits ${i}`, keywords: ['a', `k${i}`], themes: ['transport'] }),
    });
    if (created.status !== 201) throw new Error(created.text);
  }
  await t.exchange.indexIdle();
}, 60_000);
afterAll(() => t.stop());

/** The status, and either what the error message must name or how many datasets the search finds. */
type Expectation = { status: number; names?: string; count?: number };

const refused = (names: string): Expectation => ({ status: 400, names });
const syntaxCap = refused(`at most ${QUERY_LIMITS.syntaxLength} characters of query syntax`);
const allFound: Expectation = { status: 200, count: 12 };

/** Each hostile request, and how it must be answered. Bodies stay under the 256 KB request cap. */
const hostile: Array<[string, () => Promise<ApiResponse>, Expectation]> = [
  ['36 000 fq conditions in a JSON body', () => packageSearch({ fq: 'tags:a '.repeat(36_000) }), syntaxCap],
  ['25 000 fq_list entries', () => packageSearch({ fq_list: Array(25_000).fill('tags:a') }), syntaxCap],
  ['a 250 KB q', () => packageSearch({ q: 'word '.repeat(50_000) }), syntaxCap],
  ['200 000 nested parentheses', () => packageSearch({ q: '('.repeat(200_000) }), syntaxCap],
  ['nested parentheses within the syntax limit', () => packageSearch({ fq: `tags:${'('.repeat(5_000)}a${')'.repeat(4_990)}` }), refused('parentheses')],
  [
    '101 conditions within the syntax limit',
    () => packageSearch({ fq: 'tags:a '.repeat(QUERY_LIMITS.conditions + 1) }),
    refused(`at most ${QUERY_LIMITS.conditions} filter conditions`),
  ],
  [
    '33 distinct words',
    () => packageSearch({ q: Array.from({ length: QUERY_LIMITS.words + 1 }, (_, i) => `rec${i}`).join(' ') }),
    refused(`at most ${QUERY_LIMITS.words} distinct words`),
  ],
  ['25 000 sort keys', () => packageSearch({ sort: 'name asc,'.repeat(25_000) }), refused(`at most ${QUERY_LIMITS.sortKeys} sort clauses`)],
  [
    '25 000 facet fields',
    () => packageSearch({ 'facet.field': Array(25_000).fill('tags'), 'facet.limit': -1 }),
    { status: 409, names: `at most ${QUERY_LIMITS.facetFields} facet fields` },
  ],
  [
    'the most a search may be: 100 distinct negated conditions, 32 distinct typo-prone words, every facet',
    () =>
      packageSearch({
        // Each one letter away from "roadworks", so every word is looked up with typos and the search still finds all.
        q: Array.from({ length: QUERY_LIMITS.words }, (_, i) => `roadworks`.slice(0, 1 + (i % 8)) + 'xyzq'[i >> 3] + `roadworks`.slice(2 + (i % 8))).join(' '),
        fq: Array.from({ length: QUERY_LIMITS.conditions }, (_, i) => `-tags:absent${i}`).join(' '),
        'facet.field': ['tags', 'organization', 'res_format', 'license_id', 'groups', 'tier'],
        'facet.limit': -1,
        rows: 1000,
      }),
    allFound,
  ],
  [
    '1 200 keyword filters on the native search',
    () => t.request('GET', `/api/v1/datasets?${'keyword=a&'.repeat(1_200)}`),
    refused(`at most ${QUERY_LIMITS.conditions} filter conditions`),
  ],
  [
    'a 10 KB q on the native search',
    () => t.request('GET', `/api/v1/datasets?q=${'x%20'.repeat(3_000)}`),
    refused(`at most ${QUERY_LIMITS.textLength} characters of search text`),
  ],
  [
    '100 keyword filters on the native search',
    () => t.request('GET', `/api/v1/datasets?${'keyword=a&keyword=A&'.repeat(QUERY_LIMITS.conditions / 2)}limit=1000`),
    allFound,
  ],
];

describe('a hostile search', () => {
  it.each(hostile)('(%s) is answered without blocking the event loop', async (_name, send, expected) => {
    const {
      result: [response, health],
      maxDelayMs,
    } = await measured(() => Promise.all([send(), t.request('GET', '/api/v1/health')]));
    expect(health.status).toBe(200);
    expect(response.status).toBe(expected.status);
    if (expected.names) expect(response.text).toContain(expected.names);
    // CKAN's result, or the native listing.
    if (expected.count !== undefined) expect((response.body.result ?? response.body).count).toBe(expected.count);
    expect(maxDelayMs).toBeLessThan(MAX_BLOCK_MS);
  });
});

describe('matching', () => {
  const anonymous: Caller = { kind: 'anonymous' };
  const index = SearchIndex.build(Array.from({ length: 5_000 }, (_, i) => doc(`d-${i}`, { keywords: ['a', `k${i % 50}`], formats: [i % 2 ? 'CSV' : 'JSON'] })));
  const visible = index.groups.visibleTo(anonymous, false);
  const query = (conditions: Condition[]): SearchQuery => ({
    conditions,
    sort: { by: 'name', direction: 'asc' },
    limit: 10,
    facets: facetFields,
    facetLimit: 50,
    facetMode: 'disjunctive',
  });

  // Past the limits on purpose: the cost must grow with the conditions in step, not with their square.
  it.each([
    ['36 000 repeats of one condition', Array<Condition>(36_000).fill({ field: 'keyword', value: 'a' }), 5_000],
    [
      '36 000 distinct negated conditions',
      Array.from({ length: 36_000 }, (_, i): Condition => ({ field: 'format', value: `absent-${i}`, negate: true })),
      5_000,
    ],
    [
      '36 000 distinct conditions of which one cannot match',
      Array.from({ length: 36_000 }, (_, i): Condition => ({ field: 'keyword', value: i === 0 ? 'a' : `absent-${i}` })),
      0,
    ],
  ])('(%s) does not block the event loop', async (_name, conditions, count) => {
    const { result, maxDelayMs } = await measured(() => findMatches(index, visible, query(conditions), undefined));
    expect(result.count).toBe(count);
    expect(maxDelayMs).toBeLessThan(MAX_BLOCK_MS);
  });
});
