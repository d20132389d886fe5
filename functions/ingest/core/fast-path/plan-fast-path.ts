import { type FileHandle, open } from 'node:fs/promises';
import type { Sample } from '../byte-source';
import type { DataSchema } from '../data-schemas';
import type { Delimiter } from '../detect-delimiter';
import { decoderLabel, type EncodingDetection } from '../detect-encoding';
import { checkLabels, declaredTableSchema } from '../header-check';
import type { IngestLimits } from '../limits';
import { writeFully } from '../outputs/output-file';
import { detectTable, type Detected } from '../open-table';
import { readCsvRows } from '../read-csv';
import { ReportBuilder } from '../report';
import type { TableSchema } from '../table-schema';
import { CsvByteGuards } from './byte-guards';
import { TextFacts } from './text-facts';
import { planSql, type SqlPlan } from './sql-plan';

/**
 * Wider tables take the JS path: the check's conditions are chained per column, and DuckDB's
 * parser refuses expressions nested more than 1000 deep (a 1000-column file failed there, after
 * spooling, for nothing).
 */
const FAST_PATH_MAX_COLUMNS = 300;

export interface FastPlan {
  detected: Detected;
  detection: EncodingDetection;
  delimiter: Delimiter;
  names: string[];
  /**
   * The declared schema lined up with the header, exactly as the JS path builds it, and its
   * SQL. Null without a declared schema: the schema is inferred once the upload is spooled.
   */
  declared: SettledSchema | null;
}

export interface SettledSchema {
  schema: TableSchema;
  sql: SqlPlan;
}

/**
 * Whether DuckDB may try to prove this upload valid: a CSV or TSV in any encoding the
 * exchange reads (other than UTF-8 it is transcoded into the spool), a header the JS checks
 * find nothing wrong with (read from the sample by the same parser), and a declared schema
 * whose every keyword has an SQL twin, or none (inferred). Null sends the upload down the
 * JS path as it arrives.
 */
export async function planFastPath(
  sample: Sample,
  limits: IngestLimits,
  dataSchema: DataSchema | undefined,
  hints: { filename?: string; declaredFormat?: string },
): Promise<FastPlan | null> {
  const found = detectTable(sample, hints);
  if (!found.ok || found.lineBreaks !== 'auto') return null;
  const { detected, detection } = found;
  if (detected.format !== 'csv' && detected.format !== 'tsv') return null;
  const delimiter = detected.delimiter ?? ',';
  const header = await headerFromSample(sample, detection, delimiter, limits.maxRecordBytes);
  if (!header) return null;
  const report = new ReportBuilder(1);
  const names = checkLabels(header, limits.maxColumns, (e) => report.add(e));
  if (!names || report.errorCount > 0 || names.length > FAST_PATH_MAX_COLUMNS) return null;
  if (!dataSchema) return { detected, detection, delimiter, names, declared: null };
  const schema = declaredTableSchema(names, dataSchema, (e) => report.add(e));
  if (report.errorCount > 0) return null;
  const sql = planSql(names, schema, dataSchema);
  return sql ? { detected, detection, delimiter, names, declared: { schema, sql } } : null;
}

/**
 * The first record, only when it ends inside the sample (a header cut short by the sample is
 * no header). Its first line usually is the whole record: parsing only that is much cheaper
 * than the whole sample; a quoted line break in a label means reading on.
 */
