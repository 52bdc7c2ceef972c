import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoDocument } from '../../../../../electron/core/demoPlan';
import { renderBoardPaperDocx } from '../../../../../electron/core/export/docx/boardPaper';
import { loadPaperTemplates } from '../../../../../electron/core/export/boardPaperTemplates';
import { buildPaperContent, paperInputFromTemplate } from '../../../../../shared/domain/boardPaperContent';
import type { PaperContent } from '../../../../../shared/domain/boardPaperContent';
import type { PaperTemplate } from '../../../../../shared/model/boardPaper';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const LIBREOFFICE = '/usr/bin/libreoffice';

let templates: PaperTemplate[];
beforeAll(async () => {
  templates = await loadPaperTemplates(resolve('templates/board-papers'));
});

function contentFor(templateId: string): PaperContent {
  const template = templates.find((item) => item.id === templateId)!;
  const input = paperInputFromTemplate(template, '2027-01-21');
  input.sections = { ...input.sections, measures: true };
  // The demo's last paper went to another board: chosen, so the chart has a paper to compare with.
  return buildPaperContent(demoDocument(), { ...input, baselinePaperId: 'paper-2026-09' }, '2026-11-24');
}

interface Parts {
  document: string;
  styles: string;
  numbering: string;
  core: string;
}

async function parts(buffer: Buffer): Promise<Parts> {
  const zip = await JSZip.loadAsync(buffer);
  const part = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  return {
    document: await part('word/document.xml'),
    styles: await part('word/styles.xml'),
    numbering: await part('word/numbering.xml'),
    core: await part('docProps/core.xml'),
  };
}

const paragraphs = (xml: string) => xml.match(/<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g) ?? [];
const unescapeXml = (text: string) =>
  text
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const textOf = (paragraph: string) =>
  unescapeXml((paragraph.match(/<w:t(?:\s[^>]*)?>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join(''));
const styleOf = (paragraph: string) => /<w:pStyle w:val="([^"]+)"/.exec(paragraph)?.[1] ?? null;
const numberingOf = (paragraph: string) => {
  const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(paragraph)?.[1];
  return numPr
    ? { numId: /<w:numId w:val="(\d+)"/.exec(numPr)![1]!, level: Number(/<w:ilvl w:val="(\d+)"/.exec(numPr)![1]) }
    : null;
};
function styleXml(styles: string, id: string): string {
  const found = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(styles);
  if (!found) throw new Error(`styles.xml has no ${id} style`);
  return found[0];
}
/** The level text ("%1.%2") of one level of the list a paragraph names. */
function levelText(numbering: string, numId: string, level: number): string | null {
  const abstractId = new RegExp(`<w:num w:numId="${numId}"[^>]*>\\s*<w:abstractNumId w:val="(\\d+)"`).exec(
    numbering,
  )?.[1];
  const abstract =
    new RegExp(`<w:abstractNum w:abstractNumId="${abstractId}"[^>]*>([\\s\\S]*?)</w:abstractNum>`).exec(
      numbering,
    )?.[1] ?? '';
  const lvl = new RegExp(`<w:lvl w:ilvl="${level}"[^>]*>([\\s\\S]*?)</w:lvl>`).exec(abstract)?.[1] ?? '';
  return /<w:lvlText w:val="([^"]*)"/.exec(lvl)?.[1] ?? null;
}

