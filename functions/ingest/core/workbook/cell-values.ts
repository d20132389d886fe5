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
  return isoText(new Date(ms), kind);
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

function isoText(date: Date, kind: DateKind): string | null {
  const iso = date.toISOString();
  if (iso.startsWith('-') || iso.startsWith('+')) return null;
  if (kind === 'date') return iso.slice(0, 10);
  if (kind === 'time') return iso.slice(11, 19);
  return `${iso.slice(0, 10)}T${iso.slice(11, 19)}`;
}

/** A number as the CSV casts read it back exactly. */
export function numberText(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}
