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

/** Sheet workers given a sheet to parse in this process: the benches say which path they measured, tests that it ran. */
export function sheetWorkersStarted(): number {
  return started;
}

/** Sheet worker threads still running, idle or parsing (tests: none is left behind once a reading ends, however it ends). */
export function sheetWorkersRunning(): number {
  return running;
}

/** Whether sheets can be parsed in a worker here. */
export function sheetWorkerAvailable(): boolean {
  cachedModule ??= workerModule();
  return cachedModule !== null;
}

/**
 * A sheet worker thread, started before its sheet is known so that it loads its modules while
 * the workbook is spooled and its parts read; `rows` then gives it the sheet. Until then it does
 * not keep the process alive, and `stop` ends it if no sheet is given.
 */
export class SheetWorker {
  private readonly worker: Worker;
  private readonly queue: WorkerMessage[] = [];
  private failure: Error | null = null;
  private exited = false;
  private wake: (() => void) | null = null;

  constructor(private readonly module: { entry: string; loader?: string }) {
    this.worker = new Worker(BOOTSTRAP, { eval: true, workerData: { ...module, awaitJob: true }, execArgv: [] });
    this.worker.unref();
    running++;
    this.worker.on('message', (message: WorkerMessage) => {
      this.queue.push(message);
      this.nudge();
    });
    this.worker.on('error', (error) => {
      this.failure ??= error;
      this.nudge();
    });
    this.worker.on('exit', () => {
      this.exited = true;
      running--;
      this.nudge();
    });
  }

  /** The sheet's rows; `reading` gets the hidden columns and error cells the worker saw. The worker ends with the rows, however they end. */
  async *rows(job: Omit<SheetWorkerData, 'credits' | 'entry' | 'loader'>, reading: SheetReading): AsyncGenerator<SheetRow[]> {
    const { worker } = this;
    try {
      worker.ref();
      worker.postMessage({ ...job, credits: CREDITS, ...this.module } satisfies SheetWorkerData);
      started++;
      while (true) {
        while (this.queue.length === 0 && this.failure === null && !this.exited) await new Promise<void>((resolve) => (this.wake = resolve));
        const message = this.queue.shift();
        if (message === undefined) throw this.failure ?? new Error('the sheet worker stopped before the end of the sheet');
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
      await this.stop();
    }
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }

  private nudge(): void {
    this.wake?.();
    this.wake = null;
  }
}

/** A sheet worker waiting for its sheet; null when this build has no worker module. */
export function startSheetWorker(): SheetWorker | null {
  cachedModule ??= workerModule();
  return cachedModule ? new SheetWorker(cachedModule) : null;
}

/** The sheet's rows from a worker: `ready` if one was started ahead, else a new one. */
export async function* rowsInWorker(
  job: Omit<SheetWorkerData, 'credits' | 'entry' | 'loader'>,
  reading: SheetReading,
  ready?: SheetWorker | null,
): AsyncGenerator<SheetRow[]> {
  const worker = ready ?? startSheetWorker();
  if (!worker) throw new Error('the sheet worker module is not part of this build');
  yield* worker.rows(job, reading);
}
