import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OriginalBytes, takeSample } from '../../../functions/ingest/core/byte-source';
import { resolveLimits } from '../../../functions/ingest/core/limits';
import { readWorkbookRows } from '../../../functions/ingest/core/workbook/read-workbook';
import { sheetWorkersRunning, sheetWorkersStarted } from '../../../functions/ingest/core/workbook/sheet-in-worker';
import { writeZip } from '../../support/zip-writer';
import { chunked, processBytes, readNdjson, removeWorkDirs } from './helpers';

/**
 * A large sheet is parsed in a worker thread (workbook/sheet-in-worker.ts). Every workbook here is
 * published twice, its sheet parsed in a worker (the threshold at 0 bytes) and on the ingest's own
 * thread (no threshold reached), and both must give the same table, report and rows: the worker
 * is only where the parse runs, never what it reads or refuses.
 */
const MESSY = join(__dirname, '../../fixtures/messy');
const IN_WORKER = { sheetWorkerAboveBytes: 0 };
const ON_THREAD = { sheetWorkerAboveBytes: Number.MAX_SAFE_INTEGER };

afterAll(removeWorkDirs);

async function both(bytes: Buffer, options: { sheet?: string } = {}) {
  const before = sheetWorkersStarted();
  const onThread = await processBytes(bytes, { filename: 'book.xlsx', ...options, limits: ON_THREAD });
  expect(sheetWorkersStarted()).toBe(before);
  const inWorker = await processBytes(bytes, { filename: 'book.xlsx', ...options, limits: IN_WORKER });
  expect(sheetWorkersStarted()).toBeGreaterThan(before);
  const seen = async (result: typeof onThread) => ({
    ok: result.ok,
    format: result.detected.format,
    schema: result.schema,
    report: result.report,
    rows: result.outputs ? await readNdjson(result.outputs.ndjson.path) : null,
  });
  const expected = await seen(onThread);
  expect(await seen(inWorker)).toEqual(expected);
  return expected;
}

/** A one-sheet workbook around the given sheet XML. */
const book = (sheetXml: string, extra: { claimedSize?: number } = {}) =>
  writeZip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'xl/workbook.xml', data: '<workbook xmlns:r="r"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>' },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml, ...extra },
  ]);

test('the messy corpus workbooks: the same table, warnings and rows from the worker as from the ingest thread', async () => {
  const collisions = await both(await readFile(join(MESSY, 'collisions-title-merged-totals.xlsx')));
  expect(collisions.ok).toBe(true);
  // The hidden column and rows, the totals and notes below: what the worker learns reaches the report.
  expect(collisions.report.warnings.map((w) => w.code)).toEqual(
    expect.arrayContaining(['table-found', 'rows-left-out', 'hidden-rows', 'hidden-columns', 'other-sheets']),
  );
  // The first sheet holds no table: its worker is stopped early, the second sheet read in another.
  const schools = await both(await readFile(join(MESSY, 'schools-second-sheet.xlsx')));
  expect(schools.ok).toBe(true);
  const gla = await both(await readFile(join(MESSY, 'real-borough-profiles-GLA.xlsx')), { sheet: 'Data' });
  expect(gla.report.rowCount).toBe(39);
});

