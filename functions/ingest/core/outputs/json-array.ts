import { open } from 'node:fs/promises';
import { BufferedTextFile, writeFully } from './output-file';

const NEWLINE = 0x0a;
const COMMA = 0x2c;
const READ_BYTES = 1024 * 1024;

/**
 * Writes the JSON array file from the NDJSON file in one sequential pass over bytes:
 * `[`, the objects separated by `,` + newline, `]`. A 0x0A byte is always a row end in
 * our NDJSON (JSON escapes newlines in strings and UTF-8 never uses 0x0A inside a
 * character), so no parsing is needed: each row end but the last gets a comma after it.
 * Returns the bytes written.
 */
export async function ndjsonToJsonArray(ndjsonPath: string, jsonPath: string, ndjsonBytes: number): Promise<number> {
  const input = await open(ndjsonPath, 'r');
  const output = await open(jsonPath, 'w');
  let written = 0;
  const write = async (bytes: Buffer) => {
    await writeFully(output, bytes, jsonPath);
    written += bytes.length;
  };
  try {
    await write(Buffer.from(ndjsonBytes === 0 ? '[' : '[\n'));
    const chunk = Buffer.allocUnsafe(READ_BYTES);
    // One output buffer for every chunk (each write is awaited before the next fill): a new one
    // per MB left hundreds of MB of dropped buffers for V8 to free at some later GC.
    const out = Buffer.allocUnsafe(READ_BYTES * 2);
    let offset = 0;
    for (;;) {
      const { bytesRead } = await input.read(chunk, 0, READ_BYTES, null);
      if (bytesRead === 0) break;
      let at = 0;
      let start = 0;
      for (let end = chunk.indexOf(NEWLINE, start); end !== -1 && end < bytesRead; end = chunk.indexOf(NEWLINE, start)) {
        at += chunk.copy(out, at, start, end);
        if (offset + end !== ndjsonBytes - 1) out[at++] = COMMA;
        out[at++] = NEWLINE;
        start = end + 1;
      }
      at += chunk.copy(out, at, start, bytesRead);
      offset += bytesRead;
      await write(out.subarray(0, at));
    }
    await write(Buffer.from(']\n'));
  } finally {
    await input.close();
    await output.close();
  }
  return written;
}

/**
 * The same JSON array file written while the rows are (from the NDJSON's own text, pushed
 * beside it): no read of the NDJSON after the pass. Each pushed text is whole NDJSON lines;
 * U+000A only ends a line in it (JSON escapes a newline in a string), so each but the last
 * gets its comma, as ndjsonToJsonArray does with the bytes.
 */
export class JsonArrayFile {
  private rows = false;

  private constructor(private readonly file: BufferedTextFile) {}

  static async create(path: string): Promise<JsonArrayFile> {
    const file = await BufferedTextFile.create(path);
    file.push('[');
    return new JsonArrayFile(file);
  }

  get path(): string {
    return this.file.path;
  }

  /** `lines`: whole NDJSON lines, each ending in a newline. */
  push(lines: string): void {
    if (lines.length === 0) return;
    this.file.push((this.rows ? ',\n' : '\n') + lines.slice(0, -1).replaceAll('\n', ',\n'));
    this.rows = true;
  }

  get hasFullBlocks(): boolean {
    return this.file.hasFullBlocks;
  }

  flush(): Promise<void> {
    return this.file.flush();
  }

  /** The bytes written. */
  close(): Promise<number> {
    this.file.push(this.rows ? '\n]\n' : ']\n');
    return this.file.close();
  }

  abandon(): Promise<void> {
    return this.file.abandon();
  }
}
