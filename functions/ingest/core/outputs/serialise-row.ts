import type { CastValue } from '../cast';
import type { TableSchemaField } from '../table-schema';

/** A cell starting with one of these would run as a formula in a spreadsheet (OWASP CSV injection). */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);
const NEEDS_QUOTES = /[",\r\n]/;

/** Neutralises a text cell for spreadsheets: a leading apostrophe makes it plain text. */
export function neutraliseFormula(text: string): string {
  return text.length > 0 && FORMULA_START.has(text[0]) ? `'${text}` : text;
}

export function csvCell(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes cast rows as RFC 4180 CSV lines and JSON objects. Only text columns are
 * neutralised: a number such as -45 is written as it is.
 */
export class RowSerialiser {
  private readonly textColumn: boolean[];
  private readonly keys: string[];

  constructor(private readonly fields: readonly TableSchemaField[]) {
    this.textColumn = fields.map((f) => f.type === 'string');
    this.keys = fields.map((f, i) => `${i === 0 ? '{' : ','}${JSON.stringify(f.name)}:`);
  }

  csvHeader(): string {
    return `${this.fields.map((f) => csvCell(neutraliseFormula(f.name))).join(',')}\r\n`;
  }

  csvLine(values: readonly (CastValue | null)[]): string {
    let line = '';
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (i > 0) line += ',';
      if (value === null) continue;
      line += this.textColumn[i] ? csvCell(neutraliseFormula(value as string)) : String(value);
    }
    return `${line}\r\n`;
  }

  /** One JSON object with every column, null included, in column order. */
  jsonObject(values: readonly (CastValue | null)[]): string {
    let text = '';
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      text += this.keys[i];
      text += value === null ? 'null' : typeof value === 'string' ? JSON.stringify(value) : String(value);
    }
    return values.length === 0 ? '{}' : `${text}}`;
  }
}
