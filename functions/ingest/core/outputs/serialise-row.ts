import type { CastValue } from '../cast';
import type { TableSchemaField } from '../table-schema';

const NEEDS_QUOTES = /[",\r\n]/;
/** What JSON.stringify escapes in a well-formed string (cells have no lone surrogates: see `wellFormed`). */
const NEEDS_JSON_ESCAPE = /["\\\u0000-\u001f]/;

/**
 * Neutralises a text cell for spreadsheets: a leading apostrophe makes it plain text. A cell
 * starting with `= + - @`, tab or CR would run as a formula (OWASP CSV injection).
 */
export function neutraliseFormula(text: string): string {
  const c = text.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 ? `'${text}` : text;
}

/** JSON.stringify(text), without the call for the common string that needs no escaping. */
function jsonString(text: string): string {
  return NEEDS_JSON_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

export function csvCell(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Turns a cast row into an RFC 4180 CSV line and a JSON object line in one pass (each
 * number is formatted once for both). Only text columns are neutralised in the CSV: a
 * number such as -45 is written as it is, and the JSON keeps exact values.
 */
export class RowSerialiser {
  private readonly textColumn: boolean[];
  private readonly keys: string[];
  /** The last row's lines, set by `serialise`. */
  csvLine = '';
  jsonLine = '';

  constructor(private readonly fields: readonly TableSchemaField[]) {
    this.textColumn = fields.map((f) => f.type === 'string');
    this.keys = fields.map((f, i) => `${i === 0 ? '{' : ','}${JSON.stringify(f.name)}:`);
  }

  csvHeader(): string {
    return `${this.fields.map((f) => csvCell(neutraliseFormula(f.name))).join(',')}\r\n`;
  }

  serialise(values: readonly (CastValue | null)[]): void {
    let csv = '';
    let json = '';
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (i > 0) csv += ',';
      json += this.keys[i];
      if (value === null) {
        json += 'null';
      } else if (typeof value === 'string') {
        csv += this.textColumn[i] ? csvCell(neutraliseFormula(value)) : value;
        json += jsonString(value);
      } else {
        const text = String(value);
        csv += text;
        json += text;
      }
    }
    this.csvLine = `${csv}\r\n`;
    this.jsonLine = values.length === 0 ? '{}\n' : `${json}}\n`;
  }
}
