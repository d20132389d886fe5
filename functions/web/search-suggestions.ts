import SearchableMap from 'minisearch/SearchableMap';
import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { terms } from '../search/tokenizer';
import { type CatalogueQuery, searchCatalogue } from './catalogue-search';
import { themeLabel } from './labels';
import { nameOf } from './organisation-names';

/** A search worth trying instead of one that found nothing, with how many datasets it finds. */
export interface Suggestion {
  query: Partial<CatalogueQuery>;
  /** Why it is offered, e.g. "without the filters". */
  reason: 'spelling' | 'one-word' | 'no-filters';
  count: number;
}

const MAX_SUGGESTIONS = 4;
/** Titles read to learn the catalogue's words: the most recently changed the visitor may see. */
const VOCABULARY_DATASETS = 200;

/**
 * The words of what this visitor may see: titles, keywords, themes and publishers of visible
 * datasets (each listing applies the policy first), so a suggestion can never spell out a word
 * that only a private dataset holds.
 */
const visibleVocabulary = async (ctx: DomainContext, caller: Caller, names: Map<string, string>): Promise<SearchableMap<number>> => {
  const listing = await searchCatalogue(ctx, caller, { pageSize: VOCABULARY_DATASETS, sort: 'modified' });
  const vocabulary = new SearchableMap<number>();
  const add = (text: string, weight: number) => {
    for (const term of terms(text)) if (term.length >= 3) vocabulary.update(term, (n = 0) => n + weight);
  };
  for (const d of listing.results) {
    add(d.title, 1);
    for (const keyword of d.keywords ?? []) add(keyword, 1);
  }
  for (const f of listing.facets.keyword) add(f.value, f.count);
  for (const f of listing.facets.theme) add(themeLabel(f.value), f.count);
  for (const f of listing.facets.organisation) add(nameOf(names, f.value), f.count);
  return vocabulary;
};

/** The closest visible word to `term`: fewest edits, then the most common; undefined if none is close. */
const closest = (vocabulary: SearchableMap<number>, term: string): string | undefined => {
  if (vocabulary.has(term)) return term;
  const maxEdits = term.length >= 6 ? 2 : 1;
  let best: { word: string; distance: number; weight: number } | undefined;
  for (const [word, [weight, distance]] of vocabulary.fuzzyGet(term, maxEdits)) {
    if (!best || distance < best.distance || (distance === best.distance && weight > best.weight)) best = { word, distance, weight };
  }
  return best?.word;
};

/**
 * Searches to offer when `query` found nothing: the words spelt as the catalogue spells them,
 * each word on its own (a search needs every word), and the same words without the filters.
 * Each is run first and offered only if it finds something, with its count.
 */
export const suggestSearches = async (ctx: DomainContext, caller: Caller, query: CatalogueQuery, names: Map<string, string>): Promise<Suggestion[]> => {
  const words = [...new Set(terms(query.q ?? ''))];
  const filters = { organisation: query.organisation, tier: query.tier, theme: query.theme, keyword: query.keyword };
  const candidates: Array<Omit<Suggestion, 'count'>> = [];
  if (words.length > 0) {
    const vocabulary = await visibleVocabulary(ctx, caller, names);
    const respelt = words.map((w) => closest(vocabulary, w) ?? w);
    if (respelt.some((w, i) => w !== words[i])) candidates.push({ query: { ...filters, q: respelt.join(' ') }, reason: 'spelling' });
    if (words.length > 1) for (const word of new Set(respelt)) candidates.push({ query: { ...filters, q: word }, reason: 'one-word' });
  }
  if (Object.values(filters).some((v) => v !== undefined)) candidates.push({ query: { q: query.q }, reason: 'no-filters' });
  const counted = await Promise.all(
    candidates.map(async (candidate) => ({ ...candidate, count: (await searchCatalogue(ctx, caller, { ...candidate.query, pageSize: 0 })).count })),
  );
  return counted.filter((s) => s.count > 0).slice(0, MAX_SUGGESTIONS);
};
