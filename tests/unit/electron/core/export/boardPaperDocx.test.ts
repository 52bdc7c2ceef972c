import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoDocument } from '../../../../../electron/core/demoPlan';
import { renderBoardPaperDocx } from '../../../../../electron/core/export/docx/boardPaper';
import {
  loadPaperTemplates,
  PaperTemplateError,
  readTemplateLogo,
} from '../../../../../electron/core/export/boardPaperTemplates';
import {
  buildPaperContent,
  paperInputFromTemplate,
  paperInputSchema,
  snapshotOf,
} from '../../../../../shared/domain/boardPaperContent';
import type { PaperContent } from '../../../../../shared/domain/boardPaperContent';
import { setDescriptor } from '../../../../../shared/domain/planRecords';
import { generatePlan } from '../../../../support/generatePlan';
import { STATUS_LABELS } from '../../../../../shared/model/action';
import type { PaperTemplate } from '../../../../../shared/model/boardPaper';
import type { PlanDocument } from '../../../../../shared/model/plan';

const TEMPLATES_DIR = resolve('templates/board-papers');
const TODAY = '2026-11-24';
const MEETING = '2027-01-21';
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

// ---- Reading document.xml ----
function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** A paragraph's text as a reader sees it: its runs joined, a tab as "\t", a line break as "\n". */
function paragraphText(xml: string): string {
  const parts = xml.match(/<w:t(?:\s[^>]*)?>[^<]*<\/w:t>|<w:t\/>|<w:tab\/>|<w:br\/>/g) ?? [];
  return parts
    .map((part) =>
      part === '<w:tab/>'
        ? '\t'
        : part === '<w:br/>'
          ? '\n'
          : part === '<w:t/>'
            ? ''
            : unescapeXml(part.replace(/<[^>]+>/g, '')),
    )
    .join('');
}

function paragraphsOf(xml: string): { style: string | null; text: string }[] {
  return (xml.match(/<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g) ?? []).map((p) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? null,
    text: paragraphText(p),
  }));
}

interface ParsedTable {
  rows: { xml: string; cells: string[] }[];
}

function tablesOf(xml: string): ParsedTable[] {
  return (xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []).map((tbl) => ({
    rows: (tbl.match(/<w:tr(?:\s[^>]*)?>[\s\S]*?<\/w:tr>/g) ?? []).map((tr) => ({
      xml: tr,
      cells: (tr.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).map((tc) =>
        paragraphsOf(tc)
          .map((p) => p.text)
          .join('\n'),
      ),
    })),
  }));
}

/** An action's lines in the appendix: its first, then each later one, which names it "(cont.)". */
function actionLines(appendix: ParsedTable, number: string): ParsedTable['rows'] {
  const start = appendix.rows.findIndex((row) => row.cells.length === 9 && row.cells[2] === number);
  if (start < 0) return [];
  const later = appendix.rows.slice(start + 1);
  const end = later.findIndex((row) => row.cells[2] !== `${number}\n(cont.)`);
  return [appendix.rows[start]!, ...later.slice(0, end < 0 ? later.length : end)];
}

function tableWithHeader(tables: ParsedTable[], heading: string): ParsedTable {
  const found = tables.find((table) => table.rows[0]?.cells.some((cell) => cell.includes(heading)));
  if (!found) throw new Error(`No table has a "${heading}" column`);
  return found;
}

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

async function unzip(buffer: Buffer): Promise<JSZip> {
  return JSZip.loadAsync(buffer);
}

interface ListLevel {
  format: string;
  text: string;
  suffix: string;
  start: number;
}

/** Each list's levels, by the numId paragraphs name, from numbering.xml. */
function listLevels(numbering: string): Map<string, ListLevel[]> {
  const abstracts = new Map<string, ListLevel[]>();
  for (const [, id, body] of numbering.matchAll(
    /<w:abstractNum w:abstractNumId="(\d+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g,
  )) {
    const levels = [...body!.matchAll(/<w:lvl w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)].map(([, , lvl]) => ({
      format: /<w:numFmt w:val="([^"]+)"/.exec(lvl!)?.[1] ?? 'decimal',
      text: /<w:lvlText w:val="([^"]*)"/.exec(lvl!)?.[1] ?? '',
      suffix: /<w:suff w:val="([^"]+)"/.exec(lvl!)?.[1] ?? 'tab',
      start: Number(/<w:start w:val="(\d+)"/.exec(lvl!)?.[1] ?? '1'),
    }));
    abstracts.set(id!, levels);
  }
  const lists = new Map<string, ListLevel[]>();
  for (const [, numId, abstractId] of numbering.matchAll(
    /<w:num w:numId="(\d+)"[^>]*>\s*<w:abstractNumId w:val="(\d+)"\/>/g,
  )) {
    lists.set(numId!, abstracts.get(abstractId!) ?? []);
  }
  return lists;
}

/**
 * document.xml with the number Word shows in front of each numbered paragraph written into its text, counted
 * as Word counts (a level restarts after the level above it), so a paragraph reads "1.1\tTo bring ...".
 */
