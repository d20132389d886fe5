import SearchableMap from 'minisearch/SearchableMap';
import { mergeSorted } from './sorted-entries';

/**
 * The text index's terms: a Map for exact lookups, a sorted list for prefix lookups, and
 * MiniSearch's radix tree for typo-tolerant lookups. The sorted list and the radix tree are
 * built when first needed (a snapshot loads only the Map: building the radix tree for 100 000
 * datasets' terms takes about 0.2 s, and only searches that fall back to typo tolerance need
 * it), then kept up to date (new terms are merged into the sorted list when it is next read).
 */
export class TermDictionary<T> {
  private readonly terms = new Map<string, T>();
  private sorted?: string[];
  /** Terms added since the sorted list was last read. */
  private unsorted: string[] = [];
  private radix?: SearchableMap<T>;

  get size(): number {
    return this.terms.size;
  }

  get(term: string): T | undefined {
    return this.terms.get(term);
  }

  entries(): IterableIterator<[string, T]> {
    return this.terms.entries();
  }

  set(term: string, value: T): void {
    const isNew = !this.terms.has(term);
    this.terms.set(term, value);
    this.radix?.set(term, value);
    if (isNew && this.sorted) this.unsorted.push(term);
  }

  delete(term: string): void {
    if (!this.terms.delete(term)) return;
    this.radix?.delete(term);
    if (this.sorted) {
      const at = this.firstAtOrAfter(term);
      if (this.sorted[at] === term) this.sorted.splice(at, 1);
    }
  }

  /** Deletes many terms; past a few, the sorted list and radix tree are dropped (rebuilt when next needed) rather than edited. */
  deleteAll(terms: readonly string[]): void {
    if (terms.length > 64) {
      this.sorted = undefined;
      this.unsorted = [];
      this.radix = undefined;
    }
    for (const term of terms) this.delete(term);
  }

  /** Every term starting with `prefix` (itself included), with its value. */
  *withPrefix(prefix: string): Iterable<[string, T]> {
    const sorted = this.sortedTerms();
    for (let i = this.firstAtOrAfter(prefix); i < sorted.length && sorted[i].startsWith(prefix); i++) yield [sorted[i], this.terms.get(sorted[i])!];
  }

  /** Terms within `maxDistance` edits of `term`, with their value and distance. */
  fuzzy(term: string, maxDistance: number): Map<string, [T, number]> {
    if (!this.radix) {
      this.radix = new SearchableMap<T>();
      for (const [key, value] of this.terms) this.radix.set(key, value);
    }
    return this.radix.fuzzyGet(term, maxDistance);
  }

  private sortedTerms(): string[] {
    if (!this.sorted) {
      this.sorted = [...this.terms.keys()].sort();
      this.unsorted = [];
    } else if (this.unsorted.length > 0) {
      // A term added, deleted and added again is listed twice; one deleted since is not in the map.
      const added = [...new Set(this.unsorted)].filter((term) => this.terms.has(term)).sort();
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
