import { open, type FileHandle } from 'node:fs/promises';

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

const FLUSH_AT_CHARS = 1024 * 1024;

/** Collects text in memory up to about 1 MB, then writes it out; the caller awaits flushes. */
export class BufferedTextFile {
  private parts: string[] = [];
  private pendingChars = 0;
  private written = 0;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(path: string): Promise<BufferedTextFile> {
    return new BufferedTextFile(path, await open(path, 'w'));
  }

  push(text: string): void {
    this.parts.push(text);
    this.pendingChars += text.length;
  }

  get full(): boolean {
    return this.pendingChars >= FLUSH_AT_CHARS;
  }

  async flush(): Promise<void> {
    if (this.pendingChars === 0) return;
    const data = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.pendingChars = 0;
    await this.handle.write(data);
    this.written += data.length;
  }

  async close(): Promise<number> {
    await this.flush();
    await this.handle.close();
    return this.written;
  }

  /** Closes without flushing what is pending (the file is about to be deleted). */
  async abandon(): Promise<void> {
    this.parts = [];
    this.pendingChars = 0;
    await this.handle.close();
  }
}
