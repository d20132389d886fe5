/**
 * How the preview shows a column: a heading people can read, and numbers with thousands
 * separators and a fixed number of decimals per column, so that they line up. Columns whose
 * numbers name things (years, codes, identifiers) are shown exactly as stored.
 */

/** "Inland_Area_(Hectares)" → "Inland Area (Hectares)", "measuredAt" → "Measured at". */
export const readableName = (name: string): string => {
  const spaced = name
    .replace(/([a-z0-9])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`)
    .replace(/[_]+/g, ' ')
    .replace(/\s*\/\s*/g, ' / ')
    .replace(/\s+/g, ' ')
    .trim();
  return spaced ? spaced.charAt(0).toUpperCase() + spaced.slice(1) : name;
};

/** Whether the readable heading says something the stored name does not (else only the name is shown). */
export const headingDiffers = (name: string): boolean => readableName(name) !== name;

/** Names of columns whose values identify something rather than measure it. */
const IDENTIFIER_NAME = /(^|[^a-z])(id|code|ref|reference|key|urn|uprn|usrn|postcode|number|no)$/i;
const YEAR_NAME = /(^|[^a-z])(year|yr)s?($|[^a-z])/i;

export const looksLikeIdentifierName = (name: string): boolean => IDENTIFIER_NAME.test(name.trim());

const isNumericType = (type: string) => type === 'integer' || type === 'number';

const decimalsOf = (value: number): number => {
  const text = String(value);
  if (text.includes('e')) return 0;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
};

const MAX_DECIMALS = 6;

export interface CellFormat {
  /** Right-aligned with tabular figures. */
  numeric: boolean;
  format: (value: unknown) => string;
}

const plain = (value: unknown): string => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/** The format of one column over the rows shown. */
export const cellFormat = (field: { name: string; type: string }, rows: Array<Record<string, unknown>>): CellFormat => {
  if (!isNumericType(field.type)) return { numeric: false, format: plain };
  if (looksLikeIdentifierName(field.name) || YEAR_NAME.test(field.name)) return { numeric: true, format: plain };
  const numbers = rows.map((r) => r[field.name]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const decimals = Math.min(MAX_DECIMALS, Math.max(0, ...numbers.map(decimalsOf)));
  const formatter = new Intl.NumberFormat('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return { numeric: true, format: (value) => (typeof value === 'number' && Number.isFinite(value) ? formatter.format(value) : plain(value)) };
};
