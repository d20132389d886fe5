import type { SearchDocument } from './search-document';
import { TermDictionary } from './term-dictionary';

/**
 * The full-text part of the search index: an inverted index over typed arrays, scored with BM25+
 * the way MiniSearch scores (same tokenizer, field boosts, prefix and typo weights), with
 * MiniSearch's radix tree for typo lookups (see term-dictionary.ts). MiniSearch itself
 * was replaced here because at 100 000 datasets its search allocated result objects for every
 * matching document (17–340 ms a query before any filtering) and its JSON snapshot took seconds
 * to load; postings in typed arrays are scored into reused buffers and stored as binary.
 *
 * Documents live in numbered slots (the owner hands them out). Removing a document only marks its
 * slot dead: postings naming a dead slot are skipped until `purge` drops them, and the owner does
 * not reuse a slot before then.
 */
export const TEXT_FIELDS = ['title', 'keywords', 'name', 'organisationName', 'themes', 'columns', 'description'] as const;
const FIELD_BOOSTS = Float64Array.of(4, 3, 2, 2, 1.5, 1.5, 1);
const FIELD_COUNT = TEXT_FIELDS.length;

const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
const MAX_FUZZY = 2;

const STOP_WORDS = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'into', 'is', 'it', 'of', 'on', 'or', 'the', 'to', 'with']);
const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u;

/** The searchable terms of a text: split on spaces and punctuation, lower-cased, stop words dropped. */
export const terms = (text: string): string[] => termsOf(text.split(SPACE_OR_PUNCTUATION));

const termsOf = (tokens: string[]): string[] => {
  const found: string[] = [];
  for (const token of tokens) {
    const term = token.toLowerCase();
    if (term && !STOP_WORDS.has(term)) found.push(term);
  }
  return found;
};

/**
 * One term's documents in one field: a region of the index's arenas (slot numbers, and how often
 * the term occurs in each). All postings share two big typed arrays rather than owning small
 * ones: hundreds of thousands of small ArrayBuffers made building slow and every GC long.
 */
export interface Posting {
  offset: number;
  length: number;
  capacity: number;
}

/** A term's postings, by field number. */
export type TermPostings = Array<Posting | undefined>;

const fieldText = (doc: SearchDocument, field: (typeof TEXT_FIELDS)[number]): string => {
  const value = doc[field];
  return Array.isArray(value) ? value.join(' ') : value;
};

/** Slots matching a text query, with their scores (aligned). */
export interface TextMatches {
  slots: Int32Array;
  scores: Float64Array;
}

export class TextIndex {
  /** Unique words per slot and field, for length normalisation. */
  fieldLengths = new Uint16Array(0);
  /** The postings' slots and term counts, in regions. */
  slotArena = new Int32Array(1024);
  countArena = new Uint16Array(1024);
  arenaUsed = 0;
  private readonly lengthTotals = new Float64Array(FIELD_COUNT);
  private liveCount = 0;
  // Scratch buffers, reused by every search (searches are synchronous, so never shared).
  private seen = new Int32Array(0);
  private termScore = new Float64Array(0);
  private total = new Float64Array(0);
  private touched = new Int32Array(0);
  private stamp = 0;

  readonly dictionary = new TermDictionary<TermPostings>();

  /** Makes room for slots below `capacity`. */
  grow(capacity: number): void {
    if (this.seen.length >= capacity) return;
    const lengths = new Uint16Array(capacity * FIELD_COUNT);
    lengths.set(this.fieldLengths);
    this.fieldLengths = lengths;
    this.seen = new Int32Array(capacity);
    this.termScore = new Float64Array(capacity);
    this.total = new Float64Array(capacity);
    this.touched = new Int32Array(capacity);
    this.stamp = 0;
  }

