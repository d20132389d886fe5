/**
 * Frictionless error codes (https://datapackage.org/standard/ and frictionless-py's
 * error catalogue). `missing-label` and `extra-label` are the Frictionless codes for a
 * declared schema's column being absent from, or unknown to, the file's header.
 */
export const ERROR_CODES = [
  'blank-label',
  'duplicate-label',
  'missing-label',
  'extra-label',
  'extra-cell',
  'missing-cell',
  'type-error',
  'constraint-error',
  'unique-error',
  'blank-row',
  'encoding-error',
  'format-error',
  // Not Frictionless: the exchange could not finish with the file (it ran out of memory or
  // time, or stopped), which says nothing about the data's validity. Always the only error.
  'processing-error',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ValidationError {
  code: ErrorCode;
  /** 1-based row number, the header being row 1 (so the first data row is 2); null for the whole file. */
  row: number | null;
  /** Column name (or `column N` for a cell beyond the header); null when not about one column. */
  field: string | null;
  /** 1-based column position, when the error is about one column. */
  fieldNumber?: number;
  message: string;
}

/**
 * A problem with the uploaded bytes that stops reading (unreadable encoding, broken
 * quoting, oversized record, invalid JSON). The pipeline turns it into a report error;
 * anything else thrown is a fault of ours or of the storage, and propagates.
 */
export class IngestInputError extends Error {
  constructor(
    readonly code: 'format-error' | 'encoding-error',
    message: string,
    readonly row: number | null = null,
  ) {
    super(message);
    this.name = 'IngestInputError';
  }
}
