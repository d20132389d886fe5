import type { Caller } from '../domain/caller';
import { badRequest, type FieldProblem, validationFailed } from '../domain/errors';
import { cachedMatch } from './match-cache';
import { findMatches, type Matches } from './match-set';
import { distinctWords, overLimitMessage, type QueryLimit, withinLimit } from './query-limits';
import { compareKeys, type Direction, type IndexedDocument, normalisePhrase, type OrderField, type SearchIndex } from './search-index';
import type { FacetField, FacetValue, SearchQuery } from './search-request';

// The request's shape is exported from here too, beside runSearch that answers it.
export { type Condition, type FacetField, facetFields, type FacetValue, type SearchQuery, type SortField, sortFields } from './search-request';

export interface SearchHit {
  doc: IndexedDocument;
  score?: number;
}

export interface SearchOutcome {
  /** Datasets the caller may see that match, over all pages. */
  count: number;
  hits: SearchHit[];
  facets: Partial<Record<FacetField, FacetValue[]>>;
  next?: string;
}

interface Cursor {
  after: string;
  key?: string | number;
}

export const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify(cursor)).toString('base64url');

const invalidCursor = () => badRequest('The cursor is not valid; use the `next` value of a previous page.', { field: 'cursor' });

const decodeCursor = (cursor: string): Cursor => {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof parsed.after === 'string' && (parsed.key === undefined || typeof parsed.key === 'string' || typeof parsed.key === 'number')) {
      return { after: parsed.after, key: parsed.key };
    }
  } catch {
    // reported below
  }
  throw invalidCursor();
};

/** A position in a sorted result list: its sort key and name (names are unique). */
interface Position {
  key: string | number;
  name: string;
}

/** Everything a query matches, with the order pages are cut in (what the match cache keeps). */
interface MatchedSet extends Matches {
  /** relevance (by text score) or a kept order. */
  by: 'relevance' | OrderField;
  direction: Direction;
  /** Positions into `slots`, fully sorted, made when a page past the first is asked for. */
  sorted?: Int32Array;
  scoreOf?: Map<number, number>;
}

/** Pages of small match lists are cut from the list sorted; larger ones walk a kept order. */
const SORT_LIST_BELOW = 1 / 16;
/** A first page ending within this many results is selected (insertion into a short list), not sorted. */
const SELECT_UP_TO = 100;

const matchAll = (index: SearchIndex, caller: Caller, query: SearchQuery): MatchedSet => {
  const visible = index.groups.visibleTo(caller, Boolean(query.excludePrivate));
  const text = query.text?.trim();
  const { precomputed } = query;
  const textMatches = precomputed
    ? { ...precomputed.matches(index), phrase: normalisePhrase(precomputed.phrase) }
    : text
      ? { ...index.textMatches(text, visible), phrase: normalisePhrase(text) }
      : undefined;
  const { by, direction } = query.sort;
  const byScore = by === 'relevance' && textMatches !== undefined;
  const matches = findMatches(index, visible, query, textMatches);
  return { ...matches, by: byScore ? 'relevance' : by === 'relevance' ? 'name' : by, direction: by === 'relevance' && !byScore ? 'asc' : direction };
};

interface Page {
  slots: number[];
  scores?: number[];
  hasMore: boolean;
}

/** A page cut from the match list: sorted once if needed, else the best few selected. */
const pageFromList = (index: SearchIndex, set: MatchedSet, start: number, after: Position | undefined, limit: number): Page => {
  const slots = set.slots!;
  const scores = set.scores;
  const keyAt = set.by === 'relevance' ? (i: number) => scores![i] : (i: number) => index.key(set.by as OrderField, slots[i]);
  const positionAt = (i: number): Position => ({ key: keyAt(i), name: index.name(slots[i]) });
  const ascending = set.direction === 'asc';
  /** Whether position a sorts before position b (written for the selection loop: no allocation). */
  const before = (a: number, b: number): boolean => {
    const ka = keyAt(a);
    const kb = keyAt(b);
    if (ka !== kb) return ascending ? ka < kb : ka > kb;
    return index.name(slots[a]) < index.name(slots[b]);
  };
  let positions: ArrayLike<number>;
  let from = start;
  if (!set.sorted && after === undefined && start + limit <= SELECT_UP_TO) {
    // The best start+limit+1 positions, kept sorted by insertion.
    const want = start + limit + 1;
    const best: number[] = [];
    for (let i = 0; i < slots.length; i++) {
      if (best.length === want) {
        // Most of a long list loses to the current last on score alone: skip those without the full comparison.
        if (set.by === 'relevance' && (ascending ? scores![i] > scores![best[want - 1]] : scores![i] < scores![best[want - 1]])) continue;
        if (!before(i, best[want - 1])) continue;
      }
      let low = 0;
      let high = best.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (before(best[mid], i)) low = mid + 1;
        else high = mid;
      }
      best.splice(low, 0, i);
      if (best.length > want) best.pop();
    }
    positions = best;
  } else {
    if (!set.sorted) {
      const keys = Array.from(slots, (_, i) => positionAt(i));
      set.sorted = Int32Array.from(slots, (_, i) => i).sort((a, b) => compareKeys(set.direction, keys[a], keys[b]));
    }
    positions = set.sorted;
    if (after !== undefined) {
      let low = 0;
      let high = positions.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (compareKeys(set.direction, positionAt(positions[mid]), after) <= 0) low = mid + 1;
        else high = mid;
      }
      from = low;
    }
  }
  const page = Array.from({ length: Math.max(0, Math.min(limit, positions.length - from)) }, (_, i) => positions[from + i]);
  return { slots: page.map((i) => slots[i]), scores: set.scores ? page.map((i) => set.scores![i]) : undefined, hasMore: positions.length > from + limit };
};

