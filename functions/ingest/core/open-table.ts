import type { Sample } from './byte-source';
import { decodeToStrings, toUtf8Bytes } from './decode-text';
import type { Delimiter } from './detect-delimiter';
import { decoderLabel, detectEncoding, type EncodingDetection, type TextEncoding } from './detect-encoding';
import { detectFormat, formatHint, type DataFormat } from './detect-format';
import { detectLineBreaks, type LineBreaks } from './detect-line-break';
import type { RowCells } from './json-rows';
import type { IngestLimits } from './limits';
import { readStrictCsvRows } from './fast-path/read-strict-csv';
import { readCsvRows } from './read-csv';
import { readJsonRows } from './read-json';
import { readNdjsonRows } from './read-ndjson';
import { findRecordPath, readXmlRows } from './read-xml';
import type { DocumentStandard } from './documents/document-standard';
import { openDocument } from './documents/open-document';
import { IngestInputError } from './errors';
import type { ReportBuilder, ReportWarning } from './report';
import { detectContainer, LEGACY_XLS_MESSAGE, provisionalKind, readWorkbookRows } from './workbook/read-workbook';

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

export type TableDetection =
  | { ok: true; detected: Detected; detection: EncodingDetection; lineBreaks: LineBreaks }
  | { ok: false; detected: Detected; code: 'format-error' | 'encoding-error'; message: string };

/** Encoding, then format (and delimiter) from the sample; a refusal says why. */
export function detectTable(sample: Sample, hints: { filename?: string; declaredFormat?: string }): TableDetection {
  const encoding = detectEncoding(sample.bytes, sample.complete);
  if (!encoding.ok) return { ok: false, detected: {}, code: encoding.code, message: encoding.message };
  const detection = encoding.value;
  const decoder = new TextDecoder(decoderLabel(detection.encoding), { ignoreBOM: true });
  const text = decoder.decode(sample.bytes.subarray(detection.bomLength), { stream: !sample.complete });
  const format = detectFormat(text, sample.complete, formatHint(hints.filename, hints.declaredFormat), hints.filename);
  if (!format.ok) return { ok: false, detected: { encoding: detection.encoding }, code: 'format-error', message: format.message };
  return { ok: true, detected: { encoding: detection.encoding, ...format.value }, detection, lineBreaks: detectLineBreaks(text) };
}

/**
 * Detects encoding and format from the sample, then returns the matching streaming
 * reader over the whole file. A refusal (binary, gzip, empty...) is reported, not thrown.
 */
export function openTable(
  sample: Sample,
  limits: IngestLimits,
  report: ReportBuilder,
  hints: { filename?: string; declaredFormat?: string; sheet?: string; documentStandard?: DocumentStandard },
  /** The fast path's optimistic pass: CSV that DuckDB is checking as strict RFC 4180. */
  options: { strictCsv?: boolean } = {},
): OpenedTable {
  if (hints.documentStandard) return openDocument(sample, limits, report, hints.documentStandard);
  const container = detectContainer(sample.bytes);
  if (container === 'ole2') {
    report.add({ code: 'format-error', row: null, field: null, message: LEGACY_XLS_MESSAGE });
    return { detected: {}, batches: null };
  }
  if (container === 'zip') {
    const detected: Detected = { format: provisionalKind(sample.bytes) };
    return { detected, batches: readWorkbookRows(sample, detected, limits, (w) => report.warn(w), hints.sheet) };
  }
  const found = detectTable(sample, hints);
  if (!found.ok) {
    report.add({ code: found.code, row: null, field: null, message: found.message });
    return { detected: found.detected, batches: null };
  }
  const { detected, detection, lineBreaks } = found;
  const jsonOptions = {
    maxRecordBytes: limits.maxRecordBytes,
    headerRows: limits.inferenceRows,
    headerChars: limits.inferenceChars,
    maxNestingDepth: limits.maxNestingDepth,
    onIssue: (error: Parameters<ReportBuilder['add']>[0]) => report.add(error),
    maxDocumentChars: limits.maxJsonDocumentChars,
    warn: (warning: ReportWarning) => report.warn(warning),
  };
  switch (detected.format) {
    case 'csv':
    case 'tsv':
      return {
        detected,
        batches: options.strictCsv
          ? readStrictCsvRows(toUtf8Bytes(sample.chunks, detection), detected.delimiter ?? ',', limits.maxRecordBytes)
          : readCsvRows(toUtf8Bytes(sample.chunks, detection), detected.delimiter ?? ',', limits.maxRecordBytes, lineBreaks),
      };
    case 'ndjson':
      return { detected, batches: readNdjsonRows(decodeToStrings(sample.chunks, detection), jsonOptions) };
    case 'xml':
      return { detected, batches: xmlRows(sample, detection, { ...jsonOptions, warn: (w) => report.warn(w) }) };
    default:
      return { detected, batches: readJsonRows(decodeToStrings(sample.chunks, detection), detected.format as 'json' | 'geojson', jsonOptions) };
  }
}

/** XML: the record element is found in the sample, then the whole file streams through the record reader. */
async function* xmlRows(sample: Sample, detection: EncodingDetection, options: Parameters<typeof readXmlRows>[2]): AsyncGenerator<RowCells[]> {
  const text = new TextDecoder(decoderLabel(detection.encoding), { ignoreBOM: true }).decode(sample.bytes.subarray(detection.bomLength), {
    stream: !sample.complete,
  });
  const recordPath = await findRecordPath(text);
  if (!recordPath) {
    throw new IngestInputError(
      'format-error',
      'The XML file has no repeating record element (an element with attributes or simple child elements, one per row), so it cannot be read as a table.',
    );
  }
  yield* readXmlRows(decodeToStrings(sample.chunks, detection), recordPath, options);
}
