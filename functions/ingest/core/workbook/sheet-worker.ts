/**
 * The worker thread that parses a large worksheet (started by sheet-in-worker.ts): it opens the
 * spooled workbook again (the same caps as the ingest's own check), reads the sheet with the
 * same reader as the ingest's thread would (xlsx-sheet.ts: every inflation and XML guard
 * applies here), and posts the rows in batches of cells as stored (sheet-rows-message.ts), a few ahead of the ingest, so parsing the XML
 * and casting and writing the rows run on two cores at once.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { IngestInputError } from '../errors';
import { FlatRowSink, type SheetWorkerData, transferables, type WorkerMessage } from './sheet-rows-message';
import { rowsOf } from './xlsx-sheet';
import { CheckedZip } from './zip-archive';

async function run(data: SheetWorkerData, port: NonNullable<typeof parentPort>): Promise<void> {
  let credits = data.credits;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    credits++;
    wake?.();
    wake = null;
  });
  const send = (message: WorkerMessage) => port.postMessage(message);
  let zip: CheckedZip | undefined;
  try {
    zip = await CheckedZip.open(data.zipPath, data.caps);
    const reading = { hiddenColumns: new Set<number>(), errorCells: { count: 0 } as { count: number; first?: string } };
    for await (const batch of rowsOf(zip, data.parts, data.sheetPath, () => reading, new FlatRowSink(), data.maxColumns)) {
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
      port.postMessage(batch, transferables(batch));
    }
    send({ kind: 'end', hiddenColumns: [...reading.hiddenColumns], errorCells: { ...reading.errorCells } });
  } catch (error) {
    if (error instanceof IngestInputError) send({ kind: 'input-error', code: error.code, message: error.message, row: error.row });
    else send({ kind: 'failure', error: error instanceof Error ? error : new Error(String(error)) });
  } finally {
    zip?.close();
    // Nothing more to wait for: the worker ends once the messages already posted are delivered.
    port.unref();
  }
}

// Only as a sheet worker (started by sheet-in-worker.ts, ahead of its sheet, which comes in its first
// message): imported anywhere else (a test loading every module), it does nothing.
const started = isMainThread ? undefined : (workerData as { awaitJob?: boolean } | undefined);
if (parentPort && started?.awaitJob === true) {
  const port = parentPort;
  port.once('message', (job: SheetWorkerData) => void run(job, port));
}
