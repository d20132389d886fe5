import { open } from 'node:fs/promises';
import type { Sample } from '../byte-source';
import type { DataSchema } from '../data-schemas';
import type { Delimiter } from '../detect-delimiter';
import { checkLabels, declaredTableSchema } from '../header-check';
import type { IngestLimits } from '../limits';
import { detectTable, type Detected } from '../open-table';
import { readCsvRows } from '../read-csv';
import { ReportBuilder } from '../report';
import type { TableSchema } from '../table-schema';
import { CsvByteGuards } from './byte-guards';
import { planSql, type SqlPlan } from './sql-plan';

export interface FastPlan {
  detected: Detected;
  delimiter: Delimiter;
  names: string[];
  /** The declared schema lined up with the header, exactly as the JS path builds it. */
  schema: TableSchema;
  sql: SqlPlan;
}

/**
 * Whether this upload can be proven valid by DuckDB: a UTF-8 CSV or TSV with a declared
 * common schema, a header the JS checks find nothing wrong with (read from the sample by
 * the same parser), and a schema whose every keyword has an SQL twin. Null sends the
 * upload down the JS path, as before.
 */
export async function planFastPath(
  sample: Sample,
  limits: IngestLimits,
  dataSchema: DataSchema,
  hints: { filename?: string; declaredFormat?: string },
): Promise<FastPlan | null> {
  const found = detectTable(sample, hints);
  if (!found.ok) return null;
  const { detected, detection } = found;
  if ((detected.format !== 'csv' && detected.format !== 'tsv') || (detection.encoding !== 'utf-8' && detection.encoding !== 'utf-8-bom')) return null;
  const delimiter = detected.delimiter ?? ',';
  const header = await headerFromSample(sample, detection.bomLength, delimiter, limits.maxRecordBytes);
  if (!header) return null;
  const report = new ReportBuilder(1);
  const names = checkLabels(header, limits.maxColumns, (e) => report.add(e));
  if (!names) return null;
  const schema = declaredTableSchema(names, dataSchema, (e) => report.add(e));
  if (report.errorCount > 0) return null;
  const sql = planSql(names, schema, dataSchema);
  return sql ? { detected, delimiter, names, schema, sql } : null;
}

/**
 * The first record, only when it ends inside the sample (a header cut short by the sample is
 * no header). Its first line usually is the whole record: parsing only that is much cheaper
 * than the whole sample; a quoted line break in a label means reading on.
 */
async function headerFromSample(sample: Sample, bomLength: number, delimiter: Delimiter, maxRecordBytes: number): Promise<string[] | null> {
  const text = sample.bytes.subarray(bomLength);
  const firstLine = text.indexOf(0x0a);
  if (firstLine >= 0) {
    const header = await firstRecord(text.subarray(0, firstLine + 1), false, delimiter, maxRecordBytes);
    if (header) return header;
  }
  return firstRecord(text, sample.complete, delimiter, maxRecordBytes);
}

/** The first complete record of `bytes` (the end of the bytes ends a record only when `atEnd`). */
async function firstRecord(bytes: Buffer, atEnd: boolean, delimiter: Delimiter, maxRecordBytes: number): Promise<string[] | null> {
  let fedWhole = false;
  async function* only(): AsyncGenerator<Buffer> {
    yield bytes;
    fedWhole = true;
  }
  try {
    for await (const batch of readCsvRows(only(), delimiter, maxRecordBytes)) {
      return !fedWhole || atEnd ? (batch[0] ?? null) : null;
    }
  } catch {
    return null;
  }
  return null;
}

/**
 * Writes the rest of the upload to `path` (the replayed sample first) while the guards
 * watch the bytes. Returns the guards: their `reason` says whether DuckDB may read it.
 */
export async function spoolUpload(chunks: AsyncIterable<Buffer>, path: string, delimiter: Delimiter): Promise<CsvByteGuards> {
  const guards = new CsvByteGuards(delimiter);
  const file = await open(path, 'w');
  try {
    for await (const chunk of chunks) {
      guards.feed(chunk);
      await file.write(chunk);
    }
  } finally {
    await file.close();
  }
  guards.finish();
  return guards;
}
