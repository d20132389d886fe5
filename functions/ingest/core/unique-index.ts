/**
 * Remembers which row first had each key, in one typed array of 3 × 32-bit slots
 * (hash low, hash high, row), kept at most half full: 1M distinct keys take ~25 MB
 * however long the keys are, and a probe touches one cache line. Keys are stored as two
 * independent 32-bit hashes (64 bits): two different keys would be taken for a duplicate
 * with odds around n²/2^65 (about 1 in 10^7 for 1M keys).
 */
export class UniqueIndex {
  private slots = new Uint32Array(3 * 1024);
  private capacity = 1024;
  private size = 0;
  private h1 = 0;
  private h2 = 0;

  constructor(private readonly maxKeys: number) {}

  /** Starts a key; feed its parts, then `commit` it. Parts are hashed, never concatenated. */
  begin(): void {
    this.h1 = 0x811c9dc5;
    this.h2 = 0x9747b28c;
  }

  feed(part: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    // A separator after each part, so ("ab", "c") and ("a", "bc") differ.
    this.h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
    this.h2 = Math.imul(h2 ^ 0x1f, 0x5bd1e995);
  }

  /**
   * Records the key as seen in `row` (row numbers start at 2). Returns the earlier row with
   * the same key, 0 if the key is new, or -1 once the index is full (key not checked).
   */
  commit(row: number): number {
    const h1 = this.h1 >>> 0;
    const h2 = this.h2 >>> 0;
    const slots = this.slots;
    const mask = this.capacity - 1;
    for (let slot = h1 & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 3;
      const seen = slots[at + 2];
      if (seen === 0) break;
      if (slots[at] === h1 && slots[at + 1] === h2) return seen;
    }
    if (this.size >= this.maxKeys) return -1;
    if ((this.size + 1) * 2 > this.capacity) this.grow();
    this.insert(h1, h2, row);
    this.size++;
    return 0;
  }

  /** Convenience for a one-part key. */
  check(key: string, row: number): number {
    this.begin();
    this.feed(key);
    return this.commit(row);
  }

  private insert(h1: number, h2: number, row: number): void {
    const mask = this.capacity - 1;
    let slot = h1 & mask;
    while (this.slots[slot * 3 + 2] !== 0) slot = (slot + 1) & mask;
    this.slots[slot * 3] = h1;
    this.slots[slot * 3 + 1] = h2;
    this.slots[slot * 3 + 2] = row;
  }

  private grow(): void {
    const old = this.slots;
    this.capacity *= 2;
    this.slots = new Uint32Array(3 * this.capacity);
    for (let at = 0; at < old.length; at += 3) if (old[at + 2] !== 0) this.insert(old[at], old[at + 1], old[at + 2]);
  }
}
