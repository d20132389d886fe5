/**
 * How often a standard expects its datasets to be updated, as an ISO 8601 duration, where the
 * standard itself says so: the Transparency Code asks for spend over £500 quarterly, the
 * brownfield regulations for a register reviewed at least once a year.
 */
const EXPECTED: ReadonlyMap<string, { every: string; months: number; rule: string }> = new Map([
  ['transparency-spend-over-500', { every: 'P3M', months: 3, rule: 'Local Government Transparency Code 2015: published quarterly' }],
  [
    'brownfield-land-register',
    { every: 'P1Y', months: 12, rule: 'Town and Country Planning (Brownfield Land Register) Regulations 2017: reviewed at least once a year' },
  ],
]);

export interface ExpectedFrequency {
  every: string;
  rule: string;
}

export const expectedFrequency = (schema: string): ExpectedFrequency | undefined => {
  const found = EXPECTED.get(schema);
  return found ? { every: found.every, rule: found.rule } : undefined;
};

/** Whether data last updated at `lastUpdated` is overdue at `now` for the standard (never, when it expects no frequency). */
export const isOverdue = (schema: string, lastUpdated: string | undefined, now: Date): boolean => {
  const found = EXPECTED.get(schema);
  if (!found || !lastUpdated) return false;
  const due = new Date(lastUpdated);
  due.setUTCMonth(due.getUTCMonth() + found.months);
  return due.getTime() < now.getTime();
};