function withListNumbers(xml: string, numbering: string): string {
  const lists = listLevels(numbering);
  const counters = new Map<string, number[]>();
  return xml.replace(/<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g, (paragraph) => {
    const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(paragraph)?.[1];
    if (!numPr) return paragraph;
    const numId = /<w:numId w:val="(\d+)"/.exec(numPr)![1]!;
    const ilvl = Number(/<w:ilvl w:val="(\d+)"/.exec(numPr)![1]);
    const level = lists.get(numId)?.[ilvl];
    if (!level) throw new Error(`Paragraph names list ${numId} level ${ilvl}, which numbering.xml does not define`);
    if (level.format === 'bullet') return paragraph;
    const counts = (counters.get(numId) ?? []).slice(0, ilvl + 1);
    counts[ilvl] = (counts[ilvl] ?? level.start - 1) + 1;
    counters.set(numId, counts);
    const label = level.text.replace(/%(\d)/g, (_, at: string) => String(counts[Number(at) - 1] ?? 0));
    const suffix = level.suffix === 'tab' ? '<w:tab/>' : '';
    const space = level.suffix === 'space' ? ' ' : '';
    const number = `<w:r><w:t xml:space="preserve">${label}${space}</w:t>${suffix}</w:r>`;
    return paragraph.includes('</w:pPr>')
      ? paragraph.replace('</w:pPr>', `</w:pPr>${number}`)
      : paragraph.replace(/^<w:p(\s[^>]*)?>/, (open) => open + number);
  });
}

async function documentXml(buffer: Buffer): Promise<string> {
  const zip = await unzip(buffer);
  const numbering = (await zip.file('word/numbering.xml')?.async('string')) ?? '';
  return withListNumbers(await zip.file('word/document.xml')!.async('string'), numbering);
}

// ---- Fixtures ----
let templates: PaperTemplate[];
const template = (id: string) => {
  const found = templates.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`No template ${id}`);
  return found;
};

function contentFor(doc: PlanDocument, templateId: string, baselinePaperId?: string): PaperContent {
  const input = paperInputFromTemplate(template(templateId), MEETING);
  return buildPaperContent(doc, baselinePaperId === undefined ? input : { ...input, baselinePaperId }, TODAY);
}

beforeAll(async () => {
  // These tests check the parts the app writes; the author's own sections are checked in paperNarrativeDocx.
  templates = (await loadPaperTemplates(TEMPLATES_DIR)).map((item) => ({
    ...item,
    narrative: [],
    extraAppendices: [],
    authors: item.authors.map(({ email, ...author }) => ({
      ...author,
      contact: [email, author.contact].filter(Boolean).join('  '),
    })),
  }));
});

const DEMO_PAPER_ID = 'paper-2026-09';

