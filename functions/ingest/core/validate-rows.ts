import type { DataSchema } from './data-schemas';
import { checkLabels, declaredTableSchema } from './header-check';
import { InferenceSample, inferTableSchema } from './infer-schema';
import type { RowCells } from './json-rows';
import type { IngestLimits } from './limits';
import type { RowOutputs } from './outputs/row-outputs';
import type { ReportBuilder } from './report';
import { RowValidator } from './row-validator';
import type { TableSchema } from './table-schema';

export interface RowsContext {
  limits: IngestLimits;
  report: ReportBuilder;
  dataSchema?: DataSchema;
  /** Called once the schema is known and no error was found yet; null means validation only. */
  openOutputs: (schema: TableSchema) => Promise<RowOutputs | null>;
  /** The declared schema's rules and uniqueness are already proven (fast path): cast and write only. */
  proven?: boolean;
}

/**
 * Reads the header, settles the schema (declared, or inferred from the first rows, which
 * are held until then), then validates every row and hands valid rows to the outputs.
 * Once any error is found no more rows are written: an invalid file publishes nothing.
 */
export class RowsRun {
  schema: TableSchema | null = null;
  validator: RowValidator | null = null;
  private names: string[] | null = null;
  private outputs: RowOutputs | null = null;
  private held: InferenceSample<RowCells>;
  private rowNumber = 1;

  constructor(private readonly context: RowsContext) {
    this.held = new InferenceSample(context.limits.inferenceRows, context.limits.inferenceChars);
  }

  async run(batches: AsyncIterable<RowCells[]>): Promise<void> {
    const { limits, report, dataSchema } = this.context;
    for await (const batch of batches) {
      let from = 0;
      if (!this.names) {
        this.names = checkLabels((batch[0] ?? []) as string[], limits.maxColumns, (e) => report.add(e));
        if (!this.names) return; // not a readable table: stop reading
        report.columnCount = this.names.length;
        from = 1;
      }
      if (this.validator) {
        this.consume(batch, from);
      } else if (dataSchema) {
        await this.start();
        this.consume(batch, from);
      } else {
        const rest = this.held.take(batch, from);
        if (this.held.full) {
          await this.start();
          this.consume(batch, rest);
        }
      }
      if (this.outputs) await this.outputs.flushIfFull();
    }
    if (this.names && !this.validator) await this.start();
    this.validator?.finish();
  }

  private async start(): Promise<void> {
    const { report, dataSchema, limits } = this.context;
    const names = this.names as string[];
    this.schema = dataSchema ? declaredTableSchema(names, dataSchema, (e) => report.add(e)) : inferTableSchema(names, this.held.rows);
    this.validator = new RowValidator(this.schema, report, {
      inferred: !dataSchema,
      dataSchema,
      maxUniqueKeys: limits.maxUniqueKeys,
      proven: this.context.proven,
    });
    if (report.errorCount === 0) this.outputs = await this.context.openOutputs(this.schema);
    const rows = this.held.rows.splice(0);
    this.consume(rows, 0);
  }

  private consume(rows: RowCells[], from: number): void {
    const validator = this.validator as RowValidator;
    const report = this.context.report;
    const outputs = this.outputs;
    for (let i = from; i < rows.length; i++) {
      const outcome = validator.validate(rows[i], ++this.rowNumber);
      if (outputs && outcome === 'valid' && report.errorCount === 0) outputs.write(validator.values);
    }
  }
}
