import type { FieldType } from './table-schema';

/** Returned by a caster for a cell that is not a value of the field's type. */
export const INVALID: unique symbol = Symbol('invalid');
export type CastValue = number | boolean | string;
export type Caster = (cell: string) => CastValue | typeof INVALID;

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const PLAIN_INTEGER = /^[+-]?\d+$/;
/** sign, currency, sign, integer part (optionally grouped by commas), fraction, percent. */
const LOOSE_NUMBER = /^([+-]?)([£$€]?)([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(\.\d+)?(%?)$/;

export interface LooseNumber {
  value: number;
  grouped: boolean;
  /** A currency symbol or percent sign was stripped. */
  decorated: boolean;
  hasFraction: boolean;
}

/**
 * Reads numbers as London's files write them: `3,611`, `-45,138`, `£1,234.50`, `12.5%`.
 * The percent sign is dropped, not divided by 100 (Table Schema's bareNumber rule).
 */
export function parseLooseNumber(cell: string): LooseNumber | null {
  const m = LOOSE_NUMBER.exec(trimIfNeeded(cell));
  if (!m) return null;
  const [, sign1, currency, sign2, int, fraction, percent] = m;
  if ((sign1 && sign2) || (int === '' && !fraction)) return null;
  const sign = sign1 || sign2;
  const grouped = int.includes(',');
  const value = Number(sign + (grouped ? int.replace(/,/g, '') : int || '0') + (fraction ?? ''));
  return { value, grouped, decorated: currency !== '' || percent !== '', hasFraction: fraction !== undefined };
}

export function trimIfNeeded(cell: string): string {
  return cell.length > 0 && (cell.charCodeAt(0) <= 32 || cell.charCodeAt(cell.length - 1) <= 32) ? cell.trim() : cell;
}

export function castNumber(cell: string): number | typeof INVALID {
  if (PLAIN_NUMBER.test(cell)) {
    const value = Number(cell);
    return Number.isFinite(value) ? value : INVALID;
  }
  const loose = parseLooseNumber(cell);
  return loose && Number.isFinite(loose.value) ? loose.value : INVALID;
}

export function castInteger(cell: string): number | typeof INVALID {
  if (PLAIN_INTEGER.test(cell)) {
    const value = Number(cell);
    return Number.isSafeInteger(value) ? value : INVALID;
  }
  const loose = parseLooseNumber(cell);
  return loose && !loose.hasFraction && Number.isSafeInteger(loose.value) ? loose.value : INVALID;
}

const BOOLEANS: Record<string, boolean> = { true: true, yes: true, '1': true, false: false, no: false, '0': false };

export function castBoolean(cell: string): boolean | typeof INVALID {
  const value = BOOLEANS[trimIfNeeded(cell).toLowerCase()];
  return value === undefined ? INVALID : value;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** ISO `yyyy-mm-dd`, or UK `dd/mm/yyyy`; both become ISO. Impossible dates (31/02) fail. */
export function castDate(cell: string): string | typeof INVALID {
  const text = trimIfNeeded(cell);
  let m = ISO_DATE.exec(text);
  if (m) return isRealDate(+m[1], +m[2], +m[3]) ? text : INVALID;
  m = UK_DATE.exec(text);
  if (m && isRealDate(+m[3], +m[2], +m[1])) return `${m[3]}-${pad2(+m[2])}-${pad2(+m[1])}`;
  return INVALID;
}

const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const UK_DATETIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * ISO 8601 date-times (`T` or space, seconds optional) or UK `dd/mm/yyyy hh:mm[:ss]`.
 * Values with an offset are converted to UTC and end in `Z`; values without one are
 * local times and stay without (`yyyy-mm-ddThh:mm:ss[.fff]`).
 */
export function castDatetime(cell: string): string | typeof INVALID {
  const text = trimIfNeeded(cell);
  let m = ISO_DATETIME.exec(text);
  if (m) return normaliseDatetime(+m[1], +m[2], +m[3], +m[4], +m[5], m[6] ? +m[6] : 0, m[7] ?? '', m[8]);
  m = UK_DATETIME.exec(text);
  if (m) return normaliseDatetime(+m[3], +m[2], +m[1], +m[4], +m[5], m[6] ? +m[6] : 0, '', undefined);
  return INVALID;
}

function normaliseDatetime(y: number, mo: number, d: number, h: number, mi: number, s: number, fraction: string, zone: string | undefined): string | typeof INVALID {
  if (!isRealDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return INVALID;
  const seconds = `${pad2(s)}${fraction}`;
  if (zone === undefined) return `${y}-${pad2(mo)}-${pad2(d)}T${pad2(h)}:${pad2(mi)}:${seconds}`;
  let minutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const offH = +digits.slice(1, 3);
    const offM = digits.length > 3 ? +digits.slice(3, 5) : 0;
    if (offH > 23 || offM > 59) return INVALID;
    minutes = (zone[0] === '-' ? -1 : 1) * (offH * 60 + offM);
  }
  const utc = new Date(Date.UTC(y, mo - 1, d, h, mi) - minutes * 60_000);
  return `${utc.toISOString().slice(0, 17)}${seconds}Z`;
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1) return false;
  const days = m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
  return d <= days;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const castString: Caster = (cell) => cell;

export const CASTERS: Record<FieldType, Caster> = {
  integer: castInteger,
  number: castNumber,
  boolean: castBoolean,
  date: castDate,
  datetime: castDatetime,
  string: castString,
};
