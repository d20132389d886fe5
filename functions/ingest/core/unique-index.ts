/**
 * Remembers which row first had each key, in typed arrays: 12 bytes per slot, at most
 * half full, so 1M distinct keys take ~25 MB however long the keys are. Keys are stored
 * as two independent 32-bit hashes (64 bits): two different keys would be taken for a
 * duplicate with odds around n²/2^65 (about 1 in 10^7 for 1M keys).
 */
export class UniqueIndex {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private rows: Uint32Array;
  private size = 0;

  constructor(private readonly maxKeys: number) {
    this.hi = new Uint32Array(1024);
    this.lo = new Uint32Array(1024);
    this.rows = new Uint32Array(1024);
  }

  /**
   * Records `key` as seen in `row` (row numbers start at 2). Returns the earlier row with
   * the same key, 0 if the key is new, or -1 once the index is full (key not checked).
   */
  check(key: string, row: number): number {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 >>>= 0;
    h2 >>>= 0;
    const mask = this.rows.length - 1;
    for (let slot = h1 & mask; ; slot = (slot + 1) & mask) {
      const seen = this.rows[slot];
      if (seen === 0) break;
      if (this.lo[slot] === h1 && this.hi[slot] === h2) return seen;
    }
    if (this.size >= this.maxKeys) return -1;
    if ((this.size + 1) * 2 > this.rows.length) this.grow();
    this.insert(h1, h2, row);
    this.size++;
    return 0;
  }

  private insert(h1: number, h2: number, row: number): void {
    const mask = this.rows.length - 1;
    let slot = h1 & mask;
    while (this.rows[slot] !== 0) slot = (slot + 1) & mask;
    this.lo[slot] = h1;
    this.hi[slot] = h2;
    this.rows[slot] = row;
  }

  private grow(): void {
    const { hi, lo, rows } = this;
    this.hi = new Uint32Array(rows.length * 2);
    this.lo = new Uint32Array(rows.length * 2);
    this.rows = new Uint32Array(rows.length * 2);
    for (let i = 0; i < rows.length; i++) if (rows[i] !== 0) this.insert(lo[i], hi[i], rows[i]);
  }
}
