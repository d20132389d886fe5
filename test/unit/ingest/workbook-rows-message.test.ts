import { CELL_NUMBER, CELL_TEXT, CELL_TYPED } from '../../../functions/ingest/core/workbook/row-sink';
import { decodeRows, FlatRowSink, type RowsMessage, transferables } from '../../../functions/ingest/core/workbook/sheet-rows-message';

/**
 * The sheet worker's batches (sheet-rows-message.ts): cells cross as one string with their ends,
 * rows may be cut by a parsed chunk's end, and a batch is handed on only once it holds enough
 * cells (or the sheet ends), so the threads are not woken for every parsed chunk.
 */
test('rows cut across takes, gaps, empty cells and text beyond Latin-1 come back exactly', () => {
  const sink = new FlatRowSink(0);
  const batches: RowsMessage[] = [];
  const take = (final: boolean) => {
    const batch = sink.take(final);
    if (batch) batches.push(batch);
  };
  sink.startRow(1, false);
  sink.cell(0, 'Café £ ✓ 🚲', CELL_TEXT);
  sink.cell(3, '2.50', CELL_NUMBER); // columns 1 and 2 are gaps
  sink.endRow();
  sink.startRow(4, true);
  sink.cell(0, '', CELL_TEXT);
  take(false); // row 4 is still open: only row 1 is handed on
  sink.cell(1, 'true', CELL_TYPED);
  sink.endRow();
  take(true);
  expect(batches.map((b) => Array.from(b.numbers))).toEqual([[1], [4]]);
  const rows = batches.flatMap((b) => decodeRows(b, false));
  expect(rows).toEqual([
    { number: 1, cells: ['Café £ ✓ 🚲', '', '', '2.5'], typed: [false, false, false, true], hidden: false },
    { number: 4, cells: ['', 'true'], typed: [false, true], hidden: true },
  ]);
  // Every typed array's buffer is transferred with the message rather than copied.
  expect(transferables(batches[0])).toHaveLength(5);
});

test('a batch is handed on once it holds the minimum of cells, or at the end of the sheet', () => {
  const sink = new FlatRowSink(100);
  const handed: number[] = [];
  for (let row = 1; row <= 95; row++) {
    sink.startRow(row, false);
    for (let c = 0; c < 3; c++) sink.cell(c, `${row}.${c}`, CELL_TEXT);
    sink.endRow();
    const batch = sink.take(false);
    if (batch) handed.push(batch.numbers.length);
  }
  const last = sink.take(true);
  // 34 rows of 3 cells reach 100 cells; the 27 left over go at the end.
  expect(handed).toEqual([34, 34]);
  expect(last?.numbers.length).toBe(27);
  expect(sink.take(true)).toBeNull();
});
