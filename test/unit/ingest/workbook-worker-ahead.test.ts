import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OriginalBytes, takeSample } from '../../../functions/ingest/core/byte-source';
import { resolveLimits } from '../../../functions/ingest/core/limits';
import { readWorkbookRows } from '../../../functions/ingest/core/workbook/read-workbook';
import { sheetWorkersRunning, sheetWorkersStarted } from '../../../functions/ingest/core/workbook/sheet-in-worker';
import { oneSheetXlsx } from '../../support/one-sheet-xlsx';
import { writeZip } from '../../support/zip-writer';

/**
 * A sheet worker is started while the upload is spooled (read-workbook.ts, WorkerAhead), once
 * enough bytes have come for a sheet it would parse, so its start overlaps the spooling. It parses
 * the first sheet read in a worker, and is ended as soon as no sheet will need it: never left running.
 */
const MESSY = join(__dirname, '../../fixtures/messy');

const book = oneSheetXlsx;

function sheetOf(rows: number): string {
  let xml = '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="B1" t="inlineStr"><is><t>n</t></is></c></row>';
  for (let i = 2; i <= rows + 1; i++) xml += `<row r="${i}"><c r="A${i}" t="inlineStr"><is><t>row ${i}</t></is></c><c r="B${i}"><v>${i}</v></c></row>`;
  return `${xml}</sheetData></worksheet>`;
}

/** The upload in 64 KiB chunks, noting before each chunk after the first how many sheet workers are running. */
function watched(bytes: Buffer, seen: number[]): AsyncGenerator<Uint8Array> {
  return (async function* () {
    for (let at = 0; at < bytes.length; at += 65536) {
      if (at > 0) seen.push(sheetWorkersRunning());
      yield bytes.subarray(at, at + 65536);
    }
  })();
}

async function read(bytes: Buffer, sheetWorkerAboveBytes: number, seen: number[] = []) {
  const limits = resolveLimits({ sheetWorkerAboveBytes });
  const sample = await takeSample(new OriginalBytes(watched(bytes, seen)), limits.sampleBytes);
  let rows = 0;
  for await (const batch of readWorkbookRows(sample, {}, limits, () => undefined)) rows += batch.length;
  return rows - 1;
}

async function settled(running: number): Promise<number> {
  for (let waited = 0; sheetWorkersRunning() > running && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  return sheetWorkersRunning();
}

test('the worker starts while the upload is still being spooled, and parses the sheet', async () => {
  const bytes = book(sheetOf(60_000));
  expect(bytes.length).toBeGreaterThan(4 * 65536);
  const before = { started: sheetWorkersStarted(), running: sheetWorkersRunning() };
  const seen: number[] = [];
  // Past the sample (64 KiB), a worker would be started for a sheet of 1 MiB once 64 KiB have come.
  expect(await read(bytes, 2 ** 20, seen)).toBe(60_000);
  expect(seen.slice(-2)).toEqual([before.running + 1, before.running + 1]);
  expect(sheetWorkersStarted()).toBe(before.started + 1);
  expect(await settled(before.running)).toBe(before.running);
});

test('a worker started ahead is ended when no sheet needs it: a small sheet beside a large picture, an .ods, a zip that is no workbook', async () => {
  const before = { started: sheetWorkersStarted(), running: sheetWorkersRunning() };
  const small = Buffer.from(
    writeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.xml', data: '<workbook xmlns:r="r"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>' },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      },
      { name: 'xl/worksheets/sheet1.xml', data: sheetOf(3) },
      { name: 'xl/media/image1.png', data: Buffer.alloc(300_000, 1), store: true }, // stored, as a picture barely compresses
    ]),
  );
  const seen: number[] = [];
  // A sheet of 4 KiB would be parsed in a worker, so one is started once 256 bytes have come; this one is smaller.
  expect(await read(small, 4096, seen)).toBe(3);
  expect(seen).toContain(before.running + 1);
  const ods = await readFile(join(MESSY, 'calc-title-spans.ods'));
  expect(await read(ods, 16)).toBeGreaterThan(0);
  const notWorkbook = writeZip([{ name: 'readme.txt', data: 'x'.repeat(100_000) }]);
  await expect(read(notWorkbook, 16)).rejects.toThrow(/not an Excel/);
  expect(sheetWorkersStarted()).toBe(before.started);
  expect(await settled(before.running)).toBe(before.running);
});
