import { CELL_NUMBER, CELL_TEXT, CELL_TYPED } from '../../../functions/ingest/core/workbook/row-sink';
import { decodeRows, FlatRowSink, type RowsMessage, transferables } from '../../../functions/ingest/core/workbook/sheet-rows-message';

/**
 * The sheet worker's batches (sheet-rows-message.ts): cells cross as one string with their ends,
 * and rows may be cut by a parsed chunk's end.
 */
test('rows cut across takes, gaps, empty cells and text beyond Latin-1 come back exactly', () => {
  const sink = new FlatRowSink();
  const batches: RowsMessage[] = [];
  const take = () => {
    const batch = sink.take();
    if (batch) batches.push(batch);
  };
  sink.startRow(1, false);
  sink.cell(0, 'Café £ ✓ 🚲', CELL_TEXT);
  sink.cell(3, '2.50', CELL_NUMBER); // columns 1 and 2 are gaps
  sink.endRow();
  sink.startRow(4, true);
  sink.cell(0, '', CELL_TEXT);
  take(); // row 4 is still open: only row 1 is handed on
  sink.cell(1, 'true', CELL_TYPED);
  sink.endRow();
  take();
  expect(batches.map((b) => Array.from(b.numbers))).toEqual([[1], [4]]);
  const rows = batches.flatMap((b) => decodeRows(b, false));
  expect(rows).toEqual([
    { number: 1, cells: ['Café £ ✓ 🚲', '', '', '2.5'], typed: [false, false, false, true], hidden: false },
    { number: 4, cells: ['', 'true'], typed: [false, true], hidden: true },
  ]);
  // Every typed array's buffer is transferred with the message rather than copied.
  expect(transferables(batches[0])).toHaveLength(5);
});
