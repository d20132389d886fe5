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
  private pending: Buffer | null = null;
  private ended = false;
  bytes = 0;

  /** `hash: false` when the bytes were already hashed (re-read from the spooled copy). */
  constructor(
    source: AsyncIterable<Uint8Array>,
    private readonly options: { hash: boolean } = { hash: true },
  ) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** The next piece of at most MAX_CHUNK_BYTES, or null at the end. */
  async next(): Promise<Buffer | null> {
    while (!this.pending || this.pending.length === 0) {
      this.pending = await this.pull();
      if (!this.pending) return null;
    }
    const piece = this.pending.subarray(0, MAX_CHUNK_BYTES);
    this.pending = this.pending.length > MAX_CHUNK_BYTES ? this.pending.subarray(MAX_CHUNK_BYTES) : null;
    return piece;
  }

  /** Reads what is left (hashing it) without keeping it: used after a fatal input error. */
  async drain(): Promise<void> {
    this.pending = null;
    while (await this.pull());
  }

  /** The source's next chunk as a Buffer, hashed and counted; null at the end. */
  private async pull(): Promise<Buffer | null> {
    if (this.ended) return null;
    const { done, value } = await this.iterator.next();
    if (done) {
      this.ended = true;
      return null;
    }
    const chunk = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    if (this.options.hash) this.hash.update(chunk);
    this.bytes += chunk.length;
    return chunk;
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