describe('renderBoardPaperDocx: the demo scrutiny paper', () => {
  let doc: PlanDocument;
  let buffer: Buffer;
  let xml: string;
  let paragraphs: { style: string | null; text: string }[];
  let tables: ParsedTable[];

  beforeAll(async () => {
    doc = demoDocument();
    // The demo's paper went to another board, so this paper compares with it only when it is chosen.
    buffer = await renderBoardPaperDocx(contentFor(doc, 'scrutiny-briefing', DEMO_PAPER_ID));
    xml = await documentXml(buffer);
    paragraphs = paragraphsOf(xml);
    tables = tablesOf(xml);
  });

  it('is a Word file', () => {
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    expect(xml.startsWith('<?xml')).toBe(true);
  });

  it('opens with the To / Date / Subject block, bold, the date written out', () => {
    const texts = paragraphs.map((p) => p.text);
    expect(texts).toContain("To:\tEducation and Children's Services Scrutiny Board");
    expect(texts).toContain('Date:\t21st January 2027');
    expect(texts).toContain('Subject:\tEarly Help and Partnership Working');
    const toParagraph = /<w:p>(?:(?!<\/w:p>)[\s\S])*?To:<\/w:t>[\s\S]*?<\/w:p>/.exec(xml)![0];
    expect(toParagraph).toMatch(/<w:b\/>[\s\S]*To:/);
    const order = ['To:', 'Date:', 'Subject:', '1 Purpose of the Note'].map((start) =>
      texts.findIndex((text) => text.startsWith(start)),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('has the headings of a briefing note, in order', () => {
    const headings = paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text);
    expect(headings).toEqual([
      '1 Purpose of the Note',
      '2 Recommendations',
      '3 Progress summary',
      'Appendix 1: Action plan',
    ]);
    const subheadings = paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text);
    expect(subheadings).toEqual([
      'Appendices',
      'Maturity matrix',
      'Actions by status',
      'Actions by matrix area',
      'Completed since the last paper',
      'Overdue',
      'Due before the meeting',
      'Updates not yet reviewed',
      'Authors',
      'Key to the maturity matrix',
    ]);
    expect(paragraphs.map((p) => p.text)).toContain('Appendix 1: Action plan');
  });

  it('numbers the purpose 1.1 and the recommendations 2.1 then 1) 2) 3)', () => {
    const texts = paragraphs.map((p) => p.text);
    expect(texts).toContain(
      "1.1\tTo bring the Education and Children's Services Scrutiny Board up to date with progress on Early Help and Prevention.",
    );
    expect(texts).toContain("2.1\tThe Education and Children's Services Scrutiny Board are recommended to:");
    const items = texts.filter((text) => /^\d\)\t/.test(text));
    expect(items).toEqual([
      '1)\tConsider the content of the briefing note and the appendices.',
      '2)\tReceive further progress reports as requested.',
      '3)\tIdentify any further recommendations for the appropriate Cabinet Member.',
    ]);
  });

  it("marks each area's current level in the right column of the matrix, with the movement in words", () => {
    const matrix = tableWithHeader(tables, 'Since last paper');
    const header = matrix.rows[0]!.cells;
    expect(header.map(flat)).toEqual([
      'Matrix area',
      'Level 1 Basic level',
      'Level 2 Early progress',
      'Level 3 Substantial progress',
      'Level 4 Maturity',
      'Since last paper',
    ]);
    const levels = contentFor(doc, 'scrutiny-briefing', DEMO_PAPER_ID).progress!.matrix!.rows;
    expect(matrix.rows).toHaveLength(doc.matrix.areas.length + 1);
    doc.matrix.areas.forEach((area, index) => {
      const cells = matrix.rows[index + 1]!.cells;
      expect(cells[0]).toBe(area.name);
      const level = levels[index]!.level;
      const marked = cells
        .slice(1, 5)
        .map((cell, column) => (cell.includes('●') ? column + 1 : null))
        .filter((n) => n !== null);
      expect(marked).toEqual(level === null ? [] : [level]);
      if (level !== null) expect(cells[level]).toBe(`● Level ${level}`);
      expect(cells[5]).toBe(levels[index]!.movementText);
    });
    // The demo plan's last paper had Service delivery at level 1; it is at 2 now.
    expect(matrix.rows[1]!.cells[5]).toBe('Up from 1');
  });

  it('counts actions by status and by area', () => {
    const byStatus = tableWithHeader(tables, 'Share');
    expect(byStatus.rows.slice(1).map((row) => row.cells[0])).toEqual([...Object.values(STATUS_LABELS), 'Total']);
    expect(byStatus.rows.at(-1)!.cells[1]).toBe(String(doc.actions.length));
    const byArea = tables.find((table) => flat(table.rows[0]!.cells.join(' ')).startsWith('Matrix area Not started'))!;
    expect(byArea.rows.slice(1, -1).map((row) => row.cells[0])).toEqual(doc.matrix.areas.map((area) => area.name));
    expect(byArea.rows.at(-1)!.cells.at(-1)).toBe(String(doc.actions.length));
  });

  it('lists overdue and due-before-meeting work in tables with a Lead column', () => {
    const dueTables = tables.filter(
      (table) => flat(table.rows[0]!.cells.join('|')) === 'No.|Action|What is due|Lead|Due',
    );
    expect(dueTables).toHaveLength(2);
    const content = contentFor(doc, 'scrutiny-briefing').progress!;
    expect(dueTables[0]!.rows.slice(1).map((row) => row.cells[0])).toEqual(content.overdue!.map((item) => item.number));
    expect(dueTables[1]!.rows.slice(1).map((row) => row.cells[0])).toEqual(
      content.dueBeforeMeeting!.map((item) => item.number),
    );
    const firstOverdue = content.overdue![0]!;
    expect(dueTables[0]!.rows[1]!.cells[3]).toBe(firstOverdue.leads.join('\n'));
    expect(dueTables[0]!.rows[1]!.cells[4]).toBe(firstOverdue.dueText);
  });

  it("ends the front section with the authors' details", () => {
    const texts = paragraphs.map((p) => p.text);
    const author = texts.indexOf('Name:\tMarcus Adeyemi');
    expect(author).toBeGreaterThan(0);
    expect(texts.slice(author, author + 4)).toEqual([
      'Name:\tMarcus Adeyemi',
      'Job title:\tHead of Early Help and Prevention',
      'Organisation:\tNorthbridge City Council',
      'Contact details:\tmarcus.adeyemi@northbridge.gov.uk  Tel: (01632) 960 214',
    ]);
    expect(author).toBeLessThan(texts.indexOf('Appendix 1: Action plan', texts.indexOf('Appendices') + 2));
  });

  it('is portrait A4 then a landscape A4 section for the appendix', () => {
    const sections = xml.match(/<w:sectPr[\s\S]*?<\/w:sectPr>/g) ?? [];
    expect(sections).toHaveLength(2);
    expect(sections[0]).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    expect(sections[1]).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    const appendixStart = xml.indexOf('Appendix 1: Action plan</w:t>', xml.indexOf('Appendices'));
    const appendixHeading = xml.lastIndexOf('Appendix 1: Action plan</w:t>');
    expect(appendixHeading).toBeGreaterThan(appendixStart);
    expect(xml.indexOf(sections[0]!)).toBeLessThan(appendixHeading);
  });

  it('repeats the appendix header row on every page, with the columns of the printed plan', () => {
    const appendix = tableWithHeader(tables, 'Achievement to date');
    expect(appendix.rows[0]!.xml).toContain('<w:tblHeader/>');
    expect(appendix.rows[1]!.xml).not.toContain('<w:tblHeader/>');
    expect(appendix.rows[0]!.cells).toEqual([
      'Matrix area',
      'Progress level',
      'Action No.',
      'Description',
      'Achievement to date',
      'Next steps – Action',
      'Lead',
      'Timescale',
      'Progress',
    ]);
  });

  it('prints every action of the demo plan in the appendix, under its area, with its status in words', () => {
    const appendix = tableWithHeader(tables, 'Achievement to date');
    const areaRows = appendix.rows.filter((row) => row.cells.length === 1);
    expect(areaRows.map((row) => row.cells[0]!.split('  –  ')[0])).toEqual(doc.matrix.areas.map((area) => area.name));
    for (const row of areaRows) expect(row.xml).toContain('<w:gridSpan w:val="9"/>');
    const firstLines = appendix.rows.filter((row) => row.cells.length === 9 && !row.cells[2]!.includes('(cont.)'));
    expect(firstLines.slice(1)).toHaveLength(doc.actions.length);
    for (const action of doc.actions) {
      const [row] = actionLines(appendix, action.number);
      expect(row, `action ${action.number}`).toBeDefined();
      const area = doc.matrix.areas.find((candidate) => candidate.id === action.areaId)!;
      expect(row!.cells[0]).toBe(area.name);
      expect(flat(row!.cells[3]!)).toContain(flat(action.description));
      expect(flat(row!.cells[4]!)).toBe(flat(action.achievement));
      expect(row!.cells[8]!.split('\n')[0]).toBe(STATUS_LABELS[action.status]);
    }
  });

  it('gives each next step its own line, with its own lead and timescale, beside the action merged down', () => {
    const appendix = tableWithHeader(tables, 'Achievement to date');
    for (const action of doc.actions) {
      const lines = actionLines(appendix, action.number);
      expect(lines, `action ${action.number}`).toHaveLength(action.nextSteps.length);
      action.nextSteps.forEach((step, index) => {
        const line = lines[index]!;
        expect(flat(line.cells[5]!)).toContain(flat(step.text));
        const leads = step.leads.length ? step.leads : action.leads;
        expect(line.cells[6]).toBe(leads.map((lead) => lead.name).join('\n'));
        expect(line.cells[7]).toBe(step.timescale.text);
        // The action's own cells are one cell merged down its lines: the later lines continue it.
        const cells = line.xml.match(/<w:tc>[\s\S]*?<\/w:tc>/g)!;
        for (const column of [0, 1, 3, 4, 8]) {
          if (index === 0) expect(cells[column]).toMatch(/<w:vMerge w:val="restart"\/>/);
          else expect(cells[column]).toMatch(/<w:vMerge w:val="continue"\/>|<w:vMerge\/>/);
        }
        // A page that starts part-way through an action still names it.
        expect(line.cells[2]).toBe(index === 0 ? action.number : `${action.number}\n(cont.)`);
      });
    }
  });

  it("prints the lead's commentary on risks and issues, then their comment for the board, under the status in the Progress column", () => {
    const appendix = tableWithHeader(tables, 'Achievement to date');
    expect(doc.actions.some((action) => action.risks.trim() && action.boardComment.trim())).toBe(true);
    expect(doc.actions.some((action) => !action.risks.trim() && action.boardComment.trim())).toBe(true);
    for (const action of doc.actions) {
      const progress = actionLines(appendix, action.number)[0]!.cells[8]!;
      const risks = action.risks.trim() ? `\nRisks and issues:\n${action.risks.trim()}` : '';
      const comment = action.boardComment.trim() ? `\nComment for the board:\n${action.boardComment.trim()}` : '';
      expect(progress, `action ${action.number}`).toBe(`${STATUS_LABELS[action.status]}${risks}${comment}`);
    }
  });

  it('says in words which next steps are done and which are overdue', () => {
    const appendix = tableWithHeader(tables, 'Achievement to date');
    const rows = contentFor(doc, 'scrutiny-briefing').appendix!.groups.flatMap((group) => group.rows);
    const steps = rows.flatMap((row) => row.nextSteps);
    expect(steps.some((step) => step.done)).toBe(true);
    expect(steps.some((step) => step.overdue)).toBe(true);
    for (const row of rows) {
      const lines = actionLines(appendix, row.number);
      row.nextSteps.forEach((step, index) => {
        const expected = step.done ? 'Done: ' : step.overdue ? 'Overdue: ' : '';
        const text = lines[index]!.cells[5]!;
        expect(text.startsWith(`${expected}${step.text}`), `${row.number}: ${text}`).toBe(true);
      });
    }
  });

  it('ends the appendix with the four-level key and the grid of areas against levels, the current level marked', () => {
    const appendix = tableWithHeader(tables, 'Achievement to date');
    const after = tables.slice(tables.indexOf(appendix) + 1);
    const key = tableWithHeader(after, 'Level of progress');
    expect(key.rows.map((row) => row.cells)).toEqual([
      ['Level of progress', 'Level'],
      ...doc.matrix.levels.map((level) => [level.name, String(level.level)]),
    ]);
    const grid = tableWithHeader(after, 'Matrix area');
    expect(grid.rows[0]!.xml).toContain('<w:tblHeader/>');
    expect(grid.rows[0]!.cells).toEqual(['Matrix area', ...doc.matrix.levels.map((l) => `${l.level} ${l.name}`)]);
    const levels = contentFor(doc, 'scrutiny-briefing').appendix!.matrix.rows;
    expect(grid.rows.slice(1).map((row) => row.cells[0])).toEqual(doc.matrix.areas.map((area) => area.name));
    doc.matrix.areas.forEach((area, index) => {
      const cells = grid.rows[index + 1]!.cells.slice(1);
      const current = levels.find((row) => row.areaId === area.id)!.level;
      cells.forEach((cell, at) => {
        const marked = current === at + 1;
        expect(cell, `${area.name} level ${at + 1}`).toBe(
          marked ? `● Current level ${at + 1}\n${area.descriptors[at]}` : area.descriptors[at],
        );
      });
    });
  });

  it('sets Arial 11 pt for the body and 9 pt in the appendix table', async () => {
    const styles = await (await unzip(buffer)).file('word/styles.xml')!.async('string');
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*w:ascii="Arial"[\s\S]*<w:sz w:val="22"\/>[\s\S]*<\/w:docDefaults>/);
    const appendix = tableWithHeader(tables, 'Achievement to date');
    expect(appendix.rows[2]!.xml).toContain('<w:sz w:val="18"/>');
  });

  it('gives every table fixed column widths that fit the page', () => {
    const grids = [...xml.matchAll(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/g)].map((match) =>
      [...match[1]!.matchAll(/w:w="(\d+)"/g)].reduce((sum, width) => sum + Number(width[1]), 0),
    );
    expect(grids.length).toBe(tables.length);
    const appendixAt = tables.indexOf(tableWithHeader(tables, 'Achievement to date'));
    expect(grids[appendixAt]).toBe(16838 - 851 * 2);
    for (const width of grids.slice(appendixAt + 1)) expect(width).toBeLessThanOrEqual(16838 - 851 * 2);
    for (const width of grids.slice(0, appendixAt)) expect(width).toBeLessThanOrEqual(11906 - 1134 * 2);
  });
});

