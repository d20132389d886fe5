import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { ERROR_CODES, validateUpload, type ValidationResult } from '../../functions/ingest/core';
import { writeOds, writeZip } from '../support/zip-writer';
import { CASE_MS, FUZZ_RUNS, fuzzParameters, hostileString, timeoutFor, withinMs } from './fuzz-support';

/**
 * Property: whatever workbook is uploaded (written by exceljs from hostile cells and layouts,
 * an ODS of hostile content.xml, a real workbook with bytes flipped or cut, or zips of random
 * parts), or whatever record XML, the ingest returns a report with Frictionless codes only, right byte count and
 * checksum, and never throws or hangs: the workbook readers are fed hostile files.
 */
const KNOWN_CODES = new Set<string>(ERROR_CODES);
const RUNS = Math.max(8, Math.round(FUZZ_RUNS / 2));

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const check = async (bytes: Buffer, sheet?: string): Promise<ValidationResult> => {
  let result: ValidationResult;
  try {
    result = await withinMs(CASE_MS, 'validateUpload', validateUpload({ source: chunked(bytes, 4096), sheet }));
  } catch (error) {
    throw new Error(`validateUpload threw for a ${bytes.length}-byte workbook: ${(error as Error).stack}`);
  }
  const problems: string[] = [];
  if (result.ok !== result.report.valid || result.report.valid !== (result.report.errorCount === 0)) problems.push('ok/valid/errorCount disagree');
  for (const error of result.report.errors) if (!KNOWN_CODES.has(error.code) || !error.message) problems.push(`error ${JSON.stringify(error)}`);
  if (result.original.bytes !== bytes.length) problems.push('byte count');
  if (result.original.sha256 !== createHash('sha256').update(bytes).digest('hex')) problems.push('checksum');
  if (problems.length) throw new Error(problems.join('; '));
  return result;
};

const cellValue = fc.oneof(
  hostileString(30),
  fc.double({ noNaN: false }),
  fc.integer(),
  fc.boolean(),
  fc.date({ min: new Date('1899-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
  fc.constant(null),
  fc.record({ formula: fc.constantFrom('A1+1', 'SUM(A:A)', '1/0'), result: fc.oneof(fc.integer(), fc.string(), fc.constant(undefined)) }),
);

const xlsx = fc
  .record({
    name: hostileString(20),
    rows: fc.array(fc.array(cellValue, { maxLength: 8 }), { maxLength: 25 }),
    merges: fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 3 })), {
      maxLength: 3,
    }),
    hiddenRows: fc.array(fc.integer({ min: 1, max: 25 }), { maxLength: 3 }),
    dateFormat: fc.constantFrom('dd/mm/yyyy', 'yyyy-mm-dd hh:mm', '[h]:mm', '"days" 0', '0.00%', 'General'),
  })
  .map(async ({ name, rows, merges, hiddenRows, dateFormat }) => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet(
      name
        .replace(/[\\/?*[\]:]/g, '')
        .slice(0, 31)
        .replace(/^'+|'+$/g, '') || 'S',
    );
    rows.forEach((cells, i) => {
      sheet.getRow(i + 1).values = cells as ExcelJS.CellValue[];
    });
    for (const [row, column, down, across] of merges) {
      try {
        sheet.mergeCells(row, column, row + down, column + across);
      } catch {
        // overlapping merges: exceljs refuses them, which is fine here
      }
    }
    for (const row of hiddenRows) sheet.getRow(row).hidden = true;
    sheet.getColumn(2).numFmt = dateFormat;
    return Buffer.from(await book.xlsx.writeBuffer());
  });

const odsCell = fc.oneof(
  hostileString(20).map((t) => `<table:table-cell office:value-type="string"><text:p>${t.replace(/[<&]/g, '')}</text:p></table:table-cell>`),
  fc.double().map((n) => `<table:table-cell office:value-type="float" office:value="${n}"/>`),
  fc.string().map((s) => `<table:table-cell office:value-type="date" office:date-value="${s.replace(/[<&"]/g, '')}"/>`),
  fc.integer({ min: 0, max: 2_000_000 }).map((n) => `<table:table-cell table:number-columns-repeated="${n}"/>`),
  fc
    .integer({ min: 1, max: 5 })
    .map(
      (n) =>
        `<table:table-cell table:number-columns-spanned="${n}" office:value-type="string"><text:p>h</text:p></table:table-cell><table:covered-table-cell/>`,
    ),
);
const ods = fc
  .array(fc.tuple(fc.array(odsCell, { maxLength: 6 }), fc.integer({ min: 1, max: 2_000_000 })), { maxLength: 12 })
  .map((rows) =>
    writeOds(
      `<table:table table:name="S">${rows.map(([cells, repeat]) => `<table:table-row table:number-rows-repeated="${cells.length ? Math.min(repeat, 3) : repeat}">${cells.join('')}</table:table-row>`).join('')}</table:table>`,
    ),
  );

