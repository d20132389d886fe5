/**
 * How a spreadsheet's typed cells become text that the CSV casts read back: numbers in
 * JavaScript's shortest round-trip form, booleans as true/false, and dates (Excel serial
 * numbers in a date format, ODS date values) as ISO 8601 without an offset.
 */

export type DateKind = 'date' | 'datetime' | 'time';

const MS_PER_DAY = 86_400_000;
/** 1970-01-01 as an Excel 1900-system serial (which counts the non-existent 1900-02-29). */
const UNIX_EPOCH_SERIAL_1900 = 25_569;
/** 1970-01-01 as an Excel 1904-system serial. */
const UNIX_EPOCH_SERIAL_1904 = 24_107;

/** Built-in number formats that are dates or times (ECMA-376 part 1, 18.8.30). */
const BUILT_IN_DATES = new Map<number, DateKind>([
  [14, 'date'],
  [15, 'date'],
  [16, 'date'],
  [17, 'date'],
  [18, 'time'],
  [19, 'time'],
  [20, 'time'],
  [21, 'time'],
  [22, 'datetime'],
  [45, 'time'],
  [46, 'time'],
  [47, 'time'],
]);

/**
 * Whether a number format shows a date, a time or both. Quoted text, escaped characters and
 * bracketed parts (colours, locales, conditions) are removed first, so `"days" 0` or
 * `[Red]0` are not dates; what remains is a date when it has day, month or year codes.
 */
export function dateKindOf(numFmtId: number, formatCode: string | undefined): DateKind | null {
  if (formatCode === undefined) return BUILT_IN_DATES.get(numFmtId) ?? null;
  const bare = formatCode
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_.|\*./g, '');
  if (/general/i.test(bare)) return null;
  const time = /[hs]/i.test(bare);
  const date = /[dy]/i.test(bare) || (/m/i.test(bare) && !time);
  if (date && time) return 'datetime';
  if (date) return 'date';
  return time ? 'time' : null;
}

/** An Excel serial number in the workbook's date system as ISO text; null when out of range. */
export function serialToIso(serial: number, kind: DateKind, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_465) return null; // 9999-12-31
  // The 1900 system counts 1900-02-29, which never was: serials before it are a day early.
  const days = date1904 ? serial - UNIX_EPOCH_SERIAL_1904 : serial < 61 ? serial - UNIX_EPOCH_SERIAL_1900 + 1 : serial - UNIX_EPOCH_SERIAL_1900;
  const ms = Math.round((days * MS_PER_DAY) / 1000) * 1000;
  return isoText(ms, kind);
}

/** An ODS date-value (`2024-05-01` or `2024-05-01T09:30:00`) as ISO text of the kind its style shows. */
export function odsDateToIso(value: string): string | null {
  const match = /^(-?\d{4,}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2})(?:\.\d+)?)?/.exec(value);
  if (!match) return null;
  return match[2] && match[2] !== '00:00:00' ? `${match[1]}T${match[2]}` : match[1];
}

/** An ODS time-value (`PT09H30M00S`) as HH:MM:SS. */
export function odsTimeToText(value: string): string | null {
  const match = /^-?PT(\d+)H(\d+)M(\d+)(?:\.\d+)?S$/.exec(value);
  return match ? `${match[1].padStart(2, '0')}:${match[2].padStart(2, '0')}:${match[3].padStart(2, '0')}` : null;
}

/**
 * Milliseconds since 1970 as ISO text, by calendar arithmetic (days to a civil date, as in
 * Howard Hinnant's chrono algorithms) rather than a Date per cell: a workbook has millions.
 */
function isoText(ms: number, kind: DateKind): string | null {
  const days = Math.floor(ms / MS_PER_DAY);
  const seconds = Math.floor((ms - days * MS_PER_DAY) / 1000);
  const time = `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) return null;
  if (kind === 'time') return time;
  const date = `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
  return kind === 'date' ? date : `${date}T${time}`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** A number as the CSV casts read it back exactly. */
export function numberText(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

/**
 * A cell's stored number as the CSV casts read it back: the text itself when it already is
 * JavaScript's shortest form (plain digits, at most 15 significant, no exponent, no redundant
 * zeros), which most cells are, so they need no round trip through a double.
 */
export function storedNumberText(raw: string): string {
  return isShortestForm(raw) ? raw : numberText(Number(raw));
}

function isShortestForm(raw: string): boolean {
  const length = raw.length;
  if (length === 0 || length > 17) return false;
  let i = raw.charCodeAt(0) === 45 ? 1 : 0; // '-'
  const intStart = i;
  while (i < length && isDigit(raw.charCodeAt(i))) i++;
  const intDigits = i - intStart;
  if (intDigits === 0 || (intDigits > 1 && raw.charCodeAt(intStart) === 48)) return false;
  if (i === length) return intDigits <= 15 && !(intDigits === 1 && raw.charCodeAt(intStart) === 48 && intStart === 1); // not "-0"
  if (raw.charCodeAt(i) !== 46 || i === length - 1) return false; // '.'
  const fractionStart = ++i;
  while (i < length && isDigit(raw.charCodeAt(i))) i++;
  if (i !== length || raw.charCodeAt(length - 1) === 48 || intDigits + (i - fractionStart) > 15) return false;
  // "0.0000001" is written 1e-7: below 1e-6 the shortest form has an exponent.
  if (intDigits === 1 && raw.charCodeAt(intStart) === 48) {
    let zeros = 0;
    while (raw.charCodeAt(fractionStart + zeros) === 48) zeros++;
    return zeros < 6;
  }
  return true;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
