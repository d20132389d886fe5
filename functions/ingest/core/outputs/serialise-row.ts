import type { CastValue } from '../cast';
import type { TableSchemaField } from '../table-schema';

/** A cell starting with one of these would run as a formula in a spreadsheet (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Neutralises a text cell for spreadsheets: a leading apostrophe makes it plain text. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
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
        json += JSON.stringify(value);
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