describe('renderBoardPaperDocx: measures and updates not yet reviewed', () => {
  function withMeasures(doc: PlanDocument, templateId = 'scrutiny-briefing'): PaperContent {
    const input = paperInputFromTemplate(template(templateId), MEETING);
    input.sections = { ...input.sections, measures: true };
    return buildPaperContent(doc, input, TODAY);
  }

  it('prints the measures table after the matrix and counts, a row per measure, every judgement in words', async () => {
    const doc = demoDocument();
    const content = withMeasures(doc);
    const xml = await documentXml(await renderBoardPaperDocx(content));
    const subheadings = paragraphsOf(xml)
      .filter((p) => p.style === 'Heading2')
      .map((p) => p.text);
    expect(subheadings.indexOf('Measures')).toBe(subheadings.indexOf('Actions by matrix area') + 1);
    expect(subheadings.indexOf('Maturity matrix')).toBeLessThan(subheadings.indexOf('Measures'));
    expect(subheadings.indexOf('Measures')).toBeLessThan(subheadings.indexOf('Completed since the last paper'));

    const measures = tableWithHeader(tablesOf(xml), 'Against target');
    expect(measures.rows[0]!.cells).toEqual([
      'Measure',
      'Latest value',
      'Target',
      'Against target',
      'Trend',
      'Baseline',
    ]);
    expect(measures.rows[0]!.xml).toContain('<w:tblHeader/>');
    const rows = content.progress!.measures!;
    expect(rows).toHaveLength(doc.measures.length);
    expect(measures.rows.slice(1).map((row) => row.cells)).toEqual(
      rows.map((row) => [
        row.name,
        `${row.latest!.valueText}\n${row.latest!.dateText}`,
        row.targetText,
        row.metText,
        row.trendText,
        `${row.baseline!.valueText}\n${row.baseline!.dateText}`,
      ]),
    );
    const contacts = measures.rows.find((row) => row.cells[0] === '% of contacts to social care')!;
    expect(contacts.cells.slice(1, 5)).toEqual(['18%\n30 Sep 2026', '15% or less', 'Not met', 'Improving']);
    // The verdict's shading repeats the words: green behind "Met", red behind "Not met".
    const verdictCell = (row: { xml: string }) => row.xml.match(/<w:tc>[\s\S]*?<\/w:tc>/g)![3]!;
    expect(verdictCell(contacts)).toContain('w:fill="FFC7CE"');
    const met = measures.rows.find((row) => row.cells[3] === 'Met')!;
    expect(verdictCell(met)).toContain('w:fill="C6EFCE"');
  });

  it('keeps a short measures table on one page', async () => {
    const xml = await documentXml(await renderBoardPaperDocx(withMeasures(demoDocument())));
    const body = tableWithHeader(tablesOf(xml), 'Against target').rows.slice(1);
    const firstCellKeeps = (row: { xml: string }) =>
      /<w:tc>[\s\S]*?<\/w:tc>/.exec(row.xml)![0].includes('<w:keepNext/>');
    expect(body.slice(0, -1).every(firstCellKeeps)).toBe(true);
    expect(firstCellKeeps(body.at(-1)!)).toBe(false);
  });

  it('prints no measures heading or table unless the paper asks, and says so when the plan has none', async () => {
    const without = await documentXml(await renderBoardPaperDocx(contentFor(demoDocument(), 'scrutiny-briefing')));
    expect(paragraphsOf(without).map((p) => p.text)).not.toContain('Measures');
    expect(without).not.toContain('Against target');
    const empty = await documentXml(await renderBoardPaperDocx(withMeasures({ ...demoDocument(), measures: [] })));
    const texts = paragraphsOf(empty).map((p) => p.text);
    expect(texts[texts.indexOf('Measures') + 1]).toBe('The plan has no measures yet.');
    expect(empty).not.toContain('Against target');
  });

  it('lists the actions with updates not yet reviewed, with number, lead and count, on the demo plan', async () => {
    const content = contentFor({ ...demoDocument(), papers: [] }, 'scrutiny-briefing');
    const xml = await documentXml(await renderBoardPaperDocx(content));
    const texts = paragraphsOf(xml).map((p) => p.text);
    const at = texts.indexOf('Updates not yet reviewed');
    expect(at).toBeGreaterThan(texts.indexOf('Due before the meeting'));
    expect(texts[at + 1]).toBe(
      'Actions with updates that a manager has not yet reviewed. This is the first paper, so every unreviewed update is counted.',
    );
    const unreviewed = tableWithHeader(tablesOf(xml), 'Updates not reviewed');
    expect(unreviewed.rows[0]!.cells).toEqual(['No.', 'Action', 'Lead', 'Updates not reviewed']);
    const items = content.progress!.unreviewed!;
    expect(items.length).toBeGreaterThan(1);
    expect(unreviewed.rows.slice(1).map((row) => row.cells)).toEqual(
      items.map((item) => [item.number, item.description, item.leads.join('\n') || '–', String(item.count)]),
    );
    expect(unreviewed.rows.find((row) => row.cells[0] === '7')!.cells[3]).toBe('2');
  });

  it('counts from the last paper, names it, and leaves the list out when nothing awaits review', async () => {
    const doc = demoDocument();
    const last = doc.updateLog
      .map((entry) => entry.at)
      .sort()
      .at(-1)!;
    const record = (producedAt: string) => ({
      id: 'p1',
      producedAt,
      meetingDate: '2026-07-16',
      board: 'Health and Wellbeing Board',
      templateId: 'scrutiny-briefing',
      subject: 'Early Help',
      purpose: ['Update'],
      recommendationsIntro: '',
      recommendations: ['Note'],
      authors: [],
      sections: template('scrutiny-briefing').sections,
      files: [],
      snapshot: snapshotOf(doc),
      state: 'issued' as const,
      checksums: [],
      issuedAt: producedAt,
      issuedBy: null,
      withdrawal: null,
      subjectLabel: 'Subject' as const,
      narrative: [],
      extraAppendices: [],
    });
    // A paper produced between the last two updates: only the last one is new.
    const before = doc.updateLog
      .map((entry) => entry.at)
      .sort()
      .at(-2)!;
    const between = new Date((Date.parse(before) + Date.parse(last)) / 2).toISOString();
    const xml = await documentXml(
      await renderBoardPaperDocx(contentFor({ ...doc, papers: [record(between)] }, 'scrutiny-briefing', 'p1')),
    );
    const texts = paragraphsOf(xml).map((p) => p.text);
    expect(texts[texts.indexOf('Updates not yet reviewed') + 1]).toBe(
      'Actions with updates logged since the last paper (for the Health and Wellbeing Board on 16th July 2026) that a manager has not yet reviewed.',
    );
    const newest = doc.updateLog.find((entry) => entry.at === last)!;
    const number = doc.actions.find((action) => action.id === newest.actionId)!.number;
    expect(
      tableWithHeader(tablesOf(xml), 'Updates not reviewed')
        .rows.slice(1)
        .map((row) => [row.cells[0], row.cells[3]]),
    ).toEqual([[number, '1']]);

    const after = await documentXml(
      await renderBoardPaperDocx(
        contentFor({ ...doc, papers: [record('2026-11-20T09:00:00.000Z')] }, 'scrutiny-briefing', 'p1'),
      ),
    );
    expect(after).not.toContain('Updates not yet reviewed');
    expect(after).not.toContain('Updates not reviewed');
  });
});

