import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Sample } from '../byte-source';
import { IngestInputError } from '../errors';
import type { RowCells } from '../json-rows';
import type { IngestLimits } from '../limits';
import type { DataFormat } from '../detect-format';
import type { ReportWarning } from '../report';
import { listOdsSheets, readOdsSheet } from './ods-sheet';
import type { SheetInfo, SheetReading } from './sheet-row';
import { type FoundTable, tableOnSheet } from './sheet-table';
import { readXlsxParts } from './xlsx-parts';
import { readXlsxSheet } from './xlsx-sheet';
import { rowsInWorker, type SheetWorker, sheetWorkerAvailable, startSheetWorker } from './sheet-in-worker';
import { CheckedZip, type WorkbookKind, type ZipCaps } from './zip-archive';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** An OLE2 compound file: legacy .xls (BIFF8), and also any password-protected .xlsx. */
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ODS_MIMETYPE = 'mimetypeapplication/vnd.oasis.opendocument.spreadsheet';

export type Container = 'zip' | 'ole2';

/** Above what a worksheet's XML compresses to in practice (the bench's generated sheet: 6.4 to 1). */
const PRESTART_RATIO = 16;

export function detectContainer(bytes: Uint8Array): Container | null {
  if (startsWith(bytes, ZIP_MAGIC)) return 'zip';
  if (startsWith(bytes, OLE2_MAGIC)) return 'ole2';
  return null;
}

/** What the first part's name says (ODS must store `mimetype` first, uncompressed); the parts themselves decide later. */
export function provisionalKind(bytes: Uint8Array): WorkbookKind {
  return Buffer.from(bytes.subarray(30, 30 + ODS_MIMETYPE.length)).toString('latin1') === ODS_MIMETYPE ? 'ods' : 'xlsx';
}

export const LEGACY_XLS_MESSAGE =
  'The file is a legacy Excel .xls workbook (or a password-protected one). The exchange reads .xlsx and .ods workbooks but not .xls: no maintained reader of the old format without known vulnerabilities exists for it. Open it in Excel or LibreOffice, save it as .xlsx (without a password) and upload that.';

/**
 * A workbook's table as rows: the upload is spooled to a temporary file (a zip's directory is at
 * its end), its directory checked against the caps, then the declared sheet (or the first that
 * holds a table) read as a stream. `detected.format` is settled from the parts.
 */
