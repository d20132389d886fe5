import type { Caller } from '../domain/caller';
import { badRequest } from '../domain/errors';
import { maySeeMetadata } from '../domain/policy';
import type { SearchDocument } from './search-document';
import { cachedMatch } from './match-cache';
import { compareKeys, type Direction, type FilterField, type IndexEntry, type OrderField, orderKey, type SearchIndex } from './search-index';

export const facetFields = ['organisation', 'theme', 'keyword', 'format', 'tier', 'licence'] as const;
export type FacetField = (typeof facetFields)[number];

export const sortFields = ['relevance', 'modified', 'created', 'title', 'name', 'id'] as const;
export type SortField = (typeof sortFields)[number];

/** One filter: the document must (or, negated, must not) have `value` in `field` (case-insensitive). */
export interface Condition {
  field: FilterField;
  value: string;
  negate?: boolean;
}

export interface SearchQuery {
  text?: string;
  conditions: Condition[];
  /** ISO dates or date-times; inclusive. */
  modifiedSince?: string;
  modifiedUntil?: string;
  /** Leave private datasets out even where the caller may see them (CKAN's include_private=false). */
  excludePrivate?: boolean;
  sort: { by: SortField; direction: 'asc' | 'desc' };
  limit: number;
  /** Either a cursor from a previous page or an offset (CKAN's start); not both. */
  cursor?: string;
  offset?: number;
  facets: readonly FacetField[];
  /** Most values per facet; -1 for all. */
  facetLimit: number;
  /**
   * disjunctive: each facet counts within the other filters, so choosing a value never hides its
   * siblings (the exchange's own API); conjunctive: facets count the matching set (CKAN/Solr).
   */
  facetMode: 'disjunctive' | 'conjunctive';
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface SearchHit {
  doc: SearchDocument;
  score?: number;
}

export interface SearchOutcome {
  /** Datasets the caller may see that match, over all pages. */
  count: number;
  hits: SearchHit[];
  facets: Partial<Record<FacetField, FacetValue[]>>;
  next?: string;
}

/** Where each facet's values live in a document: one value, or a list. */
const facetSource: Record<FacetField, { one: (d: SearchDocument) => string } | { many: (d: SearchDocument) => string[] }> = {
  organisation: { one: (d) => d.organisation },
  theme: { many: (d) => d.themes },
  keyword: { many: (d) => d.keywords },
  format: { many: (d) => d.formats },
  tier: { one: (d) => d.tier },
  licence: { one: (d) => d.licence },
};

/** Counts one facet; written for the hot loop (no allocation per document). */
class FacetCounter {
  readonly counts = new Map<string, number>();
  private readonly source: (typeof facetSource)[FacetField];

  constructor(readonly facet: FacetField) {
    this.source = facetSource[facet];
  }

  add(doc: SearchDocument): void {
    if ('one' in this.source) {
      const value = this.source.one(doc);
      this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
    } else {
      for (const value of this.source.many(doc)) this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
    }
  }
}

interface Cursor {
  after: string;
  key?: string | number;
}

export const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify(cursor)).toString('base64url');

const decodeCursor = (cursor: string): Cursor => {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof parsed.after === 'string' && (parsed.key === undefined || typeof parsed.key === 'string' || typeof parsed.key === 'number')) {
      return { after: parsed.after, key: parsed.key };
    }
  } catch {
    // reported below
  }
  throw badRequest('The cursor is not valid; use the `next` value of a previous page.', { field: 'cursor' });
};

type SortKey = string | number;

/** A position in a sorted result list: its sort key and name (names are unique). */
interface Position {
  key: SortKey;
  name: string;
}

const positionOf = (by: SortField, entry: IndexEntry, scores: Map<string, number> | undefined): Position => ({
  key: by === 'relevance' ? (scores?.get(entry.doc.id) ?? 0) : orderKey(by, entry),
  name: entry.doc.name,
});

/** The first index in the sorted list `matched` that comes after `cursor`. */
const firstAfter = (matched: IndexEntry[], cursor: Position, positionAt: (entry: IndexEntry) => Position, direction: Direction): number => {
  let low = 0;
  let high = matched.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareKeys(direction, positionAt(matched[mid]), cursor) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
};

const groupConditions = (conditions: Condition[]): Array<[FilterField, Condition[]]> => {
  const groups = new Map<FilterField, Condition[]>();
  for (const condition of conditions) groups.set(condition.field, [...(groups.get(condition.field) ?? []), { ...condition, value: condition.value.toLowerCase() }]);
  return [...groups];
};

const passes = (entry: IndexEntry, conditions: Condition[]): boolean =>
  conditions.every((c) => entry.values[c.field].includes(c.value) !== Boolean(c.negate));

