import { resolve } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { imageSize } from 'image-size';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoDocument } from '../../../../../electron/core/demoPlan';
import { renderBoardPaperDocx } from '../../../../../electron/core/export/docx/boardPaper';
import { RADAR_RENDER_OPTIONS } from '../../../../../electron/core/export/docx/radarPicture';
import { loadPaperTemplates } from '../../../../../electron/core/export/boardPaperTemplates';
import { buildPaperContent, paperInputFromTemplate } from '../../../../../shared/domain/boardPaperContent';
import type { PaperContent } from '../../../../../shared/domain/boardPaperContent';
import type { SvgNode } from '../../../../../shared/domain/radarChart';
import { radarChart, radarForPlan, svgMarkup } from '../../../../../shared/domain/radarChart';
import type { PaperSections, PaperTemplate } from '../../../../../shared/model/boardPaper';

const TODAY = '2026-11-24';
const MEETING = '2027-01-21';
let templates: PaperTemplate[];

beforeAll(async () => {
  templates = await loadPaperTemplates(resolve('templates/board-papers'));
});

function content(sections: Partial<PaperSections> = {}): PaperContent {
  const template = templates.find((item) => item.id === 'scrutiny-briefing')!;
  const input = paperInputFromTemplate(template, MEETING);
  input.sections = { ...input.sections, ...sections };
  // The demo's last paper went to another board: chosen, so there is a last paper to draw.
  return buildPaperContent(demoDocument(), { ...input, baselinePaperId: 'paper-2026-09' }, TODAY);
}

async function open(buffer: Buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const document = await zip.file('word/document.xml')!.async('string');
  const media = await Promise.all(
    Object.keys(zip.files)
      .filter((name) => name.startsWith('word/media/'))
      .map(async (name) => zip.file(name)!.async('nodebuffer')),
  );
  return { document, media };
}

describe('the radar chart in the Word paper', () => {
  it('follows the matrix table as a picture whose alt text states every level now and in the last paper', async () => {
    const paper = content();
    const { document, media } = await open(await renderBoardPaperDocx(paper));
    const descriptions = [...document.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((match) => match[1]);
    expect(descriptions).toHaveLength(1);
    const rows = paper.progress!.matrix!.rows;
    const expected = rows.map((row) => `${row.areaName} level ${row.level} (was ${row.previousLevel})`).join(', ');
    expect(descriptions[0]).toBe(
      `Radar chart of the seven areas: ${expected}. Compared with last paper, ${paper.previousPaper!.board}, ${paper.previousPaper!.meetingDateText}.`,
    );
    expect(descriptions[0]).toContain('Service delivery level 2 (was 1)');
    const picture = document.indexOf('<w:drawing>');
    expect(picture).toBeGreaterThan(document.indexOf('marks the current level'));
    expect(picture).toBeLessThan(document.indexOf('Key: what each level looks like'));
    expect(media).toHaveLength(1);
    expect(imageSize(media[0]!)).toMatchObject({ type: 'png', width: 1200, height: 1100 });
  });

  it('draws no chart when the paper prints no matrix', async () => {
    const { document, media } = await open(await renderBoardPaperDocx(content({ matrix: false })));
    expect(document).not.toContain('<w:drawing>');
    expect(media).toHaveLength(0);
  });

  it('finds a font for the labels, so the picture is not shapes without words', () => {
    const chart = radarChart(radarForPlan(demoDocument(), TODAY));
    const withoutText = (node: SvgNode): SvgNode => ({
      ...node,
      children: node.children?.filter((child) => child.tag !== 'text').map(withoutText),
    });
    const dark = (svg: string) => {
      const pixels = new Resvg(svg, RADAR_RENDER_OPTIONS).render().pixels;
      let count = 0;
      for (let at = 0; at < pixels.length; at += 4)
        if ((pixels[at] ?? 255) < 80 && (pixels[at + 1] ?? 255) < 80) count++;
      return count;
    };
    // The labels add over 10,000 dark pixels: 7 areas' names and levels, the legend and the ring numbers.
    expect(dark(svgMarkup(chart)) - dark(svgMarkup(withoutText(chart)))).toBeGreaterThan(5_000);
  });
});
