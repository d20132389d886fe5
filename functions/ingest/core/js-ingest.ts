import type { OriginalBytes, Sample } from './byte-source';
import type { DataSchema } from './data-schemas';
import { IngestInputError } from './errors';
import type { IngestLimits } from './limits';
import { openTable, type Detected } from './open-table';
import type { IngestRun, JsOptions } from './ingest-run';
import { RowOutputs } from './outputs/row-outputs';
import type { UploadInput } from './upload-types';
import { ReportBuilder } from './report';
import { RowsRun } from './validate-rows';

export interface JsJob extends JsOptions {
  original: OriginalBytes;
  sample: Sample;
  input: UploadInput;
  limits: IngestLimits;
  dataSchema: DataSchema | undefined;
  workDir: string | null;
}

/** Detect, parse, cast and validate in JavaScript, streaming: the path every report with an error comes from. */
export async function ingestWithJs(job: JsJob): Promise<IngestRun> {
  const { original, sample, input, limits, dataSchema, workDir } = job;
  const report = new ReportBuilder(limits.maxErrors);
  let detected: Detected = {};
  let outputs: RowOutputs | undefined;
  let rows: RowsRun | undefined;
  try {
    const table = openTable(sample, limits, report, input, { strictCsv: job.proven });
    detected = table.detected;
    if (table.batches) {
      rows = new RowsRun({
        limits,
        report,
        dataSchema,
        proven: job.proven,
        openOutputs: async (schema) => (workDir ? (outputs = await RowOutputs.create(workDir, schema.fields, detected.format)) : null),
      });
      await rows.run(table.batches);
    }
  } catch (error) {
    if (!(error instanceof IngestInputError)) {
      await outputs?.discard().catch(() => undefined);
      throw error;
    }
    report.add({ code: error.code, row: error.row, field: null, message: error.message });
  }
  await original.drain();
  const built = report.build();
  const schema = rows?.schema ?? { fields: [], missingValues: [''] };
  return {
    rows,
    outputs,
    result: {
      ok: built.valid,
      detected,
      schema,
      schemaSource: rows?.schema ? (dataSchema ? 'declared' : 'inferred') : 'none',
      ...(dataSchema ? { dataSchema: { id: dataSchema.id, $id: dataSchema.$id, version: dataSchema.version } } : {}),
      report: built,
      original: { sha256: original.sha256(), bytes: original.bytes },
    },
  };
}
