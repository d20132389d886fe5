import type { JsonCell } from './render-values';

/** The longest JSON text of a finite double: sign, 17 digits, point, `e-308`. */
const MAX_NUMBER_CHARS = 24;

/**
 * The length of JSON.stringify(rows), exactly when it could exceed `limit`, and otherwise some
 * number no larger than `limit`: the response-size checks compare it with their limit, and
 * writing every page out in full only to measure it cost as much as rendering it. The bound
 * counts every cell at its longest (a string escaping each UTF-16 unit as `\uXXXX`), so a page it
 * lets through is one whose exact length is within the limit too.
 */
export const rowsJsonLength = (rows: ReadonlyArray<readonly JsonCell[]>, limit: number): number => {
  let bound = 2;
  for (const row of rows) {
    // Its brackets, the commas between its cells, and the comma after it: an empty row is 3 too (`[],`).
    bound += 3 + row.length;
    for (const cell of row) {
      if (typeof cell === 'string') bound += 6 * cell.length + 2;
      else if (cell === null || typeof cell === 'number' || typeof cell === 'boolean') bound += MAX_NUMBER_CHARS;
      else return JSON.stringify(rows).length;
    }
    if (bound > limit) return JSON.stringify(rows).length;
  }
  return bound;
};
