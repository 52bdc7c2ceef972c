import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPaperTemplates } from '../../../../../electron/core/export/boardPaperTemplates';
import { PAPER_TOO_LARGE, renderBoardPaperDocxInWorker } from '../../../../../electron/core/export/docx/renderInWorker';
import type { PaperJob, PaperJobResult } from '../../../../../electron/core/export/docx/paperWorker';
import { workerScript } from '../../../../../electron/core/workerScript';
import { buildPaperContent, paperInputFromTemplate } from '../../../../../shared/domain/boardPaperContent';
import type { PaperContent } from '../../../../../shared/domain/boardPaperContent';
import { generatePlan } from '../../../../support/generatePlan';

/**
 * The Word paper's memory grows with a batch of actions, not with the plan: docx keeps a whole table as
 * objects, and laid out at once a 1,000-action appendix took well over 128 MB of heap (20,000 actions ran a
 * 4 GB heap out and the app with it). Here the paper's own worker is given a heap of 128 MB.
 */

const ACTIONS = 1000;
const HEAP_MB = 128;

let content: PaperContent;
beforeAll(async () => {
  const templates = await loadPaperTemplates(resolve('templates/board-papers'));
  const template = templates.find((item) => item.id === 'scrutiny-briefing')!;
  content = buildPaperContent(generatePlan(ACTIONS), paperInputFromTemplate(template, '2027-01-21'), '2026-11-24');
});

function renderWithin(heapMb: number, job: PaperJob): Promise<Buffer> {
  const script = workerScript(
    pathToFileURL(resolve('electron/core/export/docx/renderInWorker.ts')).href,
    'paperWorker',
  );
  const worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  return new Promise<Buffer>((done, fail) => {
    worker.once('message', (result: PaperJobResult) => {
      if (result.ok) done(Buffer.from(result.bytes.buffer, result.bytes.byteOffset, result.bytes.byteLength));
      else fail(new Error(result.message));
    });
    worker.once('error', fail);
    worker.postMessage(job);
  }).finally(() => void worker.terminate());
}

describe('the Word paper of a large plan', () => {
  it(`is laid out within a ${HEAP_MB} MB heap at ${ACTIONS} actions, every action in its appendix`, async () => {
    const bytes = await renderWithin(HEAP_MB, { content, options: {} });
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    const rows = content.appendix!.groups.flatMap((group) => group.rows);
    expect(rows).toHaveLength(ACTIONS);
    expect(rows.filter((row) => !xml.includes(`>${row.number}<`)).map((row) => row.number)).toEqual([]);
  }, 180_000);

  it('too large for its worker’s heap, is refused in words, and only the worker is ended', async () => {
    await expect(renderBoardPaperDocxInWorker(content, {}, 32)).rejects.toThrow(PAPER_TOO_LARGE);
  }, 180_000);
});
