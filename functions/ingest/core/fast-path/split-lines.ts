import { type FileHandle, open } from 'node:fs/promises';
import { writeFully } from '../outputs/output-file';
import { GrowingFile } from './growing-file';

const NEWLINE = 0x0a;
/** Between a line's row (or Feature) and its CSV line: no writable line holds a control character. */
export const LINE_SEPARATOR = 0x02;
const READ_BYTES = 1024 * 1024;
const CR = 0x0d;
const COMMA = 0x2c;
const PROPERTIES = Buffer.from(',"properties":');
const COLLECTION_START = Buffer.from('{"type":"FeatureCollection","features":[');
const ARRAY_START = Buffer.from('[\n');
const FEATURE_START = Buffer.from('{"type":"Feature","geometry":');

export interface SplitPaths {
  csv: string;
  ndjson: string;
  json: string;
  /** Given when each line starts with the row's GeoJSON Feature rather than its NDJSON line. */
  geojson?: string;
}

export interface SplitSizes {
  /** The lines split: the table's rows. */
  rows: number;
  csv: number;
  ndjson: number;
  json: number;
  geojson: number;
}

/**
 * From one file that DuckDB wrote in a single COPY, a line per row `<head>\x02<CSV line>`, where
 * the head is the row's NDJSON line or (with `paths.geojson`) its GeoJSON Feature
 * `{"type":"Feature","geometry":…,"properties":<NDJSON line>}` (fast-path/sql-geography.ts),
 * writes in one sequential pass over bytes: the CSV (`csvHeader`, then the CSV lines, CRLF after
 * each, as the JS serialiser writes it), the NDJSON, the JSON array as outputs/json-array.ts
 * writes it, and the GeoJSON FeatureCollection as describeGeography writes it. One COPY instead
 * of one per output: each COPY read and parsed the CSV again and computed every cell's value.
 * A writable line holds no control character (sql-text-lines.ts), so 0x0A ends a line and 0x02
 * splits it. The file is read while `writing` (the COPY) writes it, the split keeping up with the
 * COPY instead of starting after it (growing-file.ts: neither side can leave the other waiting);
 * a failed write fails the split. Returns the bytes written.
 */
export async function splitLines(linesPath: string, paths: SplitPaths, csvHeader: string, writing: Promise<unknown> = Promise.resolve()): Promise<SplitSizes> {
  const input = new GrowingFile(linesPath, writing);
  const outs: Output[] = [];
  const opened = async (path: string) => {
    const out = new Output(await open(path, 'w'), path);
    outs.push(out);
    return out;
  };
  try {
    const csv = await opened(paths.csv);
    const ndjson = await opened(paths.ndjson);
    const json = await opened(paths.json);
    const geojson = paths.geojson ? await opened(paths.geojson) : null;
    csv.append(Buffer.from(`${csvHeader}\r\n`));
    let rows = 0;
    const line = (bytes: Buffer, start: number, end: number) => {
      const separator = bytes.indexOf(LINE_SEPARATOR, start);
      if (separator < 0 || separator >= end) throw new Error('a line without its CSV part, not as copy-outputs writes it');
      const from = geojson ? rowOf(bytes, start, separator) : start;
      const to = geojson ? separator - 1 : separator;
      ndjson.append(bytes, from, to);
      ndjson.byte(NEWLINE);
      if (rows === 0) json.append(ARRAY_START);
      else json.bytes(COMMA, NEWLINE);
      json.append(bytes, from, to);
      if (geojson) {
        if (rows === 0) geojson.append(COLLECTION_START);
        else geojson.byte(COMMA);
        geojson.append(bytes, start, separator);
      }
      csv.append(bytes, separator + 1, end);
      csv.bytes(CR, NEWLINE);
      rows++;
    };
    const chunk = Buffer.allocUnsafe(READ_BYTES);
    let carry: Buffer | null = null;
    for (;;) {
      const bytesRead = await input.read(chunk);
      if (bytesRead === 0) break;
      const bytes: Buffer = carry ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      let start = 0;
      for (let end = bytes.indexOf(NEWLINE); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
        line(bytes, start, end);
        start = end + 1;
      }
      await Promise.all(outs.map((out) => out.flush()));
      carry = start < bytes.length ? Buffer.from(bytes.subarray(start)) : null;
    }
    if (carry) line(carry, 0, carry.length);
    json.append(Buffer.from(rows === 0 ? '[]\n' : '\n]\n'));
    geojson?.append(Buffer.from(rows === 0 ? '{"type":"FeatureCollection","features":[]}\n' : ']}\n'));
    await Promise.all(outs.map((out) => out.flush()));
    return { rows, csv: csv.written, ndjson: ndjson.written, json: json.written, geojson: geojson?.written ?? 0 };
  } finally {
    await input.close();
    await Promise.all(outs.map((out) => out.close()));
  }
}

/** Where a Feature's row (its properties' object) starts: after `{"type":"Feature","geometry":<null or a Point>,"properties":`. */
function rowOf(bytes: Buffer, start: number, end: number): number {
  const geometry = start + FEATURE_START.length;
  // The geometry is `null` or a Point of numbers, which holds one `}` (its last byte).
  const after = bytes[geometry] === 0x6e ? geometry + 4 : bytes.indexOf(0x7d, geometry) + 1;
  const ok =
    after > geometry && after + PROPERTIES.length < end && bytes[end - 1] === 0x7d && holds(bytes, start, FEATURE_START) && holds(bytes, after, PROPERTIES);
  if (!ok) throw new Error('a feature line not as sql-geography writes it');
  return after + PROPERTIES.length;
}

/** Whether `bytes` holds `expected` at `at`: a loop, as Buffer.compare's range arguments cost more than these few bytes. */
function holds(bytes: Buffer, at: number, expected: Buffer): boolean {
  for (let i = 0; i < expected.length; i++) if (bytes[at + i] !== expected[i]) return false;
  return true;
}

/**
 * One output's bytes, gathered in a buffer that is reused after each write (a new one per MB
 * would leave hundreds of dropped buffers for V8 to free at some later GC). A line's bytes are
 * copied with one Buffer.copy, separators byte by byte.
 */
class Output {
  private buffer = Buffer.allocUnsafe(READ_BYTES * 2);
  private used = 0;
  written = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly path: string,
  ) {}

  append(bytes: Buffer, start = 0, end = bytes.length): void {
    const length = end - start;
    if (this.used + length > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.used + length));
      this.buffer.copy(grown, 0, 0, this.used);
      this.buffer = grown;
    }
    this.used += bytes.copy(this.buffer, this.used, start, end);
  }

  /** One byte or two, without Buffer.copy's call (the separators between rows: millions of them). */
  byte(value: number): void {
    if (this.used === this.buffer.length) this.append(Buffer.of(value));
    else this.buffer[this.used++] = value;
  }

  bytes(first: number, second: number): void {
    this.byte(first);
    this.byte(second);
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    await writeFully(this.handle, this.buffer.subarray(0, this.used), this.path);
    this.written += this.used;
    this.used = 0;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
