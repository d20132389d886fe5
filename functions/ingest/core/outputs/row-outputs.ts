import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CastValue } from '../cast';
import type { TableSchemaField } from '../table-schema';
import { BufferedTextFile, MEDIA_TYPES, type OutputFile } from './output-file';
import { RowSerialiser } from './serialise-row';

export const OUTPUT_NAMES = { csv: 'data.csv', ndjson: 'data.ndjson', json: 'data.json', parquet: 'data.parquet' } as const;

export interface TextOutputs {
  csv: OutputFile;
  ndjson: OutputFile;
  json: OutputFile;
}

/**
 * Writes every valid row to the normalised CSV (UTF-8, CRLF, header row), NDJSON and a
 * JSON array at once, so the input is read a single time. Memory: about 1 MB per file
 * between flushes, which the pipeline awaits after each input chunk.
 */
export class RowOutputs {
  private rows = 0;

  private constructor(
    private readonly serialiser: RowSerialiser,
    private readonly csv: BufferedTextFile,
    private readonly ndjson: BufferedTextFile,
    private readonly json: BufferedTextFile,
  ) {}

  static async create(workDir: string, fields: readonly TableSchemaField[]): Promise<RowOutputs> {
    const serialiser = new RowSerialiser(fields);
    const [csv, ndjson, json] = await Promise.all([
      BufferedTextFile.create(join(workDir, OUTPUT_NAMES.csv)),
      BufferedTextFile.create(join(workDir, OUTPUT_NAMES.ndjson)),
      BufferedTextFile.create(join(workDir, OUTPUT_NAMES.json)),
    ]);
    csv.push(serialiser.csvHeader());
    json.push('[');
    return new RowOutputs(serialiser, csv, ndjson, json);
  }

  write(values: readonly (CastValue | null)[]): void {
    const object = this.serialiser.jsonObject(values);
    this.csv.push(this.serialiser.csvLine(values));
    this.ndjson.push(`${object}\n`);
    this.json.push(this.rows === 0 ? `\n${object}` : `,\n${object}`);
    this.rows++;
  }

  async flushIfFull(): Promise<void> {
    await Promise.all([this.csv, this.ndjson, this.json].filter((f) => f.full).map((f) => f.flush()));
  }

  async close(): Promise<TextOutputs> {
    this.json.push(this.rows === 0 ? ']\n' : '\n]\n');
    const [csvBytes, ndjsonBytes, jsonBytes] = await Promise.all([this.csv.close(), this.ndjson.close(), this.json.close()]);
    return {
      csv: { path: this.csv.path, bytes: csvBytes, mediaType: MEDIA_TYPES.csv },
      ndjson: { path: this.ndjson.path, bytes: ndjsonBytes, mediaType: MEDIA_TYPES.ndjson },
      json: { path: this.json.path, bytes: jsonBytes, mediaType: MEDIA_TYPES.json },
    };
  }

  /** Closes and deletes the files: an invalid upload publishes nothing. */
  async discard(): Promise<void> {
    const files = [this.csv, this.ndjson, this.json];
    await Promise.allSettled(files.map((f) => f.abandon()));
    await Promise.all(files.map((f) => rm(f.path, { force: true })));
  }
}
