import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readXlsxSheet } from '../../../functions/ingest/core/workbook/xlsx-sheet';
import { CheckedZip } from '../../../functions/ingest/core/workbook/zip-archive';
import { writeZip } from '../../support/zip-writer';
import { newWorkDir, removeWorkDirs } from './helpers';

afterAll(removeWorkDirs);

/** A Set that counts the notes made in it, noted again or not: the work a sheet's <col> elements cost. */
class CountingSet extends Set<number> {
  notes = 0;
  override add(value: number): this {
    this.notes++;
    return super.add(value);
  }
}

/**
 * A hidden range written again and again (a <col> element is 38 bytes, and compresses to almost nothing)
 * made each copy note up to maxColumns columns: 100 000 copies, 100 million notes, seconds of CPU from a
 * file of a few hundred KB. A real sheet's ranges do not overlap, so it has at most 16 384 of them.
 */
test('a hidden <col> range repeated past the 16 384 a sheet may have is noted no further', async () => {
  const sheet = `<worksheet><cols>${'<col min="1" max="16384" hidden="1"/>'.repeat(100_000)}</cols><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row></sheetData></worksheet>`;
  const bytes = writeZip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
  ]);
  const path = join(await newWorkDir(), 'book.xlsx');
  await writeFile(path, bytes);
  const zip = await CheckedZip.open(path, { maxEntries: 100, maxUncompressedBytes: 2 ** 30, maxRatio: 1e9, ratioCheckAboveBytes: 2 ** 30 });
  try {
    const reading = await readXlsxSheet(zip, { sharedStrings: [], styleDates: [], date1904: false }, 'xl/worksheets/sheet1.xml', 1000);
    const hidden = new CountingSet();
    reading.hiddenColumns = hidden;
    for await (const _ of reading.rows);
    expect(hidden.size).toBe(1000);
    expect(hidden.notes).toBeLessThanOrEqual(16_384 * 1000);
  } finally {
    zip.close();
  }
});
