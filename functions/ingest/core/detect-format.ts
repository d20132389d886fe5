import { sniffDelimiter, type Delimiter } from './detect-delimiter';
import { DEFAULT_LIMITS } from './limits';
import { findNestedRecordPath, NO_RECORDS_MESSAGE } from './nested-records';

export type DataFormat = 'csv' | 'tsv' | 'json' | 'ndjson' | 'geojson' | 'xml' | 'xlsx' | 'ods';

export interface FormatDetection {
  format: DataFormat;
  /** For csv and tsv only. */
  delimiter?: Delimiter;
}

export type FormatResult = { ok: true; value: FormatDetection } | { ok: false; message: string };

const HINTS: Record<string, DataFormat> = {
  csv: 'csv',
  'text/csv': 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  'text/tab-separated-values': 'tsv',
  json: 'json',
  'application/json': 'json',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  'application/x-ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  geojson: 'geojson',
  'application/geo+json': 'geojson',
  xml: 'xml',
  'application/xml': 'xml',
  'text/xml': 'xml',
  psv: 'csv',
  txt: 'csv',
  'text/plain': 'csv',
};

/** Declared format wins over the file name's extension; both are only hints. */
export function formatHint(filename?: string, declaredFormat?: string): DataFormat | undefined {
  const declared = declaredFormat?.trim().toLowerCase().split(';')[0].trim();
  // hasOwn: both come from the uploader (Content-Type, file name), and may be `constructor`.
  if (declared && Object.hasOwn(HINTS, declared)) return HINTS[declared];
  const ext = filename?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  return ext && Object.hasOwn(HINTS, ext) ? HINTS[ext] : undefined;
}

/**
 * Decides the format from the decoded sample's content; hints only settle what the
 * content leaves open (a tab delimiter for .tsv, NDJSON whose first line overflows the sample).
 */
export function detectFormat(text: string, complete: boolean, hint?: DataFormat, filename?: string): FormatResult {
  const start = text.trimStart();
  if (start === '') {
    return complete
      ? { ok: false, message: 'The file is empty: there is no header row and no data.' }
      : { ok: false, message: 'The file starts with more than the detection sample of blank space.' };
  }
  const first = start[0];
  if (first === '[') return json('json');
  if (first === '{') return detectJsonObjectFormat(start, complete, hint);
  if (first === '<') {
    if (/^<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i.test(start.replace(/^<\?xml[^>]*>\s*/, '').replace(/^(<!--[\s\S]*?-->\s*)+/, ''))) {
      return {
        ok: false,
        message: 'The file looks like a web page (HTML), not a data table. If you downloaded it, check you saved the data and not the page.',
      };
    }
    return json('xml');
  }
  const delimiterHint: Delimiter | undefined = hint === 'tsv' ? '\t' : filename?.toLowerCase().endsWith('.psv') ? '|' : undefined;
  const delimiter = sniffDelimiter(text, complete, delimiterHint);
  return { ok: true, value: { format: delimiter === '\t' ? 'tsv' : 'csv', delimiter } };
}

function json(format: DataFormat): FormatResult {
  return { ok: true, value: { format } };
}

/**
 * An object first: GeoJSON, NDJSON, or one object with its records nested inside (read whole
 * by read-json, which finds them by the rule in nested-records.ts).
 */
function detectJsonObjectFormat(text: string, complete: boolean, hint?: DataFormat): FormatResult {
  const newline = text.indexOf('\n');
  const firstLine = newline === -1 ? (complete ? text : undefined) : text.slice(0, newline);
  const parsed = firstLine === undefined ? undefined : tryParseObject(firstLine);
  if (parsed && firstLine !== undefined) {
    if (parsed.type === 'FeatureCollection') return json('geojson');
    // One line that is the whole file, with records inside: a document rather than one NDJSON row.
    const alone = complete && text.slice(firstLine.length).trim() === '';
    if (alone && hint !== 'ndjson' && findNestedRecordPath(parsed, DEFAULT_LIMITS.maxNestingDepth)) return json('json');
    return json('ndjson');
  }
  if (/"type"\s*:\s*"FeatureCollection"/.test(text) || /"features"\s*:\s*\[/.test(text)) return json('geojson');
  if (hint === 'ndjson') return json('ndjson');
  // An object larger than the sample: read whole, where its records are looked for.
  if (!complete) return json('json');
  const whole = tryParseObject(text);
  if (whole && findNestedRecordPath(whole, DEFAULT_LIMITS.maxNestingDepth)) return json('json');
  return { ok: false, message: NO_RECORDS_MESSAGE };
}

function tryParseObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
