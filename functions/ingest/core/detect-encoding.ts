import { isUtf8 } from 'node:buffer';
import { completeUtf8Length } from './utf8-boundary';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface EncodingDetection {
  encoding: TextEncoding;
  /** Bytes of byte-order mark to skip before decoding. */
  bomLength: number;
}

export type EncodingResult = { ok: true; value: EncodingDetection } | { ok: false; code: 'format-error' | 'encoding-error'; message: string };

const GZIP_MAGIC = [0x1f, 0x8b];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/**
 * Decides the text encoding from the first bytes only. Order matters: compressed and
 * binary content is refused before any guess, a BOM wins, then valid UTF-8, and only a
 * sample that is not valid UTF-8 is read as Windows-1252 (which can decode any byte).
 * `complete` says the sample is the whole file, so a truncated multi-byte character at
 * its end is an error rather than a chunk boundary.
 */
export function detectEncoding(sample: Uint8Array, complete: boolean): EncodingResult {
  if (startsWith(sample, GZIP_MAGIC)) {
    return refuse('format-error', 'The file is gzip-compressed. Upload the uncompressed CSV or JSON file instead; compressed uploads are not unpacked.');
  }
  if (startsWith(sample, ZIP_MAGIC)) {
    return refuse('format-error', 'The file is a ZIP archive (an Excel .xlsx workbook is one). Save or export it as CSV and upload that.');
  }
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return found('utf-8-bom', 3);
  if (startsWith(sample, [0xff, 0xfe])) return found('utf-16le', 2);
  if (startsWith(sample, [0xfe, 0xff])) return found('utf-16be', 2);
  if (sample.includes(0)) {
    return refuse(
      'format-error',
      'The file looks binary (it contains NUL bytes), not text. Upload CSV, TSV, JSON, NDJSON or GeoJSON; UTF-16 text needs a byte-order mark.',
    );
  }
  const checked = complete ? sample : sample.subarray(0, completeUtf8Length(sample));
  return isUtf8(checked) ? found('utf-8', 0) : found('windows-1252', 0);
}

function found(encoding: TextEncoding, bomLength: number): EncodingResult {
  return { ok: true, value: { encoding, bomLength } };
}

function refuse(code: 'format-error' | 'encoding-error', message: string): EncodingResult {
  return { ok: false, code, message };
}

/** The WHATWG label TextDecoder needs for an encoding. */
export function decoderLabel(encoding: TextEncoding): string {
  return encoding === 'utf-8-bom' ? 'utf-8' : encoding;
}
