/**
 * What `ldx` exits with, so a script can tell a refusal from bad data from an outage. The
 * numbers are part of the command line's contract (README: "Publishing from the command line").
 */
export const EXIT = {
  ok: 0,
  /** Something unexpected (a bug in ldx, or an answer it does not understand). */
  internal: 1,
  /** The command line itself: an unknown option, a missing argument, a file that is not there. */
  usage: 2,
  /** No token, or one the exchange refused (expired, revoked): log in again. */
  unauthenticated: 3,
  /** The token's organisation or role may not do this. */
  forbidden: 4,
  /** No such dataset, resource, organisation... (or one the caller may not see). */
  notFound: 5,
  /** A conflict with the current state: a taken name, a change made meanwhile, an unfinished upload. */
  conflict: 6,
  /** The data is invalid: a validation report with errors, or a published version that failed. */
  invalidData: 7,
  /** The exchange or the object store could not be reached, answered 5xx, or took too long. */
  unavailable: 8,
  /** A pulled file's size or SHA-256 is not what the exchange says it published. */
  integrity: 9,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
