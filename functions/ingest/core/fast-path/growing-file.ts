import { type FileHandle, open } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

/** How long a reader that has caught up with the writer waits before looking again. */
const POLL_MS = 4;

/**
 * Reads a regular file while another party (DuckDB's COPY) is still writing it, so the lines
 * can be split as they are written rather than after the COPY. It cannot hang on either side:
 * - the writer never waits for the reader (a regular file, not a pipe): a reader that fails or
 *   stops early leaves the COPY to finish on its own;
 * - the reader, at the end of what is written so far, waits only while `writing` is unsettled
 *   (looking again every few milliseconds); once it has settled, a read that finds nothing is
 *   the file's end, and a failed write ends the reading with the writer's error. So the reader
 *   ends when the writer does, whatever way it ends.
 * A read that races the settling is safe: `settled` is taken before each read, so "nothing
 * more" is believed only of a read begun after the writer had finished.
 * A NUL byte fails the read: the lines never hold one (the byte guards refuse NUL, and a
 * writable text cell has no control character), so one could only be a part of the file not
 * yet filled in.
 */
export class GrowingFile {
  private settled = false;
  private failure: { error: unknown } | null = null;
  private handle: FileHandle | null = null;

  constructor(
    private readonly path: string,
    writing: Promise<unknown>,
  ) {
    writing.then(
      () => {
        this.settled = true;
      },
      (error: unknown) => {
        this.failure = { error };
        this.settled = true;
      },
    );
  }

  /** Fills `buffer` from the start with the next bytes; 0 only at the end of the finished file. */
  async read(buffer: Buffer): Promise<number> {
    for (;;) {
      this.throwIfFailed();
      const finished = this.settled;
      const handle = this.handle ?? (await this.opened());
      if (handle) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead > 0) {
          if (buffer.subarray(0, bytesRead).indexOf(0) !== -1) throw new Error(`a NUL byte in ${this.path}: not a file the lines' COPY writes`);
          return bytesRead;
        }
      }
      if (finished) {
        this.throwIfFailed();
        if (!handle) throw new Error(`${this.path} was never written`);
        return 0;
      }
      await delay(POLL_MS);
    }
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = null;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  /** The file, once the writer has made it (null while it has not). */
  private async opened(): Promise<FileHandle | null> {
    try {
      this.handle = await open(this.path, 'r');
      return this.handle;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}