  add(slot: number, doc: SearchDocument): void {
    for (let field = 0; field < FIELD_COUNT; field++) {
      const text = fieldText(doc, TEXT_FIELDS[field]);
      const raw = text.split(SPACE_OR_PUNCTUATION);
      const length = Math.min(65_535, new Set(raw).size);
      this.fieldLengths[slot * FIELD_COUNT + field] = length;
      this.lengthTotals[field] += length;
      const counts = new Map<string, number>();
      for (const term of termsOf(raw)) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const [term, count] of counts) {
        let postings = this.dictionary.get(term);
        if (!postings) this.dictionary.set(term, (postings = new Array<Posting | undefined>(FIELD_COUNT).fill(undefined)));
        const posting = (postings[field] ??= { offset: this.allocate(2), length: 0, capacity: 2 });
        this.append(posting, slot, Math.min(65_535, count));
      }
    }
    this.liveCount++;
  }

  /** Forgets a slot's lengths; its postings stay until `purge`. */
  remove(slot: number): void {
    for (let field = 0; field < FIELD_COUNT; field++) this.lengthTotals[field] -= this.fieldLengths[slot * FIELD_COUNT + field];
    this.liveCount--;
  }

  /** Counts a slot whose postings and lengths were loaded from a snapshot. */
  adopt(slot: number): void {
    for (let field = 0; field < FIELD_COUNT; field++) this.lengthTotals[field] += this.fieldLengths[slot * FIELD_COUNT + field];
    this.liveCount++;
  }

  /** Drops postings of dead slots, and terms left with none, and packs the arenas. */
  purge(alive: Uint8Array): void {
    const empty: string[] = [];
    const slots = new Int32Array(Math.max(1024, this.arenaUsed));
    const counts = new Uint16Array(slots.length);
    let used = 0;
    for (const [term, postings] of this.dictionary.entries()) {
      let any = false;
      for (const posting of postings) {
        if (!posting) continue;
        const start = used;
        for (let i = posting.offset; i < posting.offset + posting.length; i++) {
          if (alive[this.slotArena[i]] === 1) {
            slots[used] = this.slotArena[i];
            counts[used] = this.countArena[i];
            used++;
          }
        }
        posting.offset = start;
        posting.length = posting.capacity = used - start;
        if (posting.length > 0) any = true;
      }
      if (!any) empty.push(term);
    }
    this.dictionary.deleteAll(empty);
    this.slotArena = slots;
    this.countArena = counts;
    this.arenaUsed = used;
  }

  /** Room for `size` entries at the end of the arenas; returns where. */
  private allocate(size: number): number {
    if (this.arenaUsed + size > this.slotArena.length) {
      const length = Math.max(this.slotArena.length * 2, this.arenaUsed + size);
      const slots = new Int32Array(length);
      slots.set(this.slotArena.subarray(0, this.arenaUsed));
      const counts = new Uint16Array(length);
      counts.set(this.countArena.subarray(0, this.arenaUsed));
      this.slotArena = slots;
      this.countArena = counts;
    }
    const at = this.arenaUsed;
    this.arenaUsed += size;
    return at;
  }

  private append(posting: Posting, slot: number, count: number): void {
    if (posting.length === posting.capacity) {
      // Moved to a region twice the size at the end (the old region is reclaimed by purge).
      const capacity = Math.max(2, posting.capacity * 2);
      const offset = this.allocate(capacity);
      this.slotArena.copyWithin(offset, posting.offset, posting.offset + posting.length);
      this.countArena.copyWithin(offset, posting.offset, posting.offset + posting.length);
      posting.offset = offset;
      posting.capacity = capacity;
    }
    this.slotArena[posting.offset + posting.length] = slot;
    this.countArena[posting.offset + posting.length] = count;
    posting.length++;
  }

  /**
   * Slots containing every term of `text` (as a word, as a prefix from three letters, and with
   * `fuzzy` one typo from four letters, two from eight), with their scores.
   */
  search(text: string, alive: Uint8Array, fuzzy: boolean): TextMatches {
    const queryTerms = terms(text);
    if (queryTerms.length === 0 || this.liveCount === 0) return { slots: new Int32Array(0), scores: new Float64Array(0) };
    if (this.stamp > 2_000_000_000) {
      this.seen.fill(0);
      this.stamp = 0;
    }
    let touchedCount = 0;
    for (let i = 0; i < queryTerms.length; i++) {
      const previous = this.stamp;
      const current = ++this.stamp;
      touchedCount = 0;
      const first = i === 0;
      const score = (postings: TermPostings, weight: number) => {
        for (let field = 0; field < FIELD_COUNT; field++) {
          const posting = postings[field];
          if (!posting || posting.length === 0) continue;
          const { offset, length } = posting;
          const slots = this.slotArena;
          const counts = this.countArena;
          // Postings may still name dead slots: never count more holders than live documents.
          const holders = Math.min(length, this.liveCount);
          const idf = Math.log(1 + (this.liveCount - holders + 0.5) / (holders + 0.5));
          const average = this.lengthTotals[field] / this.liveCount || 1;
          const factor = weight * FIELD_BOOSTS[field] * idf;
          for (let p = offset; p < offset + length; p++) {
            const slot = slots[p];
            if (alive[slot] !== 1) continue;
            const seen = this.seen[slot];
            if (!first && seen !== previous && seen !== current) continue;
            const tf = counts[p];
            const norm = 1 - BM25.b + (BM25.b * this.fieldLengths[slot * FIELD_COUNT + field]) / average;
            const value = factor * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * norm));
            if (seen === current) this.termScore[slot] += value;
            else {
              this.seen[slot] = current;
              this.termScore[slot] = value;
              this.touched[touchedCount++] = slot;
            }
          }
        }
      };
      this.scoreTerm(queryTerms[i], fuzzy, score);
      for (let t = 0; t < touchedCount; t++) {
        const slot = this.touched[t];
        this.total[slot] = first ? this.termScore[slot] : this.total[slot] + this.termScore[slot];
      }
      if (touchedCount === 0) break;
    }
    const slots = this.touched.slice(0, touchedCount);
    const scores = new Float64Array(touchedCount);
    // As MiniSearch: the sum over terms, times the number of query terms matched.
    for (let t = 0; t < touchedCount; t++) scores[t] = this.total[slots[t]] * queryTerms.length;
    return { slots, scores };
  }

  /** Feeds `score` the postings of every term derived from a query term, with its weight. */
  private scoreTerm(term: string, fuzzy: boolean, score: (postings: TermPostings, weight: number) => void): void {
    const exact = this.dictionary.get(term);
    if (exact) score(exact, 1);
    const prefixed = new Set<string>();
    if (term.length >= 3) {
      for (const [derived, postings] of this.dictionary.withPrefix(term)) {
        const distance = derived.length - term.length;
        if (distance === 0) continue;
        prefixed.add(derived);
        score(postings, (PREFIX_WEIGHT * derived.length) / (derived.length + 0.3 * distance));
      }
    }
    if (fuzzy && term.length >= 4) {
      const maxDistance = Math.min(MAX_FUZZY, Math.round(term.length * 0.2));
      for (const [derived, [postings, distance]] of this.dictionary.fuzzy(term, maxDistance)) {
        if (distance === 0 || prefixed.has(derived)) continue;
        score(postings, (FUZZY_WEIGHT * derived.length) / (derived.length + distance));
      }
    }
  }
}
