import { createHash, type Hash } from 'node:crypto';

/** Largest piece handed downstream, so per-chunk work (and output buffering) stays bounded. */
export const MAX_CHUNK_BYTES = 64 * 1024;

/**
 * Wraps the caller's byte stream: splits big chunks, and hashes and counts every original
 * byte exactly once as it passes, so the checksum needs no second read.
 */
export class OriginalBytes {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private readonly hash: Hash = createHash('sha256');
  private pending: Uint8Array | null = null;
  private ended = false;
  bytes = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** The next piece of at most MAX_CHUNK_BYTES, or null at the end. */
  async next(): Promise<Buffer | null> {
    while (!this.pending || this.pending.length === 0) {
      if (this.ended) return null;
      const { done, value } = await this.iterator.next();
      if (done) {
        this.ended = true;
        return null;
      }
      const chunk = typeof value === 'string' ? Buffer.from(value) : value;
      this.hash.update(chunk);
      this.bytes += chunk.length;
      this.pending = chunk;
    }
    const piece = this.pending.subarray(0, MAX_CHUNK_BYTES);
    this.pending = this.pending.length > MAX_CHUNK_BYTES ? this.pending.subarray(MAX_CHUNK_BYTES) : null;
    return Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
  }

  /** Reads what is left (hashing it) without keeping it: used after a fatal input error. */
  async drain(): Promise<void> {
    this.pending = null;
    while (!this.ended) {
      const { done, value } = await this.iterator.next();
      if (done) this.ended = true;
      else {
        this.hash.update(value);
        this.bytes += value.length;
      }
    }
  }

  get isEnded(): boolean {
    return this.ended && !this.pending;
  }

  sha256(): string {
    return this.hash.copy().digest('hex');
  }
}

export interface Sample {
  bytes: Buffer;
  /** True when the sample is the whole file. */
  complete: boolean;
  /** The sample's chunks followed by the rest of the file. */
  chunks: AsyncIterable<Buffer>;
}

/** Buffers the first `sampleBytes` (plus at most one chunk) for detection, then replays them. */
export async function takeSample(source: OriginalBytes, sampleBytes: number): Promise<Sample> {
  const head: Buffer[] = [];
  let size = 0;
  while (size < sampleBytes) {
    const chunk = await source.next();
    if (!chunk) break;
    head.push(chunk);
    size += chunk.length;
  }
  const complete = source.isEnded || (await isAtEnd(source, head));
  async function* replay(): AsyncGenerator<Buffer> {
    yield* head;
    for (let chunk = await source.next(); chunk; chunk = await source.next()) yield chunk;
  }
  return { bytes: Buffer.concat(head), complete, chunks: replay() };
}

/** Peeks one more chunk so a file exactly sampleBytes long counts as complete. */
async function isAtEnd(source: OriginalBytes, head: Buffer[]): Promise<boolean> {
  const extra = await source.next();
  if (!extra) return true;
  head.push(extra);
  return false;
}
