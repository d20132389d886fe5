import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ERROR_CODES, processUpload, UnknownDataSchemaError, validateUpload, type ValidationResult } from '../../functions/ingest/core';
import { detectEncoding } from '../../functions/ingest/core/detect-encoding';
import { detectFormat, formatHint } from '../../functions/ingest/core/detect-format';
import { CASE_MS, FUZZ_RUNS, fuzzParameters, hostileJsonText, hostileString, PROTOTYPE_KEYS, timeoutFor, withinMs } from './fuzz-support';

/**
 * Property: whatever bytes are uploaded (random bytes, any CSV dialect, any encoding, any JSON),
 * the ingest core returns a report (errors only of the Frictionless codes) and never throws
 * anything but its one typed error (an unknown data schema), never hangs, and never leaves
 * files behind for an invalid upload.
 */
const AIR_QUALITY = ['site_code', 'borough_gss_code', 'pollutant', 'measured_at', 'value', 'unit', 'ratified', 'data_capture_pct', 'latitude', 'longitude'];
const SCHEMAS = ['air-quality-readings', 'borough-indicators', 'ev-charge-points', 'planning-applications', 'road-traffic-collisions'];
const KNOWN_CODES = new Set<string>(ERROR_CODES);
/** One upload goes through DuckDB and the disk: a fraction of the HTTP suites' cases. */
const UPLOAD_RUNS = Math.max(8, Math.round(FUZZ_RUNS / 2));

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const describeInput = (bytes: Uint8Array) => JSON.stringify(Buffer.from(bytes).subarray(0, 400).toString('latin1'));

/** The report's own invariants, for any input. */
const expectReport = (result: ValidationResult, bytes: Uint8Array): void => {
  const { report } = result;
  const problems: string[] = [];
  if (typeof report.valid !== 'boolean' || result.ok !== report.valid) problems.push(`ok ${result.ok} / valid ${report.valid}`);
  if (report.valid !== (report.errorCount === 0)) problems.push(`valid ${report.valid} with ${report.errorCount} errors`);
  for (const error of report.errors)
    if (!KNOWN_CODES.has(error.code) || typeof error.message !== 'string' || error.message === '') problems.push(`error ${JSON.stringify(error)}`);
  if (report.errors.length > report.errorCount) problems.push('more errors listed than counted');
  if (result.original.bytes !== bytes.byteLength) problems.push(`counted ${result.original.bytes} bytes of ${bytes.byteLength}`);
  if (result.original.sha256 !== createHash('sha256').update(bytes).digest('hex')) problems.push('checksum differs');
  if (!Number.isInteger(report.rowCount) || report.rowCount < 0) problems.push(`rowCount ${report.rowCount}`);
  if (problems.length > 0) throw new Error(`${problems.join('; ')} for ${describeInput(bytes)}`);
};

/** Validates through the core and checks the report; an exception other than the typed one fails the property. */
const validate = async (
  bytes: Uint8Array,
  options: { filename?: string; declaredFormat?: string; dataSchemaId?: string; chunk: number; fastPath?: boolean },
) => {
  const { chunk, ...rest } = options;
  try {
    const result = await withinMs(CASE_MS, 'validateUpload', validateUpload({ source: chunked(bytes, chunk), ...rest }));
    expectReport(result, bytes);
    return result;
  } catch (error) {
    if (error instanceof UnknownDataSchemaError && rest.dataSchemaId !== undefined && !SCHEMAS.includes(rest.dataSchemaId)) return undefined;
    throw new Error(`validateUpload threw for ${describeInput(bytes)} ${JSON.stringify(rest)}: ${(error as Error).stack ?? String(error)}`);
  }
};

// ---- Arbitraries: cells, dialects, encodings ----

const cell = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      '0',
      '1.5',
      '-45,138',
      '£1,234.50',
      '12.5%',
      'true',
      'NA',
      '2024-05-01',
      '01/05/2024',
      '2024-05-01T09:00:00Z',
      'E09000007',
      'NO2',
      'ug/m3',
      '51.5',
      '-0.12',
      '007',
      '9007199254740993',
    ),
  },
  { weight: 3, arbitrary: hostileString(30) },
  { weight: 1, arbitrary: fc.constantFrom('"', '""', '"a"b', 'a\nb', 'a\r\nb', '\r', ' "x" ', '=1+1', '\u0000', '\ufeff') },
);
const header = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom(...AIR_QUALITY), hostileString(12), fc.constantFrom(...PROTOTYPE_KEYS)), { minLength: 1, maxLength: 12 }),
  fc.constant(AIR_QUALITY),
  fc.shuffledSubarray(AIR_QUALITY, { minLength: 1 }),
);

