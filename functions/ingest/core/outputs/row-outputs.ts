import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CastValue } from '../cast';
import { GeographyPass } from '../geography/geography-in-pass';
import type { TableSchemaField } from '../table-schema';
import { JsonArrayFile, ndjsonToJsonArray } from './json-array';
import { BufferedTextFile, MEDIA_TYPES, type OutputFile } from './output-file';
import { ParquetDuckDb, type ParquetJob, writeParquet } from './parquet';
import { RowSerialiser } from './serialise-row';

/** Characters of lines joined before they are encoded into a file's block (measured: ~8% less CPU for `process` than two writes per row). */
const PENDING_CHARS = 64 * 1024;

export const OUTPUT_NAMES = { csv: 'data.csv', ndjson: 'data.ndjson', json: 'data.json', parquet: 'data.parquet' } as const;

export interface TextOutputs {
  csv: OutputFile;
  ndjson: OutputFile;
  json: OutputFile;
}

/**
 * Writes every valid row to the normalised CSV (UTF-8, CRLF, header row) and NDJSON as
 * the input streams by; the JSON array is made from the NDJSON's text (never serialising a
 * row a third time): a workbook's beside it during the pass, else afterwards by a byte copy. Memory: at most a few 1 MB blocks
 * per file between flushes, which the pipeline awaits after each input chunk.
 */
export class RowOutputs {
  private csvText = '';
  private ndjsonText = '';
  /** A workbook's Parquet DuckDB, opened while its rows are read; undefined once taken or for other formats. */
  private parquetAhead: Promise<ParquetDuckDb> | undefined;
  /** A workbook's JSON array, written beside the NDJSON during the pass; closed with the lines. */
  private jsonInPass: JsonArrayFile | undefined;
  private jsonClosed: Promise<number> | undefined;

  private constructor(
    private readonly workDir: string,
    private readonly serialiser: RowSerialiser,
    private readonly csv: BufferedTextFile,
    private readonly ndjson: BufferedTextFile,
    /** The table's geography, measured as the rows are written (no second read of the NDJSON). */
    readonly geography: GeographyPass,
  ) {}

  /** `format`: the detected format (a GeoJSON input's geometry column places its rows). */
  static async create(workDir: string, fields: readonly TableSchemaField[], format?: string): Promise<RowOutputs> {
    const serialiser = new RowSerialiser(fields);
    const [csv, ndjson] = await Promise.all([
      BufferedTextFile.create(join(workDir, OUTPUT_NAMES.csv)),
      BufferedTextFile.create(join(workDir, OUTPUT_NAMES.ndjson)),
    ]);
    csv.push(serialiser.csvHeader());
    const outputs = new RowOutputs(workDir, serialiser, csv, ndjson, new GeographyPass(fields, format, workDir));
    // A workbook's rows take seconds to come (its sheet is parsed first): the Parquet's DuckDB
    // opens meanwhile, off this thread. Other formats keep opening it at the end, as before.
    // Its JSON array is written during the pass too: the ingest thread has time to spare while
    // the sheet's worker is the slower, and the copy after the last row was on the critical path.
    if (format === 'xlsx' || format === 'ods') {
      outputs.parquetAhead = ParquetDuckDb.open(workDir);
      // Settled by parquet() or discard; a failure to open is thrown there, not unhandled here.
      outputs.parquetAhead.catch(() => undefined);
      try {
        outputs.jsonInPass = await JsonArrayFile.create(join(workDir, OUTPUT_NAMES.json));
      } catch (error) {
        await outputs.discard();
        throw error;
      }
    }
    return outputs;
  }

  write(values: readonly (CastValue | null)[]): void {
    this.serialiser.serialise(values);
    this.csvText += this.serialiser.csvLine;
    this.ndjsonText += this.serialiser.jsonLine;
    this.geography.row(values, this.serialiser.jsonLine);
    if (this.ndjsonText.length >= PENDING_CHARS) this.pushPending();
  }

  /** One Buffer.write per ~64K characters instead of two per row (each write flattens and encodes a short string). */
  private pushPending(): void {
    this.csv.push(this.csvText);
    this.ndjson.push(this.ndjsonText);
    this.jsonInPass?.push(this.ndjsonText);
    this.csvText = '';
    this.ndjsonText = '';
  }

  async flushIfFull(): Promise<void> {
    this.pushPending();
    if (this.csv.hasFullBlocks) await this.csv.flush();
    if (this.ndjson.hasFullBlocks) await this.ndjson.flush();
    if (this.jsonInPass?.hasFullBlocks) await this.jsonInPass.flush();
    await this.geography.flush();
  }

  async close(): Promise<TextOutputs> {
    const lines = await this.closeLines();
    return { ...lines, json: await this.jsonArray(lines.ndjson) };
  }

  /** The CSV and NDJSON closed; what reads the NDJSON (the JSON array, the Parquet) may then run side by side. */
  async closeLines(): Promise<Omit<TextOutputs, 'json'>> {
    this.pushPending();
    if (this.jsonInPass) {
      this.jsonClosed = this.jsonInPass.close();
      // Awaited by jsonArray; a failure is thrown there, never left unhandled.
      this.jsonClosed.catch(() => undefined);
    }
    const [csvBytes, ndjsonBytes] = await Promise.all([this.csv.close(), this.ndjson.close()]);
    return {
      csv: { path: this.csv.path, bytes: csvBytes, mediaType: MEDIA_TYPES.csv },
      ndjson: { path: this.ndjson.path, bytes: ndjsonBytes, mediaType: MEDIA_TYPES.ndjson },
    };
  }

  /** The JSON array: a workbook's, written during the pass and closed with the lines; else copied from the closed NDJSON. */
  async jsonArray(ndjson: OutputFile): Promise<OutputFile> {
    const jsonPath = join(this.workDir, OUTPUT_NAMES.json);
    if (this.jsonClosed) return { path: jsonPath, bytes: await this.jsonClosed, mediaType: MEDIA_TYPES.json };
    return { path: jsonPath, bytes: await ndjsonToJsonArray(ndjson.path, jsonPath, ndjson.bytes), mediaType: MEDIA_TYPES.json };
  }

  /**
   * The Parquet from the closed NDJSON: on the DuckDB opened ahead when there is one (closed
   * afterwards, whatever happened), else on a throwaway one.
   */
  async parquet(job: ParquetJob): Promise<OutputFile> {
    const ahead = this.parquetAhead;
    this.parquetAhead = undefined;
    if (!ahead) return writeParquet(job);
    const duckdb = await ahead;
    try {
      return await duckdb.write(job);
    } finally {
      await duckdb.close();
    }
  }

  /** Closes and deletes the files: an invalid upload publishes nothing. */
  async discard(): Promise<void> {
    const ahead = this.parquetAhead;
    this.parquetAhead = undefined;
    await Promise.allSettled([
      this.csv.abandon(),
      this.ndjson.abandon(),
      this.geography.discard(),
      this.jsonInPass?.abandon(),
      ahead?.then((duckdb) => duckdb.close()),
    ]);
    await Promise.all(Object.values(OUTPUT_NAMES).map((name) => rm(join(this.workDir, name), { force: true })));
  }
}