describe('renderBoardPaperDocx: other papers', () => {
  it('numbers the Health and Wellbeing Board recommendations 2.1 to 2.4 and prints its author', async () => {
    const xml = await documentXml(await renderBoardPaperDocx(contentFor(demoDocument(), 'health-wellbeing-board')));
    const texts = paragraphsOf(xml).map((p) => p.text);
    expect(texts).toContain('To:\tHealth and Wellbeing Board');
    expect(texts.filter((text) => /^1\.\d\t/.test(text))).toHaveLength(4);
    const numbers = texts.filter((text) => /^2\.\d\tThat /.test(text)).map((text) => text.slice(0, 3));
    expect(numbers).toEqual(['2.1', '2.2', '2.3', '2.4']);
    expect(texts).toContain('Name:\tPriya Chandran');
  });

  it('says how each area moved since the last paper, in words', async () => {
    const doc = demoDocument();
    const snapshot = snapshotOf(doc);
    const [first, second, third] = doc.matrix.areas;
    const current = (id: string) => snapshot.levels[id]!;
    snapshot.levels[first!.id] = current(first!.id) - 1 || 4;
    snapshot.levels[second!.id] = current(second!.id) + 1 > 4 ? 1 : current(second!.id) + 1;
    snapshot.levels[third!.id] = null;
    const withPaper: PlanDocument = {
      ...doc,
      papers: [
        {
          id: 'p1',
          producedAt: '2026-07-10T09:00:00.000Z',
          meetingDate: '2026-07-16',
          board: 'Health and Wellbeing Board',
          templateId: 'health-wellbeing-board',
          subject: 'Early Help',
          purpose: ['Update'],
          recommendationsIntro: '',
          recommendations: ['Note'],
          authors: [],
          sections: template('scrutiny-briefing').sections,
          files: [],
          snapshot,
          state: 'issued',
          checksums: [],
          issuedAt: '2026-07-10T09:00:00.000Z',
          issuedBy: null,
          withdrawal: null,
          subjectLabel: 'Subject',
          narrative: [],
          extraAppendices: [],
        },
      ],
    };
    const content = contentFor(withPaper, 'scrutiny-briefing', 'p1');
    const rows = content.progress!.matrix!.rows;
    const xml = await documentXml(await renderBoardPaperDocx(content));
    const matrix = tableWithHeader(tablesOf(xml), 'Since last paper');
    rows.forEach((row, index) => expect(matrix.rows[index + 1]!.cells[5]).toBe(row.movementText));
    expect(rows.slice(0, 3).map((row) => row.movement)).not.toContain('unchanged');
    expect(matrix.rows.slice(1).map((row) => row.cells[5])).toContain('No change');
    expect(matrix.rows.slice(1, 4).map((row) => row.cells[5])).toEqual(rows.slice(0, 3).map((row) => row.movementText));
    expect(matrix.rows[3]!.cells[5]).toBe('First assessment');
    // The previous level is shown as a hollow mark, in words, beside the current one.
    expect(matrix.rows[1]!.cells.slice(1, 5).filter((cell) => cell === '○ Last paper')).toHaveLength(1);
  });

  it('leaves out the landscape appendix and the progress summary when the paper asks for neither', async () => {
    const input = paperInputFromTemplate(template('scrutiny-briefing'), MEETING);
    input.sections = {
      matrix: false,
      counts: false,
      completedSinceLast: false,
      overdueAndDueSoon: false,
      measures: false,
      appendix: false,
    };
    const xml = await documentXml(await renderBoardPaperDocx(buildPaperContent(demoDocument(), input, TODAY)));
    expect(xml).not.toContain('w:orient="landscape"');
    expect(xml).not.toContain('Progress summary');
    expect(xml).not.toContain('Appendices');
    expect(xml).not.toContain('<w:tbl>');
  });

  it('places a logo at the top when one is given', async () => {
    const buffer = await renderBoardPaperDocx(contentFor(demoDocument(), 'scrutiny-briefing'), { logo: PNG });
    const zip = await unzip(buffer);
    const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'));
    // The logo and the matrix's radar chart.
    expect(media).toHaveLength(2);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml.indexOf('<w:drawing>')).toBeGreaterThan(0);
    expect(xml.indexOf('<w:drawing>')).toBeLessThan(xml.indexOf('To:</w:t>'));
  });

  it('drops characters XML cannot carry instead of writing a file Word refuses', async () => {
    const content = contentFor(demoDocument(), 'scrutiny-briefing');
    content.header.subject = 'Early\u0001 Help\u000B';
    const xml = await documentXml(await renderBoardPaperDocx(content));
    expect(xml).toContain('Subject:</w:t>');
    expect(xml).toContain('Early Help');
    // eslint-disable-next-line no-control-regex
    expect(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(xml)).toBe(false);
  });
});

