import { type Posting, PostingArena } from './posting-arena';
import type { SearchDocument } from './search-document';
import { TermDictionary } from './term-dictionary';
import { resized } from './typed-arrays';
import { terms, termsOf, tokens } from './tokenizer';

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
 *
 * The relevance statistics (document count, how many documents hold a term, average field lengths)
 * count only the documents the owner marks as counted (`setCounted`): the exchange leaves private
 * datasets out. Every caller's scores come from these statistics, and the order of results is
 * something any caller sees; were private datasets counted, a publisher could create datasets of
 * its own, search for them, and learn from their order whether words it guessed appear in another
 * organisation's private metadata (a word in many private titles would lower the idf of its own
 * probe). Statistics over non-private metadata only move with what every caller may see anyway.
 * Private datasets are still indexed and scored (with these statistics) for callers who may see them.
 */
export const TEXT_FIELDS = ['title', 'keywords', 'name', 'organisationName', 'themes', 'columns', 'description'] as const;
const FIELD_BOOSTS = Float64Array.of(4, 3, 2, 2, 1.5, 1.5, 1);
const FIELD_COUNT = TEXT_FIELDS.length;

const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
const MAX_FUZZY = 2;

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
  /** Where the postings keep their entries. */
  arena = PostingArena.withRoom(1024);
  private liveCount = 0;
  /** 1 for a live slot counted in the statistics (see the class comment). */
  private counted = new Uint8Array(0);
  private countedCount = 0;
  /** Field lengths summed over counted slots. */
  private readonly countedLengths = new Float64Array(FIELD_COUNT);
  /** Slots removed since the last purge: while there are any, postings may name dead slots. */
  private deadCount = 0;
  /**
   * Counted holders of postings, for when a posting's length is not that number (some of its slots
   * are dead or not counted): counted when first needed after a change.
   */
  private readonly countedHolders = new Map<Posting, number>();
  // Scratch buffers, reused by every search (searches are synchronous, so never shared).
  private seen = new Int32Array(0);
  private termScore = new Float64Array(0);
  private total = new Float64Array(0);
  private touched = new Int32Array(0);
  private found = new Float64Array(0);
  private stamp = 0;

  /** Replaced whole when a snapshot is loaded (search-snapshot.ts). */
  dictionary = new TermDictionary<TermPostings>();

  /** Makes room for slots below `capacity`. */
  grow(capacity: number): void {
    if (this.seen.length >= capacity) return;
    this.fieldLengths = resized(this.fieldLengths, capacity * FIELD_COUNT);
    this.counted = resized(this.counted, capacity);
    this.seen = new Int32Array(capacity);
    this.termScore = new Float64Array(capacity);
    this.total = new Float64Array(capacity);
    this.touched = new Int32Array(capacity);
    this.found = new Float64Array(capacity);
    this.stamp = 0;
  }

  add(slot: number, doc: SearchDocument): void {
    for (let field = 0; field < FIELD_COUNT; field++) {
      const text = fieldText(doc, TEXT_FIELDS[field]);
      const raw = tokens(text);
      this.fieldLengths[slot * FIELD_COUNT + field] = Math.min(65_535, new Set(raw).size);
      const counts = new Map<string, number>();
      for (const term of termsOf(raw)) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const [term, count] of counts) {
        let postings = this.dictionary.get(term);
        if (!postings) this.dictionary.set(term, (postings = new Array<Posting | undefined>(FIELD_COUNT).fill(undefined)));
        this.arena.append((postings[field] ??= this.arena.newPosting()), slot, Math.min(65_535, count));
      }
    }
    this.liveCount++;
    if (this.countedHolders.size > 0) this.countedHolders.clear();
  }

  /** Takes a slot out of the statistics; its postings stay until `purge`. */
  remove(slot: number): void {
    this.setCounted(slot, false);
    this.liveCount--;
    this.deadCount++;
    this.countedHolders.clear();
  }

  /** Counts a slot whose postings and lengths were loaded from a snapshot. */
  adopt(_slot: number): void {
    this.liveCount++;
  }

  /** Whether a live slot (added or adopted) counts in the relevance statistics. */
  setCounted(slot: number, counted: boolean): void {
    if ((this.counted[slot] === 1) === counted) return;
    const sign = counted ? 1 : -1;
    for (let field = 0; field < FIELD_COUNT; field++) this.countedLengths[field] += sign * this.fieldLengths[slot * FIELD_COUNT + field];
    this.counted[slot] = counted ? 1 : 0;
    this.countedCount += sign;
    if (this.countedHolders.size > 0) this.countedHolders.clear();
  }

  /** Drops postings of dead slots, and terms left with none, and packs the postings. */
  purge(alive: Uint8Array): void {
    const empty: string[] = [];
    const packed = PostingArena.withRoom(Math.max(1024, this.arena.used));
    for (const [term, postings] of this.dictionary.entries()) {
      let any = false;
      for (const posting of postings) if (posting && packed.takeLive(this.arena, posting, alive) > 0) any = true;
      if (!any) empty.push(term);
    }
    this.dictionary.deleteAll(empty);
    this.arena = packed;
    this.deadCount = 0;
    this.countedHolders.clear();
  }

  /** How many counted slots a posting names (the idf counts only those, as a fresh index of them would). */
  private holders(posting: Posting): number {
    if (this.deadCount === 0 && this.countedCount === this.liveCount) return posting.length;
    let holders = this.countedHolders.get(posting);
    if (holders === undefined) {
      holders = 0;
      const { slots } = this.arena;
      for (let p = posting.offset, end = p + posting.length; p < end; p++) holders += this.counted[slots[p]];
      this.countedHolders.set(posting, holders);
    }
    return holders;
  }

  /**
   * Slots containing every term of `text` (as a word, as a prefix from three letters, and with
   * `fuzzy` one typo from four letters, two from eight), with their scores. The arrays returned
   * are views of buffers the next search reuses: a query makes no large allocation of its own
   * (at 100 000 datasets, fresh buffers per query made V8 collect for "external memory pressure").
   */
  search(text: string, alive: Uint8Array, fuzzy: boolean): TextMatches {
    // A word given twice is searched once: repeating words must not multiply the work.
    const queryTerms = [...new Set(terms(text))];
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
          const { slots, counts } = this.arena;
          const holders = this.holders(posting);
          const idf = Math.log(1 + (this.countedCount - holders + 0.5) / (holders + 0.5));
          const average = this.countedLengths[field] / this.countedCount || 1;
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
    const slots = this.touched.subarray(0, touchedCount);
    const scores = this.found.subarray(0, touchedCount);
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