interface Dialect {
  delimiter: string;
  quoting: 'minimal' | 'all' | 'none';
  newline: string;
  trailingNewline: boolean;
}
const dialect: fc.Arbitrary<Dialect> = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t', '|', ' ', ':'),
  quoting: fc.constantFrom('minimal', 'all', 'none'),
  newline: fc.constantFrom('\n', '\r\n', '\r', '\n\n'),
  trailingNewline: fc.boolean(),
});

const quote = (value: string, d: Dialect) => {
  const needs = value.includes(d.delimiter) || /["\r\n]/.test(value);
  if (d.quoting === 'none' || (d.quoting === 'minimal' && !needs)) return value;
  return `"${value.replace(/"/g, '""')}"`;
};
const renderCsv = (rows: string[][], d: Dialect) =>
  rows.map((row) => row.map((v) => quote(v, d)).join(d.delimiter)).join(d.newline) + (d.trailingNewline ? d.newline : '');

const table = fc.tuple(header, fc.array(fc.array(cell, { maxLength: 13 }), { maxLength: 25 }), fc.boolean()).map(([labels, rows, ragged]) =>
  // Usually as wide as the header (so rows reach the cast), sometimes ragged.
  [labels, ...rows.map((row) => (ragged ? row : labels.map((_, i) => row[i % Math.max(1, row.length)] ?? '')))],
);

type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'utf-16le-no-bom' | 'windows-1252' | 'latin1-as-is' | 'truncated-utf-8';
const encoding = fc.constantFrom<Encoding>('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'utf-16le-no-bom', 'windows-1252', 'latin1-as-is', 'truncated-utf-8');

const encode = (text: string, how: Encoding): Buffer => {
  const utf16le = (t: string) => Buffer.from(t, 'utf16le');
  switch (how) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(text)]);
    case 'utf-16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), utf16le(text).swap16()]);
    case 'utf-16le-no-bom':
      return utf16le(text);
    case 'windows-1252':
      // Characters Windows-1252 lacks become '?', as a spreadsheet's export would write them.
      return Buffer.from(text.replace(/[^\x00-\xff]/g, '?'), 'latin1');
    case 'latin1-as-is':
      return Buffer.from(text, 'latin1');
    case 'truncated-utf-8': {
      const bytes = Buffer.from(text, 'utf8');
      return bytes.subarray(0, Math.max(0, bytes.length - 1));
    }
  }
};

const chunkSize = fc.constantFrom(1, 2, 3, 7, 64, 1000, 64 * 1024);
const filename = fc.option(
  fc.oneof(fc.constantFrom('data.csv', 'data.tsv', 'data.psv', 'data.txt', 'data.json', 'data.ndjson', 'data.geojson', 'data.xlsx', 'data'), hostileString(20)),
  { nil: undefined },
);
const declaredFormat = fc.option(
  fc.oneof(fc.constantFrom('csv', 'text/csv', 'tsv', 'json', 'ndjson', 'geojson', 'application/geo+json', 'text/plain; charset=utf-8', ''), hostileString(20)),
  { nil: undefined },
);
const dataSchemaId = fc.option(
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...SCHEMAS) },
    { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
    { weight: 1, arbitrary: hostileString(20) },
  ),
  { nil: undefined, freq: 2 },
);

/** JSON uploads: arrays of row objects, NDJSON lines, GeoJSON collections, or anything JSON. */
const jsonUpload = fc.oneof(
  fc.array(hostileJsonText(), { maxLength: 20 }).map((items) => `[${items.join(',')}]`),
  fc.array(hostileJsonText(), { maxLength: 20 }).map((lines) => lines.join('\n')),
  fc
    .array(fc.tuple(hostileJsonText(), hostileJsonText()), { maxLength: 10 })
    .map(
      (features) => `{"type":"FeatureCollection","features":[${features.map(([p, g]) => `{"type":"Feature","properties":${p},"geometry":${g}}`).join(',')}]}`,
    ),
  hostileJsonText(),
);

