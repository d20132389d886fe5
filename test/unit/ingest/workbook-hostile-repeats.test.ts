import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateUpload } from '../../../functions/ingest/core';
import { readOdsSheet } from '../../../functions/ingest/core/workbook/ods-sheet';
import { readXlsxSheet } from '../../../functions/ingest/core/workbook/xlsx-sheet';
import { CheckedZip } from '../../../functions/ingest/core/workbook/zip-archive';
import { oneSheetXlsx } from '../../support/one-sheet-xlsx';
import { writeOds } from '../../support/zip-writer';
import { chunked, newWorkDir, removeWorkDirs } from './helpers';

afterAll(removeWorkDirs);

/**
 * Hostile workbooks that make a reader do far more work than their bytes: a cell far to the right
 * (every row padded out to it), an ODS cell or row repeated thousands of times, runs of spaces
 * written as one element. Each is refused by a cap with a report, on the ingest's thread and in
 * the sheet worker alike, before the work is done.
 */
const IN_WORKER = { sheetWorkerAboveBytes: 0 };
const ON_THREAD = { sheetWorkerAboveBytes: Number.MAX_SAFE_INTEGER };

const book = oneSheetXlsx;

const text = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;

async function outcome(bytes: Buffer, limits: Record<string, number> = {}) {
  const result = await validateUpload({ source: chunked(bytes, 65536), limits });
  return { ok: result.ok, errors: result.report.errors.map((e) => [e.code, e.message]), rowCount: result.report.rowCount };
}

/** The same outcome with the sheet parsed on the ingest's thread and in a worker. */
async function xlsxOutcome(sheetXml: string, limits: Record<string, number> = {}) {
  const bytes = book(sheetXml);
  const onThread = await outcome(bytes, { ...limits, ...ON_THREAD });
  expect(await outcome(bytes, { ...limits, ...IN_WORKER })).toEqual(onThread);
  return onThread;
}

describe('.xlsx: a value beyond the column cap is refused before any row is padded out to it', () => {
  test('rows each holding one value in column XFD (the 16 384th)', async () => {
    let xml = `<worksheet><sheetData><row r="1">${text('A1', 'name')}${text('B1', 'n')}</row>`;
    for (let r = 2; r <= 2000; r++) xml += `<row r="${r}">${text(`A${r}`, `x${r}`)}<c r="B${r}"><v>${r}</v></c><c r="XFD${r}"><v>1</v></c></row>`;
    xml += '</sheetData></worksheet>';
    expect(await xlsxOutcome(xml)).toEqual({
      ok: false,
      rowCount: 0,
      errors: [
        [
          'format-error',
          'Sheet row 2 has a value in column XFD (column 16,384); at most 1,000 columns are accepted. Split it into narrower tables, or reshape it to long format (one row per value).',
        ],
      ],
    });
  });

  test('cells without references counted past the cap, and the cap itself from the limits', async () => {
    const wide = `<row r="1">${'<c t="inlineStr"><is><t>h</t></is></c>'.repeat(30)}</row><row r="2">${'<c><v>1</v></c>'.repeat(30)}</row>`;
    const result = await xlsxOutcome(`<worksheet><sheetData>${wide}</sheetData></worksheet>`, { maxColumns: 20 });
    expect(result.errors).toEqual([['format-error', expect.stringMatching(/^Sheet row 1 has a value in column U \(column 21\); at most 20 columns/)]]);
  });

  test('an empty cell far to the right (a styled cell, an empty inline string) is no value: the file is published', async () => {
    let xml = `<worksheet><sheetData><row r="1">${text('A1', 'name')}${text('B1', 'n')}<c r="XFD1" s="1"/></row>`;
    for (let r = 2; r <= 20; r++) xml += `<row r="${r}">${text(`A${r}`, `x${r}`)}<c r="B${r}"><v>${r}</v></c>${text(`XFC${r}`, '')}</row>`;
    xml += '</sheetData></worksheet>';
    expect(await xlsxOutcome(xml)).toEqual({ ok: true, rowCount: 19, errors: [] });
  });
});

