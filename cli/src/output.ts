/**
 * How a command speaks. `--json` prints one JSON document on stdout and nothing else there;
 * otherwise results are plain lines and tables. Progress and notes go to stderr, and are drawn
 * (bars, redrawn lines) only when stderr is a terminal: in a pipe or a log they are plain lines.
 */
export interface Output {
  json: boolean;
  /** stderr is a terminal: progress may redraw itself. */
  interactive: boolean;
  /** A result line on stdout (not in --json mode). */
  line: (text?: string) => void;
  /** A note on stderr (progress, what is happening), in any mode but --json. */
  note: (text: string) => void;
  /** The command's result: the JSON document in --json mode, else nothing (the lines were the result). */
  result: (value: unknown) => void;
}

export const createOutput = (json: boolean, streams: { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream } = process): Output => ({
  json,
  interactive: !json && Boolean(streams.stderr.isTTY),
  line: (text = '') => {
    if (!json) streams.stdout.write(`${text}\n`);
  },
  note: (text) => {
    if (!json) streams.stderr.write(`${text}\n`);
  },
  result: (value) => {
    if (json) streams.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  },
});

/** A plain-text table: columns padded to their widest cell, no colours (they would end up in logs). */
export const table = (headings: string[], rows: Array<Array<string | number | undefined>>): string => {
  const cells = [headings, ...rows.map((row) => row.map((cell) => (cell === undefined ? '' : String(cell))))];
  const widths = headings.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  return cells.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ')).join('\n');
};

const UNITS = ['B', 'KiB', 'MiB', 'GiB'];
export const formatBytes = (bytes: number): string => {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
};
