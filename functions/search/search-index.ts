import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import type { SearchDocument } from './search-document';
import { type Direction, type OrderField, SortedEntries } from './sorted-entries';

export { compareKeys, type Direction, type OrderField, orderKey } from './sorted-entries';

/** Fields the text query looks in, with their weight in the score. */
const FIELD_BOOSTS = { title: 4, keywords: 3, name: 2, organisationName: 2, themes: 1.5, columns: 1.5, description: 1 } as const;
type TextField = keyof typeof FIELD_BOOSTS;

/** With fewer matches than this for the words as typed, the search is run again with typo tolerance. */
const TYPO_FALLBACK_BELOW = 5;

const STOP_WORDS = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'into', 'is', 'it', 'of', 'on', 'or', 'the', 'to', 'with']);

const processTerm = (term: string): string | null => {
  const lower = term.toLowerCase();
  return STOP_WORDS.has(lower) ? null : lower;
};

const miniSearchOptions: Options<SearchDocument> = {
  fields: Object.keys(FIELD_BOOSTS),
  idField: 'id',
  processTerm,
  extractField: (document, field) => {
    const value = (document as unknown as Record<string, unknown>)[field];
    return Array.isArray(value) ? value.join(' ') : (value as string);
  },
  searchOptions: {
    boost: FIELD_BOOSTS as Partial<Record<TextField, number>>,
    combineWith: 'AND',
    // Prefix matching from three letters; one typo from four letters, two from eight.
    prefix: (term) => term.length >= 3,
    fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
    maxFuzzy: 2,
  },
};

export const SNAPSHOT_FORMAT = 'ldx-search-snapshot/1';

export interface SearchSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** Every change-log entry up to this sequence number is reflected in the documents. */
  seq: number;
  writtenAt: string;
  documents: SearchDocument[];
  index: AsPlainObject;
}

export const filterFields = ['organisation', 'tier', 'theme', 'keyword', 'format', 'schema', 'licence', 'name', 'id'] as const;
export type FilterField = (typeof filterFields)[number];

/** A document with its filter values lower-cased once, so queries compare without allocating. */
export interface IndexEntry {
  doc: SearchDocument;
  values: Record<FilterField, string[]>;
  /** Lower-cased title, for sorting. */
  titleKey: string;
  /** The title as a bare phrase (lower case, words only), to recognise exact title matches. */
  titlePhrase: string;
}

const normalisePhrase = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

const entryOf = (doc: SearchDocument): IndexEntry => {
  const lower = (values: string[]) => values.map((v) => v.toLowerCase());
  return {
    doc,
    values: {
      organisation: [doc.organisation.toLowerCase()],
      tier: [doc.tier],
      theme: lower(doc.themes),
      keyword: lower(doc.keywords),
      format: lower(doc.formats),
      schema: lower(doc.schemas),
      licence: [doc.licence.toLowerCase()],
      name: [doc.name],
      id: [doc.id],
    },
    titleKey: doc.title.toLowerCase(),
    titlePhrase: normalisePhrase(doc.title),
  };
};

/**
 * The in-memory search index: a MiniSearch full-text index plus the documents themselves, for
 * filters, facets and sorting. Pure: it knows nothing of storage or callers.
 */
export class SearchIndex {
  private readonly entries = new Map<string, IndexEntry>();
  private readonly datasetOfResource = new Map<string, string>();
  /** Orders built on first use, then kept up to date with every change. */
  private readonly orders = new Map<string, SortedEntries>();
  private changes = 0;

  private constructor(private readonly text: MiniSearch<SearchDocument>) {}

  static empty(): SearchIndex {
    return new SearchIndex(new MiniSearch(miniSearchOptions));
  }

  static build(documents: Iterable<SearchDocument>): SearchIndex {
    const index = SearchIndex.empty();
    for (const doc of documents) index.upsert(doc);
    return index;
  }

  static fromSnapshot(snapshot: SearchSnapshot): SearchIndex {
    if (snapshot.format !== SNAPSHOT_FORMAT) throw new Error(`unknown search snapshot format ${String(snapshot.format)}`);
    const index = new SearchIndex(MiniSearch.loadJS(snapshot.index, miniSearchOptions));
    for (const doc of snapshot.documents) index.remember(doc);
    return index;
  }

  toSnapshot(seq: number, writtenAt: string): SearchSnapshot {
    return { format: SNAPSHOT_FORMAT, seq, writtenAt, documents: [...this.entries.values()].map((e) => e.doc), index: this.text.toJSON() };
  }

  /** Changes with every document added, replaced or removed (caches key on it). */
  get version(): number {
    return this.changes;
  }

  get size(): number {
    return this.entries.size;
  }

  get(id: string): SearchDocument | undefined {
    return this.entries.get(id)?.doc;
  }

  datasetIdOfResource(resourceId: string): string | undefined {
    return this.datasetOfResource.get(resourceId);
  }

  /** Adds or replaces a document; returns false when the stored one was built from the same records. */
  upsert(doc: SearchDocument): boolean {
    const existing = this.entries.get(doc.id);
    if (existing?.doc.source === doc.source && existing.doc.organisationName === doc.organisationName) return false;
    if (existing) this.text.replace(doc);
    else this.text.add(doc);
    this.forget(doc.id);
    this.remember(doc);
    return true;
  }

  remove(id: string): boolean {
    if (!this.entries.has(id)) return false;
    this.text.discard(id);
    this.forget(id);
    return true;
  }

  /** Every entry in the given order (do not modify the array). */
  ordered(by: OrderField, direction: Direction): readonly IndexEntry[] {
    const id = `${by} ${direction}`;
    let order = this.orders.get(id);
    if (!order) this.orders.set(id, (order = new SortedEntries(by, direction, this.entries.values())));
    return order.entries;
  }

  /**
   * Full-text scores of the documents matching every term of `text` (prefix and typo tolerant).
   * Typo tolerance is the expensive part, so it is tried only when the words as typed (and as
   * prefixes) find fewer than a handful of datasets. An exact title match outranks everything
   * else; the whole phrase within a title comes next.
   */
  textScores(text: string): Map<string, number> {
    const phrase = normalisePhrase(text);
    const scores = new Map<string, number>();
    let results = this.text.search(text, { fuzzy: false });
    if (results.length < TYPO_FALLBACK_BELOW) results = this.text.search(text);
    for (const result of results) {
      const title = this.entries.get(result.id as string)?.titlePhrase ?? '';
      const bonus = title === phrase ? 10 : phrase.length > 0 && title.includes(phrase) ? 2 : 1;
      scores.set(result.id as string, result.score * bonus);
    }
    return scores;
  }

  entry(id: string): IndexEntry | undefined {
    return this.entries.get(id);
  }

  private remember(doc: SearchDocument): void {
    const entry = entryOf(doc);
    this.changes++;
    this.entries.set(doc.id, entry);
    for (const resourceId of doc.resourceIds) this.datasetOfResource.set(resourceId, doc.id);
    for (const order of this.orders.values()) order.insert(entry);
  }

  private forget(id: string): void {
    const existing = this.entries.get(id);
    if (!existing) return;
    this.changes++;
    for (const resourceId of existing.doc.resourceIds) this.datasetOfResource.delete(resourceId);
    this.entries.delete(id);
    for (const order of this.orders.values()) order.delete(existing);
  }
}
