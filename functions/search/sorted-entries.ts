/** Orders of the index's slots (by name, title, modification…), kept sorted as documents change. */

export const orderFields = ['name', 'title', 'modified', 'created', 'id'] as const;
export type OrderField = (typeof orderFields)[number];
export type Direction = 'asc' | 'desc';

/** Orders by the key (in the direction asked), then by name, which is unique. */
export const compareKeys = <K extends string | number>(direction: Direction, a: { key: K; name: string }, b: { key: K; name: string }): number => {
  if (a.key !== b.key) {
    const order = a.key < b.key ? -1 : 1;
    return direction === 'asc' ? order : -order;
  }
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
};

/** Where an order reads a slot's sort key and its name. */
export interface SlotKeys {
  key(by: OrderField, slot: number): string;
  name(slot: number): string;
}

/** Up to this many pending edits are spliced in one by one; more are merged in one pass. */
const SPLICE_UP_TO = 16;

/** The first position from `from` on whose item does not sort before `item`. */
const placeOf = <T>(list: readonly T[], item: T, compare: (a: T, b: T) => number, from = 0): number => {
  let low = from;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compare(list[mid], item) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
};

/** Merges sorted `additions` into sorted `list`: each addition's place found by binary search, the runs between copied. */
export const mergeSorted = <T>(list: readonly T[], additions: readonly T[], compare: (a: T, b: T) => number): T[] => {
  const merged: T[] = [];
  let from = 0;
  for (const item of additions) {
    const low = placeOf(list, item, compare, from);
    for (let i = from; i < low; i++) merged.push(list[i]);
    merged.push(item);
    from = low;
  }
  for (let i = from; i < list.length; i++) merged.push(list[i]);
  return merged;
};

/**
 * The slots of live documents in one order. Inserts and deletes are only noted, and applied when
 * the order is next read: a few are spliced in, a batch is merged in one pass, so a burst of
 * changes (a bulk load between two searches) costs one pass over the order, not one per change.
 */
export class SortedSlots {
  private list: number[];
  private readonly inserted = new Set<number>();
  private readonly deleted = new Set<number>();

  constructor(
    private readonly by: OrderField,
    private readonly direction: Direction,
    private readonly keys: SlotKeys,
    all: Iterable<number>,
  ) {
    const slots = [...all];
    // Keys read once, not in every comparison.
    const sortKeys = slots.map((slot) => keys.key(by, slot));
    const names = slots.map((slot) => keys.name(slot));
    const sign = direction === 'asc' ? 1 : -1;
    const positions = slots.map((_, i) => i);
    positions.sort((a, b) =>
      sortKeys[a] !== sortKeys[b] ? (sortKeys[a] < sortKeys[b] ? -sign : sign) : names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0,
    );
    this.list = positions.map((i) => slots[i]);
  }

  /** The slots in order (do not modify the array). */
  get slots(): readonly number[] {
    if (this.inserted.size > 0 || this.deleted.size > 0) this.applyEdits();
    return this.list;
  }

  /** Call once the slot's document is in place (its keys are read when the order is next read). */
  insert(slot: number): void {
    this.inserted.add(slot);
  }

  delete(slot: number): void {
    // A slot inserted since the last read is not in the list yet; a reused one may be, under its old keys.
    if (!this.inserted.delete(slot)) this.deleted.add(slot);
  }

  /** The first position that sorts after the cursor position `after`. */
  firstAfter(after: { key: string; name: string }): number {
    const slots = this.slots;
    let low = 0;
    let high = slots.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareKeys(this.direction, this.positionOf(slots[mid]), after) <= 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private positionOf(slot: number): { key: string; name: string } {
    return { key: this.keys.key(this.by, slot), name: this.keys.name(slot) };
  }

  private applyEdits(): void {
    const compare = (a: number, b: number) => compareKeys(this.direction, this.positionOf(a), this.positionOf(b));
    const inserted = [...this.inserted].sort(compare);
    if (this.deleted.size + inserted.length <= SPLICE_UP_TO) {
      for (const slot of this.deleted) {
        const at = this.list.indexOf(slot);
        if (at >= 0) this.list.splice(at, 1);
      }
      for (const slot of inserted) this.list.splice(placeOf(this.list, slot, compare), 0, slot);
    } else {
      const kept = this.deleted.size > 0 ? this.list.filter((slot) => !this.deleted.has(slot)) : this.list;
      this.list = mergeSorted(kept, inserted, compare);
    }
    this.inserted.clear();
    this.deleted.clear();
  }
}