const toFacet = (counts: Map<string, number>, limit: number): FacetValue[] => {
  const sorted = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return limit < 0 ? sorted : sorted.slice(0, limit);
};

/**
 * Runs a query against the index for one caller. The policy is applied to every candidate before
 * anything is counted, so results, counts and facets only ever reflect what the caller may see.
 */
/** Everything a query matches, in order, with its facets: what paging cuts pages from. */
interface MatchedSet {
  matched: IndexEntry[];
  scores?: Map<string, number>;
  facets: Partial<Record<FacetField, FacetValue[]>>;
  by: SortField;
  direction: Direction;
}

const matchAll = (index: SearchIndex, caller: Caller, query: SearchQuery): MatchedSet => {
  const text = query.text?.trim();
  const scores = text ? index.textScores(text) : undefined;
  const { by, direction } = query.sort;
  // Kept orders make browsing free of sorting; relevance sorts only the text matches, and so does
  // another order when the text matched few documents.
  const byScore = by === 'relevance' && scores !== undefined;
  const orderBy: OrderField = by === 'relevance' ? 'name' : by;
  const orderDirection: Direction = by === 'relevance' ? 'asc' : direction;
  const sortMatches = scores !== undefined && (byScore || scores.size * 8 < index.size);
  const candidates: readonly IndexEntry[] = sortMatches
    ? [...scores.keys()].flatMap((id) => index.entry(id) ?? [])
    : index.ordered(orderBy, orderDirection);
  const groups = groupConditions(query.conditions);
  const counters = query.facets.map((facet) => new FacetCounter(facet));
  const counterOf = new Map(counters.map((counter) => [counter.facet as FilterField, counter]));

  const matched: IndexEntry[] = [];
  for (const entry of candidates) {
    const { doc } = entry;
    if (scores && !sortMatches && !scores.has(doc.id)) continue;
    if (!maySeeMetadata(caller, doc)) continue;
    if (query.excludePrivate && doc.tier === 'private') continue;
    if (query.modifiedSince && doc.modified < query.modifiedSince) continue;
    if (query.modifiedUntil && doc.modified > query.modifiedUntil) continue;
    let failed: FilterField | undefined;
    let failures = 0;
    for (let g = 0; g < groups.length && failures < 2; g++) {
      if (!passes(entry, groups[g][1])) {
        failed = groups[g][0];
        failures++;
      }
    }
    if (failures === 0) {
      matched.push(entry);
      for (let c = 0; c < counters.length; c++) counters[c].add(doc);
    } else if (failures === 1 && query.facetMode === 'disjunctive') {
      counterOf.get(failed!)?.add(doc);
    }
  }

  if (byScore) {
    const score = (entry: IndexEntry) => scores.get(entry.doc.id) ?? 0;
    matched.sort((a, b) => compareKeys(direction, { key: score(a), name: a.doc.name }, { key: score(b), name: b.doc.name }));
  } else if (sortMatches) {
    matched.sort((a, b) => compareKeys(orderDirection, { key: orderKey(orderBy, a), name: a.doc.name }, { key: orderKey(orderBy, b), name: b.doc.name }));
  }
  return {
    matched,
    scores,
    facets: Object.fromEntries(counters.map((counter) => [counter.facet, toFacet(counter.counts, query.facetLimit)])),
    by: byScore ? by : by === 'relevance' ? 'name' : by,
    direction: by === 'relevance' && !byScore ? 'asc' : direction,
  };
};

/**
 * Runs a query against the index for one caller. The policy is applied to every candidate before
 * anything is counted, so results, counts and facets only ever reflect what the caller may see.
 * The matched set is cached per index version and caller visibility, so the next pages are cheap.
 */
export const runSearch = (index: SearchIndex, caller: Caller, query: SearchQuery): SearchOutcome => {
  const { matched, scores, facets, by, direction } = cachedMatch(index, caller, query, () => matchAll(index, caller, query));
  const positionAt = (entry: IndexEntry) => positionOf(by, entry, scores);
  let start = query.offset ?? 0;
  if (query.cursor !== undefined) {
    const cursor = decodeCursor(query.cursor);
    if (by !== 'name' && cursor.key === undefined) throw badRequest('The cursor is not valid; use the `next` value of a previous page.', { field: 'cursor' });
    start = firstAfter(matched, { key: cursor.key ?? cursor.after, name: cursor.after }, positionAt, direction);
  }
  const page = matched.slice(start, start + query.limit);
  const last = page.at(-1);
  const hasMore = start + query.limit < matched.length;
  return {
    count: matched.length,
    hits: page.map((entry) => ({ doc: entry.doc, ...(scores ? { score: scores.get(entry.doc.id) } : {}) })),
    facets,
    next: hasMore && last ? encodeCursor(by === 'name' ? { after: last.doc.name } : { after: last.doc.name, key: positionAt(last).key }) : undefined,
  };
};
