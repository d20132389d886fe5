/**
 * Column profiles from a sample of rows: a histogram for numbers, a timeline for dates, the
 * most frequent values for everything else. Pure functions, so they are tested without storage.
 */
import { looksLikeIdentifierName } from './column-display';

export interface Bin {
  label: string;
  count: number;
}

export type ColumnProfile =
  | { kind: 'numeric'; name: string; type: string; missing: number; min: number; max: number; mean: number; bins: Bin[] }
  | { kind: 'timeline'; name: string; type: string; missing: number; first: string; last: string; bins: Bin[] }
  | { kind: 'categorical'; name: string; type: string; missing: number; distinct: number; top: Bin[] }
  /** Every value differs (a code, a name, a key): a chart of it would only show one bar per row. */
  | { kind: 'identifier'; name: string; type: string; missing: number; distinct: number };

const HISTOGRAM_BINS = 10;
const TOP_VALUES = 5;

const compact = (n: number): string => {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${(n / 1e9).toPrecision(3)}bn`;
  if (abs >= 1e6) return `${(n / 1e6).toPrecision(3)}m`;
  if (abs >= 1e4) return `${(n / 1e3).toPrecision(3)}k`;
  return Number.isInteger(n) ? String(n) : n.toPrecision(3);
};

export const histogram = (values: number[], bins = HISTOGRAM_BINS): Bin[] => {
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (min === max) return [{ label: compact(min), count: values.length }];
  const width = (max - min) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v - min) / width))]++;
  return counts.map((count, i) => ({ label: `${compact(min + i * width)} to ${compact(min + (i + 1) * width)}`, count }));
};

/** Buckets by day, month or year, whichever gives at most about 24 bars for the span seen. */
export const timeline = (isoDates: string[]): Bin[] => {
  const sorted = [...isoDates].sort();
  const spanDays = (Date.parse(sorted[sorted.length - 1]) - Date.parse(sorted[0])) / 86_400_000;
  const keyLength = spanDays <= 31 ? 10 : spanDays <= 2 * 366 ? 7 : 4;
  const counts = new Map<string, number>();
  for (const date of sorted) counts.set(date.slice(0, keyLength), (counts.get(date.slice(0, keyLength)) ?? 0) + 1);
  const bins = [...counts].map(([label, count]) => ({ label, count }));
  if (bins.length <= 24) return bins;
  // Too many distinct buckets still (e.g. a century of years): merge neighbours evenly.
  const per = Math.ceil(bins.length / 24);
  const merged: Bin[] = [];
  for (let i = 0; i < bins.length; i += per) {
    const group = bins.slice(i, i + per);
    merged.push({ label: `${group[0].label}–${group[group.length - 1].label}`, count: group.reduce((s, b) => s + b.count, 0) });
  }
  return merged;
};

export const topValues = (values: string[], limit = TOP_VALUES): { distinct: number; top: Bin[] } => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const top = [...counts]
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
    .slice(0, limit);
  return { distinct: counts.size, top };
};

const isMissing = (v: unknown) => v === null || v === undefined || v === '';

/**
 * A column identifies rows when every value in it differs and it is text, or a number named like
 * an identifier, or consecutive whole numbers (a row number). Measurements are often all
 * different too (populations, areas), so a number needs one of the other signs.
 */
const isIdentifier = (name: string, type: string, present: unknown[]): boolean => {
  if (present.length < 2) return false;
  const distinct = new Set(present.map(String)).size;
  if (distinct !== present.length) return false;
  if (type !== 'integer' && type !== 'number') return type !== 'date' && type !== 'datetime' && type !== 'boolean';
  if (looksLikeIdentifierName(name)) return true;
  const sorted = present.map(Number).sort((a, b) => a - b);
  return sorted.every((n, i) => Number.isInteger(n) && (i === 0 || n - sorted[i - 1] === 1));
};

export const profileColumn = (name: string, type: string, rows: Array<Record<string, unknown>>): ColumnProfile => {
  const present = rows.map((r) => r[name]).filter((v) => !isMissing(v));
  const missing = rows.length - present.length;
  if (isIdentifier(name, type, present)) return { kind: 'identifier', name, type, missing, distinct: present.length };
  if ((type === 'integer' || type === 'number') && present.length > 0) {
    const numbers = present.map(Number).filter(Number.isFinite);
    if (numbers.length > 0) {
      const sum = numbers.reduce((s, n) => s + n, 0);
      return {
        kind: 'numeric',
        name,
        type,
        missing,
        min: Math.min(...numbers),
        max: Math.max(...numbers),
        mean: sum / numbers.length,
        bins: histogram(numbers),
      };
    }
  }
  if ((type === 'date' || type === 'datetime') && present.length > 0) {
    const dates = present.map(String).filter((d) => !Number.isNaN(Date.parse(d)));
    if (dates.length > 0) {
      const sorted = [...dates].sort();
      return { kind: 'timeline', name, type, missing, first: sorted[0], last: sorted[sorted.length - 1], bins: timeline(dates) };
    }
  }
  const { distinct, top } = topValues(present.map(String));
  return { kind: 'categorical', name, type, missing, distinct, top };
};
