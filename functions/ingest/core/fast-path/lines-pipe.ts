import { execFile } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { Socket } from 'node:net';
import { promisify } from 'node:util';

/**
 * A named pipe for DuckDB's COPY of the lines (copy-outputs.ts) to write into while JS splits
 * them (split-lines.ts) on the other core, instead of the split waiting for the whole file.
 * Both ends are opened here without blocking: the read end (so DuckDB's open for writing does
 * not wait) and a write end of our own, held until the COPY has settled. The read end never
 * sees its end before then, even if DuckDB failed before opening the pipe, and always sees it
 * after. It is read through libuv's event loop (a Socket), not the thread pool DuckDB's queries
 * run on. If the reader stops (an error), DuckDB's next write fails (EPIPE) and so does its COPY.
 */
export interface LinesPipe {
  /** The lines as DuckDB writes them. */
  lines: AsyncIterable<Buffer>;
  /** To call once the COPY has settled (resolved or failed): the reader then sees the end. */
  writerSettled(): void;
  /** Closes the read end (after the split, whether it finished or failed). */
  close(): void;
}

const run = promisify(execFile);

/** Null where no named pipe can be made: the COPY then writes a file that is split afterwards. */
export async function openLinesPipe(path: string): Promise<LinesPipe | null> {
  try {
    await run('mkfifo', ['-m', '600', path]);
  } catch {
    return null;
  }
  const readEnd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  let ownWriteEnd: number | null;
  try {
    ownWriteEnd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
  } catch (error) {
    closeSync(readEnd);
    throw error;
  }
  const socket = new Socket({ fd: readEnd, readable: true, writable: false });
  return {
    lines: socket,
    writerSettled: () => {
      if (ownWriteEnd === null) return;
      closeSync(ownWriteEnd);
      ownWriteEnd = null;
    },
    close: () => socket.destroy(),
  };
}
