import type { JsonCell } from './render-values';

/**
 * Row responses written as JSON text directly. Building an object per row (Object.fromEntries)
 * and serialising it took more of a small query's time than running it; the text is the same.
 */

/** JSON text already written, placed as it is by objectJson. */
export class JsonText {
  constructor(readonly text: string) {}
}

/** An object's JSON as JSON.stringify writes it (members in order, undefined ones left out), with JsonText members placed as written. */
export const objectJson = (members: Readonly<Record<string, unknown>>): string => {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(members)) {
    if (value === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${value instanceof JsonText ? value.text : JSON.stringify(value)}`);
  }
  return `{${parts.join(',')}}`;
};

/** A name JavaScript orders first among an object's keys, by number: an array index. */
const isArrayIndex = (name: string): boolean => /^(0|[1-9]\d{0,9})$/.test(name) && Number(name) < 2 ** 32 - 1;

const cellJson = (cell: JsonCell): string => {
  switch (typeof cell) {
    case 'string':
      return JSON.stringify(cell);
    case 'number':
      return Number.isFinite(cell) ? String(cell) : 'null';
    case 'boolean':
      return cell ? 'true' : 'false';
    default:
      return 'null';
  }
};

/**
 * Rows as a JSON array of objects keyed by column name: the text JSON.stringify gives for the
 * objects Object.fromEntries would build from `names` and each row. So, as in any JavaScript
 * object: a name given twice keeps its first place and its last value, names that are array
 * indexes ("2024") come first in numeric order, and `__proto__` is a plain key.
 */
export const recordsJson = (names: readonly string[], rows: ReadonlyArray<readonly JsonCell[]>): string => {
  const lastAt = new Map<string, number>();
  names.forEach((name, i) => lastAt.set(name, i));
  const members = [...lastAt];
  const ordered = [
    ...members.filter(([name]) => isArrayIndex(name)).sort(([a], [b]) => Number(a) - Number(b)),
    ...members.filter(([name]) => !isArrayIndex(name)),
  ];
  const keys = ordered.map(([name], k) => `${k === 0 ? '' : ','}${JSON.stringify(name)}:`);
  const columns = ordered.map(([, i]) => i);
  const written = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r];
    let text = '{';
    for (let k = 0; k < keys.length; k++) text += keys[k] + cellJson(cells[columns[k]]);
    written[r] = `${text}}`;
  }
  return `[${written.join(',')}]`;
};
