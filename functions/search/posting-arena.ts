import { resized } from './typed-arrays';

/**
 * One term's documents in one field: a region of a PostingArena (slot numbers, and how often the
 * term occurs in each).
 */
export interface Posting {
  offset: number;
  length: number;
  capacity: number;
}

/**
 * Where every posting's entries live: regions of two big typed arrays shared by all postings
 * rather than small arrays of their own (hundreds of thousands of small ArrayBuffers made
 * building slow and every GC long). A posting that outgrows its region moves to one twice the
 * size at the end; the old region is reclaimed when the arena is packed (`takeLive`).
 */
export class PostingArena {
  constructor(
    public slots: Int32Array,
    public counts: Uint16Array,
    public used = slots.length,
  ) {}

  static withRoom(size: number): PostingArena {
    return new PostingArena(new Int32Array(size), new Uint16Array(size), 0);
  }

  newPosting(): Posting {
    return { offset: this.allocate(2), length: 0, capacity: 2 };
  }

  append(posting: Posting, slot: number, count: number): void {
    if (posting.length === posting.capacity) {
      const capacity = Math.max(2, posting.capacity * 2);
      const offset = this.allocate(capacity);
      this.slots.copyWithin(offset, posting.offset, posting.offset + posting.length);
      this.counts.copyWithin(offset, posting.offset, posting.offset + posting.length);
      posting.offset = offset;
      posting.capacity = capacity;
    }
    this.slots[posting.offset + posting.length] = slot;
    this.counts[posting.offset + posting.length] = count;
    posting.length++;
  }

  /**
   * Copies the entries of live slots of a posting held in `from` to the end of this arena (made
   * with room for them) and points the posting there; returns how many there are.
   */
  takeLive(from: PostingArena, posting: Posting, alive: Uint8Array): number {
    const start = this.used;
    for (let i = posting.offset, end = i + posting.length; i < end; i++) {
      if (alive[from.slots[i]] === 1) {
        this.slots[this.used] = from.slots[i];
        this.counts[this.used] = from.counts[i];
        this.used++;
      }
    }
    posting.offset = start;
    posting.length = posting.capacity = this.used - start;
    return posting.length;
  }

  /** Room for `size` entries at the end; returns where. */
  private allocate(size: number): number {
    if (this.used + size > this.slots.length) {
      const length = Math.max(this.slots.length * 2, this.used + size);
      this.slots = resized(this.slots, length, this.used);
      this.counts = resized(this.counts, length, this.used);
    }
    const at = this.used;
    this.used += size;
    return at;
  }
}
