/** Returned by a caster for a cell that is not a value of the field's type. */
export const INVALID: unique symbol = Symbol('invalid');
export type CastValue = number | boolean | string;
export type Caster = (cell: string) => CastValue | typeof INVALID;

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

/**
 * `Number()` accepts exactly the plain decimal numbers once whitespace, hex/binary/octal
 * prefixes and Infinity are excluded by the first, second and last characters; that check
 * is much cheaper than a regular expression on the hot path. Anything else goes to the
 * lenient reader.
 */
export function castNumber(cell: string): number | typeof INVALID {
  const short = shortDecimal(cell, true);
  if (!Number.isNaN(short)) return short;
  if (looksPlain(cell)) {
    const value = +cell;
    if (Number.isFinite(value)) return value;
  }
  const loose = parseLooseNumber(cell);
  return loose && Number.isFinite(loose.value) ? loose.value : INVALID;
}

/** Powers of ten up to 10^15, each exactly a double. */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => Number(`1e${i}`));

/**
 * `[+-]digits[.digits]` with at most 15 digits in all (`fraction` false: no point), read
 * by a char-code scan; NaN for anything else, which the caller reads as before. Exactly
 * `Number(cell)`: the digits make an integer below 2^53 and the power of ten is exact, so
 * the one division is correctly rounded (the fast path of every correct decimal reader).
 */
function shortDecimal(cell: string, fraction: boolean): number {
  const n = cell.length;
  if (n === 0 || n > 17) return Number.NaN;
  let i = 0;
  let c = cell.charCodeAt(0);
  const negative = c === 45;
  if (negative || c === 43) i = 1;
  let mantissa = 0;
  let digits = 0;
  let point = -1;
  for (; i < n; i++) {
    c = cell.charCodeAt(i) - 48;
    if (c >= 0 && c <= 9) {
      mantissa = mantissa * 10 + c;
      digits++;
    } else if (c === -2 && point < 0 && fraction) {
      point = digits; // '.'
    } else {
      return Number.NaN;
    }
  }
  if (digits === 0 || digits > 15) return Number.NaN;
  const value = point < 0 ? mantissa : mantissa / POWERS_OF_TEN[digits - point];
  return negative ? -value : value;
}

function looksPlain(cell: string): boolean {
  const n = cell.length;
  if (n === 0) return false;
  const first = cell.charCodeAt(0);
  const last = cell.charCodeAt(n - 1);
  // first: digit, + - or .; last: digit or .
  if (!((first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46)) return false;
  if (!((last >= 48 && last <= 57) || last === 46)) return false;
  if (n > 2 && first === 48) {
    const second = cell.charCodeAt(1) | 32; // 0x.., 0b.., 0o.. are not decimal
    if (second === 120 || second === 98 || second === 111) return false;
  }
  return true;
}

export function castInteger(cell: string): number | typeof INVALID {
  const short = shortDecimal(cell, false);
  if (!Number.isNaN(short)) return short;
  if (PLAIN_INTEGER.test(cell)) {
    const value = Number(cell);
    return Number.isSafeInteger(value) ? value : INVALID;
  }
  const loose = parseLooseNumber(cell);
  return loose && !loose.hasFraction && Number.isSafeInteger(loose.value) ? loose.value : INVALID;
}

const BOOLEANS: Record<string, boolean> = { true: true, yes: true, '1': true, false: false, no: false, '0': false };

export function castBoolean(cell: string): boolean | typeof INVALID {
  if (cell === 'true') return true;
  if (cell === 'false') return false;
  const word = trimIfNeeded(cell).toLowerCase();
  // hasOwn: a cell reading `constructor` must be invalid, not Object.prototype's member.
  return Object.hasOwn(BOOLEANS, word) ? BOOLEANS[word] : INVALID;
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
  // Already in the normalised form (the common case in machine-made files): check it, keep it.
  const canonical = checkCanonicalDatetime(text);
  if (canonical !== undefined) return canonical ? text : INVALID;
  let m = ISO_DATETIME.exec(text);
  if (m) return normaliseDatetime(+m[1], +m[2], +m[3], +m[4], +m[5], m[6] ? +m[6] : 0, m[7] ?? '', m[8]);
  m = UK_DATETIME.exec(text);
  if (m) return normaliseDatetime(+m[3], +m[2], +m[1], +m[4], +m[5], m[6] ? +m[6] : 0, '', undefined);
  return INVALID;
}

/** Two ASCII digits at `i` as a number, or -1. */
function digits2(t: string, i: number): number {
  const a = t.charCodeAt(i) - 48;
  const b = t.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * For `yyyy-mm-ddThh:mm:ss[.f{1,9}][Z]`, whether it is a real date and time; undefined
 * for any other shape. Char codes, not a regular expression: no allocation per cell.
 */
function checkCanonicalDatetime(t: string): boolean | undefined {
  const n = t.length;
  // '-' is 45, 'T' 84, ':' 58
  if (n < 19 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 || t.charCodeAt(10) !== 84 || t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58) {
    return undefined;
  }
  const century = digits2(t, 0);
  const yy = digits2(t, 2);
  const mo = digits2(t, 5);
  const d = digits2(t, 8);
  const h = digits2(t, 11);
  const mi = digits2(t, 14);
  const s = digits2(t, 17);
  if (century < 0 || yy < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) return undefined;
  let end = n;
  if (t.charCodeAt(end - 1) === 90) end--; // Z
  if (end > 19) {
    if (t.charCodeAt(19) !== 46 || end === 20 || end > 29) return undefined; // '.'
    for (let i = 20; i < end; i++) {
      const c = t.charCodeAt(i);
      if (c < 48 || c > 57) return undefined;
    }
  }
  return isRealDate(century * 100 + yy, mo, d) && h < 24 && mi < 60 && s < 60;
}

function normaliseDatetime(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  fraction: string,
  zone: string | undefined,
): string | typeof INVALID {
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

/** Days in each month of a common year, January first. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1) return false;
  if (d <= MONTH_DAYS[m - 1]) return true;
  return m === 2 && d === 29 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
