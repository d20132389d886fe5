import { resized } from './typed-arrays';

/** The slots holding one value, in no order. */
export class SlotList {
  slots = new Int32Array(4);
  length = 0;

  /** Returns the slot's position in the list. */
  add(slot: number): number {
    if (this.length === this.slots.length) this.slots = resized(this.slots, this.length * 2);
    this.slots[this.length] = slot;
    return this.length++;
  }

  /** Removes the slot at a position: the last slot takes its place and is returned (-1 if it was the last). */
  removeAt(at: number): number {
    const last = this.slots[--this.length];
    if (at === this.length) return -1;
    this.slots[at] = last;
    return last;
  }
}

/**
 * One filterable, facetable field of the index (organisation, theme, format…): its distinct values
 * numbered once, each value's slots (a posting list, so a filter can start from the datasets that
 * have the value instead of scanning all), and each slot's values as numbers, so facet counting
 * is integer increments. Values keep their case for facets; filters compare lower case.
 */
export class FieldValues {
  readonly values: string[] = [];
  readonly postings: SlotList[] = [];
  private readonly ids = new Map<string, number>();
  private readonly lowerIds = new Map<string, number[]>();
  /** Each slot's value numbers: `sizes[slot]` of them from `first[slot]` in the pool. */
  private first = new Int32Array(0);
  private sizes = new Uint16Array(0);
  private pool = new Int32Array(1024);
  /** For each pool entry, the slot's position in its value's posting list (so removing a slot is not a search of long lists). */
  private positions = new Int32Array(1024);
  private poolUsed = 0;
  private poolLive = 0;

  constructor(readonly name: string) {}

  ensureCapacity(capacity: number): void {
    if (capacity <= this.first.length) return;
    this.first = resized(this.first, capacity);
    this.sizes = resized(this.sizes, capacity);
    // Room for a value per slot up front: a loading snapshot would otherwise regrow the pool many times.
    if (this.pool.length < capacity) {
      this.pool = resized(this.pool, capacity, this.poolUsed);
      this.positions = resized(this.positions, capacity, this.poolUsed);
    }
  }

  private idOf(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
      this.postings.push(new SlotList());
      const lower = value.toLowerCase();
      this.lowerIds.set(lower, [...(this.lowerIds.get(lower) ?? []), id]);
    }
    return id;
  }

  /** Gives the slot these values (numbering new ones; duplicates once). */
  set(slot: number, values: readonly string[]): void {
    if (this.poolUsed + values.length > this.pool.length) this.repack(values.length);
    const start = this.poolUsed;
    let end = start;
    for (let v = 0; v < values.length; v++) {
      const id = this.idOf(values[v]);
      let duplicate = false;
      for (let i = start; i < end; i++) if (this.pool[i] === id) duplicate = true;
      if (duplicate) continue;
      this.positions[end] = this.postings[id].add(slot);
      this.pool[end++] = id;
    }
    this.first[slot] = start;
    this.sizes[slot] = end - start;
    this.poolUsed = end;
    this.poolLive += end - start;
  }

  /** Takes the slot's values away. */
  clear(slot: number): void {
    for (let i = this.first[slot], end = i + this.sizes[slot]; i < end; i++) {
      const id = this.pool[i];
      const moved = this.postings[id].removeAt(this.positions[i]);
      if (moved >= 0) this.positions[this.entryOf(moved, id)] = this.positions[i];
    }
    this.poolLive -= this.sizes[slot];
    this.sizes[slot] = 0;
  }

  /** Where in the pool a slot's entry for a value is. */
  private entryOf(slot: number, id: number): number {
    let i = this.first[slot];
    while (this.pool[i] !== id) i++;
    return i;
  }

  /** Calls `fn` with each of the slot's value numbers. */
  forEach(slot: number, fn: (code: number) => void): void {
    for (let i = this.first[slot], end = i + this.sizes[slot]; i < end; i++) fn(this.pool[i]);
  }

  /** Adds `delta` to each of the slot's value numbers in `counts`, dropping those that reach 0 (no callback: this runs for every document a snapshot loads). */
  tally(slot: number, counts: Map<number, number>, delta: 1 | -1): void {
    const pool = this.pool;
    for (let i = this.first[slot], end = i + this.sizes[slot]; i < end; i++) {
      const next = (counts.get(pool[i]) ?? 0) + delta;
      if (next === 0) counts.delete(pool[i]);
      else counts.set(pool[i], next);
    }
  }

  of(slot: number): Int32Array {
    return this.pool.subarray(this.first[slot], this.first[slot] + this.sizes[slot]);
  }

  /** The number of this exact value, if any document ever held it. */
  codeOf(value: string): number | undefined {
    return this.ids.get(value);
  }

  /** The value numbers a (lower-cased) filter value stands for: any case of it. */
  matching(lowerValue: string): readonly number[] {
    return this.lowerIds.get(lowerValue) ?? [];
  }

  /** Adds the slot's values to `counts`. */
  count(slot: number, counts: Int32Array): void {
    const pool = this.pool;
    for (let i = this.first[slot], end = i + this.sizes[slot]; i < end; i++) counts[pool[i]]++;
  }

  /** Whether the slot holds any of these value numbers. */
  hasAny(slot: number, ids: readonly number[]): boolean {
    const pool = this.pool;
    for (let i = this.first[slot], end = i + this.sizes[slot]; i < end; i++) if (ids.includes(pool[i])) return true;
    return false;
  }

  /** Whether the slot holds any value whose number is marked 1 in `marks`. */
  holdsMarked(slot: number, marks: Uint8Array): boolean {
    const pool = this.pool;
    for (let i = this.first[slot], end = i + this.sizes[slot]; i < end; i++) if (marks[pool[i]] === 1) return true;
    return false;
  }

  /** Grows the pool (to twice what it must hold), first packing it (dropping cleared slots' values) if half of it is waste. */
  private repack(room: number): void {
    if (this.poolLive * 2 >= this.poolUsed) {
      const size = Math.max(1024, (this.poolUsed + room) * 2);
      this.pool = resized(this.pool, size, this.poolUsed);
      this.positions = resized(this.positions, size, this.poolUsed);
      return;
    }
    const size = Math.max(1024, (this.poolLive + room) * 2);
    const pool = new Int32Array(size);
    const positions = new Int32Array(size);
    let used = 0;
    for (let slot = 0; slot < this.first.length; slot++) {
      const count = this.sizes[slot];
      if (count === 0) continue;
      const from = this.first[slot];
      pool.set(this.pool.subarray(from, from + count), used);
      positions.set(this.positions.subarray(from, from + count), used);
      this.first[slot] = used;
      used += count;
    }
    this.pool = pool;
    this.positions = positions;
    this.poolUsed = used;
  }
}
