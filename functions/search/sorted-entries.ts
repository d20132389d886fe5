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

/** The slots of live documents in one order (binary search and splice on change, no re-sort). */
export class SortedSlots {
  readonly slots: number[];

  constructor(
    private readonly by: OrderField,
    private readonly direction: Direction,
    private readonly keys: SlotKeys,
    all: Iterable<number>,
  ) {
    const slots = [...all];
    // Keys read once, not in every comparison.
    const keyOf = new Map(slots.map((slot) => [slot, { key: keys.key(by, slot), name: keys.name(slot) }]));
    this.slots = slots.sort((a, b) => compareKeys(direction, keyOf.get(a)!, keyOf.get(b)!));
  }

  private compare(a: number, b: number): number {
    return compareKeys(this.direction, { key: this.keys.key(this.by, a), name: this.keys.name(a) }, { key: this.keys.key(this.by, b), name: this.keys.name(b) });
  }

  /** The first position whose slot sorts at or after `slot`. */
  private position(slot: number): number {
    let low = 0;
    let high = this.slots.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.compare(this.slots[mid], slot) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Call while the slot's keys are readable (before forgetting its document). */
  insert(slot: number): void {
    this.slots.splice(this.position(slot), 0, slot);
  }

  delete(slot: number): void {
    const at = this.position(slot);
    if (this.slots[at] === slot) this.slots.splice(at, 1);
    else if (this.slots.indexOf(slot) >= 0) this.slots.splice(this.slots.indexOf(slot), 1);
  }

  /** The first position that sorts after the cursor position `after`. */
  firstAfter(after: { key: string; name: string }): number {
    let low = 0;
    let high = this.slots.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const slot = this.slots[mid];
      if (compareKeys(this.direction, { key: this.keys.key(this.by, slot), name: this.keys.name(slot) }, after) <= 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
