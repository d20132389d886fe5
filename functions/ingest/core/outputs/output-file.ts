import { open } from 'node:fs/promises';

export interface OutputFile {
  path: string;
  bytes: number;
  mediaType: string;
}

export const MEDIA_TYPES = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  parquet: 'application/vnd.apache.parquet',
} as const;

/** Where the blocks go: an open file (FileHandle), or in tests a writer that takes its time. */
export interface BlockSink {
  write(bytes: Buffer, offset: number, length: number): Promise<{ bytesWritten: number }>;
  close(): Promise<void>;
}

/** Writes all of `bytes`: a write may take fewer than asked. */
export async function writeFully(sink: BlockSink, bytes: Buffer, path: string): Promise<void> {
  for (let offset = 0; offset < bytes.length; ) {
    const { bytesWritten } = await sink.write(bytes, offset, bytes.length - offset);
    if (bytesWritten <= 0) throw new Error(`could not write ${path}`);
    offset += bytesWritten;
  }
}

const BLOCK_BYTES = 1024 * 1024;
const MAX_IN_FLIGHT = 4;

/**
 * Encodes text straight into 1 MB blocks (no joining of strings, no intermediate copies)
 * and writes full blocks when the caller awaits `flush`. Memory: the blocks filled since
 * the last flush (the pipeline flushes after each input chunk) plus at most
 * MAX_IN_FLIGHT + 1 blocks being written. A written block is reused: V8 frees a dropped
 * block only at a later GC, and hundreds of them (one per MB of output) kept tens of MB of
 * external memory waiting for it.
 */
export class BufferedTextFile {
  private block: Buffer = Buffer.allocUnsafe(BLOCK_BYTES);
  private used = 0;
  /** Filled blocks waiting to be written; `block` is the whole reusable block behind `bytes`, if any. */
  private full: Array<{ bytes: Buffer; block?: Buffer }> = [];
  private spare: Buffer[] = [];
  private written = 0;
  private inFlight = 0;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly handle: BlockSink,
  ) {}

  static async create(path: string): Promise<BufferedTextFile> {
    return new BufferedTextFile(path, await open(path, 'w'));
  }

  push(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8, so this is sure to fit.
    if (this.used + text.length * 3 > BLOCK_BYTES) {
      this.rotate();
      if (text.length * 3 > BLOCK_BYTES) {
        this.full.push({ bytes: Buffer.from(text, 'utf8') });
        return;
      }
    }
    this.used += this.block.write(text, this.used, 'utf8');
  }

  get hasFullBlocks(): boolean {
    return this.full.length > 0;
  }

  private rotate(): void {
    if (this.used === 0) return;
    this.full.push({ bytes: this.block.subarray(0, this.used), block: this.block });
    this.block = this.spare.pop() ?? Buffer.allocUnsafe(BLOCK_BYTES);
    this.used = 0;
  }

  /**
   * Starts writing the full blocks and returns once at most MAX_IN_FLIGHT blocks are still
   * being written, so disk writes overlap with parsing while memory stays bounded.
   */
  async flush(): Promise<void> {
    for (const { bytes, block } of this.full) {
      this.inFlight++;
      this.tail = this.tail.then(async () => {
        await writeFully(this.handle, bytes, this.path);
        this.written += bytes.length;
        if (block) this.spare.push(block);
        this.inFlight--;
      });
    }
    this.full = [];
    if (this.inFlight > MAX_IN_FLIGHT) await this.tail;
  }

  async close(): Promise<number> {
    this.rotate();
    await this.flush();
    await this.tail;
    await this.handle.close();
    return this.written;
  }

  /** Closes without writing what is pending (the file is about to be deleted). */
  async abandon(): Promise<void> {
    this.full = [];
    this.used = 0;
    await this.tail.catch(() => undefined);
    await this.handle.close();
  }
}
