import { takeSample, OriginalBytes } from '../../../functions/ingest/core/byte-source';
import { resolveLimits } from '../../../functions/ingest/core/limits';
import { readWorkbookRows } from '../../../functions/ingest/core/workbook/read-workbook';
import { sheetWorkersRunning, sheetWorkersStarted } from '../../../functions/ingest/core/workbook/sheet-in-worker';
import { writeZip } from '../../support/zip-writer';
import { chunked } from './helpers';

/**
 * A sheet refused while its table is being found (here: the second pass for merged cells, which a
 * header with a blank cell needs, meets a sheet hiding its real size) must still end the worker
 * already parsing that sheet: otherwise the worker waits for the reader forever, holding its
 * thread and the spooled workbook's descriptor.
 */
test('a sheet refused while its header is being read leaves no sheet worker running', async () => {
  let xml = '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="C1" t="inlineStr"><is><t>other</t></is></c></row>';
  for (let i = 2; i <= 60_000; i++) {
    xml += `<row r="${i}"><c r="A${i}" t="inlineStr"><is><t>${'row '.repeat(20)}${i}</t></is></c><c r="B${i}"><v>${i}</v></c><c r="C${i}"><v>${i}</v></c></row>`;
  }
  xml += '</sheetData></worksheet>';
  const bytes = writeZip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'xl/workbook.xml', data: '<workbook xmlns:r="r"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>' },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    },
    // Past the few batches the worker may run ahead, but well short of the sheet's real size.
    { name: 'xl/worksheets/sheet1.xml', data: xml, claimedSize: 2 * 2 ** 20 },
  ]);
  const limits = resolveLimits({ sheetWorkerAboveBytes: 0 });
  const before = { started: sheetWorkersStarted(), running: sheetWorkersRunning() };
  const sample = await takeSample(new OriginalBytes(chunked(bytes, 65536)), limits.sampleBytes);
  const read = async () => {
    for await (const _ of readWorkbookRows(sample, {}, limits, () => undefined)) {
      // the refusal comes before any row
    }
  };
  await expect(read()).rejects.toThrow(/zip bomb hiding its real size/);
  expect(sheetWorkersStarted()).toBe(before.started + 1);
  for (let waited = 0; sheetWorkersRunning() > before.running && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(sheetWorkersRunning()).toBe(before.running);
});