test('many chunks of rows, numbers as stored, error cells and hidden columns cross from the worker whole', async () => {
  const rows = 20_000;
  let xml = '<worksheet><cols><col min="2" max="2" hidden="1"/></cols><sheetData>';
  xml +=
    '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="B1" t="inlineStr"><is><t>n</t></is></c><c r="C1" t="inlineStr"><is><t>ok</t></is></c><c r="D1" t="inlineStr"><is><t>x</t></is></c></row>';
  for (let i = 2; i <= rows + 1; i++) {
    const flag = i % 1000 === 0 ? '<c t="e"><v>#N/A</v></c>' : `<c t="b"><v>${i % 2}</v></c>`;
    xml += `<row r="${i}"${i === 7 ? ' hidden="1"' : ''}><c r="A${i}" t="inlineStr"><is><t>Café £${i} ✓</t></is></c><c r="B${i}"><v>${i}</v></c>${flag}<c r="D${i}"><v>${i}.250</v></c></row>`;
  }
  xml += '</sheetData></worksheet>';
  const result = await both(book(xml));
  expect(result.ok).toBe(true);
  expect(result.report.rowCount).toBe(rows);
  // Numbers cross as stored ("2.250") and get their final text after the crossing.
  expect(result.rows?.[0]).toEqual({ name: 'Café £2 ✓', n: 2, ok: false, x: 2.25 });
  expect(result.rows?.[rows - 1]).toEqual({ name: `Café £${rows + 1} ✓`, n: rows + 1, ok: true, x: rows + 1.25 });
  const messages = result.report.warnings.map((w) => w.message).join('\n');
  expect(messages).toMatch(/20 cell\(s\) hold a spreadsheet error such as #N\/A/);
  expect(messages).toMatch(/Column\(s\) B \("n"\) are hidden/);
  expect(messages).toMatch(/1 row\(s\) of the table are hidden in the workbook \(sheet rows 7\)/);
});

test('a sheet hiding its real size, a DTD, a short part and broken XML found while the worker reads the sheet are refused with the same report', async () => {
  const refusedAlike = async (bytes: Buffer) => {
    const result = await both(bytes);
    expect(result.ok).toBe(false);
    expect(result.report.errors).toHaveLength(1);
    expect(result.report.errors[0].code).toBe('format-error');
    expect(result.rows).toBeNull();
    return result.report.errors[0].message;
  };
  const filler = `<row><c t="inlineStr"><is><t>${'x'.repeat(1000)}</t></is></c></row>`.repeat(1000);
  const lying = book(`<worksheet><sheetData>${filler}</sheetData></worksheet>`, { claimedSize: 4096 });
  expect(await refusedAlike(lying)).toMatch(/sheet1\.xml cannot be unpacked .*zip bomb hiding its real size/);
  expect(
    await refusedAlike(
      book(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>',
      ),
    ),
  ).toMatch(/declares a DTD/);
  const sheet = '<worksheet><sheetData><row><c t="inlineStr"><is><t>a</t></is></c></row></sheetData></worksheet>';
  expect(await refusedAlike(book(sheet, { claimedSize: sheet.length + 500 }))).toMatch(/not the \d+ its directory entry declares/);
  expect(await refusedAlike(book('<worksheet><sheetData><row><c><v>1</v></c></row></sheetData>'))).toMatch(/not well-formed XML/);
});

test('a reader that stops after the first rows ends the worker parsing the rest of the sheet', async () => {
  let xml = '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row>';
  // Far more inflated chunks than the worker may run ahead, so it is still parsing when the reader stops.
  for (let i = 2; i <= 60_000; i++) xml += `<row r="${i}"><c r="A${i}" t="inlineStr"><is><t>${'row '.repeat(20)}${i}</t></is></c></row>`;
  xml += '</sheetData></worksheet>';
  const limits = resolveLimits({ sheetWorkerAboveBytes: 0 });
  const before = { started: sheetWorkersStarted(), running: sheetWorkersRunning() };
  const sample = await takeSample(new OriginalBytes(chunked(book(xml), 65536)), limits.sampleBytes);
  let batches = 0;
  for await (const _ of readWorkbookRows(sample, {}, limits, () => undefined)) {
    batches++;
    break;
  }
  expect(batches).toBe(1);
  expect(sheetWorkersStarted()).toBe(before.started + 1);
  for (let waited = 0; sheetWorkersRunning() > before.running && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(sheetWorkersRunning()).toBe(before.running);
});

test('cells placed by their references: the next column read from its first two characters, every other reference in full', async () => {
  const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const header = `<row r="1">${cell('A1', 'a')}${cell('B1', 'b')}${cell('C1', 'c')}${cell('BC1', 'bc')}</row>`;
  // After A2 the next column is B: `BC2` starts with it but is column 55; `C2` skips B; `$B$2`, `b2`
  // and a reference that is not one are read in full (the last two, like no reference, mean the next column).
  const rows = [
    `<row r="2">${cell('A2', 'x')}${cell('BC2', 'far')}</row>`,
    `<row r="3">${cell('A3', 'x')}${cell('C3', 'skip')}</row>`,
    `<row r="4">${cell('A4', 'x')}${cell('$B$4', 'abs')}${cell('b4', 'lower')}</row>`,
    `<row r="5">${cell('A5', 'x')}${cell('B5x', 'odd')}<c t="inlineStr"><is><t>none</t></is></c></row>`,
  ];
  const result = await both(book(`<worksheet><sheetData>${header}${rows.join('')}</sheetData></worksheet>`));
  expect(result.ok).toBe(true);
  // Columns D to BB have no header: the table is A to BC, so `bc` is the 55th column.
  expect(Object.keys(result.rows?.[0] ?? {})).toHaveLength(55);
  expect(result.rows?.map((r) => [r.a, r.b, r.c, r.bc])).toEqual([
    ['x', null, null, 'far'],
    ['x', null, 'skip', null],
    ['x', 'abs', 'lower', null],
    ['x', 'odd', 'none', null],
  ]);
});
