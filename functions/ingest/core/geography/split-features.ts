import { type FileHandle, open } from 'node:fs/promises';
import { writeFully } from '../outputs/output-file';

const NEWLINE = 0x0a;
const COMMA = 0x2c;
const READ_BYTES = 1024 * 1024;
const PROPERTIES = Buffer.from(',"properties":');
const COLLECTION_START = Buffer.from('{"type":"FeatureCollection","features":[');
const ARRAY_START = Buffer.from('[\n');
const ROW_SEPARATOR = Buffer.from(',\n');
const COMMA_BYTES = Buffer.from(',');
const FEATURE_START = Buffer.from('{"type":"Feature","geometry":');

export interface SplitFeatures {
  ndjson: number;
  json: number;
  geojson: number;
}

/**
 * From a file of GeoJSON Features, one per line, each `{"type":"Feature","geometry":…,"properties":<row>}`
 * with the row's NDJSON line as its properties (fast-path/sql-geography.ts), writes in one
 * sequential pass over bytes: the NDJSON (each row's properties), the JSON array as
 * outputs/json-array.ts writes it, and the GeoJSON FeatureCollection as describeGeography writes
 * it (the features joined by commas, written from the read buffer itself). A line's row starts
 * after its geometry, `null` or a Point of numbers. Returns the bytes written.
 */
export async function splitFeatures(featuresPath: string, paths: { ndjson: string; json: string; geojson: string }): Promise<SplitFeatures> {
  const input = await open(featuresPath, 'r');
  const outs: Partial<Record<keyof SplitFeatures, Output>> = {};
  try {
    const ndjson = (outs.ndjson = new Output(await open(paths.ndjson, 'w'), paths.ndjson));
    const json = (outs.json = new Output(await open(paths.json, 'w'), paths.json));
    const geojson = (outs.geojson = new Output(await open(paths.geojson, 'w'), paths.geojson));
    let rows = 0;
    /** Where the line's row (its properties' object) starts and ends: `{"type":"Feature","geometry":<null or a Point>,"properties":<row>}`. */
    const rowOf = (bytes: Buffer, start: number, end: number): number => {
      const geometry = start + FEATURE_START.length;
      // The geometry is `null` or a Point of numbers, which holds one `}` (its last byte).
      const after = bytes[geometry] === 0x6e ? geometry + 4 : bytes.indexOf(0x7d, geometry) + 1;
      const ok =
        after > geometry &&
        after + PROPERTIES.length < end &&
        bytes[end - 1] === 0x7d &&
        bytes.compare(FEATURE_START, 0, FEATURE_START.length, start, geometry) === 0 &&
        bytes.compare(PROPERTIES, 0, PROPERTIES.length, after, after + PROPERTIES.length) === 0;
      if (!ok) throw new Error('a feature line not as sql-geography writes it');
      return after + PROPERTIES.length;
    };
    const row = (bytes: Buffer, start: number, end: number) => {
      const from = rowOf(bytes, start, end);
      json.append(rows === 0 ? ARRAY_START : ROW_SEPARATOR);
      ndjson.append(bytes, from, end - 1);
      ndjson.byte(NEWLINE);
      json.append(bytes, from, end - 1);
      rows++;
    };
    const chunk = Buffer.allocUnsafe(READ_BYTES);
    let carry: Buffer | null = null;
    for (;;) {
      const { bytesRead } = await input.read(chunk, 0, READ_BYTES, null);
      if (bytesRead === 0) break;
      const bytes: Buffer = carry ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      const before = rows;
      let start = 0;
      for (let end = bytes.indexOf(NEWLINE); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
        row(bytes, start, end);
        // The features go to the GeoJSON as they are, joined by commas: written from this buffer, not copied.
        bytes[end] = COMMA;
        start = end + 1;
      }
      if (start > 0) geojson.append(before === 0 ? COLLECTION_START : COMMA_BYTES);
      const features = start > 0 ? geojson.writeDirect(bytes.subarray(0, start - 1)) : Promise.resolve();
      await Promise.all([features, ndjson.flush(), json.flush()]);
      carry = start < bytes.length ? Buffer.from(bytes.subarray(start)) : null;
    }
    if (carry) {
      geojson.append(rows === 0 ? COLLECTION_START : COMMA_BYTES);
      geojson.append(carry);
      row(carry, 0, carry.length);
    }
    json.append(Buffer.from(rows === 0 ? '[]\n' : '\n]\n'));
    geojson.append(Buffer.from(rows === 0 ? '{"type":"FeatureCollection","features":[]}\n' : ']}\n'));
    await Promise.all([ndjson.flush(), json.flush(), geojson.flush()]);
    return { ndjson: ndjson.written, json: json.written, geojson: geojson.written };
  } finally {
    await input.close();
    await Promise.all(Object.values(outs).map((out) => out.close()));
  }
}

/**
 * One output's bytes, gathered in a buffer that is reused after each write (a new one per MB
 * would leave hundreds of dropped buffers for V8 to free at some later GC).
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

  byte(value: number): void {
    if (this.used === this.buffer.length) this.append(Buffer.of(value));
    else this.buffer[this.used++] = value;
  }

  /** Writes what is gathered, then `bytes` straight from the caller's buffer. */
  async writeDirect(bytes: Buffer): Promise<void> {
    await this.flush();
    await writeFully(this.handle, bytes, this.path);
    this.written += bytes.length;
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