describe('renderBoardPaperDocx: every word printed', () => {
  it('cuts no description or next step short with "…", in the front-page lists or anywhere else', async () => {
    const doc = demoDocument();
    const long = (what: string) => `${what} that runs on without a full stop `.repeat(8).trim();
    doc.actions = doc.actions.map((action) => ({
      ...action,
      description: long(`Action ${action.number} description`),
      nextSteps: action.nextSteps.map((step) => ({ ...step, text: long(`A next step of action ${action.number}`) })),
    }));
    const content = contentFor({ ...doc, papers: [] }, 'scrutiny-briefing');
    const xml = await documentXml(await renderBoardPaperDocx(content));
    expect(xml).not.toContain('…');
    const unreviewed = tableWithHeader(tablesOf(xml), 'Updates not reviewed');
    expect(unreviewed.rows.length).toBeGreaterThan(1);
    for (const row of unreviewed.rows.slice(1)) expect(row.cells[1]).toBe(long(`Action ${row.cells[0]} description`));
    const due = tablesOf(xml).filter(
      (table) => flat(table.rows[0]!.cells.join('|')) === 'No.|Action|What is due|Lead|Due',
    );
    const stepItems = due
      .flatMap((table) => table.rows.slice(1))
      .filter((row) => row.cells[2] !== 'The action as a whole');
    expect(stepItems.length).toBeGreaterThan(0);
    for (const row of stepItems)
      expect(row.cells[2]!.split('; ')[0]).toBe(long(`A next step of action ${row.cells[0]}`));
  });
});