async function headerFromSample(sample: Sample, detection: EncodingDetection, delimiter: Delimiter, maxRecordBytes: number): Promise<string[] | null> {
  const text = sampleAsUtf8(sample, detection);
  if (!quotedCellsClose(text, delimiter)) return null;
  const firstLine = text.indexOf(0x0a);
  if (firstLine >= 0) {
    const header = await firstRecord(text.subarray(0, firstLine + 1), false, delimiter, maxRecordBytes);
    if (header) return header;
  }
  return firstRecord(text, sample.complete, delimiter, maxRecordBytes);
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Whether each quoted cell of the first record closes right before a delimiter or the line break.
 * Given a header with text straight after a closing quote (`"a"x,b`), DuckDB's strict reader reads
 * no rows at all and raises no error, where csv-parse (relax_quotes) reads the header and every row.
 */
function quotedCellsClose(text: Buffer, delimiter: Delimiter): boolean {
  const separator = delimiter.charCodeAt(0);
  for (let i = 0; ; i++) {
    if (text[i] === QUOTE) {
      let close = text.indexOf(QUOTE, i + 1);
      while (close >= 0 && text[close + 1] === QUOTE) close = text.indexOf(QUOTE, close + 2);
      if (close < 0) return true; // never closed in the sample: the header is not read from it (headerFromSample)
      i = close + 1;
    } else {
      while (i < text.length && text[i] !== separator && text[i] !== LF && text[i] !== CR) i++;
    }
    if (i >= text.length || text[i] === LF || text[i] === CR) return true;
    if (text[i] !== separator) return false;
  }
}

/** The sample as UTF-8 bytes, without its byte-order mark (bytes invalid in its encoding are caught by the spool's transcoder). */
function sampleAsUtf8(sample: Sample, detection: EncodingDetection): Buffer {
  const bytes = sample.bytes.subarray(detection.bomLength);
  if (detection.encoding === 'utf-8' || detection.encoding === 'utf-8-bom') return bytes;
  return Buffer.from(new TextDecoder(decoderLabel(detection.encoding), { ignoreBOM: true }).decode(bytes, { stream: !sample.complete }), 'utf8');
}

/** The first complete record of `bytes` (the end of the bytes ends a record only when `atEnd`). */
async function firstRecord(bytes: Buffer, atEnd: boolean, delimiter: Delimiter, maxRecordBytes: number): Promise<string[] | null> {
  let fedWhole = false;
  async function* only(): AsyncGenerator<Buffer> {
    yield bytes;
    fedWhole = true;
  }
  try {
    for await (const batch of readCsvRows(only(), delimiter, maxRecordBytes)) {
      return !fedWhole || atEnd ? (batch[0] ?? null) : null;
    }
  } catch {
    return null;
  }
  return null;
}

/**
 * Writes the rest of the upload to `path` (the replayed sample first) as it came, for the JS
 * path, while the guards (and the facts the writers' check may use) watch the UTF-8 text DuckDB will read. Other than UTF-8 the upload is
 * transcoded as it passes (a streaming, fatal decoder) into `textPath`; bytes invalid in the
 * encoding stop the copy and rule DuckDB out (the JS path then reports them).
 */
export async function spoolUpload(
  chunks: AsyncIterable<Buffer>,
  paths: { path: string; textPath: string },
  delimiter: Delimiter,
  detection: EncodingDetection,
  lineFeedLimit?: number,
): Promise<{ guards: CsvByteGuards; facts: TextFacts }> {
  const guards = new CsvByteGuards(delimiter);
  const facts = new TextFacts(delimiter, lineFeedLimit);
  const transcode = paths.textPath !== paths.path;
  const file = new SpoolFile(await open(paths.path, 'w'), paths.path);
  const text = transcode ? new SpoolFile(await open(paths.textPath, 'w'), paths.textPath) : null;
  const decoder = transcode ? new TextDecoder(decoderLabel(detection.encoding), { fatal: true, ignoreBOM: true }) : null;
  let skip = transcode ? detection.bomLength : 0;
  const writeText = async (decoded: string) => {
    if (!decoded) return;
    const utf8 = Buffer.from(decoded, 'utf8');
    guards.feed(utf8);
    facts.feed(utf8);
    await text?.write(utf8);
  };
  try {
    for await (const chunk of chunks) {
      await file.write(chunk);
      if (!decoder) {
        guards.feed(chunk);
        facts.feed(chunk);
      } else if (!guards.reason) {
        const body = skip > 0 ? chunk.subarray(Math.min(skip, chunk.length)) : chunk;
        skip = Math.max(0, skip - chunk.length);
        try {
          await writeText(decoder.decode(body, { stream: true }));
        } catch {
          guards.refuse(`not valid ${detection.encoding}`);
        }
      }
    }
    if (decoder && !guards.reason) {
      try {
        await writeText(decoder.decode());
      } catch {
        guards.refuse(`not valid ${detection.encoding} at the end`);
      }
    }
    await file.finish();
    await text?.finish();
  } finally {
    // A write still in flight (after a failure elsewhere) ends before its file is closed.
    await file.settled();
    await text?.settled();
    await file.close();
    await text?.close();
  }
  guards.finish();
  return { guards, facts };
}

/**
 * Bytes gathered to about a megabyte before each write: one write (a trip to libuv's threads) per
 * upload chunk of 16-64 KB, two when transcoding, cost more wall time than the bytes. The chunks are
 * kept as the source handed them on (a stream never reuses a chunk it has passed downstream) and
 * written as they are (writev, not joined first). One write is in flight while the next megabyte is
 * read: the spool is the one step nothing runs beside.
 */
const SPOOL_WRITE_BYTES = 1024 * 1024;

class SpoolFile {
  private parts: Buffer[] = [];
  private gathered = 0;
  /** The write in flight; its failure is thrown by the next flush (or finish). */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly handle: FileHandle,
    private readonly path: string,
  ) {}

  async write(bytes: Buffer): Promise<void> {
    this.parts.push(bytes);
    this.gathered += bytes.length;
    if (this.gathered >= SPOOL_WRITE_BYTES) await this.flush();
  }

  /** Waits for the write in flight, then starts writing what is gathered. */
  async flush(): Promise<void> {
    await this.writing;
    if (this.gathered === 0) return;
    const parts = this.parts;
    const bytes = this.gathered;
    this.parts = [];
    this.gathered = 0;
    this.writing = this.writeAll(parts, bytes);
    // Thrown where it is awaited (the next flush or finish), not as an unhandled rejection meanwhile.
    this.writing.catch(() => undefined);
  }

  /** Everything gathered, written. */
  async finish(): Promise<void> {
    await this.flush();
    await this.writing;
  }

  /** Once the write in flight has ended, whichever way. */
  settled(): Promise<void> {
    return this.writing.catch(() => undefined);
  }

  close(): Promise<void> {
    return this.handle.close();
  }

  private async writeAll(parts: Buffer[], bytes: number): Promise<void> {
    const { bytesWritten } = await this.handle.writev(parts);
    if (bytesWritten < bytes) await writeFully(this.handle, Buffer.concat(parts, bytes).subarray(bytesWritten), this.path);
  }
}
