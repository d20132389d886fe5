/**
 * Overdue: a harvested dataset whose source has not changed it for longer than its own update
 * frequency promises (with a grace of half a period, so a monthly dataset published on the 3rd
 * instead of the 1st is not flagged). Continuous, irregular and never-updated datasets, and those
 * whose source gives no readable change date, are never overdue.
 */

const DAY = 86_400_000;
const PERIODS: ReadonlyMap<string, number> = new Map([
  ['daily', DAY],
  ['weekly', 7 * DAY],
  ['monthly', 31 * DAY],
  ['quarterly', 92 * DAY],
  ['biannual', 183 * DAY],
  ['annual', 366 * DAY],
]);

/** When the dataset became overdue (ISO 8601), or undefined when it is not. */
export const overdueSince = (updateFrequency: string | undefined, lastChangedAtSource: string | undefined, now: Date): string | undefined => {
  const period = updateFrequency ? PERIODS.get(updateFrequency) : undefined;
  const changed = lastChangedAtSource ? Date.parse(lastChangedAtSource) : Number.NaN;
  if (!period || Number.isNaN(changed)) return undefined;
  const due = changed + period * 1.5;
  return due < now.getTime() ? new Date(due).toISOString() : undefined;
};