describe('renderBoardPaperDocx: long lists on the front pages', () => {
  it("names the template's number of actions in each list, the most overdue first, then how many more and where", async () => {
    const doc = { ...generatePlan(300), papers: [] };
    const scrutiny = template('scrutiny-briefing');
    expect(scrutiny.listLimit).toBe(15);
    const full = buildPaperContent(
      doc,
      { ...paperInputFromTemplate(scrutiny, MEETING), listLimit: 500 },
      TODAY,
    ).progress!;
    const content = contentFor(doc, 'scrutiny-briefing');
    const xml = await documentXml(await renderBoardPaperDocx(content));
    const texts = paragraphsOf(xml).map((p) => p.text);
    const dueTables = tablesOf(xml).filter(
      (table) => flat(table.rows[0]!.cells.join('|')) === 'No.|Action|What is due|Lead|Due',
    );
    const lists = [
      { all: full.overdue!, table: dueTables[0]!, after: 'Overdue' },
      { all: full.dueBeforeMeeting!, table: dueTables[1]!, after: 'Due before the meeting' },
    ];
    const completedAt = texts.indexOf('Completed since the last paper');
    const completed = texts.slice(completedAt + 1, texts.indexOf('Overdue'));
    expect(full.completedSinceLast!.length).toBeGreaterThan(15);
    expect(completed).toEqual([
      ...full
        .completedSinceLast!.slice(0, 15)
        .map((item) => expect.stringMatching(new RegExp(`^Action ${item.number}: `))),
      `and ${full.completedSinceLast!.length - 15} more: see Appendix 1`,
    ]);
    expect(full.overdue!.length).toBeGreaterThan(15);
    for (const list of lists) {
      expect(list.table.rows.slice(1).map((row) => row.cells[0])).toEqual(
        list.all.slice(0, 15).map((item) => item.number),
      );
      const heading = texts.indexOf(list.after);
      if (list.all.length > 15)
        expect(texts.indexOf(`and ${list.all.length - 15} more: see Appendix 1`, heading)).toBeGreaterThan(heading);
    }
    expect(texts.filter((text) => /^and \d+ more: see Appendix 1$/.test(text)).length).toBe(
      [full.completedSinceLast!, full.overdue!, full.dueBeforeMeeting!].filter((list) => list.length > 15).length,
    );
    const overdueDates = full.overdue!.slice(0, 16).map((item) => item.due);
    expect(overdueDates).toEqual([...overdueDates].sort());
  });
});

