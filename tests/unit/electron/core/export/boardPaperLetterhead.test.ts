import { spawnSync } from 'node:child_process';
import { PYTHON, hasPythonModule } from '../../../../support/otherPrograms';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Document, Footer, Header, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDocument } from '../../../../../electron/core/demoPlan';
import { exportBoardPaper } from '../../../../../electron/core/export/boardPaperExport';
import { renderBoardPaperDocx } from '../../../../../electron/core/export/docx/boardPaper';
import { LetterheadError, mergeStyles } from '../../../../../electron/core/export/docx/letterhead';
import {
  loadPaperTemplates,
  PaperTemplateError,
  readTemplateLetterhead,
} from '../../../../../electron/core/export/boardPaperTemplates';
import { buildPaperContent, paperInputFromTemplate } from '../../../../../shared/domain/boardPaperContent';
import type { PaperTemplate } from '../../../../../shared/model/boardPaper';

const DIR = resolve('templates/board-papers');
const hasPythonDocx = hasPythonModule('docx');

let template: PaperTemplate;
let letterhead: { bytes: Buffer; name: string };
let paper: Buffer;
let zip: JSZip;
let work: string;
const part = async (name: string) => (await zip.file(name)?.async('string')) ?? '';

beforeAll(async () => {
  template = (await loadPaperTemplates(DIR)).find((item) => item.id === 'example-council-letterhead')!;
  letterhead = (await readTemplateLetterhead(DIR, template))!;
  const content = buildPaperContent(demoDocument(), paperInputFromTemplate(template, '2027-01-21'), '2026-11-24');
  paper = await renderBoardPaperDocx(content, { letterhead });
  zip = await JSZip.loadAsync(paper);
  work = await mkdtemp(join(tmpdir(), 'apt-letterhead-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("the paper on the council's letterhead", () => {
  it('is the example template that names the shipped sample letterhead', () => {
    expect(template.letterheadFile).toBe('letterhead-sample.docx');
    expect(letterhead.bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it("keeps the letterhead's fonts and heading styles, with the headings' outline levels", async () => {
    const styles = await part('word/styles.xml');
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*w:ascii="Georgia"[\s\S]*<\/w:docDefaults>/);
    expect(styles).not.toContain('w:ascii="Arial"');
    const heading1 = /<w:style [^>]*w:styleId="Heading1"[^>]*>[\s\S]*?<\/w:style>/.exec(styles)![0];
    expect(heading1).toContain('<w:color w:val="1E5C3A"/>');
    expect(heading1).toContain('<w:outlineLvl w:val="0"/>');
    // The body sets no font of its own, so the letterhead's shows through.
    expect(await part('word/document.xml')).not.toContain('w:ascii="Arial"');
  });

  it("puts the letterhead's header, with its logo, on every section, and its footer line over the page numbers", async () => {
    const document = await part('word/document.xml');
    const sections = document.match(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g) ?? [];
    expect(sections).toHaveLength(2);
    for (const section of sections)
      expect(section).toContain('<w:headerReference w:type="default" r:id="rIdLetterheadHeader"/>');
    const rels = await part('word/_rels/document.xml.rels');
    expect(rels).toContain('Id="rIdLetterheadHeader"');
    expect(rels).toMatch(/Id="rIdLetterheadHeader" Type="[^"]*\/header" Target="letterhead-header.xml"/);
    const header = await part('word/letterhead-header.xml');
    expect(header).toContain('Example Council');
    const embed = /r:embed="([^"]+)"/.exec(header)![1]!;
    const headerRels = await part('word/_rels/letterhead-header.xml.rels');
    const logo = new RegExp(`Id="${embed}"[^>]*Target="([^"]+)"`).exec(headerRels)?.[1];
    expect(logo).toBe('media/letterhead-image1.png');
    expect(zip.file('word/media/letterhead-image1.png')).not.toBeNull();
    expect(await part('[Content_Types].xml')).toContain('PartName="/word/letterhead-header.xml"');
    const footers = Object.keys(zip.files).filter((name) => /^word\/footer\d+\.xml$/.test(name));
    expect(footers.length).toBeGreaterThan(0);
    for (const name of footers) {
      const footer = await part(name);
      expect(footer).toContain('Example Council · Early Help Partnership');
      expect(footer).toContain('PAGE');
      expect(footer.indexOf('Example Council · Early Help Partnership')).toBeLessThan(footer.indexOf('Page '));
    }
  });

  it.skipIf(!hasPythonDocx)(
    'reads back in python-docx with the letterhead header, footer, fonts and the paper text',
    async () => {
      const file = join(work, 'paper.docx');
      await writeFile(file, paper);
      const script = `
import json, sys, docx
d = docx.Document(sys.argv[1])
s = d.sections[0]
print(json.dumps({
  "sections": len(d.sections),
  "header": [p.text for p in s.header.paragraphs],
  "header_pictures": len(s.header._element.xpath('.//pic:pic')),
  "footer": [p.text for p in s.footer.paragraphs],
  "appendix_header": [p.text for p in d.sections[-1].header.paragraphs],
  "fonts": [st.font.name for st in d.styles if st.style_id in ('Normal', 'Heading1', 'Heading2')],
  "default_font": d.styles.element.xpath('w:docDefaults//w:rFonts/@w:ascii'),
  "headings": [p.text for p in d.paragraphs if p.style.style_id == 'Heading1'],
}))`;
      const result = spawnSync(PYTHON, ['-c', script, file], { encoding: 'utf8' });
      expect(result.stderr).toBe('');
      const read = JSON.parse(result.stdout) as Record<string, unknown>;
      expect(read.sections).toBe(2);
      expect(read.header).toEqual(['  Example Council']);
      expect(read.header_pictures).toBe(1);
      expect(read.appendix_header).toEqual(['  Example Council']);
      expect((read.footer as string[])[0]).toBe('Example Council · Early Help Partnership');
      expect((read.footer as string[])[1]).toMatch(
        /^Early Help and Prevention: progress report – 21st January 2027 – Page /,
      );
      expect(read.headings).toEqual([
        'Purpose of the Note',
        'Recommendations',
        'Progress summary',
        'Appendix 1: Action plan',
      ]);
      // python-docx reads the font from the style or the document defaults: either way Georgia, never Arial.
      expect([read.normal_font, read.heading1_font]).not.toContain('Arial');
    },
  );

  it("exports the template's paper on its letterhead", async () => {
    const { files } = await exportBoardPaper(demoDocument(), {
      template,
      templatesDir: DIR,
      paper: paperInputFromTemplate(template, '2027-01-21'),
      word: true,
      excel: false,
      folder: work,
      today: '2026-11-24',
      now: '2026-11-24T10:00:00.000Z',
      newId: () => 'paper-1',
    });
    const exported = await JSZip.loadAsync(await readFile(files[0]!));
    expect(await exported.file('word/letterhead-header.xml')?.async('string')).toContain('Example Council');
  });

  it('refuses a letterhead that is not a Word document, saying which file', async () => {
    const content = buildPaperContent(demoDocument(), paperInputFromTemplate(template, '2027-01-21'), '2026-11-24');
    const attempt = renderBoardPaperDocx(content, {
      letterhead: { bytes: Buffer.from('not a zip'), name: 'ours.docx' },
    });
    await expect(attempt).rejects.toThrow(LetterheadError);
    await expect(attempt).rejects.toThrow('The letterhead ours.docx is not a Word document (.docx).');
  });

  it('reads the letterhead beside the template and refuses a path', async () => {
    await expect(readTemplateLetterhead(DIR, { ...template, letterheadFile: '../secret.docx' })).rejects.toThrow(
      PaperTemplateError,
    );
    await expect(readTemplateLetterhead(DIR, { ...template, letterheadFile: 'missing.docx' })).rejects.toThrow(
      'Cannot read the letterhead for board paper template example-council-letterhead',
    );
    const { letterheadFile: _, ...without } = template;
    expect(await readTemplateLetterhead(DIR, without)).toBeUndefined();
    expect((await readFile(join(DIR, 'letterhead-sample.docx'))).equals(letterhead.bytes)).toBe(true);
  });
});

describe.skipIf(!hasPythonDocx)('a letterhead with a first page of its own', () => {
  it('keeps the first-page header on the front page only, the other header elsewhere, and page numbers on page 1', async () => {
    const letterheadBytes = await Packer.toBuffer(
      new Document({
        sections: [
          {
            properties: { titlePage: true },
            headers: {
              default: new Header({ children: [new Paragraph('Continuation header')] }),
              first: new Header({ children: [new Paragraph('First page crest')] }),
            },
            footers: { default: new Footer({ children: [new Paragraph('Council footer')] }) },
            children: [new Paragraph('Body')],
          },
        ],
      }),
    );
    const content = buildPaperContent(demoDocument(), paperInputFromTemplate(template, '2027-01-21'), '2026-11-24');
    const file = join(work, 'first-page.docx');
    await writeFile(
      file,
      await renderBoardPaperDocx(content, { letterhead: { bytes: letterheadBytes, name: 'first.docx' } }),
    );
    const script = `
import json, sys, docx
d = docx.Document(sys.argv[1])
texts = lambda part: [p.text for p in part.paragraphs]
print(json.dumps([{
  "first_differs": s.different_first_page_header_footer,
  "header": texts(s.header),
  "first_header": texts(s.first_page_header),
  "footer": texts(s.footer),
  "first_footer": texts(s.first_page_footer),
} for s in d.sections]))`;
    const result = spawnSync(PYTHON, ['-c', script, file], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const [front, appendix] = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(front).toMatchObject({
      first_differs: true,
      header: ['Continuation header'],
      first_header: ['First page crest'],
    });
    expect((front!.footer as string[])[0]).toBe('Council footer');
    expect((front!.first_footer as string[])[0]).toMatch(
      /^Early Help and Prevention: progress report – 21st January 2027 – Page /,
    );
    expect(appendix).toMatchObject({ first_differs: false, header: ['Continuation header'] });
    expect((appendix!.footer as string[])[0]).toBe('Council footer');
  });
});

describe('mergeStyles', () => {
  const styles = (
    inner: string,
    defaults = '<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="24"/></w:rPr></w:rPrDefault></w:docDefaults>',
  ) => `<w:styles>${defaults}${inner}</w:styles>`;
  it("keeps the letterhead's styles, adds the paper's missing ones, outline levels and British English", () => {
    const letterhead = styles(
      '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:rPr><w:b/></w:rPr></w:style>' +
        '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:keepNext/></w:pPr></w:style>',
    );
    const paper = styles(
      '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="ours"/></w:style>' +
        '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/></w:style>',
    );
    const merged = mergeStyles(letterhead, paper);
    expect(merged).not.toContain('<w:name w:val="ours"/>');
    expect(merged).toContain('w:styleId="Hyperlink"');
    expect(merged).toContain(
      '<w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr>',
    );
    expect(merged).toContain('<w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr>');
    expect(merged).toContain('<w:sz w:val="24"/><w:lang w:val="en-GB"/>');
  });
});