/** A page found by walking the kept order and keeping the matched slots. */
const pageFromOrder = (index: SearchIndex, set: MatchedSet, start: number, after: Position | undefined, limit: number): Page => {
  const order = index.orderOf(set.by as OrderField, set.direction);
  let skip = after === undefined ? start : 0;
  const page: number[] = [];
  let hasMore = false;
  for (let i = after === undefined ? 0 : order.firstAfter({ key: String(after.key), name: after.name }); i < order.slots.length; i++) {
    const slot = order.slots[i];
    if (!set.member(slot)) continue;
    if (skip > 0) skip--;
    else if (page.length < limit) page.push(slot);
    else {
      hasMore = true;
      break;
    }
  }
  if (set.scores && !set.scoreOf) set.scoreOf = new Map(Array.from(set.slots!, (slot, i) => [slot, set.scores![i]]));
  return { slots: page, scores: set.scoreOf ? page.map((slot) => set.scoreOf!.get(slot)!) : undefined, hasMore };
};

/**
 * Holds every search to the limits, whichever way it came in. The parsers of each API check
 * first, in their own parameters' names; this is the backstop, naming the query's parts as the
 * exchange's own API does.
 */
const checkLimits = (query: SearchQuery): void => {
  const problems: FieldProblem[] = [];
  const check = (field: string, limit: QueryLimit, count: number) => {
    if (!withinLimit(limit, count)) problems.push({ field, message: overLimitMessage(limit, count) });
  };
  check('q', 'textLength', query.text?.length ?? 0);
  if (problems.length === 0) check('q', 'words', distinctWords(query.text ?? ''));
  check('filters', 'conditions', query.conditions.length);
  check('facets', 'facetFields', query.facets.length);
  if (problems.length > 0) throw validationFailed(problems);
};

/**
 * Runs a query against the index for one caller. The policy is applied before anything is
 * counted, so results, counts and facets only ever reflect what the caller may see. The matched
 * set is cached per index version and caller visibility, so the next pages are cheap.
 */
export const runSearch = (index: SearchIndex, caller: Caller, query: SearchQuery): SearchOutcome => {
  checkLimits(query);
  const set = cachedMatch(index, caller, query, () => matchAll(index, caller, query));
  let after: Position | undefined;
  if (query.cursor !== undefined) {
    const cursor = decodeCursor(query.cursor);
    if (set.by !== 'name' && cursor.key === undefined) throw invalidCursor();
    after = { key: cursor.key ?? cursor.after, name: cursor.after };
  }
  const start = query.offset ?? 0;
  const fromList = set.slots !== undefined && (set.by === 'relevance' || set.slots.length <= index.size * SORT_LIST_BELOW);
  const page = (fromList ? pageFromList : pageFromOrder)(index, set, start, after, query.limit);
  const last = page.slots.at(-1);
  const keyOf = (slot: number, i: number) => (set.by === 'relevance' ? page.scores![i] : index.key(set.by, slot));
  return {
    count: set.count,
    hits: page.slots.map((slot, i) => ({ doc: index.docAt(slot), ...(page.scores ? { score: page.scores[i] } : {}) })),
    facets: set.facets,
    next:
      page.hasMore && last !== undefined
        ? encodeCursor(set.by === 'name' ? { after: index.name(last) } : { after: index.name(last), key: keyOf(last, page.slots.length - 1) })
        : undefined,
  };
};
