import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { IngestInputError } from '../errors';

/**
 * Caps checked on the zip's central directory before any part is inflated. Every part is then
 * held to its declared size while it is inflated (CheckedZip.chunks), so a part that lies about
 * its size stops at the lie rather than filling memory or disk.
 */
export interface ZipCaps {
  /** Parts in the archive (a workbook has a few dozen; a bomb may have millions). */
  maxEntries: number;
  /** Total uncompressed bytes of every part. */
  maxUncompressedBytes: number;
  /** Largest uncompressed/compressed ratio of a part larger than `ratioCheckAboveBytes`. */
  maxRatio: number;
  ratioCheckAboveBytes: number;
}

export type WorkbookKind = 'xlsx' | 'ods';

/** Inflated bytes handed on at a time: large enough that per-chunk costs vanish, small enough to hold briefly. */
const INFLATED_CHUNK_BYTES = 256 * 1024;
/**
 * Compressed bytes fed to the inflater at a time. yauzl reads 16 KiB at a time, and the inflater
 * hands on what each read gives (about 100 KB of a sheet): gathered, its output comes in full chunks.
 */
const COMPRESSED_READ_BYTES = 256 * 1024;

/** A zip archive whose directory passed the caps; parts are read by name through yauzl. */
export class CheckedZip {
  private constructor(
    private readonly zip: ZipFile,
    private readonly entries: ReadonlyMap<string, Entry>,
  ) {}

