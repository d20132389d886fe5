/**
 * A run's errors: one bad record is one entry, never a failed run. A run report is one catalogue
 * item, so it keeps the first MAX_STORED_RUN_ERRORS errors and counts the rest in `errorsOmitted`:
 * a source of 100 000 bad records cannot blow up the report (or the item's size limit).
 */

export interface RunError {
  identifier?: string;
  message: string;
}

export const MAX_STORED_RUN_ERRORS = 100;

/** What a run report says of a failure: its message, whatever was thrown. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export interface ErrorReport {
  errors: RunError[];
  /** Errors beyond those listed in `errors`: counted, not stored. */
  errorsOmitted?: number;
}

/**
 * Adds an error to the report: listed while there is room, else counted. One that must be listed
 * (why paging stopped: it comes once, last) takes the last place when the list is full.
 */
export const recordRunError = (report: ErrorReport, error: RunError, options: { mustList?: boolean } = {}): void => {
  if (report.errors.length < MAX_STORED_RUN_ERRORS) {
    report.errors.push(error);
    return;
  }
  report.errorsOmitted = (report.errorsOmitted ?? 0) + 1;
  if (options.mustList) report.errors[report.errors.length - 1] = error;
};

/** Keeps the first errors of a report that was added to directly, counting the rest (before it is stored). */
export const capRunErrors = (report: ErrorReport): void => {
  const excess = report.errors.length - MAX_STORED_RUN_ERRORS;
  if (excess <= 0) return;
  report.errors.length = MAX_STORED_RUN_ERRORS;
  report.errorsOmitted = (report.errorsOmitted ?? 0) + excess;
};
