import { fromAjvError } from './ajv-errors';
import * as cast from './cast';
import type { CastValue } from './cast';
import type { DataSchema } from './data-schemas';
import { compileFastRowCheck, type FastRowCheck } from './fast-row-check';
import type { RowCells } from './json-rows';
import type { ReportBuilder } from './report';
import type { FieldType, TableSchema } from './table-schema';
import { typeErrorMessage } from './type-messages';
import { UniqueIndex } from './unique-index';

// Module-local copies: transpilers turn cross-module calls into export getters, which the
// per-cell loop would otherwise pay for on every call.
const { castBoolean, castDate, castDatetime, castInteger, castNumber } = cast;
const INVALID: typeof cast.INVALID = cast.INVALID;

const KIND: Record<FieldType, number> = { string: 0, number: 1, integer: 2, boolean: 3, date: 4, datetime: 5 };

export type RowOutcome = 'valid' | 'invalid' | 'blank';

interface UniqueCheck {
  columns: number[];
  names: string[];
  index: UniqueIndex;
}

/**
 * Checks one data row at a time: blank row, cell count, casting by the schema's types,
 * the declared schema's ajv validator, and uniqueness. The cast values land in `values`,
 * an array reused for every row (read it before the next call).
 */
export class RowValidator {
  readonly values: (CastValue | null)[];
  /** Per column: true when some datetime had no UTC offset (decides the Parquet type). */
  readonly localDatetimes: boolean[];
  private readonly types: FieldType[];
  private readonly kinds: Uint8Array;
  private readonly record: Record<string, unknown> = {};
  private readonly names: string[];
  /** A short list compared with ===: cheaper than hashing every fresh cell for a Set. */
  /**
   * The missing values by length, each a short list compared with === (cheaper than hashing
   * every fresh cell for a Set): a cell is compared only with those of its own length, and
   * not at all when longer than every missing value.
   */
  private readonly missingByLength: (string[] | undefined)[];
  private readonly longestMissing: number;
  /**
   * The declared schema whose rules each row must meet. Its ajv validator is compiled (and
   * ajv loaded) only for the first row the fast check does not pass: a valid file never needs it.
   */
  private readonly checkedSchema?: DataSchema;
  private validateDeclared?: DataSchema['validate'];
  private readonly fastCheck: FastRowCheck | null = null;
  private readonly declared: number[];
  private readonly fieldNumbers = new Map<string, number>();
  private uniques: UniqueCheck[];
  private readonly flagged = new Set<string>();
  private blankRun = { first: 0, count: 0 };
  private uniqueFull = false;

  constructor(
    private readonly schema: TableSchema,
    private readonly report: ReportBuilder,
    private readonly options: {
      inferred: boolean;
      dataSchema?: DataSchema;
      maxUniqueKeys: number;
      /** DuckDB already proved the schema's rules and uniqueness for every row: cast only. */
      proven?: boolean;
    },
  ) {
    const fields = schema.fields;
    this.names = fields.map((f) => f.name);
    this.types = fields.map((f) => f.type);
    this.kinds = Uint8Array.from(this.types, (t) => KIND[t]);
    this.values = new Array(fields.length).fill(null);
    this.localDatetimes = new Array(fields.length).fill(false);
    this.longestMissing = Math.max(0, ...schema.missingValues.map((m) => m.length));
    this.missingByLength = Array.from({ length: this.longestMissing + 1 }, (_, n) => {
      const ofLength = [...new Set(schema.missingValues)].filter((m) => m.length === n);
      return ofLength.length > 0 ? ofLength : undefined;
    });
    this.checkedSchema = options.proven ? undefined : options.dataSchema;
    this.names.forEach((n, i) => this.fieldNumbers.set(n, i + 1));
    const known = new Set(options.dataSchema?.fields.map((f) => f.name) ?? []);
    this.declared = this.names.flatMap((n, i) => (known.has(n) ? [i] : []));
    for (const i of this.declared) this.record[this.names[i]] = undefined;
    if (options.dataSchema && !options.proven) {
      const declaredColumns = new Map(this.declared.map((i) => [this.names[i], i] as const));
      this.fastCheck = compileFastRowCheck(options.dataSchema.document, declaredColumns);
    }
    const keys = options.proven ? [] : (options.dataSchema?.uniqueKeys ?? (schema.primaryKey ? [schema.primaryKey] : []));
    this.uniques = keys
      .filter((names) => names.every((n) => this.names.includes(n)))
      .map((names) => ({ names, columns: names.map((n) => this.names.indexOf(n)), index: new UniqueIndex(options.maxUniqueKeys) }));
  }

