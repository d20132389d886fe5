import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { listDataSchemas, UnknownDataSchemaError, validateUpload } from '../../../functions/ingest/core';
import { CliError } from '../cli-error';
import { EXIT, type ExitCode } from '../exit-codes';
import { fingerprint } from '../files';
import { formatBytes, type Output, table } from '../output';

/**
 * `ldx validate file.csv --schema air-quality-readings`: the exchange's own ingest core
 * (functions/ingest/core), run here, offline: the same detection, casting and report the
 * exchange would produce for this upload, before anything is sent.
 */
export interface ValidateOptions {
  schema?: string;
  format?: string;
  sheet?: string;
  /** Errors listed in the table (all of them are in --json). */
  show: number;
}

export const validate = async (out: Output, file: string, options: ValidateOptions): Promise<ExitCode> => {
  const { bytes } = await fingerprint(file);
  let result: Awaited<ReturnType<typeof validateUpload>>;
  try {
    result = await validateUpload({
      source: createReadStream(file),
      filename: basename(file),
      ...(options.format ? { declaredFormat: options.format } : {}),
      ...(options.sheet ? { sheet: options.sheet } : {}),
      ...(options.schema ? { dataSchemaId: options.schema } : {}),
    });
  } catch (error) {
    if (error instanceof UnknownDataSchemaError) {
      const known = listDataSchemas()
        .map((schema) => schema.id)
        .join(', ');
      throw new CliError(`There is no common data schema ${options.schema}.`, EXIT.usage, `The schemas are: ${known}.`);
    }
    throw error;
  }
  const { report, detected } = result;
  out.result({
    file,
    valid: report.valid,
    detected,
    schemaSource: result.schemaSource,
    dataSchema: result.dataSchema,
    original: result.original,
    schema: result.schema,
    report,
  });
  const how = [detected.format, detected.encoding, detected.delimiter === undefined ? undefined : `delimiter ${JSON.stringify(detected.delimiter)}`]
    .filter(Boolean)
    .join(', ');
  out.line(`${file}: ${formatBytes(bytes)}, ${how}`);
  out.line(
    `${report.valid ? 'valid' : 'INVALID'}: ${report.rowCount} rows, ${report.columnCount} columns, ${report.errorCount} errors` +
      (result.dataSchema ? `, checked against ${result.dataSchema.id} ${result.dataSchema.version}` : `, schema ${result.schemaSource}`),
  );
  for (const warning of report.warnings) out.line(`warning: ${warning.message}`);
  if (report.errors.length > 0) {
    const shown = report.errors.slice(0, options.show);
    out.line();
    out.line(
      table(
        ['row', 'column', 'error', 'message'],
        shown.map((e) => [e.row ?? '', e.field ?? '', e.code, e.message]),
      ),
    );
    if (report.errorCount > shown.length) out.line(`… and ${report.errorCount - shown.length} more (--json lists ${report.errors.length}).`);
  }
  return report.valid ? EXIT.ok : EXIT.invalidData;
};
