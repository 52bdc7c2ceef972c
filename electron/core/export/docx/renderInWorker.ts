import { Worker } from 'node:worker_threads';
import { workerScript } from '../../workerScript';
import type { PaperContent } from '../../../../shared/domain/boardPaperContent';
import { DomainError } from '../../../../shared/domain/errors';
import type { BoardPaperRenderOptions } from './boardPaper';
import { LetterheadError } from './letterhead';
import type { PaperJob, PaperJobResult } from './paperWorker';

/**
 * The paper's worker's own heap. Laid out a batch of actions at a time, a 20,000-action paper peaks near
 * 450 MB there. A worker with no limit of its own that runs out of memory ends the whole app (Node stops the
 * process); with one, only the worker is ended and the export says why.
 */
export const PAPER_WORKER_HEAP_MB = 1536;

export const PAPER_TOO_LARGE =
  'The Word paper is too large for the memory set aside to make it. Export it without the action plan appendix, or export the Excel workbook alone.';

const outOfMemory = (error: Error) => (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';

/**
 * The Word paper rendered on a worker thread of its own (started for this paper and ended with it), so a
 * long appendix is laid out beside the Excel workbook rather than after it, without the plan in its heap.
 * A letterhead the renderer refuses comes back as the same LetterheadError.
 */
export function renderBoardPaperDocxInWorker(
  content: PaperContent,
  options: BoardPaperRenderOptions = {},
  heapMb = PAPER_WORKER_HEAP_MB,
): Promise<Buffer> {
  const worker = new Worker(workerScript(import.meta.url, 'paperWorker'), {
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
  return new Promise<Buffer>((resolve, reject) => {
    worker.once('message', (result: PaperJobResult) => {
      if (result.ok) resolve(Buffer.from(result.bytes.buffer, result.bytes.byteOffset, result.bytes.byteLength));
      else reject(result.name === 'LetterheadError' ? new LetterheadError(result.message) : new Error(result.message));
    });
    worker.once('error', (error) =>
      reject(outOfMemory(error) ? new DomainError('invalid', PAPER_TOO_LARGE, 'word') : error),
    );
    worker.once('exit', (code) =>
      reject(new Error(`The Word paper could not be made (its worker stopped, code ${code}).`)),
    );
    worker.postMessage({ content, options } satisfies PaperJob);
  }).finally(() => void worker.terminate());
}
