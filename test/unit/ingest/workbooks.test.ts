import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { validateUpload } from '../../../functions/ingest/core';
import { writeOds, writeZip } from '../../support/zip-writer';
import { chunked, listDir, processBytes, readNdjson, removeWorkDirs } from './helpers';

/** Excel and OpenDocument workbooks: the table found, typed cells, what is reported, and the zip caps. */
const MESSY = join(__dirname, '../../fixtures/messy');

afterAll(removeWorkDirs);

const warnings = (result: { report: { warnings: { code: string; message: string }[] } }, code: string) =>
  result.report.warnings.filter((w) => w.code === code).map((w) => w.message);

describe('an .xlsx with a title, a merged two-row header, totals and notes', () => {
  let result: Awaited<ReturnType<typeof processBytes>>;
  let bytes: Buffer;
  beforeAll(async () => {
    bytes = await readFile(join(MESSY, 'collisions-title-merged-totals.xlsx'));
    result = await processBytes(bytes, { filename: 'collisions.xlsx' }, 4096);
  });

  test('is detected by content and published with every output', () => {
    expect(result.ok).toBe(true);
    expect(result.detected.format).toBe('xlsx');
    expect(Object.keys(result.outputs!).sort()).toEqual(['csv', 'json', 'ndjson', 'parquet']);
    expect(result.original).toEqual({ bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  });

  test('names merged header cells "top bottom" and types serial dates and formulas', async () => {
    expect(result.schema.fields.map((f) => [f.name, f.type])).toEqual([
      ['Borough', 'string'],
      ['Code', 'string'],
      ['Casualties Slight', 'integer'],
      ['Casualties Serious', 'integer'],
      ['Casualties Total', 'integer'],
      ['First reported', 'date'],
    ]);
    const rows = await readNdjson(result.outputs!.ndjson.path);
    expect(rows).toEqual([
      { Borough: 'Camden', Code: 'E09000007', 'Casualties Slight': 410, 'Casualties Serious': 52, 'Casualties Total': 462, 'First reported': '2023-01-03' },
      { Borough: 'Hackney', Code: 'E09000012', 'Casualties Slight': 380, 'Casualties Serious': 41, 'Casualties Total': 421, 'First reported': '2023-01-05' },
      { Borough: 'Islington', Code: 'E09000019', 'Casualties Slight': 295, 'Casualties Serious': 37, 'Casualties Total': 332, 'First reported': '2023-01-09' },
    ]);
  });

  test('reports the title above, the totals and notes left out, hidden rows and columns and the other sheet', () => {
    expect(warnings(result, 'table-found')[0]).toMatch(
      /header at rows 4–5, columns A–F; the row\(s\) above it \("Road traffic collisions by borough, 2023", "Source: Metropolitan Police; provisional"\)/,
    );
    expect(warnings(result, 'rows-left-out').join(' ')).toMatch(/row\(s\) 9 below the table look like totals \("Total 1085 130 1215"\)/);
    expect(warnings(result, 'rows-left-out').join(' ')).toMatch(/row\(s\) 11 below the table are notes/);
    expect(warnings(result, 'hidden-rows')[0]).toMatch(/1 row\(s\).*sheet rows 7\)/);
    expect(warnings(result, 'hidden-columns')[0]).toMatch(/D \("Casualties Serious"\)/);
    expect(warnings(result, 'other-sheets')[0]).toMatch(/Sheet "Collisions" is published.*"About"/);
  });
});

test('the first sheet holding a table is published, or the declared one', async () => {
  const bytes = await readFile(join(MESSY, 'schools-second-sheet.xlsx'));
  const first = await validateUpload({ source: chunked(bytes, 65536) });
  expect(first.ok).toBe(true);
  expect(warnings(first, 'other-sheets')[0]).toMatch(/Sheet "Schools" is published.*"Read me"/);
  const declared = await validateUpload({ source: chunked(bytes, 65536), sheet: 'read me' });
  expect(declared.report.errors[0].message).toMatch(/Sheet "read me" holds no table/);
  const missing = await validateUpload({ source: chunked(bytes, 65536), sheet: 'Budget' });
  expect(missing.report.errors[0].message).toBe('The workbook has no sheet called "Budget". Its sheets are "Read me", "Schools".');
});

test('the real GLA workbook: the Data sheet, declared, publishes 39 areas (33 boroughs, 5 aggregates, a comparator) with numeric columns', async () => {
  const bytes = await readFile(join(MESSY, 'real-borough-profiles-GLA.xlsx'));
  const result = await validateUpload({ source: chunked(bytes, 65536), sheet: 'Data' });
  expect(result.ok).toBe(true);
  // The blank second header row (one cell holds a space) is skipped; the #1…#5 footnote markers are codes, so kept.
  expect(result.report.rowCount).toBe(39);
  const types = new Map(result.schema.fields.map((f) => [f.name, f.type]));
  expect(types.get('GLA Population Estimate 2017')).toBe('integer');
  expect(types.get('Average Age, 2017')).toBe('number');
  expect(types.get('Area name')).toBe('string');
});

test('an .ods: repeated empty rows are never expanded, spans name the header, dates and formulas typed', async () => {
  const bytes = await readFile(join(MESSY, 'calc-title-spans.ods'));
  const result = await processBytes(bytes, {});
  expect(result.detected.format).toBe('ods');
  expect(result.schema.fields.map((f) => [f.name, f.type])).toEqual([
    ['site', 'string'],
    ['measured', 'date'],
    ['NO2 value', 'number'],
    ['NO2 ratified', 'boolean'],
  ]);
  expect((await readNdjson(result.outputs!.ndjson.path))[1]).toEqual({ site: 'CD2', measured: '2024-05-02', 'NO2 value': 42.5, 'NO2 ratified': true });
  expect(warnings(result, 'hidden-columns')[0]).toMatch(/C \("NO2 value"\)/);
});

test('a header of blank and repeated names is made unique and reported', async () => {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('S').addRows([
    ['name', '', 'name', 'value'],
    ['a', 1, 2, 3],
    ['b', 4, 5, 6],
  ]);
  const result = await validateUpload({ source: chunked(Buffer.from(await book.xlsx.writeBuffer()), 65536) });
  expect(result.schema.fields.map((f) => f.name)).toEqual(['name', 'column_B', 'name_2', 'value']);
  expect(warnings(result, 'header-renamed')).toHaveLength(2);
});

test('a header cell merged across columns over typed data names the columns it covers (merges read only when needed)', async () => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('S');
  sheet.addRows([
    ['borough', 'casualties', null, 'year'],
    ['Camden', 10, 12, 2023],
    ['Hackney', 8, 9, 2023],
  ]);
  sheet.mergeCells('B1:C1');
  const plain = new ExcelJS.Workbook();
  plain.addWorksheet('S').addRows([
    ['borough', 'casualties', null, 'year'],
    ['Camden', 10, 12, 2023],
  ]);
  const names = async (workbook: ExcelJS.Workbook) =>
    (await validateUpload({ source: chunked(Buffer.from(await workbook.xlsx.writeBuffer()), 65536) })).schema.fields.map((f) => f.name);
  expect(await names(book)).toEqual(['borough', 'casualties', 'casualties_2', 'year']);
  expect(await names(plain)).toEqual(['borough', 'casualties', 'column_C', 'year']);
});

