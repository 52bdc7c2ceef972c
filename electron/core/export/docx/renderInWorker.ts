import { Worker } from 'node:worker_threads';
import { workerScript } from '../../workerScript';
import type { PaperContent } from '../../../../shared/domain/boardPaperContent';
import type { BoardPaperRenderOptions } from './boardPaper';
import { LetterheadError } from './letterhead';
import type { PaperJob, PaperJobResult } from './paperWorker';

/**
 * The Word paper rendered on a worker thread of its own (started for this paper and ended with it), so a
 * long appendix is laid out beside the Excel workbook rather than after it, without the plan in its heap.
 * A letterhead the renderer refuses comes back as the same LetterheadError.
 */
export function renderBoardPaperDocxInWorker(
  content: PaperContent,
  options: BoardPaperRenderOptions = {},
): Promise<Buffer> {
  const worker = new Worker(workerScript(import.meta.url, 'paperWorker'));
  return new Promise<Buffer>((resolve, reject) => {
    worker.once('message', (result: PaperJobResult) => {
      if (result.ok) resolve(Buffer.from(result.bytes.buffer, result.bytes.byteOffset, result.bytes.byteLength));
      else reject(result.name === 'LetterheadError' ? new LetterheadError(result.message) : new Error(result.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`The Word paper could not be made (its worker stopped, code ${code}).`)),
    );
    worker.postMessage({ content, options } satisfies PaperJob);
  }).finally(() => void worker.terminate());
}
