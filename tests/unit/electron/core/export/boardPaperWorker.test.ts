import { resolve } from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoDocument } from '../../../../../electron/core/demoPlan';
import { loadPaperTemplates } from '../../../../../electron/core/export/boardPaperTemplates';
import { renderBoardPaperDocx } from '../../../../../electron/core/export/docx/boardPaper';
import { LetterheadError } from '../../../../../electron/core/export/docx/letterhead';
import { renderBoardPaperDocxInWorker } from '../../../../../electron/core/export/docx/renderInWorker';
import { buildPaperContent, paperInputFromTemplate } from '../../../../../shared/domain/boardPaperContent';
import type { PaperContent } from '../../../../../shared/domain/boardPaperContent';

/**
 * The Word paper laid out on a worker thread (beside the workbook, when both are exported) is the paper the
 * renderer makes in the app's own thread: the same parts, the logo carried across, and a letterhead it
 * cannot use refused in the same words.
 */

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let content: PaperContent;
beforeAll(async () => {
  const templates = await loadPaperTemplates(resolve('templates/board-papers'));
  const template = templates.find((item) => item.id === 'scrutiny-briefing')!;
  const input = paperInputFromTemplate(template, '2027-01-21');
  content = buildPaperContent(demoDocument(), { ...input, baselinePaperId: 'paper-2026-09' }, '2026-11-24');
});

/** docx names a hyperlink's relationship with a random id, different in every file it writes. */
const RANDOM_ID = /rId[\w-]{16,}/g;

/**
 * The package's parts, the random relationship ids aside, but its properties, which carry the time the
 * file was made.
 */
async function parts(bytes: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((name) => !zip.files[name]!.dir && name !== 'docProps/core.xml');
  const read = async (name: string) =>
    /\.(xml|rels)$/.test(name)
      ? (await zip.file(name)!.async('string')).replace(RANDOM_ID, 'rId-random')
      : await zip.file(name)!.async('base64');
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await read(name)] as const)));
}

describe('the Word paper on a worker thread', () => {
  it('is the paper made in the app’s own thread, logo and chart included', async () => {
    const [here, there] = await Promise.all([
      renderBoardPaperDocx(content, { logo: PNG }),
      renderBoardPaperDocxInWorker(content, { logo: PNG }),
    ]);
    expect(Buffer.isBuffer(there)).toBe(true);
    const expected = await parts(here);
    expect(Object.keys(expected).some((name) => name.startsWith('word/media/'))).toBe(true);
    expect(await parts(there)).toEqual(expected);
  });

  it('refuses a letterhead that is not a Word document as the renderer does', async () => {
    const letterhead = { bytes: Buffer.from('not a zip'), name: 'Letterhead.docx' };
    const refused = renderBoardPaperDocxInWorker(content, { letterhead });
    await expect(refused).rejects.toBeInstanceOf(LetterheadError);
    await expect(refused).rejects.toThrow('The letterhead Letterhead.docx is not a Word document (.docx).');
  });
});
