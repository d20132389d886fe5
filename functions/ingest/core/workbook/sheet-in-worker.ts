/**
 * A large worksheet parsed in a worker thread (sheet-worker.ts) while this thread casts,
 * validates and writes the rows it has already handed on: the XML parse is most of a workbook's
 * cost, and the ingest Lambda (and a laptop) has a second core. The worker reads the sheet with
 * the same reader and the same guards as this thread would; a small sheet, or a build without
 * the worker's module beside this one, is read on this thread (xlsx-sheet.ts) instead.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { IngestInputError } from '../errors';
import { decodeRows, type SheetWorkerData, type WorkerMessage } from './sheet-rows-message';
import type { SheetReading, SheetRow } from './sheet-row';

/** Batches (of one inflated chunk's rows each) the worker may run ahead: enough to keep both threads busy, few enough to hold. */
const CREDITS = 8;

/**
 * The worker's own bootstrap: from TypeScript source (tests, the local exchange, the benches)
 * it registers tsx's loader before the entry; from a build, the entry is plain JavaScript.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.loader) require(workerData.loader);
require(workerData.entry);
`;

/** The worker's module beside this one, and the loader it needs; null when this build has none. */
function workerModule(): { entry: string; loader?: string } | null {
  const fromSource = __filename.endsWith('.ts');
  const entry = join(__dirname, fromSource ? 'sheet-worker.ts' : 'sheet-worker.js');
  if (!existsSync(entry)) return null;
  if (!fromSource) return { entry };
  try {
    return { entry, loader: require.resolve('tsx/cjs') };
  } catch {
    return null;
  }
}

let cachedModule: ReturnType<typeof workerModule> | undefined;
let started = 0;
let running = 0;

/** Sheet workers this process has started: the benches say which path they measured, tests that it ran. */
export function sheetWorkersStarted(): number {
  return started;
}

/** Sheet workers still running (tests: none is left behind once a reading ends, however it ends). */
export function sheetWorkersRunning(): number {
  return running;
}

/** Whether sheets can be parsed in a worker here. */
export function sheetWorkerAvailable(): boolean {
  cachedModule ??= workerModule();
  return cachedModule !== null;
}

/** The sheet's rows from a worker; `reading` gets the hidden columns and error cells the worker saw. */
export async function* rowsInWorker(job: Omit<SheetWorkerData, 'credits' | 'entry' | 'loader'>, reading: SheetReading): AsyncGenerator<SheetRow[]> {
  cachedModule ??= workerModule();
  if (!cachedModule) throw new Error('the sheet worker module is not part of this build');
  const data: SheetWorkerData = { ...job, credits: CREDITS, ...cachedModule };
  const worker = new Worker(BOOTSTRAP, { eval: true, workerData: data, execArgv: [] });
  started++;
  running++;
  const queue: WorkerMessage[] = [];
  let failure: Error | null = null;
  let exited = false;
  let wake: (() => void) | null = null;
  const nudge = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (message: WorkerMessage) => {
    queue.push(message);
    nudge();
  });
  worker.on('error', (error) => {
    failure ??= error;
    nudge();
  });
  worker.on('exit', () => {
    exited = true;
    running--;
    nudge();
  });
  try {
    while (true) {
      while (queue.length === 0 && failure === null && !exited) await new Promise<void>((resolve) => (wake = resolve));
      const message = queue.shift();
      if (message === undefined) throw failure ?? new Error('the sheet worker stopped before the end of the sheet');
      switch (message.kind) {
        case 'rows':
          yield decodeRows(message, job.parts.date1904);
          worker.postMessage('more');
          break;
        case 'end':
          for (const column of message.hiddenColumns) reading.hiddenColumns.add(column);
          reading.errorCells.count += message.errorCells.count;
          reading.errorCells.first ??= message.errorCells.first;
          return;
        case 'input-error':
          throw new IngestInputError(message.code, message.message, message.row);
        case 'failure':
          throw message.error;
      }
    }
  } finally {
    await worker.terminate();
  }
}
