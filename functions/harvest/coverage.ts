import type { HarvestedDataset } from './harvested-dataset';

/**
 * Spatial and temporal coverage, from whatever shape a source gives: GSS codes written out or
 * inside ONS linked-data URIs, and dates or ISO 8601 intervals.
 */

type Spatial = NonNullable<HarvestedDataset['spatialCoverage']>;
type Temporal = NonNullable<HarvestedDataset['temporalCoverage']>;

/** A GSS code on its own or inside statistics.data.gov.uk/id/statistical-geography/E09000007. */
const GSS = /(?<![A-Za-z0-9])([EWSNK]\d{8})(?![A-Za-z0-9])/g;

export const gssCodesIn = (texts: ReadonlyArray<string | undefined | null>): string[] => {
  const codes = new Set<string>();
  for (const text of texts) if (typeof text === 'string') for (const match of text.matchAll(GSS)) codes.add(match[1]);
  return [...codes].slice(0, 700);
};

/** Spatial coverage from codes found in the candidates plus a short description, when either exists. */
export const spatialCoverage = (codeSources: ReadonlyArray<string | undefined | null>, description?: string): Spatial | undefined => {
  const gssCodes = gssCodesIn(codeSources);
  const words = description?.replace(/\s+/g, ' ').trim().slice(0, 500);
  if (gssCodes.length === 0 && !words) return undefined;
  return { ...(gssCodes.length > 0 ? { gssCodes } : {}), ...(words ? { description: words } : {}) };
};

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A date (YYYY, YYYY-MM, YYYY-MM-DD, or a date-time) to YYYY-MM-DD; `end` rounds a year or month up. */
export const calendarDate = (value: string | undefined | null, end = false): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$/.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = match[2] ? Number(match[2]) : end ? 12 : 1;
  const day = match[3] ? Number(match[3]) : end ? daysIn(year, month) : 1;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

/** Coverage from a start and an end; none when the start is unreadable or the end comes before it. */
export const temporalCoverage = (start: string | undefined | null, end?: string | null): Temporal | undefined => {
  const from = calendarDate(start);
  if (!from) return undefined;
  const to = calendarDate(end, true);
  if (to && to < from) return undefined;
  return to ? { start: from, end: to } : { start: from };
};

/** An ISO 8601 interval "start/end" (DCAT-US `temporal`); durations and open ends give a start only. */
export const temporalFromInterval = (interval: string | undefined | null): Temporal | undefined => {
  if (typeof interval !== 'string') return undefined;
  const [start, end] = interval.split('/');
  return temporalCoverage(start, end && !end.startsWith('P') && end !== '..' ? end : undefined);
};
