import type { Caller } from '../domain/caller';
import type { SearchIndex } from './search-index';
import type { SearchQuery } from './search-request';

/**
 * A small cache of matched sets, so that paging through a result (REST cursors, CKAN's start)
 * does not redo the whole query for every page. Entries belong to one version of one index (any
 * change empties it) and to one caller identity: kind, organisation and role, everything the
 * policy can look at, so one caller's matches never answer another's query.
 */
const MAX_ENTRIES = 16;

interface Cache<T> {
  version: number;
  entries: Map<string, T>;
}

const caches = new WeakMap<SearchIndex, Cache<unknown>>();

const callerKey = (caller: Caller): unknown[] => (caller.kind === 'member' ? [caller.kind, caller.organisationId, caller.role] : [caller.kind]);

/** Everything in the query that decides the matched set (not the page: cursor, offset, limit). */
const queryKey = (caller: Caller, q: SearchQuery): string =>
  JSON.stringify([
    callerKey(caller),
    q.text?.trim() ?? '',
    q.precomputed?.key ?? null,
    q.conditions,
    q.modifiedSince,
    q.modifiedUntil,
    Boolean(q.excludePrivate),
    q.sort,
    q.facets,
    q.facetLimit,
    q.facetMode,
  ]);

export const cachedMatch = <T>(index: SearchIndex, caller: Caller, query: SearchQuery, compute: () => T): T => {
  let cache = caches.get(index) as Cache<T> | undefined;
  if (!cache || cache.version !== index.version) caches.set(index, (cache = { version: index.version, entries: new Map() }));
  const key = queryKey(caller, query);
  const hit = cache.entries.get(key);
  if (hit !== undefined) {
    cache.entries.delete(key); // most recently used goes to the end
    cache.entries.set(key, hit);
    return hit;
  }
  const value = compute();
  cache.entries.set(key, value);
  if (cache.entries.size > MAX_ENTRIES) cache.entries.delete(cache.entries.keys().next().value!);
  return value;
};

/** For benchmarks: forget every cached match of this index. */
export const clearMatchCache = (index: SearchIndex): void => {
  caches.delete(index);
};