  validate(cells: RowCells, row: number): RowOutcome {
    if (cells === null) {
      this.report.rowCount++; // unreadable, already reported, but still a row of the file
      return 'invalid';
    }
    if (this.isBlank(cells)) {
      if (this.blankRun.count === 0) this.blankRun.first = row;
      this.blankRun.count++;
      return 'blank';
    }
    if (this.blankRun.count > 0) this.reportBlankRun();
    this.report.rowCount++;
    const errorsBefore = this.report.errorCount;
    const width = this.names.length;
    if (cells.length !== width) this.reportCellCount(cells, row);
    const values = this.values;
    const kinds = this.kinds;
    const missingByLength = this.missingByLength;
    const longestMissing = this.longestMissing;
    const n = Math.min(cells.length, width);
    for (let i = 0; i < n; i++) {
      const cell = cells[i];
      if (cell === '' || (cell.length <= longestMissing && missingByLength[cell.length]?.includes(cell))) {
        values[i] = null;
        continue;
      }
      // A switch of direct calls, not an array of casters: V8 can inline each one.
      let value: CastValue | typeof INVALID;
      switch (kinds[i]) {
        case KIND.string:
          value = cell;
          break;
        case KIND.number:
          value = castNumber(cell);
          break;
        case KIND.integer:
          value = castInteger(cell);
          break;
        case KIND.boolean:
          value = castBoolean(cell);
          break;
        case KIND.date:
          value = castDate(cell);
          break;
        default:
          value = castDatetime(cell);
          if (value !== INVALID && !this.localDatetimes[i] && value.charCodeAt(value.length - 1) !== 90) this.localDatetimes[i] = true; // not ending in Z
      }
      values[i] = value === INVALID ? this.castFailure(i, cell, row) : value;
    }
    for (let i = n; i < width; i++) values[i] = null;
    if (this.checkedSchema) this.checkDeclared(row);
    if (this.uniques.length > 0) this.checkUnique(row);
    this.flagged.clear();
    return this.report.errorCount === errorsBefore ? 'valid' : 'invalid';
  }