  /** Opens the file and checks its directory; a refusal is an IngestInputError saying why. */
  static async open(path: string, caps: ZipCaps): Promise<CheckedZip> {
    let zip: ZipFile;
    try {
      zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
    } catch (error) {
      throw refuse(`The file starts like a ZIP archive (as .xlsx and .ods workbooks do) but it cannot be opened: ${(error as Error).message}.`);
    }
    try {
      if (zip.entryCount > caps.maxEntries) {
        throw refuse(
          `The archive holds ${zip.entryCount.toLocaleString('en-GB')} parts, more than the ${caps.maxEntries.toLocaleString('en-GB')} a workbook may have.`,
        );
      }
      return new CheckedZip(zip, await readDirectory(zip, caps));
    } catch (error) {
      zip.close();
      throw error;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The part's uncompressed size as its directory entry declares it (0 when absent). */
  size(name: string): number {
    return this.entries.get(name)?.uncompressedSize ?? 0;
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** The part's text, for the small parts (workbook, relationships, styles); null when absent. */
  async readText(name: string, maxBytes: number): Promise<string | null> {
    const entry = this.entries.get(name);
    if (!entry) return null;
    if (entry.uncompressedSize > maxBytes) {
      throw refuse(`The workbook's part ${name} is ${mib(entry.uncompressedSize)} uncompressed, more than the ${mib(maxBytes)} the exchange reads for it.`);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of this.chunks(name)) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  }

  /**
   * The part's inflated bytes; nothing when there is no such part. A part that inflates to more
   * than its directory entry says (a zip bomb hiding its size), or to less, is refused: the
   * bytes are counted as they come, and inflation stops at the first chunk past the size.
   * Deflated parts are inflated here rather than by yauzl, in chunks of INFLATED_CHUNK_BYTES:
   * yauzl's inflater hands on 16 KiB at a time, and a 100 MB sheet then costs the XML parser
   * and the stream machinery thousands of rounds more than it needs. Memory stays bounded by the
   * chunk size whatever the ratio: zlib's stream stops inflating in the middle of a compressed
   * read once its output is a chunk ahead of this reader, so a 64 KiB read that would inflate to
   * 64 MiB is inflated a chunk at a time and a part lying about its size is stopped at the lie
   * (workbook-zip-inflate.test.ts).
   */
  async *chunks(name: string): AsyncGenerator<Buffer> {
    const entry = this.entries.get(name);
    if (!entry) return;
    // Encrypted parts were refused with the directory; any method other than stored or deflated is yauzl's to refuse.
    const deflated = entry.compressionMethod === 8;
    let raw: Readable;
    try {
      raw = await this.zip.openReadStreamPromise(entry, deflated ? { decompress: false } : undefined);
    } catch (error) {
      throw refuse(`The workbook's part ${name} cannot be read: ${(error as Error).message}.`);
    }
    const compressed = deflated ? Readable.from(gathered(raw, COMPRESSED_READ_BYTES), { objectMode: false }) : raw;
    const stream = deflated ? compressed.pipe(createInflateRaw({ chunkSize: INFLATED_CHUNK_BYTES })) : raw;
    if (stream !== raw) compressed.on('error', (error) => stream.destroy(error));
    let inflated = 0;
    try {
      for await (const chunk of stream) {
        inflated += (chunk as Buffer).length;
        if (inflated > entry.uncompressedSize) throw new Error(`more bytes than the ${entry.uncompressedSize} its directory entry declares`);
        yield chunk as Buffer;
      }
      if (inflated !== entry.uncompressedSize) throw new Error(`${inflated} bytes, not the ${entry.uncompressedSize} its directory entry declares`);
    } catch (error) {
      throw refuse(`The workbook's part ${name} cannot be unpacked (${(error as Error).message}): the file is damaged, or a zip bomb hiding its real size.`);
    } finally {
      stream.destroy();
      compressed.destroy();
      raw.destroy();
    }
  }

  /** Which workbook the parts make, or null for another kind of zip. */
  kind(mimetype: string | null): WorkbookKind | null {
    if (mimetype?.trim() === 'application/vnd.oasis.opendocument.spreadsheet' && this.has('content.xml')) return 'ods';
    if (this.has('[Content_Types].xml') && this.names().some((n) => n.startsWith('xl/'))) return 'xlsx';
    return null;
  }

  close(): void {
    this.zip.close();
  }
}

/** The stream's bytes in pieces of at least `size` (the last may be shorter). */
async function* gathered(stream: Readable, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    pending.push(chunk as Buffer);
    length += (chunk as Buffer).length;
    if (length >= size) {
      yield pending.length === 1 ? pending[0] : Buffer.concat(pending, length);
      pending = [];
      length = 0;
    }
  }
  if (length > 0) yield pending.length === 1 ? pending[0] : Buffer.concat(pending, length);
}

async function readDirectory(zip: ZipFile, caps: ZipCaps): Promise<Map<string, Entry>> {
  const entries = new Map<string, Entry>();
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('error', (error: Error) => reject(refuse(`The ZIP archive's directory is damaged: ${error.message}.`)));
    zip.on('end', () => resolve());
    zip.on('entry', (entry: Entry) => {
      const problem = entryProblem(entry, caps, (total += entry.uncompressedSize));
      if (problem) {
        reject(refuse(problem));
        return;
      }
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.readEntry();
  });
  return entries;
}

function entryProblem(entry: Entry, caps: ZipCaps, totalSoFar: number): string | null {
  if (entry.isEncrypted()) return 'The workbook is encrypted (password-protected). Remove the password, save it again and upload that.';
  if (totalSoFar > caps.maxUncompressedBytes) {
    return `The archive unpacks to more than ${mib(caps.maxUncompressedBytes)}, more than the exchange unpacks for one workbook: it looks like a zip bomb. Upload the table as CSV instead.`;
  }
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (entry.uncompressedSize > caps.ratioCheckAboveBytes && ratio > caps.maxRatio) {
    return `The archive's part ${entry.fileName} is compressed ${Math.round(ratio).toLocaleString('en-GB')} to 1, more than the ${caps.maxRatio} to 1 real workbooks reach: it looks like a zip bomb.`;
  }
  return null;
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MiB`;
}

function refuse(message: string): IngestInputError {
  return new IngestInputError('format-error', message);
}
