import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoDocument } from '../../../../../electron/core/demoPlan';
import { renderBoardPaperDocx } from '../../../../../electron/core/export/docx/boardPaper';
import { loadPaperTemplates } from '../../../../../electron/core/export/boardPaperTemplates';
import { buildPaperContent, paperInputFromTemplate } from '../../../../../shared/domain/boardPaperContent';
import type { PaperInput } from '../../../../../shared/domain/boardPaperContent';
import { makeTempDir, removeDir } from '../../../../support/fixtures';

const PYTHON = '/usr/bin/python3';
const hasPythonDocx = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import docx']).status === 0;

/** Reads the paper as Word would: each paragraph's text, style, whether it is a bullet, and its links. */
const READ_BACK = `
import docx, json, sys
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
numbering = d.part.numbering_part.element
def is_bullet(p):
    num = p._p.find('.//' + qn('w:numPr'))
    if num is None: return False
    num_id = num.find(qn('w:numId')).get(qn('w:val'))
    for n in numbering.findall(qn('w:num')):
        if n.get(qn('w:numId')) == num_id:
            abstract = n.find(qn('w:abstractNumId')).get(qn('w:val'))
            for a in numbering.findall(qn('w:abstractNum')):
                if a.get(qn('w:abstractNumId')) == abstract:
                    fmt = a.find('.//' + qn('w:numFmt'))
                    return fmt is not None and fmt.get(qn('w:val')) == 'bullet'
    return False
out = []
for p in d.paragraphs:
    links = [{'target': d.part.rels[h.get(qn('r:id'))].target_ref, 'text': ''.join(t.text for t in h.iter(qn('w:t')))} for h in p._p.findall(qn('w:hyperlink'))]
    out.append({'text': p.text, 'style': p.style.name, 'bullet': is_bullet(p), 'numbered': p._p.find('.//' + qn('w:numPr')) is not None, 'links': links})
print(json.dumps(out))
`;

interface ReadParagraph {
  text: string;
  style: string;
  bullet: boolean;
  numbered: boolean;
  links: { target: string; text: string }[];
}

const MEETING = '2027-01-21';
const TODAY = '2026-11-24';

async function narrativeInput(): Promise<PaperInput> {
  const templates = await loadPaperTemplates(resolve('templates/board-papers'));
  const template = templates.find((candidate) => candidate.id === 'scrutiny-briefing')!;
  return {
    ...paperInputFromTemplate(template, MEETING),
    subjectLabel: 'Title',
    narrative: [
      {
        title: 'Background',
        paragraphs: [
          { text: 'The strategy sets out these objectives.', bullet: false },
          { text: 'Refocus resources from crisis to prevention.', bullet: true },
          { text: 'Work together to improve outcomes.', bullet: true },
        ],
      },
      {
        title: 'How will we know Early Help is working?',
        paragraphs: [{ text: 'The aim is a cohesive offer.', bullet: false }],
      },
    ],
    extraAppendices: [{ title: 'Early Help Strategy', note: 'supplied separately' }],
    authors: [
      {
        name: 'Marcus Adeyemi',
        jobTitle: 'Head of Early Help',
        organisation: '',
        contact: '',
        email: 'marcus@example.org',
      },
    ],
  };
}

describe('narrative sections in the paper content', () => {
  it("numbers the author's sections after the recommendations and the generated parts after them", async () => {
    const content = buildPaperContent(demoDocument(), await narrativeInput(), TODAY);
    expect(content.header.subjectLabel).toBe('Title');
    expect(content.narrative.map((section) => section.number)).toEqual(['3', '4']);
    expect(content.narrative[0]!.paragraphs.map((paragraph) => paragraph.number)).toEqual(['3.1', null, null]);
    expect(content.progress!.number).toBe('5');
    expect(content.progress!.intro.number).toBe('5.1');
    expect(content.appendices).toEqual([
      { label: 'Appendix 1', title: 'Early Help Strategy', note: 'supplied separately' },
      { label: 'Appendix 2', title: 'Action plan', note: '' },
    ]);
    expect(content.appendix!.label).toBe('Appendix 2');
  });

  it('says no paper was issued to this board before, rather than that none was ever made', async () => {
    const content = buildPaperContent(demoDocument(), await narrativeInput(), TODAY);
    // The demo plan has a paper issued to another board: it is not this board's baseline.
    expect(demoDocument().papers.some((paper) => paper.state === 'issued')).toBe(true);
    expect(content.progress!.intro.text).toContain(
      "No paper has been issued to the Education and Children's Services Scrutiny Board before this meeting",
    );
  });
});

describe.skipIf(!hasPythonDocx)('narrative sections in the Word paper, read back with python-docx', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir('apt-narrative-');
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  it('prints Title:, the sections as numbered headings with real bullets, the appendices and a mailto link', async () => {
    const file = join(dir, 'paper.docx');
    await writeFile(file, await renderBoardPaperDocx(buildPaperContent(demoDocument(), await narrativeInput(), TODAY)));
    const paragraphs = JSON.parse(
      execFileSync(PYTHON, ['-c', READ_BACK, file], { encoding: 'utf8' }),
    ) as ReadParagraph[];
    const texts = paragraphs.map((paragraph) => paragraph.text);
    const at = (text: string) => {
      const index = texts.indexOf(text);
      expect(index, text).toBeGreaterThanOrEqual(0);
      return index;
    };

    expect(texts.some((text) => text.startsWith('Title:'))).toBe(true);
    expect(texts.some((text) => text.startsWith('Subject:'))).toBe(false);

    const recommendations = at('Recommendations');
    const appendixList = at('Appendix 1: Early Help Strategy (supplied separately)');
    expect(at('Appendix 2: Action plan')).toBe(appendixList + 1);
    const background = at('Background');
    const second = at('How will we know Early Help is working?');
    const progress = at('Progress summary');
    expect(recommendations < appendixList && appendixList < background).toBe(true);
    expect(background < second && second < progress).toBe(true);
    for (const index of [background, second, progress]) {
      expect(paragraphs[index]).toMatchObject({ style: 'Heading 1', numbered: true, bullet: false });
    }

    expect(paragraphs[background + 1]).toMatchObject({
      text: 'The strategy sets out these objectives.',
      numbered: true,
      bullet: false,
    });
    expect(paragraphs[background + 2]).toMatchObject({
      text: 'Refocus resources from crisis to prevention.',
      bullet: true,
    });
    expect(paragraphs[background + 3]).toMatchObject({ text: 'Work together to improve outcomes.', bullet: true });

    const email = paragraphs.find((paragraph) => paragraph.text.startsWith('Email:'))!;
    expect(email.links).toEqual([{ target: 'mailto:marcus@example.org', text: 'marcus@example.org' }]);
  });
});
