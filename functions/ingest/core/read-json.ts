import { JSONParser } from '@streamparser/json';
import { IngestInputError, type ValidationError } from './errors';
import { isObject, JsonTableShaper, UNREADABLE, type RowCells } from './json-rows';

export interface JsonReadOptions {
  maxRecordBytes: number;
  /** Objects gathered for the header (the union of their keys)... */
  headerRows: number;
  /** ...or this many characters of them, whichever comes first. */
  headerChars: number;
  /** Deepest nesting of one cell's value (see IngestLimits.maxNestingDepth). */
  maxNestingDepth: number;
  onIssue: (error: ValidationError) => void;
}

/**
 * Streams a JSON array of objects (`json`) or a GeoJSON FeatureCollection's features
 * (`geojson`: the feature's properties plus its geometry as a JSON string column named
 * `geometry`). Only one element is held at a time once the header is known.
 */
export async function* readJsonRows(texts: AsyncIterable<string>, kind: 'json' | 'geojson', options: JsonReadOptions): AsyncGenerator<RowCells[]> {
  const shaper = new JsonTableShaper(options.onIssue, options.headerRows, options.maxNestingDepth);
  const parser = new JSONParser({ paths: kind === 'json' ? ['$.*'] : ['$.features.*'], keepStack: false });
  let out: RowCells[] = [];
  let charsSinceValue = 0;
  let charsBuffered = 0;
  let valuesThisChunk = 0;
  const state: { failure: Error | null } = { failure: null };
  parser.onValue = ({ value }) => {
    valuesThisChunk++;
    if (kind === 'json') shaper.accept(value, out);
    else if (isObject(value) && value.type === 'Feature') shaper.accept(featureRow(value), out);
    else {
      const row = shaper.rowsSeen + 2;
      options.onIssue({ code: 'format-error', row, field: null, message: `Row ${row} is not a GeoJSON Feature (an object with "type": "Feature").` });
      shaper.accept(UNREADABLE, out);
    }
  };
  parser.onError = (error) => {
    state.failure = error;
  };
  for await (const text of texts) {
    valuesThisChunk = 0;
    parser.write(text);
    if (state.failure) throw invalidJson(state.failure, shaper.rowsSeen);
    charsSinceValue = valuesThisChunk > 0 ? 0 : charsSinceValue + text.length;
    if (charsSinceValue > options.maxRecordBytes) throw oversized(options.maxRecordBytes, kind);
    if (!shaper.headerKnown) {
      charsBuffered += text.length;
      if (charsBuffered >= options.headerChars) shaper.fixHeader(out);
    }
    if (shaper.headerKnown && out.length > 0) {
      yield out;
      out = [];
    }
  }
  if (!parser.isEnded) parser.end();
  if (state.failure) throw invalidJson(state.failure, shaper.rowsSeen);
  shaper.fixHeader(out);
  if (out.length > 0) yield out;
}

function featureRow(feature: Record<string, unknown>): Record<string, unknown> {
  const properties = isObject(feature.properties) ? feature.properties : {};
  return { ...properties, geometry: feature.geometry ?? null };
}

function invalidJson(error: Error, rowsSeen: number): IngestInputError {
  const where = rowsSeen > 0 ? ` after row ${(rowsSeen + 1).toLocaleString('en-GB')}` : '';
  const reason = /ended in mid-parsing/.test(error.message) ? 'it ends before the array or object is closed' : error.message;
  return new IngestInputError('format-error', `The file is not valid JSON${where}: ${reason}.`, rowsSeen > 0 ? rowsSeen + 2 : null);
}

function oversized(maxRecordBytes: number, kind: 'json' | 'geojson'): IngestInputError {
  const thing = kind === 'json' ? 'object' : 'feature';
  return new IngestInputError(
    'format-error',
    `One ${thing} in the file is larger than the ${Math.round(maxRecordBytes / 1024).toLocaleString('en-GB')} KB a single row may hold.`,
  );
}