let realBook: Buffer;
beforeAll(async () => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Data');
  sheet.addRows([
    ['Title'],
    [],
    ['borough', 'code', 'value', 'when'],
    ...Array.from({ length: 30 }, (_, i) => [`B${i}`, `E0900000${i % 10}`, i * 1.5, new Date(Date.UTC(2020, 0, i + 1))]),
  ]);
  realBook = Buffer.from(await book.xlsx.writeBuffer());
});

describe('workbook reader fuzz', () => {
  it(
    'workbooks of hostile cells, merges, hidden rows and number formats: a report, never an exception',
    async () => {
      await fc.assert(
        fc.asyncProperty(xlsx, fc.option(hostileString(10), { nil: undefined }), async (bytes, sheet) => {
          await check(await bytes, sheet);
        }),
        fuzzParameters(RUNS),
      );
    },
    timeoutFor(3000, RUNS),
  );

  it(
    'ODS content of hostile cells and huge repeat counts: a report, never an exception, never expanded',
    async () => {
      await fc.assert(
        fc.asyncProperty(ods, async (bytes) => {
          await check(bytes);
        }),
        fuzzParameters(RUNS),
      );
    },
    timeoutFor(3000, RUNS),
  );

  it(
    'a real workbook with bytes flipped, cut short or appended: a report, never an exception',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 20 }),
          fc.option(fc.nat(), { nil: undefined }),
          async (flips, cut) => {
            const bytes = Buffer.from(realBook);
            for (const [at, value] of flips) bytes[at % bytes.length] = value;
            await check(cut === undefined ? bytes : bytes.subarray(0, 4 + (cut % bytes.length)));
          },
        ),
        fuzzParameters(RUNS),
      );
    },
    timeoutFor(3000, RUNS),
  );

  it(
    'record XML of hostile names, attributes, text, entities and DTDs: a report, never an exception',
    async () => {
      const name = fc.oneof(fc.constantFrom('station', 'id', 'name', 'x:row', '__proto__', 'constructor', 'a-b.c'), fc.string({ minLength: 1, maxLength: 8 }));
      const text = fc.oneof(hostileString(20), fc.constantFrom('&amp;', '&lt;', '&bogus;', '&#0;', '&#xD800;', ']]>', '<![CDATA[x]]>'));
      const record = fc
        .tuple(name, fc.array(fc.tuple(name, text), { maxLength: 4 }), fc.array(fc.tuple(name, text), { maxLength: 3 }))
        .map(([tag, children, attributes]) => {
          const attrs = attributes.map(([n, v]) => ` ${n}="${v.replace(/"/g, '')}"`).join('');
          return `<${tag}${attrs}>${children.map(([n, v]) => `<${n}>${v}</${n}>`).join('')}</${tag}>`;
        });
      const doctype = fc.constantFrom('', '<!DOCTYPE r [<!ENTITY e "x">]>', '<!DOCTYPE r SYSTEM "file:///etc/passwd">', '<!DOCTYPE html>');
      await fc.assert(
        fc.asyncProperty(doctype, fc.array(record, { maxLength: 12 }), fc.boolean(), async (dtd, records, declared) => {
          const xml = `${declared ? '<?xml version="1.0"?>' : ''}${dtd}<root>${records.join('')}</root>`;
          await check(Buffer.from(xml, 'utf8'));
        }),
        fuzzParameters(RUNS * 4),
      );
    },
    timeoutFor(1000, RUNS * 4),
  );

  it(
    'zips of random parts under workbook names: a report, never an exception',
    async () => {
      const names = fc.constantFrom(
        '[Content_Types].xml',
        'xl/workbook.xml',
        'xl/_rels/workbook.xml.rels',
        'xl/worksheets/sheet1.xml',
        'xl/sharedStrings.xml',
        'xl/styles.xml',
        '_rels/.rels',
        'mimetype',
        'content.xml',
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              name: names,
              data: fc.oneof(
                fc.string({ maxLength: 300 }),
                fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
              ),
            }),
            { maxLength: 8 },
          ),
          async (parts) => {
            await check(writeZip(parts));
          },
        ),
        fuzzParameters(RUNS),
      );
    },
    timeoutFor(3000, RUNS),
  );
});