export async function* readWorkbookRows(
  sample: Sample,
  detected: { format?: DataFormat },
  limits: IngestLimits,
  warn: (warning: ReportWarning) => void,
  sheet?: string,
): AsyncGenerator<RowCells[]> {
  const dir = await mkdtemp(join(tmpdir(), 'ldx-workbook-'));
  let zip: CheckedZip | undefined;
  const ahead = new WorkerAhead(limits.sheetWorkerAboveBytes);
  try {
    const path = join(dir, 'upload.zip');
    await pipeline(ahead.watch(sample.chunks), createWriteStream(path));
    const caps = {
      maxEntries: limits.maxZipEntries,
      maxUncompressedBytes: limits.maxZipUncompressedBytes,
      maxRatio: limits.maxZipRatio,
      ratioCheckAboveBytes: 2 ** 20,
    };
    zip = await CheckedZip.open(path, caps);
    const kind = zip.kind(await zip.readText('mimetype', 1024));
    if (!kind) {
      throw new IngestInputError(
        'format-error',
        'The file is a ZIP archive but not an Excel (.xlsx) or OpenDocument (.ods) workbook. Upload the table itself (CSV, Excel, ODS, JSON, GeoJSON or XML).',
      );
    }
    detected.format = kind;
    const workbook = await openWorkbook(zip, kind, limits, { zipPath: path, caps }, ahead);
    const found = await chooseSheet(workbook, warn, sheet);
    yield* found.batches;
  } finally {
    await ahead.release();
    zip?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

interface Workbook {
  sheets: SheetInfo[];
  read(index: number): Promise<SheetReading>;
}

async function openWorkbook(
  zip: CheckedZip,
  kind: WorkbookKind,
  limits: IngestLimits,
  spooled: { zipPath: string; caps: ZipCaps },
  ahead: WorkerAhead,
): Promise<Workbook> {
  if (kind === 'ods') {
    await ahead.release();
    return { sheets: await listOdsSheets(zip), read: (index) => readOdsSheet(zip, index, limits) };
  }
  const parts = await readXlsxParts(zip, limits.maxSharedStringChars);
  if (!parts.sheets.some((s) => zip.size(s.path) >= limits.sheetWorkerAboveBytes)) await ahead.release();
  const { sharedStrings, styleDates, date1904 } = parts;
  const { maxColumns } = limits;
  return {
    sheets: parts.sheets,
    read: (index) => {
      const sheetPath = parts.sheets[index].path;
      // A large sheet is parsed in a worker while this thread casts and writes its rows.
      const inWorker = zip.size(sheetPath) >= limits.sheetWorkerAboveBytes && sheetWorkerAvailable();
      return readXlsxSheet(
        zip,
        parts,
        sheetPath,
        maxColumns,
        inWorker
          ? (reading) => rowsInWorker({ ...spooled, sheetPath, maxColumns, parts: { sharedStrings, styleDates, date1904 } }, reading, ahead.take())
          : undefined,
      );
    },
  };
}

/** The declared sheet, or the first visible one holding a table; the others are listed in the report. */
async function chooseSheet(workbook: Workbook, warn: (warning: ReportWarning) => void, declared?: string): Promise<FoundTable> {
  const { sheets } = workbook;
  if (sheets.length === 0) throw new IngestInputError('format-error', 'The workbook has no sheets.');
  const names = sheets.map((s) => `"${s.name}"`).join(', ');
  const wanted = declared?.trim().toLowerCase();
  const order = wanted ? sheets.flatMap((s, i) => (s.name.trim().toLowerCase() === wanted ? [i] : [])) : sheets.flatMap((s, i) => (s.hidden ? [] : [i]));
  if (wanted && order.length === 0) throw new IngestInputError('format-error', `The workbook has no sheet called "${declared}". Its sheets are ${names}.`);
  for (const index of order) {
    const found = await tableOnSheet(await workbook.read(index), warn, sheets[index].name);
    if (found) {
      const others = sheets.filter((_, i) => i !== index);
      if (others.length) {
        warn({
          code: 'other-sheets',
          message: `Sheet "${sheets[index].name}" is published. The workbook's other sheets are not: ${others.map((s) => `"${s.name}"${s.hidden ? ' (hidden)' : ''}`).join(', ')}. To publish one of them, upload it on its own (or declare its sheet).`,
        });
      }
      return found;
    }
    if (wanted) break;
  }
  throw new IngestInputError(
    'format-error',
    wanted
      ? `Sheet "${declared}" holds no table (no header row followed by data).`
      : `No sheet of the workbook holds a table (a header row followed by data). Its sheets are ${names}.`,
  );
}

/**
 * A sheet worker started while the upload is spooled, once enough bytes have come for a sheet the
 * worker would parse (a sheet's XML compresses less than PRESTART_RATIO to 1), so that its start
 * overlaps the spooling and the reading of the workbook's parts. The first sheet read in a worker
 * takes it; released (ended) as soon as no sheet will, and at the latest when the reading ends.
 */
class WorkerAhead {
  private worker: SheetWorker | null = null;
  private tried = false;

  constructor(private readonly sheetWorkerAboveBytes: number) {}

  async *watch(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    const startAt = this.sheetWorkerAboveBytes / PRESTART_RATIO;
    let bytes = 0;
    for await (const chunk of chunks) {
      bytes += chunk.length;
      if (!this.tried && bytes >= startAt) {
        this.tried = true;
        if (sheetWorkerAvailable()) this.worker = startSheetWorker();
      }
      yield chunk;
    }
  }

  take(): SheetWorker | null {
    const { worker } = this;
    this.worker = null;
    return worker;
  }

  async release(): Promise<void> {
    await this.take()?.stop();
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}
