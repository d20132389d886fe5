import type { BoundValue, Column } from './query-model';

/**
 * Turns a client's value into a typed parameter for a column, or explains why it cannot be one.
 * Lenient in form (CKAN clients send numbers as strings), strict in content: a value that is not
 * of the column's type is refused here, so the database never sees a failing cast.
 */
export type Typed = { ok: true; bound: BoundValue } | { ok: false; message: string };

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INTEGER_TEXT = /^[+-]?\d{1,19}$/;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
/** yyyy-mm-dd, then optionally a time (T or space) with optional seconds, fraction and offset. */
const DATETIME_TEXT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

const fail = (message: string): Typed => ({ ok: false, message });
const bound = (column: Column, value: BoundValue['value']): Typed => ({ ok: true, bound: { sqlType: column.sqlType, value } });

const isRealDate = (y: number, m: number, d: number): boolean => {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const days = m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
  return d <= days;
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const integerValue = (column: Column, raw: unknown): Typed => {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) ? bound(column, BigInt(raw)) : fail('must be a whole number');
  if (typeof raw === 'string' && INTEGER_TEXT.test(raw.trim())) {
    const value = BigInt(raw.trim());
    if (value >= INT64_MIN && value <= INT64_MAX) return bound(column, value);
  }
  return fail('must be a whole number');
};

const numberValue = (column: Column, raw: unknown): Typed => {
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && NUMBER_TEXT.test(raw.trim()) ? Number(raw.trim()) : NaN;
  return Number.isFinite(value) ? bound(column, value) : fail('must be a number');
};

const booleanValue = (column: Column, raw: unknown): Typed => {
  if (typeof raw === 'boolean') return bound(column, raw);
  if (raw === 'true' || raw === 'false') return bound(column, raw === 'true');
  return fail('must be true or false');
};

const dateValue = (column: Column, raw: unknown): Typed => {
  const m = typeof raw === 'string' ? DATE_TEXT.exec(raw) : null;
  return m && isRealDate(+m[1], +m[2], +m[3]) ? bound(column, raw as string) : fail('must be a date (yyyy-mm-dd)');
};

/**
 * Date-times become `yyyy-mm-dd hh:mm:ss[.ffffff]`: for columns of instants (TIMESTAMPTZ) in UTC
 * with `+00`; for columns of local times (TIMESTAMP) as given, which must then carry no offset.
 * A date alone means its midnight.
 */
const datetimeValue = (column: Column, raw: unknown): Typed => {
  const m = typeof raw === 'string' ? DATETIME_TEXT.exec(raw) : null;
  const message = 'must be a date-time (yyyy-mm-ddThh:mm[:ss[.ffffff]][Z or ±hh:mm]) or a date';
  if (!m) return fail(message);
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => (m[i] === undefined ? 0 : Number(m[i])));
  if (!isRealDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return fail(message);
  const fraction = m[7] ? `.${m[7].slice(0, 6).padEnd(6, '0')}` : '';
  const zone = m[8];
  if (column.sqlType === 'TIMESTAMP') {
    if (zone) return fail('this column holds local times: give the time without an offset or Z');
    return bound(column, `${pad(y, 4)}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}${fraction}`);
  }
  let offsetMinutes = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const hours = Number(digits.slice(1, 3));
    const minutes = Number(digits.slice(3, 5));
    if (hours > 23 || minutes > 59) return fail(message);
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const utc = new Date(Date.UTC(y, mo - 1, d, h, mi, s) - offsetMinutes * 60_000);
  if (Number.isNaN(utc.getTime()) || utc.getUTCFullYear() < 1 || utc.getUTCFullYear() > 9999) return fail(message);
  return bound(column, `${utc.toISOString().slice(0, 19).replace('T', ' ')}${fraction}+00`);
};

const stringValue = (column: Column, raw: unknown, maxChars: number): Typed => {
  if (typeof raw === 'number' || typeof raw === 'boolean') return bound(column, String(raw));
  if (typeof raw !== 'string') return fail('must be a string');
  if (raw.length > maxChars) return fail(`must be at most ${maxChars} characters`);
  if (raw.includes('\u0000')) return fail('must not contain NUL characters');
  return bound(column, raw);
};

export const typedValue = (column: Column, raw: unknown, maxChars: number): Typed => {
  if (raw === null || raw === undefined) return fail('must not be null here');
  if (typeof raw === 'object') return fail('must be a single value');
  switch (column.type) {
    case 'integer':
      return integerValue(column, raw);
    case 'number':
      return numberValue(column, raw);
    case 'boolean':
      return booleanValue(column, raw);
    case 'date':
      return dateValue(column, raw);
    case 'datetime':
      return datetimeValue(column, raw);
    default:
      return stringValue(column, raw, maxChars);
  }
};
