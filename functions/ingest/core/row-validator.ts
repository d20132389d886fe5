import { fromAjvError } from './ajv-errors';
import { castNumber, CASTERS, INVALID, type Caster, type CastValue } from './cast';
import type { DataSchema } from './data-schemas';
import type { RowCells } from './json-rows';
import type { ReportBuilder } from './report';
import type { FieldType, TableSchema } from './table-schema';
import { typeErrorMessage } from './type-messages';
import { UniqueIndex } from './unique-index';

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
  private readonly casters: Caster[];
  private readonly names: string[];
  private readonly missing: Set<string>;
  private readonly declared: number[];
  private readonly fieldNumbers = new Map<string, number>();
  private readonly uniques: UniqueCheck[];
  private readonly flagged = new Set<string>();
  private blankRun = { first: 0, count: 0 };
  private uniqueFull = false;

  constructor(
    private readonly schema: TableSchema,
    private readonly report: ReportBuilder,
    private readonly options: { inferred: boolean; dataSchema?: DataSchema; maxUniqueKeys: number },
  ) {
    const fields = schema.fields;
    this.names = fields.map((f) => f.name);
    this.types = fields.map((f) => f.type);
    this.casters = this.types.map((t) => CASTERS[t]);
    this.values = new Array(fields.length).fill(null);
    this.localDatetimes = new Array(fields.length).fill(false);
    this.missing = new Set(schema.missingValues);
    this.names.forEach((n, i) => this.fieldNumbers.set(n, i + 1));
    const known = new Set(options.dataSchema?.fields.map((f) => f.name) ?? []);
    this.declared = this.names.flatMap((n, i) => (known.has(n) ? [i] : []));
    const keys = options.dataSchema?.uniqueKeys ?? (schema.primaryKey ? [schema.primaryKey] : []);
    this.uniques = keys
      .filter((names) => names.every((n) => this.names.includes(n)))
      .map((names) => ({ names, columns: names.map((n) => this.names.indexOf(n)), index: new UniqueIndex(options.maxUniqueKeys) }));
  }

  validate(cells: RowCells, row: number): RowOutcome {
    if (cells === null) return 'invalid';
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
    const n = Math.min(cells.length, width);
    for (let i = 0; i < n; i++) {
      const cell = cells[i];
      if (cell === '' || this.missing.has(cell)) {
        values[i] = null;
        continue;
      }
      const value = this.casters[i](cell);
      if (value === INVALID) {
        values[i] = this.castFailure(i, cell, row);
      } else {
        values[i] = value;
        if (this.types[i] === 'datetime' && !(value as string).endsWith('Z')) this.localDatetimes[i] = true;
      }
    }
    for (let i = n; i < width; i++) values[i] = null;
    if (this.options.dataSchema) this.checkDeclared(row);
    if (this.uniques.length > 0) this.checkUnique(row);
    this.flagged.clear();
    return this.report.errorCount === errorsBefore ? 'valid' : 'invalid';
  }

  /** Blank means every cell is empty or a missing value, as Frictionless sees it after reading. */
  private isBlank(cells: readonly string[]): boolean {
    for (let i = 0; i < cells.length; i++) if (cells[i] !== '' && !this.missing.has(cells[i])) return false;
    return true;
  }

  /** Trailing blank rows (common after a spreadsheet export) are dropped with a warning. */
  finish(): void {
    if (this.blankRun.count === 0) return;
    const { first, count } = this.blankRun;
    this.report.warn({ code: 'blank-row', message: count === 1 ? `Row ${first}, at the end of the file, is blank and was left out.` : `Rows ${first} to ${first + count - 1}, at the end of the file, are blank and were left out.` });
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
      this.report.add({ code: 'extra-cell', row, field: null, fieldNumber: i + 1, message: `Row ${row} has ${cells.length} cells but the header has ${width} columns: cell ${i + 1} has no column.` });
    }
    for (let i = cells.length; i < width; i++) {
      this.flagged.add(this.names[i]);
      this.report.add({ code: 'missing-cell', row, field: this.names[i], fieldNumber: i + 1, message: `Row ${row} has only ${cells.length} cells: it has no cell for column "${this.names[i]}".` });
    }
  }

  /** An inferred integer column that meets a decimal becomes number: earlier values stay valid. */
  private castFailure(i: number, cell: string, row: number): CastValue | null {
    if (this.options.inferred && this.types[i] === 'integer') {
      const value = castNumber(cell);
      if (value !== INVALID) {
        this.types[i] = 'number';
        this.casters[i] = CASTERS.number;
        this.schema.fields[i].type = 'number';
        return value;
      }
    }
    this.flagged.add(this.names[i]);
    this.report.add({ code: 'type-error', row, field: this.names[i], fieldNumber: i + 1, message: typeErrorMessage(row, this.names[i], cell, this.types[i], this.options.inferred) });
    return null;
  }

  private checkDeclared(row: number): void {
    const record: Record<string, unknown> = {};
    for (const i of this.declared) if (this.values[i] !== null) record[this.names[i]] = this.values[i];
    const validate = (this.options.dataSchema as DataSchema).validate;
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
      let key = '';
      let complete = true;
      for (let k = 0; k < unique.columns.length; k++) {
        const value = this.values[unique.columns[k]];
        if (value === null) {
          complete = false; // Table Schema: rows with a null in the key are not compared
          break;
        }
        key = k === 0 ? String(value) : `${key}\u001f${String(value)}`;
      }
      if (!complete) continue;
      const earlier = unique.index.check(key, row);
      if (earlier > 0) {
        const what = unique.names.length === 1 ? `column "${unique.names[0]}"` : `columns ${unique.names.map((n) => `"${n}"`).join(', ')}`;
        this.report.add({ code: 'unique-error', row, field: unique.names.join(', '), fieldNumber: unique.names.length === 1 ? unique.columns[0] + 1 : undefined, message: `Row ${row} repeats the value of ${what} already used in row ${earlier}; it must be unique.` });
      } else if (earlier < 0 && !this.uniqueFull) {
        this.uniqueFull = true;
        this.report.warn({ code: 'unique-check-skipped', message: `Uniqueness was checked for the first ${this.options.maxUniqueKeys.toLocaleString('en-GB')} distinct keys only.` });
      }
    }
  }
}

