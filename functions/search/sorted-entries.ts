import type { IndexEntry } from './search-index';

/** Orders of the index entries (by name, title, modification…), kept sorted as documents change. */

export const orderFields = ['name', 'title', 'modified', 'created', 'id'] as const;
export type OrderField = (typeof orderFields)[number];
export type Direction = 'asc' | 'desc';

export const orderKey = (by: OrderField, entry: IndexEntry): string => {
  switch (by) {
    case 'title':
      return entry.titleKey;
    case 'modified':
      return entry.doc.modified;
    case 'created':
      return entry.doc.created;
    case 'id':
      return entry.doc.id;
    case 'name':
      return entry.doc.name;
  }
};

/** Orders by the key (in the direction asked), then by name, which is unique. */
export const compareKeys = <K extends string | number>(direction: Direction, a: { key: K; name: string }, b: { key: K; name: string }): number => {
  if (a.key !== b.key) {
    const order = a.key < b.key ? -1 : 1;
    return direction === 'asc' ? order : -order;
  }
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
};

/** An order kept sorted as documents come and go (binary search and splice, no re-sort). */
export class SortedEntries {
  readonly entries: IndexEntry[];

  constructor(
    private readonly by: OrderField,
    private readonly direction: Direction,
    all: Iterable<IndexEntry>,
  ) {
    this.entries = [...all].sort((a, b) => this.compare(a, b));
  }

  private compare(a: IndexEntry, b: IndexEntry): number {
    return compareKeys(this.direction, { key: orderKey(this.by, a), name: a.doc.name }, { key: orderKey(this.by, b), name: b.doc.name });
  }

  /** The first position whose entry sorts at or after `entry`. */
  private position(entry: IndexEntry): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.compare(this.entries[mid], entry) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  insert(entry: IndexEntry): void {
    this.entries.splice(this.position(entry), 0, entry);
  }

  delete(entry: IndexEntry): void {
    const at = this.position(entry);
    if (this.entries[at] === entry) this.entries.splice(at, 1);
    else this.entries.splice(this.entries.indexOf(entry), 1);
  }
}