describe('.ods: repeated cells and rows are bounded by the caps, never by the count they declare', () => {
  const table = (rows: string) =>
    writeOds(
      `<table:table table:name="S"><table:table-row><table:table-cell><text:p>name</text:p></table:table-cell><table:table-cell><text:p>n</text:p></table:table-cell></table:table-row>${rows}</table:table>`,
    );
  const cell = (value: string, repeat = 1) =>
    `<table:table-cell${repeat > 1 ? ` table:number-columns-repeated="${repeat}"` : ''}><text:p>${value}</text:p></table:table-cell>`;
  const empty = (repeat: number) => `<table:table-cell table:number-columns-repeated="${repeat}"/>`;

  test('a value repeated across 16 384 columns, in row after row', async () => {
    const row = `<table:table-row>${cell('a')}${cell('1')}${cell('x', 16_382)}</table:table-row>`;
    expect((await outcome(table(row.repeat(2000)))).errors).toEqual([
      [
        'format-error',
        'Sheet row 2 has a value in column ALM (column 1,001); at most 1,000 columns are accepted. Split it into narrower tables, or reshape it to long format (one row per value).',
      ],
    ]);
  });

  test('a value after a long run of empty cells; a run of empty cells at the end of a row is nothing', async () => {
    const far = `<table:table-row>${cell('a')}${cell('1')}${empty(5000)}${cell('x')}</table:table-row>`;
    expect((await outcome(table(far))).errors).toEqual([['format-error', expect.stringMatching(/^Sheet row 2 has a value in column GJK \(column 5,003\)/)]]);
    const trailing = `<table:table-row>${cell('a')}${cell('1')}${empty(16_382)}</table:table-row>`;
    expect(await outcome(table(trailing.repeat(10)))).toEqual({ ok: true, rowCount: 10, errors: [] });
  });

  test('a row of values repeated far more times than the caps allow work for', async () => {
    // 100 columns of text, repeated 10 000 times: the work is counted against the unpacked-size cap (here 1 MiB).
    const row = `<table:table-row table:number-rows-repeated="10000">${cell('a')}${cell('1', 99)}</table:table-row>`;
    const result = await outcome(table(row), { maxZipUncompressedBytes: 2 ** 20 });
    expect(result.errors).toEqual([
      ['format-error', expect.stringMatching(/^Sheet row 2 is repeated 10,000 times \(table:number-rows-repeated\).*more than the 1 MiB/)],
    ]);
    // The same row repeated a few times is a real table's (LibreOffice writes identical rows so).
    const few = `<table:table-row table:number-rows-repeated="30">${cell('a')}${cell('1')}</table:table-row>`;
    expect(await outcome(table(few), { maxZipUncompressedBytes: 2 ** 20 })).toEqual({ ok: true, rowCount: 30, errors: [] });
  });

  test('values after a run of empty rows reaching past the last row a sheet may have are refused, not left out', async () => {
    const beyond = `<table:table-row table:number-rows-repeated="2000000"><table:table-cell/></table:table-row><table:table-row>${cell('a')}${cell('1')}</table:table-row>`;
    expect((await outcome(table(`<table:table-row>${cell('a')}${cell('1')}</table:table-row>${beyond}`))).errors).toEqual([
      ['format-error', 'The sheet has values in row 2,000,003 or beyond, past the 1,048,576 rows a spreadsheet may have.'],
    ]);
    const crossing = `<table:table-row table:number-rows-repeated="1048576">${cell('a')}${cell('1')}</table:table-row>`;
    expect((await outcome(table(crossing))).errors).toEqual([
      ['format-error', 'The sheet has values in row 1,048,577 or beyond, past the 1,048,576 rows a spreadsheet may have.'],
    ]);
  });

  test('a row repeated to the last row a sheet may have is written out in batches, every copy published', async () => {
    const filling = `<table:table-row table:number-rows-repeated="1048575">${cell('a')}${cell('1')}</table:table-row>`;
    const result = await outcome(table(filling));
    expect(result).toEqual({ ok: true, rowCount: 1_048_575, errors: [] });
  });

  test('runs of spaces written as one element (text:s) are held to the record cap', async () => {
    const spaces = `<table:table-row>${cell('a')}<table:table-cell><text:p>1${'<text:s text:c="1000"/>'.repeat(2000)}</text:p></table:table-cell></table:table-row>`;
    expect((await outcome(table(spaces))).errors).toEqual([
      ['format-error', expect.stringMatching(/^Sheet row 2 holds more than the 1,024 KB of text a single row may hold/)],
    ]);
  });
});

test('hidden columns declared out to XFD, again and again, are noted only as far as the column cap', async () => {
  const caps = { maxEntries: 100, maxUncompressedBytes: 2 ** 30, maxRatio: 1e9, ratioCheckAboveBytes: 2 ** 30 };
  const open = async (bytes: Buffer) => {
    const path = join(await newWorkDir(), 'book.zip');
    await writeFile(path, bytes);
    return CheckedZip.open(path, caps);
  };
  const hiddenAfterReading = async (reading: Awaited<ReturnType<typeof readXlsxSheet>>) => {
    for await (const _ of reading.rows);
    return reading.hiddenColumns.size;
  };
  const cols = '<col min="1" max="16384" hidden="1"/>'.repeat(50);
  const xlsx = await open(book(`<worksheet><cols>${cols}</cols><sheetData><row r="1">${text('A1', 'a')}</row></sheetData></worksheet>`));
  const parts = { sharedStrings: [], styleDates: [], date1904: false };
  expect(await hiddenAfterReading(await readXlsxSheet(xlsx, parts, 'xl/worksheets/sheet1.xml', 1000))).toBe(1000);
  xlsx.close();
  const ods = await open(
    writeOds(
      `<table:table table:name="S">${'<table:table-column table:visibility="collapse" table:number-columns-repeated="16384"/>'.repeat(50)}<table:table-row><table:table-cell><text:p>a</text:p></table:table-cell></table:table-row></table:table>`,
    ),
  );
  const limits = { maxColumns: 1000, maxRecordBytes: 2 ** 20, maxZipUncompressedBytes: 2 ** 30 };
  expect(await hiddenAfterReading(await readOdsSheet(ods, 0, limits))).toBe(1000);
  ods.close();
});
