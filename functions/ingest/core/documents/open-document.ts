import type { Sample } from '../byte-source';
import { decodeToStrings } from '../decode-text';
import { decoderLabel, detectEncoding, type TextEncoding } from '../detect-encoding';
import type { RowCells } from '../json-rows';
import type { IngestLimits } from '../limits';
import type { ReportBuilder } from '../report';
import type { DocumentStandard } from './document-standard';
import { readDocumentRows } from './read-document';

/**
 * A file declared as following a document standard: its encoding is detected as for any file,
 * but it is read as one JSON object (table detection would refuse a single object).
 */
/** What table detection would give: the file as JSON in its encoding, and its rows (null when refused). */
export interface OpenedDocument {
  detected: { format?: 'json'; encoding?: TextEncoding };
  batches: AsyncIterable<RowCells[]> | null;
}

export function openDocument(sample: Sample, limits: IngestLimits, report: ReportBuilder, standard: DocumentStandard): OpenedDocument {
  const encoding = detectEncoding(sample.bytes, sample.complete);
  if (!encoding.ok) {
    report.add({ code: encoding.code, row: null, field: null, message: encoding.message });
    return { detected: {}, batches: null };
  }
  const detection = encoding.value;
  const start = new TextDecoder(decoderLabel(detection.encoding), { ignoreBOM: true }).decode(sample.bytes.subarray(detection.bomLength), {
    stream: !sample.complete,
  });
  const detected = { format: 'json' as const, encoding: detection.encoding };
  if (!start.trimStart().startsWith('{')) {
    report.add({
      code: 'format-error',
      row: null,
      field: null,
      message: `${standard.title} data is one JSON document (an object with a "${standard.recordsKey}" list); this file does not start with one.`,
    });
    return { detected: { encoding: detection.encoding }, batches: null };
  }
  return { detected, batches: readDocumentRows(decodeToStrings(sample.chunks, detection), standard, report, limits.maxNestingDepth) };
}
