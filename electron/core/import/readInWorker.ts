import { Worker } from 'node:worker_threads';
import { workerScript } from '../workerScript';
import type { ResourceLimits } from 'node:worker_threads';
import type { ParsedWorkbook } from '../../../shared/domain/workbook';

/**
 * The worker's own heap, inside the app's 500 MB budget: exceljs needs about 120 MB for a 5,000-action
 * workbook and this much for the most cells IMPORT_LIMITS admit. Unpacked bytes live outside this heap and are
 * bounded by IMPORT_LIMITS.unzippedBytes.
 */
export const IMPORT_WORKER_LIMITS: ResourceLimits = {
  maxOldGenerationSizeMb: 192,
  maxYoungGenerationSizeMb: 16,
  stackSizeMb: 4,
};

/** A hostile file may also make the parser spin rather than grow; nobody waits this long for an import. */
export const IMPORT_TIME_LIMIT_MS = 180_000;

/** An idle worker is ended after this long, so the memory of the last import is given back. */
const IDLE_MS = 60_000;

export const WORKER_FAILED =
  'this workbook is too large or damaged to read – export a fresh workbook from the app and make the edits again';

/**
 * Reads workbooks one at a time in a worker thread with its own memory limit. A worker that runs out of
 * memory, crashes or takes too long is ended and its read comes back as a ParsedWorkbook with `error`
 * set; the next read starts a fresh worker. The worker is kept between reads (starting one costs about
 * as much as reading a small workbook) and ended when idle.
 */
export class WorkbookReader {
  private worker: Worker | null = null;
  private idle: ReturnType<typeof setTimeout> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly limits: ResourceLimits = IMPORT_WORKER_LIMITS,
    private readonly timeLimitMs = IMPORT_TIME_LIMIT_MS,
  ) {}

  /** Resolves, never rejects. The caller's bytes are copied, never detached. */
  read(bytes: Uint8Array): Promise<ParsedWorkbook> {
    const next = this.queue.then(() => this.readNow(bytes));
    this.queue = next;
    return next;
  }

  private readNow(bytes: Uint8Array): Promise<ParsedWorkbook> {
    if (this.idle) clearTimeout(this.idle);
    const worker = (this.worker ??= this.start());
    // The worker's own copy is moved to it, not cloned a second time.
    const transferable = new Uint8Array(bytes).buffer;
    return new Promise<ParsedWorkbook>((resolve) => {
      const settle = (parsed: ParsedWorkbook, healthy: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onFailure);
        worker.off('exit', onFailure);
        if (healthy) {
          this.idle = setTimeout(() => this.stop(), IDLE_MS);
          this.idle.unref();
        } else {
          this.stop();
        }
        resolve(parsed);
      };
      const onMessage = (parsed: ParsedWorkbook) => settle(parsed, true);
      const onFailure = () => settle({ error: WORKER_FAILED, sheetNames: [], sheets: {} }, false);
      const timer = setTimeout(onFailure, this.timeLimitMs);
      worker.on('message', onMessage);
      worker.once('error', onFailure);
      worker.once('exit', onFailure);
      worker.ref();
      worker.postMessage(transferable, [transferable]);
    }).finally(() => this.worker?.unref());
  }

  private start(): Worker {
    const worker = new Worker(workerScript(import.meta.url, 'importWorker'), { resourceLimits: this.limits });
    // Always listened to: an 'error' with no listener would be thrown in the app's own thread.
    const forget = () => {
      if (this.worker === worker) this.worker = null;
    };
    worker.on('error', forget);
    worker.on('exit', forget);
    return worker;
  }

  /** Ends the worker (it is started again by the next read). */
  stop(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
  }
}

const shared = new WorkbookReader();

/** Reads a workbook in the app's import worker (see WorkbookReader). */
export function readPlanWorkbookInWorker(bytes: Uint8Array): Promise<ParsedWorkbook> {
  return shared.read(bytes);
}