describe('the Word paper as Word and a screen reader understand it', () => {
  let xml: Parts;
  beforeAll(async () => {
    xml = await parts(await renderBoardPaperDocx(contentFor('scrutiny-briefing'), { logo: PNG }));
  });

  it('gives the heading styles outline levels, so a navigator or contents list finds them', () => {
    expect(styleXml(xml.styles, 'Heading1')).toContain('<w:outlineLvl w:val="0"/>');
    expect(styleXml(xml.styles, 'Heading2')).toContain('<w:outlineLvl w:val="1"/>');
  });

  it('puts its headings in order: it starts at level 1 and never skips a level', () => {
    const levels = paragraphs(xml.document)
      .map(styleOf)
      .filter((style): style is string => style !== null && /^Heading\d$/.test(style))
      .map((style) => Number(style.slice(-1)));
    expect(levels.length).toBeGreaterThan(5);
    expect(levels[0]).toBe(1);
    levels.forEach((level, index) => expect(level - (levels[index - 1] ?? 0)).toBeLessThanOrEqual(1));
  });

  it('numbers sections, paragraphs and recommendations with Word numbering, not typed numbers', () => {
    const all = paragraphs(xml.document);
    const numbered = all.map((paragraph) => ({ text: textOf(paragraph), numbering: numberingOf(paragraph) }));
    const find = (start: string) => numbered.find((item) => item.text.startsWith(start))!;
    const shown = (item: { numbering: { numId: string; level: number } | null }) =>
      item.numbering && levelText(xml.numbering, item.numbering.numId, item.numbering.level);
    expect(shown(find('Purpose of the Note'))).toBe('%1');
    expect(shown(find('Recommendations'))).toBe('%1');
    expect(shown(find('Progress summary'))).toBe('%1');
    expect(shown(find('To bring the'))).toBe('%1.%2');
    expect(shown(find("The Education and Children's Services Scrutiny Board are recommended to:"))).toBe('%1.%2');
    expect(shown(find('Consider the content of the briefing note'))).toBe('%3)');
    expect(shown(find('This section summarises progress'))).toBe('%1.%2');
    // One list throughout, so a section added in Word renumbers every section and paragraph after it.
    const lists = new Set(
      ['Purpose of the Note', 'To bring the', 'Recommendations', 'Consider the content', 'Progress summary'].map(
        (start) => find(start).numbering!.numId,
      ),
    );
    expect(lists.size).toBe(1);
    const outsideTables = paragraphs(xml.document.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '')).map(textOf);
    expect(outsideTables.filter((text) => /^\d+(\.\d+)?\)?(\t| [A-Z])/.test(text))).toEqual([]);
  });

  it('is written in British English', () => {
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(xml.styles)![0];
    expect(defaults).toContain('<w:lang w:val="en-GB"/>');
  });

  it('marks the first row of every table as a header row that repeats', () => {
    const tables = xml.document.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
    expect(tables.length).toBeGreaterThan(5);
    for (const table of tables) {
      const firstRow = /<w:tr(?:\s[^>]*)?>[\s\S]*?<\/w:tr>/.exec(table)![0];
      expect(firstRow).toContain('<w:tblHeader/>');
    }
  });

  it('describes every picture', () => {
    const pictures = xml.document.match(/<wp:docPr [^>]*>/g) ?? [];
    const descriptions = pictures.map((picture) => /descr="([^"]+)"/.exec(picture)?.[1]);
    expect(descriptions).toHaveLength(2);
    expect(descriptions[0]).toBe('Northbridge City Council logo');
    expect(descriptions[1]).toMatch(/^Radar chart of the seven areas: Service delivery level \d \(was \d\), /);
  });

  it('names its title, and the person issuing it as author and last editor', () => {
    expect(xml.core).toContain('<dc:title>Early Help and Partnership Working</dc:title>');
    expect(xml.core).toContain('<dc:creator>Marcus Adeyemi</dc:creator>');
    expect(xml.core).toContain('<cp:lastModifiedBy>Marcus Adeyemi</cp:lastModifiedBy>');
  });

  it('names the app as author when the paper names no one', async () => {
    const content = contentFor('scrutiny-briefing');
    content.authors = [];
    const { core } = await parts(await renderBoardPaperDocx(content));
    expect(core).toContain('<dc:creator>Action Plan Tracker</dc:creator>');
    expect(core).toContain('<cp:lastModifiedBy>Action Plan Tracker</cp:lastModifiedBy>');
  });
});

describe.skipIf(!existsSync(LIBREOFFICE))('the Word paper opened in LibreOffice', () => {
  it('shows its headings in the navigator and its numbers as Word numbering', { timeout: 180_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apt-paper-'));
    try {
      await writeFile(join(dir, 'paper.docx'), await renderBoardPaperDocx(contentFor('scrutiny-briefing')));
      await promisify(execFile)(
        LIBREOFFICE,
        [
          '--headless',
          `-env:UserInstallation=file://${dir}/profile`,
          '--convert-to',
          'odt',
          '--outdir',
          dir,
          join(dir, 'paper.docx'),
        ],
        {
          timeout: 170_000,
        },
      );
      const content = await (
        await JSZip.loadAsync(await readFile(join(dir, 'paper.odt')))
      )
        .file('content.xml')!
        .async('string');
      const headings = (content.match(/<text:h [^>]*>[\s\S]*?<\/text:h>/g) ?? []).map((h) => ({
        level: Number(/text:outline-level="(\d+)"/.exec(h)?.[1]),
        text: h.replace(/<[^>]+>/g, ''),
      }));
      expect(headings.slice(0, 3)).toEqual([
        { level: 1, text: 'Purpose of the Note' },
        { level: 1, text: 'Recommendations' },
        { level: 2, text: 'Appendices' },
      ]);
      expect(headings.map((h) => h.text)).toEqual(
        expect.arrayContaining(['Background', 'Progress summary', 'Maturity matrix', 'Appendix 2: Action plan']),
      );
      expect(content).toMatch(/<text:list [^>]*>\s*<text:list-item>\s*<text:h /);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
