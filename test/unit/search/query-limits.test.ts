import { CkanError } from '../../../functions/ckan/errors';
import { listParam } from '../../../functions/ckan/params';
import { parseSolrSearch, parseSolrSort } from '../../../functions/ckan/solr-query';
import type { Caller } from '../../../functions/domain/caller';
import { ExchangeError } from '../../../functions/domain/errors';
import { QUERY_LIMITS } from '../../../functions/search/query-limits';
import { SearchIndex } from '../../../functions/search/search-index';
import { type Condition, facetFields, runSearch, type SearchQuery } from '../../../functions/search/search-query';
import { doc } from './documents';

/** The limits every search is held to, and the one error each way in answers with. */
const anonymous: Caller = { kind: 'anonymous' };
const index = SearchIndex.build([
  doc('air', { title: 'Air quality', keywords: ['air', 'a'], formats: ['CSV'] }),
  doc('trees', { title: 'Street trees', keywords: ['trees', 'a'], formats: ['JSON'] }),
  doc('bins', { title: 'Bin collections', keywords: ['waste'] }),
]);
const query = (overrides: Partial<SearchQuery>): SearchQuery => ({
  conditions: [],
  sort: { by: 'name', direction: 'asc' },
  limit: 10,
  facets: facetFields,
  facetLimit: -1,
  facetMode: 'disjunctive',
  ...overrides,
});
const keyword = (value: string, negate = false): Condition => ({ field: 'keyword', value, ...(negate ? { negate } : {}) });

const thrownBy = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
};

describe('every search', () => {
  it.each([
    ['q', { text: 'x'.repeat(QUERY_LIMITS.textLength + 1) }, `at most ${QUERY_LIMITS.textLength} characters of search text`],
    ['q', { text: Array.from({ length: QUERY_LIMITS.words + 1 }, (_, i) => `w${i}`).join(' ') }, `at most ${QUERY_LIMITS.words} distinct words of search text`],
    [
      'filters',
      { conditions: Array.from({ length: QUERY_LIMITS.conditions + 1 }, (_, i) => keyword(`k${i}`)) },
      `at most ${QUERY_LIMITS.conditions} filter conditions`,
    ],
  ] as const)('refuses a query over the limit on %s, naming the limit', (field, overrides, named) => {
    const error = thrownBy(() => runSearch(index, anonymous, query(overrides))) as ExchangeError;
    expect(error).toBeInstanceOf(ExchangeError);
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual({ fields: [{ field, message: expect.stringContaining(named) }] });
  });

  it('answers at the limits, counting a repeated word once', () => {
    expect(runSearch(index, anonymous, query({ text: `air ${'x'.repeat(QUERY_LIMITS.textLength - 4)}` })).count).toBe(0);
    expect(runSearch(index, anonymous, query({ text: 'Air air AIR '.repeat(40).slice(0, QUERY_LIMITS.textLength) })).count).toBe(1);
    const words = Array.from({ length: QUERY_LIMITS.words - 1 }, (_, i) => `w${i}`).join(' ');
    expect(runSearch(index, anonymous, query({ text: `air ${words} the of and` })).count).toBe(0);
    const many = Array.from({ length: QUERY_LIMITS.conditions }, (_, i) => keyword(`absent-${i}`, true));
    expect(runSearch(index, anonymous, query({ conditions: many })).count).toBe(3);
  });

  it('reads repeated conditions as one, in any case', () => {
    const once = runSearch(index, anonymous, query({ conditions: [keyword('a'), keyword('trees', true)] }));
    const repeated = runSearch(
      index,
      anonymous,
      query({ conditions: [...Array(40).fill(keyword('a')), ...Array(40).fill(keyword('A')), ...Array(19).fill(keyword('TREES', true))] }),
    );
    expect(repeated.hits.map((h) => h.doc.name)).toEqual(['air']);
    expect(repeated).toEqual(once);
  });
});

describe('CKAN package_search', () => {
  const searchQueryError = (run: () => unknown, named: string) => {
    const error = thrownBy(run) as CkanError;
    expect(error).toBeInstanceOf(CkanError);
    expect(error.status).toBe(400);
    expect(error.body()).toEqual({ __type: 'Search Query Error', message: expect.stringContaining(named) });
  };

  it('refuses q and fq over the limits with a Search Query Error naming the limit', () => {
    searchQueryError(() => parseSolrSearch('', ['tags:a '.repeat(30_000)]), `at most ${QUERY_LIMITS.syntaxLength} characters of query syntax`);
    searchQueryError(() => parseSolrSearch('', Array(QUERY_LIMITS.syntaxLength + 1).fill('x')), 'characters of query syntax');
    searchQueryError(() => parseSolrSearch('tags:a '.repeat(60), ['tags:b '.repeat(41)]), `at most ${QUERY_LIMITS.conditions} filter conditions`);
    searchQueryError(() => parseSolrSearch('word '.repeat(101), []), `at most ${QUERY_LIMITS.textLength} characters of search text`);
    searchQueryError(
      () =>
        parseSolrSearch(
          Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '),
          Array.from({ length: 13 }, (_, i) => `title:t${i}`),
        ),
      `at most ${QUERY_LIMITS.words} distinct words`,
    );
    searchQueryError(() => parseSolrSort('name asc, '.repeat(QUERY_LIMITS.sortKeys + 1), false), `at most ${QUERY_LIMITS.sortKeys} sort clauses`);
  });

  it('reads q and fq together within the limits', () => {
    const parsed = parseSolrSearch('air quality', ['tags:a', '-res_format:PDF']);
    expect(parsed.text).toEqual(['air', 'quality']);
    expect(parsed.conditions).toEqual([keyword('a'), { field: 'format', value: 'PDF', negate: true }]);
    expect(parseSolrSort('score desc, name asc', false)).toEqual({ by: 'name', direction: 'asc' });
  });

  it('refuses too many facet fields as a Validation Error on facet.field', () => {
    const fields = JSON.stringify(Array(QUERY_LIMITS.facetFields + 1).fill('tags'));
    const error = thrownBy(() => listParam({ 'facet.field': fields }, 'facet.field', { jsonOnly: true, limit: 'facetFields' })) as CkanError;
    expect(error.status).toBe(409);
    expect(error.body()).toEqual({ __type: 'Validation Error', 'facet.field': [expect.stringContaining(`at most ${QUERY_LIMITS.facetFields} facet fields`)] });
    expect(
      listParam({ 'facet.field': JSON.stringify(Array(QUERY_LIMITS.facetFields).fill('tags')) }, 'facet.field', { jsonOnly: true, limit: 'facetFields' }),
    ).toHaveLength(QUERY_LIMITS.facetFields);
  });
});
