/**
 * Worker thread entry: lays out the Word paper off the main thread, in a heap of its own, while the main
 * thread writes the Excel workbook beside it. Runs the same renderer as everywhere else.
 */
import { parentPort } from 'node:worker_threads';
import type { PaperContent } from '../../../../shared/domain/boardPaperContent';
import type { BoardPaperRenderOptions } from './boardPaper';
import { renderBoardPaperDocx } from './boardPaper';

export interface PaperJob {
  content: PaperContent;
  options: BoardPaperRenderOptions;
}

export type PaperJobResult = { ok: true; bytes: Uint8Array } | { ok: false; name: string; message: string };

/** A Buffer posted to a thread arrives as a plain Uint8Array; the renderer and its zip library want Buffers. */
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

parentPort?.on('message', ({ content, options }: PaperJob) => {
  const { logo, letterhead } = options;
  renderBoardPaperDocx(content, {
    ...(logo && { logo: asBuffer(logo) }),
    ...(letterhead && { letterhead: { ...letterhead, bytes: asBuffer(letterhead.bytes) } }),
  }).then(
    (bytes) => parentPort?.postMessage({ ok: true, bytes } satisfies PaperJobResult),
    (error: unknown) => {
      const failure = error instanceof Error ? error : new Error(String(error));
      parentPort?.postMessage({ ok: false, name: failure.name, message: failure.message } satisfies PaperJobResult);
    },
  );
});
