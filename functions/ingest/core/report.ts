import type { ErrorCode, ValidationError } from './errors';

/**
 * Warnings that are not Frictionless errors: what was read differently from a plain table (a
 * workbook's table found below a title, rows left out below it, hidden rows and columns,
 * renamed headers, other sheets) and checks that were skipped.
 */
export type WarningCode =
  | 'unique-check-skipped'
  | 'table-found'
  | 'header-renamed'
  | 'rows-left-out'
  | 'hidden-rows'
  | 'hidden-columns'
  | 'cell-errors'
  | 'other-sheets'
  | 'xml-records'
  | 'json-records';

export interface ReportWarning {
  code: ErrorCode | WarningCode;
  message: string;
}

export interface ValidationReport {
  /** True when there is no error at all (warnings do not count). */
  valid: boolean;
  /** Data rows in the file (unreadable ones included), header and blank rows excluded. */
  rowCount: number;
  columnCount: number;
  /** Every error found, including those beyond the cap. */
  errorCount: number;
  errorCounts: Partial<Record<ErrorCode, number>>;
  /** The first `maxErrors` errors, in file order. */
  errors: ValidationError[];
  errorsTruncated: boolean;
  maxErrors: number;
  warnings: ReportWarning[];
}

/** Collects errors with a cap on what is kept but exact totals per code. */
export class ReportBuilder {
  private readonly errors: ValidationError[] = [];
  private readonly counts: Partial<Record<ErrorCode, number>> = {};
  private readonly warnings: ReportWarning[] = [];
  private total = 0;
  rowCount = 0;
  columnCount = 0;

  constructor(private readonly maxErrors: number) {}

  add(error: ValidationError): void {
    this.total++;
    this.counts[error.code] = (this.counts[error.code] ?? 0) + 1;
    if (this.errors.length < this.maxErrors) this.errors.push(error);
  }

  warn(warning: ReportWarning): void {
    this.warnings.push(warning);
  }

  get errorCount(): number {
    return this.total;
  }

  build(): ValidationReport {
    return {
      valid: this.total === 0,
      rowCount: this.rowCount,
      columnCount: this.columnCount,
      errorCount: this.total,
      errorCounts: { ...this.counts },
      errors: [...this.errors],
      errorsTruncated: this.total > this.errors.length,
      maxErrors: this.maxErrors,
      warnings: [...this.warnings],
    };
  }
}

/**
 * The report of an upload the exchange could not finish with (see `processing-error`): the
 * usual shape, with one whole-file error whose message says why in the publisher's words.
 */
export function processingFailureReport(message: string, maxErrors = 100): ValidationReport {
  const report = new ReportBuilder(maxErrors);
  report.add({ code: 'processing-error', row: null, field: null, message });
  return report.build();
}