  /** Blank means every cell is empty or a missing value, as Frictionless sees it after reading. */
  private isBlank(cells: readonly string[]): boolean {
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell !== '' && (cell.length > this.longestMissing || !this.missingByLength[cell.length]?.includes(cell))) return false;
    }
    return true;
  }

  /**
   * The end of the file: trailing blank rows (common after a spreadsheet export) are dropped
   * with a warning, and the uniqueness indexes (~25 MB per 1M keys) are let go before the
   * Parquet conversion, so their memory and DuckDB's do not add up.
   */
  finish(): void {
    this.uniques = [];
    if (this.blankRun.count === 0) return;
    const { first, count } = this.blankRun;
    this.report.warn({
      code: 'blank-row',
      message:
        count === 1
          ? `Row ${first}, at the end of the file, is blank and was left out.`
          : `Rows ${first} to ${first + count - 1}, at the end of the file, are blank and were left out.`,
    });
  }

  private reportBlankRun(): void {
    const { first, count } = this.blankRun;
    for (let r = first; r < first + count; r++) {
      this.report.add({ code: 'blank-row', row: r, field: null, message: `Row ${r} is blank. Remove empty rows between the data rows.` });
    }
    this.blankRun = { first: 0, count: 0 };
  }

  private reportCellCount(cells: readonly string[], row: number): void {
    const width = this.names.length;
    for (let i = width; i < cells.length; i++) {
      this.report.add({
        code: 'extra-cell',
        row,
        field: null,
        fieldNumber: i + 1,
        message: `Row ${row} has ${cells.length} cells but the header has ${width} columns: cell ${i + 1} has no column.`,
      });
    }
    for (let i = cells.length; i < width; i++) {
      this.flagged.add(this.names[i]);
      this.report.add({
        code: 'missing-cell',
        row,
        field: this.names[i],
        fieldNumber: i + 1,
        message: `Row ${row} has only ${cells.length} cells: it has no cell for column "${this.names[i]}".`,
      });
    }
  }

  /** An inferred integer column that meets a decimal becomes number: earlier values stay valid. */
  private castFailure(i: number, cell: string, row: number): CastValue | null {
    if (this.options.inferred && this.types[i] === 'integer') {
      const value = castNumber(cell);
      if (value !== INVALID) {
        this.types[i] = 'number';
        this.kinds[i] = KIND.number;
        this.schema.fields[i].type = 'number';
        return value;
      }
    }
    this.flagged.add(this.names[i]);
    this.report.add({
      code: 'type-error',
      row,
      field: this.names[i],
      fieldNumber: i + 1,
      message: typeErrorMessage(row, this.names[i], cell, this.types[i], this.options.inferred),
    });
    return null;
  }

  /**
   * One record object is reused for every row, its shape fixed: ajv treats an undefined
   * property exactly as an absent one (required, type and every other keyword).
   */
  private checkDeclared(row: number): void {
    if (this.fastCheck?.(this.values)) return;
    const record = this.record;
    for (const i of this.declared) {
      const value = this.values[i];
      record[this.names[i]] = value === null ? undefined : value;
    }
    this.validateDeclared ??= (this.checkedSchema as DataSchema).validate;
    const validate = this.validateDeclared;
    if (validate(record)) return;
    for (const error of validate.errors ?? []) {
      const mapped = fromAjvError(error, row, record, this.fieldNumbers);
      // A required value already reported as missing, mistyped or absent from the header is not reported twice.
      if (error.keyword === 'required' && (this.flagged.has(mapped.field ?? '') || !this.fieldNumbers.has(mapped.field ?? ''))) continue;
      this.report.add(mapped);
    }
  }

  private checkUnique(row: number): void {
    for (const unique of this.uniques) {
      let complete = true;
      unique.index.begin();
      for (let k = 0; k < unique.columns.length; k++) {
        const value = this.values[unique.columns[k]];
        if (value === null) {
          complete = false; // Table Schema: rows with a null in the key are not compared
          break;
        }
        unique.index.feed(typeof value === 'string' ? value : String(value));
      }
      if (!complete) continue;
      const earlier = unique.index.commit(row);
      if (earlier > 0) {
        const what = unique.names.length === 1 ? `column "${unique.names[0]}"` : `columns ${unique.names.map((n) => `"${n}"`).join(', ')}`;
        this.report.add({
          code: 'unique-error',
          row,
          field: unique.names.join(', '),
          fieldNumber: unique.names.length === 1 ? unique.columns[0] + 1 : undefined,
          message: `Row ${row} repeats the value of ${what} already used in row ${earlier}; it must be unique.`,
        });
      } else if (earlier < 0 && !this.uniqueFull) {
        this.uniqueFull = true;
        this.report.warn({
          code: 'unique-check-skipped',
          message: `Uniqueness was checked for the first ${this.options.maxUniqueKeys.toLocaleString('en-GB')} distinct keys only.`,
        });
      }
    }
  }
}