describe('loadPaperTemplates', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('loads the shipped templates, each usable as a paper', () => {
    expect(templates.map((item) => item.id)).toEqual([
      'health-wellbeing-board',
      'example-council-letterhead',
      'scrutiny-briefing',
    ]);
    const scrutiny = template('scrutiny-briefing');
    expect(scrutiny.boardName).toBe("Education and Children's Services Scrutiny Board");
    expect(scrutiny.purpose[0]).toMatch(/^To bring the .* up to date with progress on Early Help and Prevention\.$/);
    expect(scrutiny.recommendationsIntro).not.toBe('');
    expect(scrutiny.recommendations).toHaveLength(3);
    const hwb = template('health-wellbeing-board');
    expect(hwb.boardName).toBe('Health and Wellbeing Board');
    expect(hwb.purpose.length).toBeGreaterThan(1);
    expect(hwb.recommendationsIntro).toBe('');
    expect(hwb.recommendations).toHaveLength(4);
    expect(hwb.authors[0]).toMatchObject({
      name: expect.any(String),
      jobTitle: expect.stringMatching(/\S/),
      organisation: expect.stringMatching(/\S/),
      contact: expect.stringMatching(/@/),
    });
    for (const item of templates)
      expect(paperInputSchema.safeParse(paperInputFromTemplate(item, MEETING)).success).toBe(true);
  });

  it('names the file and the field when a template is invalid', async () => {
    dir = await mkdtemp(join(tmpdir(), 'apt-templates-'));
    const good = template('scrutiny-briefing');
    await writeFile(join(dir, 'a-good.json'), JSON.stringify(good));
    await writeFile(
      join(dir, 'b-bad.json'),
      JSON.stringify({ ...good, id: 'other', purpose: [], sections: { ...good.sections, matrix: 'yes' } }),
    );
    const error = await loadPaperTemplates(dir).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PaperTemplateError);
    const problem = error as PaperTemplateError;
    expect(problem.message).toMatch(/b-bad\.json/);
    expect(problem.message).toMatch(/Purpose: must have at least one paragraph/);
    expect(problem.message).toMatch(/Sections, Maturity matrix: /);
    expect(problem.file).toBe(join(dir, 'b-bad.json'));
    expect(problem.problems.map((item) => item.field)).toEqual(expect.arrayContaining(['purpose', 'sections.matrix']));
  });

  it('refuses a file that is not JSON, a missing field and a repeated id, naming the file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'apt-templates-'));
    const good = template('scrutiny-briefing');
    await writeFile(join(dir, 'broken.json'), '{ "id": "x", ');
    await expect(loadPaperTemplates(dir)).rejects.toThrow(/broken\.json is not valid JSON/);

    await rm(join(dir, 'broken.json'));
    const { boardName: _omitted, ...missing } = good;
    await writeFile(join(dir, 'missing.json'), JSON.stringify(missing));
    await expect(loadPaperTemplates(dir)).rejects.toThrow(/missing\.json is invalid: Board name: is missing/);

    await rm(join(dir, 'missing.json'));
    await writeFile(join(dir, 'one.json'), JSON.stringify(good));
    await writeFile(join(dir, 'two.json'), JSON.stringify(good));
    await expect(loadPaperTemplates(dir)).rejects.toThrow(
      /two\.json is invalid: id: "scrutiny-briefing" is already used by one\.json/,
    );
  });

  it('ignores other files and reports a folder it cannot read', async () => {
    dir = await mkdtemp(join(tmpdir(), 'apt-templates-'));
    await writeFile(join(dir, 'notes.txt'), 'not a template');
    expect(await loadPaperTemplates(dir)).toEqual([]);
    await expect(loadPaperTemplates(join(dir, 'absent'))).rejects.toThrow(
      /Cannot read the board paper templates folder/,
    );
  });

  it('reads a logo beside the template and refuses a path', async () => {
    dir = await mkdtemp(join(tmpdir(), 'apt-templates-'));
    await writeFile(join(dir, 'logo.png'), PNG);
    const base = template('scrutiny-briefing');
    expect(await readTemplateLogo(dir, base)).toBeUndefined();
    expect(await readTemplateLogo(dir, { ...base, logoFile: 'logo.png' })).toEqual(PNG);
    await expect(readTemplateLogo(dir, { ...base, logoFile: '../logo.png' })).rejects.toThrow(
      /file name beside the template/,
    );
  });
});

describe('renderBoardPaperDocx: the key to the matrix', () => {
  it('prints what each level looks like in each area, as the board wrote it, under the matrix', async () => {
    const doc = setDescriptor(demoDocument(), {
      areaId: 'governance',
      level: 3,
      text: 'The board meets every quarter & holds partners to account against the plan',
    });
    const xml = await documentXml(await renderBoardPaperDocx(contentFor(doc, 'scrutiny-briefing')));
    const texts = paragraphsOf(xml).map((p) => p.text);
    const keyAt = texts.indexOf('Key: what each level looks like in each area');
    expect(keyAt).toBeGreaterThan(texts.indexOf('Maturity matrix'));
    const key = tableWithHeader(tablesOf(xml), '3 Substantial progress');
    expect(key.rows[0]!.cells).toEqual([
      'Matrix area',
      ...doc.matrix.levels.map((level) => `${level.level} ${level.name}`),
    ]);
    const governance = key.rows.find((row) => row.cells[0] === 'Governance')!;
    expect(governance.cells[3]).toBe('The board meets every quarter & holds partners to account against the plan');
    expect(governance.cells.slice(1)).toEqual(doc.matrix.areas.find((area) => area.id === 'governance')!.descriptors);
    expect(key.rows).toHaveLength(doc.matrix.areas.length + 1);
  });

  it('prints no key when no descriptor has been written', async () => {
    const doc = demoDocument();
    doc.matrix.areas = doc.matrix.areas.map((area) => ({ ...area, descriptors: ['', '', '', ''] }));
    const xml = await documentXml(await renderBoardPaperDocx(contentFor(doc, 'scrutiny-briefing')));
    expect(paragraphsOf(xml).map((p) => p.text)).not.toContain('Key: what each level looks like in each area');
  });
});
