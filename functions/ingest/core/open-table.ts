import type { Sample } from './byte-source';
import { decodeToStrings, toUtf8Bytes } from './decode-text';
import type { Delimiter } from './detect-delimiter';
import { decoderLabel, detectEncoding, type TextEncoding } from './detect-encoding';
import { detectFormat, formatHint, type DataFormat } from './detect-format';
import type { RowCells } from './json-rows';
import type { IngestLimits } from './limits';
import { readCsvRows } from './read-csv';
import { readJsonRows } from './read-json';
import { readNdjsonRows } from './read-ndjson';
import type { ReportBuilder } from './report';

export interface Detected {
  format?: DataFormat;
  encoding?: TextEncoding;
  delimiter?: Delimiter;
}

export interface OpenedTable {
  detected: Detected;
  /** Batches of rows, the first row being the header; null when detection refused the file. */
  batches: AsyncIterable<RowCells[]> | null;
}

/**
 * Detects encoding and format from the sample, then returns the matching streaming
 * reader over the whole file. A refusal (binary, gzip, empty...) is reported, not thrown.
 */
export function openTable(sample: Sample, limits: IngestLimits, report: ReportBuilder, hints: { filename?: string; declaredFormat?: string }): OpenedTable {
  const encoding = detectEncoding(sample.bytes, sample.complete);
  if (!encoding.ok) {
    report.add({ code: encoding.code, row: null, field: null, message: encoding.message });
    return { detected: {}, batches: null };
  }
  const detection = encoding.value;
  const decoder = new TextDecoder(decoderLabel(detection.encoding), { ignoreBOM: true });
  const text = decoder.decode(sample.bytes.subarray(detection.bomLength), { stream: !sample.complete });
  const format = detectFormat(text, sample.complete, formatHint(hints.filename, hints.declaredFormat), hints.filename);
  if (!format.ok) {
    report.add({ code: 'format-error', row: null, field: null, message: format.message });
    return { detected: { encoding: detection.encoding }, batches: null };
  }
  const detected: Detected = { encoding: detection.encoding, ...format.value };
  const jsonOptions = {
    maxRecordBytes: limits.maxRecordBytes,
    headerRows: limits.inferenceRows,
    headerChars: limits.inferenceChars,
    onIssue: (error: Parameters<ReportBuilder['add']>[0]) => report.add(error),
  };
  switch (format.value.format) {
    case 'csv':
    case 'tsv':
      return { detected, batches: readCsvRows(toUtf8Bytes(sample.chunks, detection), format.value.delimiter ?? ',', limits.maxRecordBytes) };
    case 'ndjson':
      return { detected, batches: readNdjsonRows(decodeToStrings(sample.chunks, detection), jsonOptions) };
    default:
      return { detected, batches: readJsonRows(decodeToStrings(sample.chunks, detection), format.value.format, jsonOptions) };
  }
}
