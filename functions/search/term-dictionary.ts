import SearchableMap from 'minisearch/SearchableMap';
import { mergeSorted } from './sorted-entries';

/**
 * The text index's terms: a Map for exact lookups, a sorted list for prefix lookups, and
 * MiniSearch's radix tree for typo-tolerant lookups. The sorted list and the radix tree are
 * built when first needed (building the radix tree for 100 000 datasets' terms takes about
 * 0.2 s, and only searches that fall back to typo tolerance need it), then kept up to date (new
 * terms are merged into the sorted list when it is next read).
 *
 * One loaded from a snapshot (`fromSorted`) starts as the snapshot's sorted term list alone:
 * lookups are binary searches in it, and each term's value is made when it is first read. The
 * Map is built only when the dictionary first changes (or is listed), so a fresh instance's
 * first search does not pay for a Map and a value of every term.
 */
export class TermDictionary<T> {
  private terms?: Map<string, T> = new Map();
  private sorted?: string[];
  /** Terms added since the sorted list was last read. */
  private unsorted: string[] = [];
  private radix?: SearchableMap<T>;
  /** Before the Map is built: each sorted term's value once read, and how to make it. */
  private loaded?: { values: Array<T | undefined>; make: (position: number) => T };

  /** A dictionary of `sorted` (strictly ascending, as `<` orders strings: the caller checks), whose values are made by position when first read. */
  static fromSorted<T>(sorted: string[], make: (position: number) => T): TermDictionary<T> {
    const dictionary = new TermDictionary<T>();
    dictionary.terms = undefined;
    dictionary.sorted = sorted;
    dictionary.loaded = { values: new Array<T | undefined>(sorted.length), make };
    return dictionary;
  }

  get size(): number {
    return this.terms ? this.terms.size : this.sorted!.length;
  }

  get(term: string): T | undefined {
    if (this.terms) return this.terms.get(term);
    const at = this.firstAtOrAfter(term);
    return this.sorted![at] === term ? this.loadedValue(at) : undefined;
  }

  entries(): IterableIterator<[string, T]> {
    return this.map().entries();
  }

  set(term: string, value: T): void {
    const terms = this.map();
    const isNew = !terms.has(term);
    terms.set(term, value);
    this.radix?.set(term, value);
    if (isNew && this.sorted) this.unsorted.push(term);
  }

  delete(term: string): void {
    if (!this.map().delete(term)) return;
    this.radix?.delete(term);
    if (this.sorted) {
      const at = this.firstAtOrAfter(term);
      if (this.sorted[at] === term) this.sorted.splice(at, 1);
    }
  }

  /** Deletes many terms; past a few, the sorted list and radix tree are dropped (rebuilt when next needed) rather than edited. */
  deleteAll(terms: readonly string[]): void {
    const map = this.map();
    if (terms.length > 64) {
      this.sorted = undefined;
      this.unsorted = [];
      this.radix = undefined;
    }
    for (const term of terms) if (map.has(term)) this.delete(term);
  }

  /** Every term starting with `prefix` (itself included), with its value. */
  *withPrefix(prefix: string): Iterable<[string, T]> {
    const sorted = this.sortedTerms();
    for (let i = this.firstAtOrAfter(prefix); i < sorted.length && sorted[i].startsWith(prefix); i++) {
      yield [sorted[i], this.terms ? this.terms.get(sorted[i])! : this.loadedValue(i)];
    }
  }

  /** Terms within `maxDistance` edits of `term`, with their value and distance. */
  fuzzy(term: string, maxDistance: number): Map<string, [T, number]> {
    if (!this.radix) {
      this.radix = new SearchableMap<T>();
      if (this.terms) for (const [key, value] of this.terms) this.radix.set(key, value);
      else this.sorted!.forEach((key, i) => this.radix!.set(key, this.loadedValue(i)));
    }
    return this.radix.fuzzyGet(term, maxDistance);
  }

  private loadedValue(position: number): T {
    const loaded = this.loaded!;
    let value = loaded.values[position];
    if (value === undefined) loaded.values[position] = value = loaded.make(position);
    return value;
  }

  /** The Map of every term, built from the loaded list on first need (values already read are kept: callers may hold them). */
  private map(): Map<string, T> {
    if (!this.terms) {
      const sorted = this.sorted!;
      const terms = new Map<string, T>();
      for (let i = 0; i < sorted.length; i++) terms.set(sorted[i], this.loadedValue(i));
      this.terms = terms;
      this.loaded = undefined;
    }
    return this.terms;
  }

  private sortedTerms(): string[] {
    if (!this.sorted) {
      this.sorted = [...this.map().keys()].sort();
      this.unsorted = [];
    } else if (this.unsorted.length > 0) {
      // A term added, deleted and added again is listed twice; one deleted since is not in the map.
      const terms = this.map();
      const added = [...new Set(this.unsorted)].filter((term) => terms.has(term)).sort();
      this.sorted = mergeSorted(this.sorted, added, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
      this.unsorted = [];
    }
    return this.sorted;
  }

  private firstAtOrAfter(term: string): number {
    const sorted = this.sorted ?? [];
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (sorted[mid] < term) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