test('cells of spaces only, ASCII or not (a non-breaking space), are blank, as a spreadsheet shows them', async () => {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('S').addRows([
    ['site', 'note'],
    ['BL0', '\u00a0\u00a0'],
    ['CD9', '   '],
    ['\u2003', '\u00a0'],
    ['HK6', 'ok'],
  ]);
  const result = await processBytes(Buffer.from(await book.xlsx.writeBuffer()), { filename: 's.xlsx' });
  expect(result.ok).toBe(true);
  expect(await readNdjson(result.outputs!.ndjson.path)).toEqual([
    { site: 'BL0', note: null },
    { site: 'CD9', note: null },
    { site: 'HK6', note: 'ok' },
  ]);
  expect(warnings(result, 'rows-left-out')).toEqual([expect.stringMatching(/1 blank row\(s\) inside the table were skipped \(sheet rows 4\)/)]);
});

/** A one-sheet workbook's parts but the sheet (xl/worksheets/sheet1.xml). */
const bookParts = () => [
  { name: '[Content_Types].xml', data: '<Types/>' },
  { name: 'xl/workbook.xml', data: '<workbook xmlns:r="r"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>' },
  {
    name: 'xl/_rels/workbook.xml.rels',
    data: '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  },
];

test('a sheet part of many inflated chunks, deflated or stored, is read whole: every row, and characters cut by a chunk boundary', async () => {
  const rows = 30_000;
  let xml = '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="B1" t="inlineStr"><is><t>n</t></is></c></row>';
  for (let i = 2; i <= rows + 1; i++) xml += `<row r="${i}"><c r="A${i}" t="inlineStr"><is><t>Café £${i} ✓</t></is></c><c r="B${i}"><v>${i}</v></c></row>`;
  xml += '</sheetData></worksheet>';
  expect(Buffer.byteLength(xml)).toBeGreaterThan(4 * 256 * 1024);
  for (const store of [false, true]) {
    const bytes = writeZip([...bookParts(), { name: 'xl/worksheets/sheet1.xml', data: xml, store }]);
    const result = await processBytes(bytes, { filename: 'many.xlsx' });
    expect(result.ok).toBe(true);
    expect(result.report.rowCount).toBe(rows);
    const written = await readNdjson(result.outputs!.ndjson.path);
    expect(written.every((row, i) => row.name === `Café £${i + 2} ✓` && row.n === i + 2)).toBe(true);
  }
});

describe('zip bombs and hostile parts are refused with a report', () => {
  const refused = async (bytes: Buffer, limits = {}) => {
    const result = await validateUpload({ source: chunked(bytes, 65536), limits });
    expect(result.ok).toBe(false);
    expect(result.report.errors).toHaveLength(1);
    expect(result.report.errors[0].code).toBe('format-error');
    return result.report.errors[0].message;
  };
  const book = (sheetXml: string) => writeZip([...bookParts(), { name: 'xl/worksheets/sheet1.xml', data: sheetXml }]);

  test('a part compressed beyond the ratio cap', async () => {
    expect(await refused(await readFile(join(MESSY, 'zip-bomb-ratio.xlsx')))).toMatch(/compressed 1,029 to 1, more than the 200 to 1/);
  });
  test('a part that inflates beyond the size its directory entry declares', async () => {
    expect(await refused(await readFile(join(MESSY, 'zip-bomb-lying-size.xlsx')))).toMatch(/cannot be unpacked .*zip bomb hiding its real size/);
  });
  test('a part that inflates to less than the size its directory entry declares', async () => {
    const sheet = '<worksheet><sheetData><row><c t="inlineStr"><is><t>a</t></is></c></row></sheetData></worksheet>';
    const short = writeZip([...bookParts(), { name: 'xl/worksheets/sheet1.xml', data: sheet, claimedSize: sheet.length + 500 }]);
    expect(await refused(short)).toMatch(/part xl\/worksheets\/sheet1\.xml cannot be unpacked \(\d+ bytes, not the \d+ its directory entry declares\)/);
  });
  test('more parts than the entry cap, or more bytes than the total cap', async () => {
    const small = book('<worksheet><sheetData><row><c t="inlineStr"><is><t>a</t></is></c></row></sheetData></worksheet>');
    expect(await refused(small, { maxZipEntries: 3 })).toMatch(/holds 4 parts, more than the 3/);
    expect(await refused(small, { maxZipUncompressedBytes: 100 })).toMatch(/unpacks to more than .* zip bomb/);
  });
  test('a DTD inside a workbook part (an XML bomb) is never processed', async () => {
    const bomb = book(
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>',
    );
    expect(await refused(bomb)).toMatch(/declares a DTD/);
  });
  test('a legacy .xls asks for .xlsx; a zip that is no workbook says so', async () => {
    expect(await refused(await readFile(join(MESSY, 'legacy.xls')))).toMatch(/legacy Excel \.xls.*save it as \.xlsx/);
    expect(await refused(await readFile(join(MESSY, 'not-a-workbook.zip')))).toMatch(/ZIP archive but not an Excel/);
  });
  test('a real BIFF8 workbook (Excel 97-2003, as the GLA still publishes ward profiles) is refused whatever its name, asking for .xlsx, nothing written', async () => {
    const bytes = await readFile(join(MESSY, 'ward-profiles-biff8.xls'));
    for (const filename of ['ward-profiles.xls', 'ward-profiles.xlsx', 'ward-profiles.csv', undefined]) {
      const result = await processBytes(bytes, { filename });
      expect(result.ok).toBe(false);
      expect(result.detected.format).toBeUndefined();
      expect(result.report.errors.map((e) => [e.code, e.row, e.message])).toEqual([
        [
          'format-error',
          null,
          'The file is a legacy Excel .xls workbook (or a password-protected one). The exchange reads .xlsx and .ods workbooks but not .xls: no maintained reader of the old format without known vulnerabilities exists for it. Open it in Excel or LibreOffice, save it as .xlsx (without a password) and upload that.',
        ],
      ]);
      expect(result.outputs).toBeUndefined();
      expect(await listDir(result.workDir)).toEqual([]);
      expect(result.original).toEqual({ bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    }
  });
  test('an .ods whose content is deeper than the nesting cap', async () => {
    const deep = writeOds(`<table:table table:name="S">${'<x>'.repeat(100)}${'</x>'.repeat(100)}</table:table>`);
    expect(await refused(deep)).toMatch(/nests elements more than 64 deep/);
  });
});
