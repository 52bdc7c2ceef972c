import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDocument } from '../../../../../electron/core/demoPlan';
import { renderBoardPaperDocx } from '../../../../../electron/core/export/docx/boardPaper';
import { loadPaperTemplates } from '../../../../../electron/core/export/boardPaperTemplates';
import { buildPaperContent, paperInputFromTemplate } from '../../../../../shared/domain/boardPaperContent';
import type { PlanDocument } from '../../../../../shared/model/plan';
import { STATUS_LABELS } from '../../../../../shared/model/action';
import { generatePlan } from '../../../../support/generatePlan';

const LIBREOFFICE = '/usr/bin/libreoffice';
const PDFTOTEXT = '/usr/bin/pdftotext';
const PYTHON = '/usr/bin/python3';
const hasPythonDocx = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import docx']).status === 0;
const run = promisify(execFile);

let dir: string;
let demo: PlanDocument;
let demoPaper: Buffer;
let bigPaper: Buffer;

async function paperFor(doc: PlanDocument, baselinePaperId?: string): Promise<Buffer> {
  const templates = await loadPaperTemplates(resolve('templates/board-papers'));
  const input = paperInputFromTemplate(
    templates.find((item) => item.id === 'scrutiny-briefing')!,
    '2027-01-21',
  );
  // The template's own Background section and supplied appendix are left out: these tests are about how the
  // generated part lays out, and with them page 1 is full before the matrix begins.
  const generated = { ...input, narrative: [], extraAppendices: [], baselinePaperId };
  return renderBoardPaperDocx(buildPaperContent(doc, generated, '2026-11-24'));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apt-pages-'));
  demo = demoDocument();
  demoPaper = await paperFor(demo, 'paper-2026-09');
  // One action as long as the longest in the printed plans: a description and steps running over a page.
  const big = generatePlan(300);
  const long = big.actions[0]!;
  big.actions[0] = {
    ...long,
    description: `${long.description} `.repeat(12).trim(),
    nextSteps: [...long.nextSteps, ...long.nextSteps.map((step) => ({ ...step, id: `${step.id}-again` }))].map(
      (step) => ({ ...step, text: `${step.text} `.repeat(6).trim() }),
    ),
  };
  bigPaper = await paperFor(big);
  await writeFile(join(dir, 'demo.docx'), demoPaper);
  await writeFile(join(dir, 'big.docx'), bigPaper);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tablesOf = (xml: string) => xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
const rowsOf = (table: string) => table.match(/<w:tr(?:\s[^>]*)?>[\s\S]*?<\/w:tr>/g) ?? [];
async function documentXml(buffer: Buffer): Promise<string> {
  return (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string');
}

describe('the Word paper breaks its pages where a reader accepts it', () => {
  it('lets the matrix table on page 1 break under its repeated header, keeping only its last area with the one before', async () => {
    const xml = await documentXml(demoPaper);
    const matrix = tablesOf(xml).find((table) => table.includes('Since last paper'))!;
    const rows = rowsOf(matrix);
    expect(rows[0]).toContain('<w:tblHeader/>');
    const kept = rows.slice(1).map((row) => row.includes('<w:keepNext/>'));
    expect(kept).toEqual(kept.map((_, index) => index === kept.length - 2));
  });

  it('lets a tall action break between its lines and repeats the header row; a short one stays on one page', async () => {
    const xml = await documentXml(bigPaper);
    const appendix = tablesOf(xml).find((table) => table.includes('Achievement to date'))!;
    const rows = rowsOf(appendix);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows.slice(1).some((row) => row.includes('<w:tblHeader/>'))).toBe(false);
    const lines = rows.slice(1).filter((row) => !row.includes('<w:gridSpan w:val="9"/>'));
    expect(lines.some((row) => !row.includes('<w:cantSplit/>'))).toBe(true);
    expect(lines.some((row) => row.includes('<w:cantSplit/>'))).toBe(true);
  });

  it("keeps the authors' block together", async () => {
    const xml = await documentXml(demoPaper);
    const paragraphs = xml.match(/<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g) ?? [];
    const at = paragraphs.findIndex((p) => /<w:t(?:\s[^>]*)?>Authors?<\/w:t>/.test(p));
    expect(at).toBeGreaterThan(0);
    const keepsNext = (p: string) => p.includes('<w:keepNext/>') || p.includes('w:val="Heading2"');
    // The heading, then the first author's lines, each kept with the next up to the last.
    const kept = paragraphs.slice(at).findIndex((p) => !keepsNext(p));
    expect(kept).toBeGreaterThan(2);
  });
});

describe.skipIf(!hasPythonDocx)('the appendix read back with python-docx', () => {
  it('has a row per next step with its lead and timescale, risks and the comment for the board in the Progress column, then the key and grid', () => {
    const script = String.raw`
import docx, json, sys
d = docx.Document(sys.argv[1])
tables = d.tables
at = next(i for i, t in enumerate(tables) if 'Achievement to date' in [c.text for c in t.rows[0].cells])
rows = [[c.text for c in r.cells] for r in tables[at].rows]
after = tables[at + 1:]
print(json.dumps({'rows': rows, 'after': [[[c.text for c in r.cells] for r in t.rows] for t in after]}))
`;
    const out = spawnSync(PYTHON, ['-c', script, join(dir, 'demo.docx')], { encoding: 'utf8' });
    expect(out.stderr).toBe('');
    const { rows, after } = JSON.parse(out.stdout) as { rows: string[][]; after: string[][][] };
    expect(demo.actions.some((action) => action.boardComment.trim())).toBe(true);
    for (const action of demo.actions) {
      const first = rows.findIndex((row) => row[2] === action.number);
      const lines = rows.slice(first, first + action.nextSteps.length);
      action.nextSteps.forEach((step, index) => {
        const line = lines[index]!;
        expect(line[5]).toContain(step.text);
        expect(line[6]).toBe((step.leads.length ? step.leads : action.leads).map((lead) => lead.name).join('\n'));
        expect(line[7]).toBe(step.timescale.text);
        // python-docx gives a merged cell on every row it runs down: the action's description on each line.
        expect(line[3]).toBe(lines[0]![3]);
        expect(line[8]!.startsWith(STATUS_LABELS[action.status])).toBe(true);
        if (action.risks.trim()) expect(line[8]).toContain(action.risks.trim());
        if (action.boardComment.trim())
          expect(line[8]).toContain(`Comment for the board:\n${action.boardComment.trim()}`);
      });
    }
    expect(after[0]!.map((row) => row[0])).toEqual(['Level of progress', ...demo.matrix.levels.map((l) => l.name)]);
    expect(after[1]!.map((row) => row[0])).toEqual(['Matrix area', ...demo.matrix.areas.map((area) => area.name)]);
    expect(after[1]!.flat().filter((cell) => cell.startsWith('● Current level'))).toHaveLength(
      demo.matrix.areas.length,
    );
  });
});

/** Each page's text, as LibreOffice lays the paper out. */
async function pagesOf(name: string): Promise<string[]> {
  await run(
    LIBREOFFICE,
    ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, name],
    { cwd: dir, timeout: 170_000 },
  );
  const { stdout } = await run(PDFTOTEXT, ['-layout', join(dir, name.replace('.docx', '.pdf')), '-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.split('\f').filter((page) => page.trim());
}

const linesOf = (page: string) =>
  page
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !/Page \d+ of \d+$/.test(line));

describe.skipIf(!existsSync(LIBREOFFICE) || !existsSync(PDFTOTEXT))('the Word paper laid out by LibreOffice', () => {
  for (const name of ['demo.docx', 'big.docx']) {
    it(
      `${name}: starts the matrix on page 1, leaves no page to the authors alone, names the action a page starts in`,
      {
        timeout: 180_000,
      },
      async () => {
        const pages = await pagesOf(name);
        // Page 1 goes on into the matrix rather than leaving its lower half empty.
        expect(pages[0]).toContain('Maturity matrix');
        expect(pages[0]).toContain('Service delivery');
        const authorsPage = pages.findIndex((page) => linesOf(page).some((line) => /^Authors?$/.test(line)));
        expect(authorsPage).toBeGreaterThanOrEqual(0);
        const beforeAuthors = linesOf(pages[authorsPage]!).findIndex((line) => /^Authors?$/.test(line));
        expect(beforeAuthors, `page ${authorsPage + 1} holds only the authors`).toBeGreaterThan(0);
        // Every appendix page after the first repeats the header row; one that starts part-way through an
        // action names it.
        const appendixStart = pages.findIndex(
          (page) => page.includes('Appendix 1: Action plan') && page.includes('Achievement'),
        );
        const planPages = pages.slice(appendixStart + 1).filter((page) => !page.includes('levels of progress'));
        // The header's cells sit at the bottom of its row: the first words of the headings that wrap ("Progress
        // level", "Action No.") come on the line above "Matrix area".
        for (const page of planPages) {
          const [first, second] = linesOf(page);
          expect(
            [first, second].some((line) => /^Matrix area\s/.test(line ?? '')),
            first,
          ).toBe(true);
        }
        if (name === 'big.docx') expect(planPages.some((page) => page.includes('(cont.)'))).toBe(true);
      },
    );
  }
});
