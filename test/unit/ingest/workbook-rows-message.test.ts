import { CELL_NUMBER, CELL_TEXT, CELL_TYPED } from '../../../functions/ingest/core/workbook/row-sink';
import { charsText, decodeRows, FlatRowSink, type RowsMessage, transferables } from '../../../functions/ingest/core/workbook/sheet-rows-message';

/**
 * The sheet worker's batches (sheet-rows-message.ts): cells cross as one buffer of characters with
 * their ends, and rows may be cut by a parsed chunk's end.
 */
function collector() {
  const sink = new FlatRowSink();
  const batches: RowsMessage[] = [];
  const take = () => {
    const batch = sink.take();
    if (batch) batches.push(batch);
  };
  return { sink, batches, take };
}

test('rows cut across takes, gaps, empty cells and text beyond Latin-1 come back exactly', () => {
  const { sink, batches, take } = collector();
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
  expect(transferables(batches[0])).toHaveLength(6);
  // A Latin-1 batch crosses in one byte per character, one beyond it in two.
  expect(batches[0].chars).toBeInstanceOf(Uint16Array);
  expect(batches[1].chars).toBeInstanceOf(Uint8Array);
});

test('a cell for a column the row already has replaces it, and cells out of order are put in column order', () => {
  const { sink, batches, take } = collector();
  sink.startRow(1, false);
  sink.cell(2, 'c', CELL_TEXT);
  sink.cell(0, 'a', CELL_TEXT); // before the cell already written
  sink.cell(2, 'C', CELL_TEXT); // the same column again: the later one wins
  sink.cell(1, '7', CELL_NUMBER);
  sink.endRow();
  sink.startRow(2, false);
  sink.cell(0, 'x', CELL_TEXT);
  sink.cell(0, 'Ünïcode ✓', CELL_TEXT); // widens the batch while rewriting the row
  take();
  sink.cell(1, 'y', CELL_TEXT);
  sink.endRow();
  take();
  expect(batches.flatMap((b) => decodeRows(b, false)).map((r) => r.cells)).toEqual([
    ['a', '7', 'C'],
    ['Ünïcode ✓', 'y'],
  ]);
});

test('a character beyond Latin-1 in the middle of a batch, and batches past the first buffers, keep every character', () => {
  const { sink, batches, take } = collector();
  const expected: string[][] = [];
  // 20 000 cells of up to 40 characters: past the first buffers of characters and of cells.
  for (let r = 1; r <= 2000; r++) {
    sink.startRow(r, false);
    const cells: string[] = [];
    for (let c = 0; c < 10; c++) {
      const text = r === 1500 && c === 5 ? `wide Łódź ${'€'.repeat(3)} 🚲 \ud800 lone` : `r${r}c${c}-${'x'.repeat((r * c) % 30)}`;
      sink.cell(c, text, CELL_TEXT);
      cells.push(text);
    }
    sink.endRow();
    expected.push(cells);
    if (r % 700 === 0) {
      sink.startRow(r + 0.5, false); // a row left open across the take (never ended: dropped)
      take();
      sink.endRow();
      expected.push([]);
    }
  }
  take();
  const rows = batches.flatMap((b) => decodeRows(b, false));
  expect(rows.map((r) => r.cells)).toEqual(expected);
  expect(batches.map((b) => b.chars.constructor.name)).toEqual(['Uint8Array', 'Uint8Array', 'Uint16Array']);
});

test('charsText decodes one byte per character as Latin-1 and two as UTF-16', () => {
  expect(charsText(Uint8Array.from([0x43, 0x61, 0x66, 0xe9]), 1, 4)).toBe('afé');
  expect(charsText(Uint16Array.from('a€🚲'.split('').map((c) => c.charCodeAt(0))), 0, 4)).toBe('a€🚲');
});

test('cells that come back again and again to a column of a wide open row cost one write each, not a rewrite of the row', () => {
  // A hostile sheet: one row of 1000 cells, then `<c r="A1">` repeated (28 bytes each): rewriting
  // the row's characters for each made the worker's work grow with cells × row width.
  const { sink, batches, take } = collector();
  const pushes = jest.spyOn(FlatRowSink.prototype as unknown as { push: () => void }, 'push');
  try {
    sink.startRow(1, false);
    for (let c = 0; c < 1000; c++) sink.cell(c, `c${c}`, CELL_TEXT);
    for (let i = 0; i < 3000; i++) {
      sink.cell(i % 3, `back${i}`, CELL_TYPED);
      if (i === 1500) take(); // the open row crosses a take
    }
    sink.cell(1002, 'last', CELL_TEXT); // past the row's end again: a gap, then the cell
    sink.endRow();
    sink.startRow(2, false);
    sink.cell(1, 'b', CELL_TEXT);
    sink.cell(0, 'a', CELL_TEXT);
    sink.endRow();
    take();
    expect(pushes.mock.calls.length).toBeLessThanOrEqual(3 * (1003 + 2));
  } finally {
    pushes.mockRestore();
  }
  const rows = batches.flatMap((b) => decodeRows(b, false));
  const first = Array.from({ length: 1003 }, (_, c) => (c < 3 ? `back${2997 + c}` : c < 1000 ? `c${c}` : c === 1002 ? 'last' : ''));
  expect(rows.map((r) => r.cells)).toEqual([first, ['a', 'b']]);
  expect(rows[0].typed.slice(0, 4)).toEqual([true, true, true, false]);
  expect(rows.map((r) => r.number)).toEqual([1, 2]);
});

test('a row opened inside another (a malformed sheet) drops the unended row, as the ingest thread’s SheetRowSink does', () => {
  // <row r="2"><c>stale</c><row r="3">…</row></row>: the stale cell and row 2's number must not
  // shift into the rows after it (they did: row 3 came out as ['stale', 'x'], row 4 as ['3', 'y']).
  const { sink, batches, take } = collector();
  sink.startRow(2, true);
  sink.cell(0, 'stale', CELL_TEXT);
  sink.startRow(3, false);
  sink.cell(0, 'x', CELL_TEXT);
  sink.cell(1, '3', CELL_TYPED);
  sink.endRow();
  sink.startRow(4, false);
  sink.cell(1, 'late', CELL_TEXT);
  sink.cell(0, 'stale too', CELL_TEXT); // reordered, then left open
  take();
  sink.startRow(5, false);
  sink.cell(0, 'y', CELL_TEXT);
  sink.endRow();
  take();
  const rows = batches.flatMap((b) => decodeRows(b, false));
  expect(rows.map((r) => [r.number, r.hidden, r.cells])).toEqual([
    [3, false, ['x', '3']],
    [5, false, ['y']],
  ]);
});
