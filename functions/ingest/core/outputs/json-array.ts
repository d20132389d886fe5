import { open } from 'node:fs/promises';
import { writeFully } from './output-file';

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