describe('fuzzing file detection and parsing', () => {
  it('detectEncoding, formatHint and detectFormat never throw on any bytes or text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), filename, declaredFormat, (bytes, complete, name, declared) => {
        const encodingResult = detectEncoding(bytes, complete);
        if (typeof encodingResult.ok !== 'boolean') throw new Error('no verdict on the encoding');
        const text = Buffer.from(bytes).toString('latin1');
        const formatResult = detectFormat(text, complete, formatHint(name, declared), name);
        if (!formatResult.ok && (typeof formatResult.message !== 'string' || formatResult.message === '')) throw new Error('a refusal without a message');
      }),
      fuzzParameters(FUZZ_RUNS * 25),
    );
  });

  it(
    'random bytes: a report, never an exception',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.uint8Array({ maxLength: 3000 }),
            fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b])),
            fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.concat([Buffer.from([0xff, 0xfe]), b])),
          ),
          filename,
          declaredFormat,
          dataSchemaId,
          chunkSize,
          async (bytes, name, declared, schema, chunk) => {
            await validate(bytes, { filename: name, declaredFormat: declared, dataSchemaId: schema, chunk });
          },
        ),
        fuzzParameters(UPLOAD_RUNS),
      );
    },
    timeoutFor(2000, UPLOAD_RUNS),
  );

  it(
    'random CSV dialects in random encodings: a report, never an exception',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          table,
          dialect,
          encoding,
          filename,
          declaredFormat,
          dataSchemaId,
          chunkSize,
          fc.boolean(),
          async (rows, d, how, name, declared, schema, chunk, fastPath) => {
            await validate(encode(renderCsv(rows, d), how), { filename: name, declaredFormat: declared, dataSchemaId: schema, chunk, fastPath });
          },
        ),
        fuzzParameters(UPLOAD_RUNS),
      );
    },
    timeoutFor(2000, UPLOAD_RUNS),
  );

  it(
    'files past the 64 KB detection sample, cut anywhere: a report, never an exception',
    async () => {
      // Rows repeated until the file passes the sample, so the sample's end (and a chunk's) falls inside a row, a quote or a character.
      await fc.assert(
        fc.asyncProperty(
          table,
          dialect,
          encoding,
          fc.integer({ min: 70_000, max: 200_000 }),
          fc.integer({ min: 1, max: 70_000 }),
          dataSchemaId,
          async (rows, d, how, size, chunk, schema) => {
            const body = renderCsv(rows.slice(1).length > 0 ? rows.slice(1) : [['x']], { ...d, trailingNewline: true });
            const text = `${renderCsv([rows[0]], { ...d, trailingNewline: true })}${body.repeat(Math.ceil(size / Math.max(1, body.length)))}`.slice(0, size);
            await validate(encode(text, how), { dataSchemaId: schema, chunk });
          },
        ),
        fuzzParameters(Math.max(4, Math.round(UPLOAD_RUNS / 4))),
      );
    },
    timeoutFor(5000, UPLOAD_RUNS),
  );

  it(
    'random JSON, NDJSON and GeoJSON in random encodings: a report, never an exception',
    async () => {
      await fc.assert(
        fc.asyncProperty(jsonUpload, encoding, filename, declaredFormat, dataSchemaId, chunkSize, async (text, how, name, declared, schema, chunk) => {
          await validate(encode(text, how), { filename: name, declaredFormat: declared, dataSchemaId: schema, chunk });
        }),
        fuzzParameters(UPLOAD_RUNS),
      );
    },
    timeoutFor(2000, UPLOAD_RUNS),
  );

  it(
    'processUpload writes outputs only for a valid file, and leaves nothing behind otherwise',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            table.chain((rows) => dialect.map((d) => renderCsv(rows, d))),
            jsonUpload,
          ),
          encoding,
          dataSchemaId,
          async (text, how, schema) => {
            const bytes = encode(text, how);
            const workDir = await mkdtemp(join(tmpdir(), 'ldx-fuzz-ingest-'));
            try {
              let result;
              try {
                result = await withinMs(CASE_MS, 'processUpload', processUpload({ source: chunked(bytes, 4096), workDir, dataSchemaId: schema }));
              } catch (error) {
                if (error instanceof UnknownDataSchemaError && schema !== undefined && !SCHEMAS.includes(schema)) return;
                throw new Error(`processUpload threw for ${describeInput(bytes)} schema ${schema}: ${(error as Error).stack ?? String(error)}`);
              }
              expectReport(result, bytes);
              const left = await readdir(workDir);
              if (result.ok && !result.outputs) throw new Error('valid without outputs');
              if (!result.ok && left.length > 0) throw new Error(`an invalid upload left ${left.join(', ')} for ${describeInput(bytes)}`);
            } finally {
              await rm(workDir, { recursive: true, force: true });
            }
          },
        ),
        fuzzParameters(Math.max(5, Math.round(UPLOAD_RUNS / 2))),
      );
    },
    timeoutFor(4000, UPLOAD_RUNS),
  );
});
