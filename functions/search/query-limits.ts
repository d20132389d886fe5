import { terms } from './tokenizer';

/**
 * How big one search may be, for every way in (the exchange's own API, CKAN's package_search and
 * anything else that runs a search). A search runs synchronously on the one event loop that
 * answers every other request, so nothing a caller sends may make it long: each limit bounds a
 * cost that grows with the input (a fuzzy dictionary lookup per word, a check per condition per
 * candidate dataset, a facet table per field, a comparison per sort key), and going over one is a
 * client error naming the limit, never a silently shortened query.
 */
export const QUERY_LIMITS = {
  /** Characters of free text searched for. */
  textLength: 500,
  /** Distinct words searched for: each is a pass over the postings of every word it is a prefix of (or a typo of). */
  words: 32,
  /** Characters of query syntax in one request (CKAN's q and every fq together). */
  syntaxLength: 10_000,
  /** Filter conditions in one search (every filter, of every field, together). */
  conditions: 100,
  /** Facet fields asked for. */
  facetFields: 20,
  /** Sort clauses. */
  sortKeys: 5,
} as const;

export type QueryLimit = keyof typeof QUERY_LIMITS;

const units: Record<QueryLimit, string> = {
  textLength: 'characters of search text',
  words: 'distinct words of search text',
  syntaxLength: 'characters of query syntax (q and fq together)',
  conditions: 'filter conditions',
  facetFields: 'facet fields',
  sortKeys: 'sort clauses',
};

/** Whether `count` of something is within its limit. */
export const withinLimit = (limit: QueryLimit, count: number): boolean => count <= QUERY_LIMITS[limit];

/** What to tell a caller who sent `count` of something over its limit. */
export const overLimitMessage = (limit: QueryLimit, count: number): string =>
  `at most ${QUERY_LIMITS[limit]} ${units[limit]} are allowed in one search; this one has ${count}`;

/** How many distinct words a search text has, as the text index reads it. */
export const distinctWords = (text: string): number => new Set(terms(text)).size;
