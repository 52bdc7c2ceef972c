import { beforeAll, describe, expect, it } from 'vitest';
import type { Workbook, Worksheet } from 'exceljs';
import { demoDocument } from '../../../../../electron/core/demoPlan';
import { writePlanWorkbook } from '../../../../../electron/core/export/planWorkbook';
import ExcelJS from '../../../../../electron/core/export/planWorkbookExcel';
import type { PlanDocument } from '../../../../../shared/model/plan';
import { CURRENT_SCHEMA_VERSION } from '../../../../../shared/model/plan';
import { compareActionNumbers } from '../../../../../shared/domain/actionOrder';
import { isOverdue, nextDueDate } from '../../../../../shared/domain/derived';
import { correctAssessment } from '../../../../../shared/domain/planRecords';

const TODAY = '2026-11-24';
const NOW = new Date('2026-11-24T09:30:00.000Z');

async function load(bytes: Buffer): Promise<Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

function headerOf(ws: Worksheet): unknown[] {
  return (ws.getRow(1).values as unknown[]).slice(1);
}

/** Values of columns 1..count of a row (empty cells as null). */
function valuesOf(ws: Worksheet, row: number, count: number): unknown[] {
  return Array.from({ length: count }, (_, index) => ws.getCell(row, index + 1).value);
}

/** exceljs keeps these on the worksheet but does not declare them in its typings. */
interface SheetInternals {
  dataValidations: {
    model: Record<string, { type: string; formulae: string[]; showErrorMessage?: boolean } | undefined>;
  };
  conditionalFormattings: { ref: string; rules: { type: string; operator?: string; formulae?: string[] }[] }[];
  sheetProtection: Record<string, unknown> | null;
}
const internals = (ws: Worksheet) => ws as unknown as SheetInternals;

/** The row of "Action plan" that holds action `number` (column C). */
function planRow(ws: Worksheet, number: string): number {
  for (let row = 2; row <= ws.rowCount; row += 1) if (ws.getCell(row, 3).value === number) return row;
  throw new Error(`no row for action ${number}`);
}

describe('writePlanWorkbook (demo plan)', () => {
  let doc: PlanDocument;
  let workbook: Workbook;

  beforeAll(async () => {
    doc = demoDocument();
    workbook = await load(await writePlanWorkbook(doc, TODAY, { now: NOW }));
  });

  it('has the seven sheets in order, with "_ids" very hidden and the rest visible', () => {
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual([
      'Action plan',
      'Next steps',
      'Maturity matrix',
      'Matrix history',
      'By lead',
      'Overdue',
      '_ids',
    ]);
    expect(workbook.getWorksheet('_ids')!.state).toBe('veryHidden');
    for (const name of ['Action plan', 'Next steps', 'Maturity matrix', 'Matrix history', 'By lead', 'Overdue']) {
      expect(workbook.getWorksheet(name)!.state).toBe('visible');
    }
  });

  it('writes the header rows of the editable sheets', () => {
    expect(headerOf(workbook.getWorksheet('Action plan')!)).toEqual([
      'Matrix area',
      'Progress level',
      'Action No.',
      'Description',
      'Achievement to date',
      'Next steps',
      'Lead',
      'Timescale',
      'Due date',
      'Status',
      'Risks and issues',
      'Overdue',
      'Comment for the board',
    ]);
    expect(headerOf(workbook.getWorksheet('Next steps')!)).toEqual([
      'Action No.',
      'Step No.',
      'Next step',
      'Lead(s)',
      'Timescale',
      'Done',
    ]);
    expect(headerOf(workbook.getWorksheet('By lead')!)).toEqual([
      'Lead',
      'Action No.',
      'Item',
      'Description / next step',
      'Timescale',
      'Due date',
      'Status',
      'Overdue',
    ]);
    const header = workbook.getWorksheet('Action plan')!.getCell('A1');
    expect(header.font?.bold).toBe(true);
    expect(header.fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
  });

  it('freezes the header row (and the key columns) and puts an auto filter over the data', () => {
    const plan = workbook.getWorksheet('Action plan')!;
    expect(plan.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 3 });
    expect(plan.autoFilter).toBe(`A1:M${doc.actions.length + 1}`);
    const steps = workbook.getWorksheet('Next steps')!;
    const stepCount = doc.actions.reduce((sum, action) => sum + action.nextSteps.length, 0);
    expect(steps.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 2 });
    expect(steps.autoFilter).toBe(`A1:F${stepCount + 1}`);
    for (const name of ['Maturity matrix', 'Matrix history', 'By lead', 'Overdue']) {
      expect(workbook.getWorksheet(name)!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
  });

  it('gives Status a drop-down of the five labels and a fill per status', () => {
    const plan = workbook.getWorksheet('Action plan')!;
    const last = doc.actions.length + 1;
    const validations = internals(plan).dataValidations.model;
    for (const address of ['J2', `J${last}`]) {
      expect(validations[address]).toMatchObject({
        type: 'list',
        formulae: ['"Not started,On track,At risk,Off track,Complete"'],
        showErrorMessage: true,
      });
    }
    expect(validations[`J${last + 1}`]).toBeUndefined();
    expect(validations.E2).toBeUndefined();

    const formats = internals(plan).conditionalFormattings;
    expect(formats).toHaveLength(1);
    expect(formats[0]!.ref).toBe(`J2:J${last}`);
    expect(formats[0]!.rules.map((rule) => [rule.type, rule.operator, rule.formulae?.[0]])).toEqual([
      ['cellIs', 'equal', '"Not started"'],
      ['cellIs', 'equal', '"On track"'],
      ['cellIs', 'equal', '"At risk"'],
      ['cellIs', 'equal', '"Off track"'],
      ['cellIs', 'equal', '"Complete"'],
    ]);
    const steps = workbook.getWorksheet('Next steps')!;
    expect(internals(steps).dataValidations.model.F2).toMatchObject({ type: 'list', formulae: ['"Yes,No"'] });
  });

  it('protects "Action plan" but leaves its editable columns unlocked, and leaves "Next steps" open', () => {
    const plan = workbook.getWorksheet('Action plan')!;
    expect(internals(plan).sheetProtection).toMatchObject({ sheet: true, autoFilter: true });
    for (const address of ['E2', 'H2', 'J2', 'K2', 'M2']) expect(plan.getCell(address).protection?.locked).toBe(false);
    for (const address of ['A2', 'C2', 'D2', 'G2', 'I2', 'A1', 'J1'])
      expect(plan.getCell(address).protection?.locked ?? true).toBe(true);
    expect(internals(workbook.getWorksheet('Next steps')!).sheetProtection ?? null).toBeNull();
    expect(internals(workbook.getWorksheet('_ids')!).sheetProtection).toMatchObject({ sheet: true });
  });

  it('writes the first action as the plan prints it', () => {
    const plan = workbook.getWorksheet('Action plan')!;
    const row = planRow(plan, '1');
    expect(row).toBe(2);
    const action = doc.actions.find((candidate) => candidate.number === '1')!;
    expect(plan.getCell(row, 1).value).toBe('Service delivery');
    expect(plan.getCell(row, 2).value).toBe(2);
    expect(plan.getCell(row, 4).value).toBe(action.description);
    expect(plan.getCell(row, 5).value).toBe(action.achievement);
    expect(String(plan.getCell(row, 6).value).split('\n')).toEqual([
      `[ ] ${action.nextSteps[0]!.text} — Priya Chandran — December 26`,
      `[ ] ${action.nextSteps[1]!.text} — Priya Chandran; Gareth Whitlow — March 27`,
      `[ ] ${action.nextSteps[2]!.text} — Bethan Lloyd — End of May 27`,
    ]);
    expect(plan.getCell(row, 7).value).toBe('Priya Chandran');
    expect(plan.getCell(row, 8).value).toBe('June 2027');
    // Due date is the earliest date still owed (the first open next step), as a real date.
    expect(plan.getCell(row, 9).value).toEqual(new Date(Date.UTC(2026, 11, 31)));
    expect(plan.getCell(row, 9).numFmt).toBe('d mmm yyyy');
    expect(plan.getCell(row, 10).value).toBe('On track');
    expect(plan.getCell(row, 11).value).toBe(action.risks);
    expect(plan.getCell(row, 12).value).toBeNull();
    expect(plan.getCell(row, 13).value).toBe(action.boardComment);
    expect(action.boardComment).not.toBe('');

    const late = planRow(plan, '7');
    expect(plan.getCell(late, 10).value).toBe('Off track');
    expect(plan.getCell(late, 12).value).toBe('Yes');
    const complete = planRow(plan, '8');
    expect(plan.getCell(complete, 9).value).toBeNull();
    expect(plan.getCell(complete, 10).value).toBe('Complete');
  });

  it('lists one row per next step with Yes/No in Done', () => {
    const steps = workbook.getWorksheet('Next steps')!;
    expect(valuesOf(steps, 2, 6)).toEqual([
      '1',
      '1',
      doc.actions[0]!.nextSteps[0]!.text,
      'Priya Chandran',
      'December 26',
      'No',
    ]);
    expect(steps.getCell('D3').value).toBe('Priya Chandran; Gareth Whitlow');
    const dones = new Set<unknown>();
    steps.eachRow((row, number) => {
      if (number > 1) dones.add(row.getCell(6).value);
    });
    expect([...dones].sort()).toEqual(['No', 'Yes']);
  });

  it('carries the plan id, versions, export time and every row id in "_ids"', () => {
    const ids = workbook.getWorksheet('_ids')!;
    const values = new Map<string, unknown>();
    const rows: unknown[][] = [];
    let table = false;
    ids.eachRow((row) => {
      const cells = (row.values as unknown[]).slice(1);
      if (cells[0] === 'sheet') table = true;
      else if (table) rows.push(cells);
      else values.set(String(cells[0]), cells[1]);
    });
    expect(values.get('planId')).toBe(doc.plan.id);
    expect(values.get('schemaVersion')).toBe(CURRENT_SCHEMA_VERSION);
    expect(values.get('workbookFormat')).toBe(1);
    expect(values.get('exportedAt')).toBe(NOW.toISOString());
    const planRows = rows.filter((row) => row[0] === 'Action plan');
    const stepRows = rows.filter((row) => row[0] === 'Next steps');
    expect(planRows.map((row) => row[2]).sort()).toEqual(doc.actions.map((action) => action.id).sort());
    expect(planRows[0]!.slice(0, 4)).toEqual(['Action plan', 2, 'a-01', '1']);
    expect(stepRows.map((row) => row[4])).toEqual(expect.arrayContaining(['a-01-s1', 'a-01-s2', 'a-01-s3']));
    expect(stepRows[0]!.slice(0, 6)).toEqual(['Next steps', 2, 'a-01', '1', 'a-01-s1', '1']);
    expect(stepRows).toHaveLength(doc.actions.reduce((sum, action) => sum + action.nextSteps.length, 0));
  });

  it("marks each area's current level on the matrix and lists the history by date on its own sheet", () => {
    const matrix = workbook.getWorksheet('Maturity matrix')!;
    expect(headerOf(matrix)).toEqual([
      'Matrix area',
      '1\nBasic level',
      '2\nEarly progress',
      '3\nSubstantial progress',
      '4\nMaturity',
      'Current level',
    ]);
    expect(valuesOf(matrix, 2, 5)).toEqual(['Service delivery', null, '●', null, null]);
    expect(matrix.getCell('F2').value).toBe('Early progress (level 2) – assessed 17 September 2026 by Marcus Adeyemi');
    expect(valuesOf(matrix, 8, 5)).toEqual(['Governance', null, null, '●', null]);

    expect(matrix.rowCount).toBe(doc.matrix.areas.length + 1);

    const history = workbook.getWorksheet('Matrix history')!;
    expect(headerOf(history)).toEqual([
      'Matrix area',
      'Date',
      'Level',
      'Level name',
      'Assessed by',
      'Evidence',
      'Corrected or withdrawn',
    ]);
    const dates: string[] = [];
    for (let row = 2; row <= history.rowCount; row += 1) {
      dates.push((history.getCell(row, 2).value as Date).toISOString().slice(0, 10));
    }
    expect(dates).toHaveLength(doc.assessments.length);
    expect(dates).toEqual([...dates].sort());
  });

  it('lists open work by lead, sorted by lead then due date', () => {
    const byLead = workbook.getWorksheet('By lead')!;
    const rows: { lead: string; due: string; item: string; number: string }[] = [];
    byLead.eachRow((row, number) => {
      if (number === 1) return;
      const due = row.getCell(6).value;
      rows.push({
        lead: String(row.getCell(1).value),
        number: String(row.getCell(2).value),
        item: String(row.getCell(3).value),
        due: due instanceof Date ? due.toISOString().slice(0, 10) : '9999',
      });
    });
    expect(rows.length).toBeGreaterThan(doc.actions.length);
    const collator = new Intl.Collator('en-GB', { sensitivity: 'base' });
    for (let index = 1; index < rows.length; index += 1) {
      const [a, b] = [rows[index - 1]!, rows[index]!];
      const order = collator.compare(a.lead, b.lead);
      expect(order <= 0 && (order < 0 || a.due <= b.due), `${JSON.stringify(a)} before ${JSON.stringify(b)}`).toBe(
        true,
      );
    }
    // Completed actions (8 and 18) and done steps are not open work.
    expect(rows.some((row) => row.number === '8' || row.number === '18')).toBe(false);
    expect(new Set(rows.map((row) => row.item))).toEqual(new Set(['Action', 'Next step']));
  });

  it('lists the overdue actions, earliest first', () => {
    const overdue = workbook.getWorksheet('Overdue')!;
    const numbers: string[] = [];
    overdue.eachRow((row, number) => {
      if (number > 1) numbers.push(String(row.getCell(1).value));
    });
    const expected = doc.actions
      .filter((action) => isOverdue(action, TODAY))
      .sort((a, b) => nextDueDate(a)!.localeCompare(nextDueDate(b)!) || compareActionNumbers(a.number, b.number));
    expect(expected.length).toBeGreaterThan(1);
    expect(numbers).toEqual(expected.map((action) => action.number));
    // Demo anchor: action 5's earliest open date is 30 September 2026, 55 days before TODAY.
    expect(numbers[0]).toBe('5');
    expect(overdue.getCell('E2').value).toEqual(new Date(Date.UTC(2026, 8, 30)));
    expect(overdue.getCell('F2').value).toBe(55);
  });
});

describe('writePlanWorkbook formula injection', () => {
  const hostile = {
    description: '=HYPERLINK("http://x","y")',
    achievement: '+SUM(1,2)',
    timescale: '-1+1',
    lead: '@cmd',
    step: '\t=1+1',
    stepTimescale: '\r=2+2',
  };

  it('writes text that looks like a formula as text, in text-formatted cells, and no formula anywhere', async () => {
    const doc = demoDocument();
    const action = doc.actions[0]!;
    action.description = hostile.description;
    action.achievement = hostile.achievement;
    action.timescale = { text: hostile.timescale, due: null };
    action.leads = [{ name: hostile.lead }];
    action.nextSteps[0] = {
      ...action.nextSteps[0]!,
      text: hostile.step,
      timescale: { text: hostile.stepTimescale, due: null },
    };
    const workbook = await load(await writePlanWorkbook(doc, TODAY, { now: NOW }));

    const plan = workbook.getWorksheet('Action plan')!;
    const row = planRow(plan, '1');
    const expectations: [number, string][] = [
      [4, hostile.description],
      [5, hostile.achievement],
      [7, hostile.lead],
      [8, hostile.timescale],
    ];
    for (const [column, text] of expectations) {
      const cell = plan.getCell(row, column);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(text);
      expect(cell.numFmt).toBe('@');
    }
    const steps = workbook.getWorksheet('Next steps')!;
    expect(steps.getCell('C2').type).toBe(ExcelJS.ValueType.String);
    expect(steps.getCell('C2').value).toBe(hostile.step);
    expect(steps.getCell('C2').numFmt).toBe('@');
    expect(String(steps.getCell('E2').value).trimStart()).toBe('=2+2');

    let formulas = 0;
    let cells = 0;
    for (const ws of workbook.worksheets) {
      ws.eachRow((sheetRow) =>
        sheetRow.eachCell((cell) => {
          cells += 1;
          if (cell.type === ExcelJS.ValueType.Formula || cell.formula !== undefined) formulas += 1;
        }),
      );
    }
    expect(cells).toBeGreaterThan(500);
    expect(formulas).toBe(0);
    const byLead = workbook.getWorksheet('By lead')!;
    let found = false;
    byLead.eachRow((sheetRow) => {
      if (sheetRow.getCell(4).value === hostile.description) {
        found = true;
        expect(sheetRow.getCell(4).type).toBe(ExcelJS.ValueType.String);
      }
    });
    expect(found).toBe(true);
  });

  it('drops characters an xlsx file cannot hold instead of writing a broken file', async () => {
    const doc = demoDocument();
    doc.actions[0]!.achievement = 'Before\u0001after\u0008end';
    const workbook = await load(await writePlanWorkbook(doc, TODAY, { now: NOW }));
    expect(workbook.getWorksheet('Action plan')!.getCell('E2').value).toBe('Beforeafterend');
  });
});

describe('writePlanWorkbook: corrected and withdrawn assessments', () => {
  it('keeps them in the history, said in words, and the current level from the records in force', async () => {
    let doc = demoDocument();
    const ctx = { now: '2026-11-20T10:00:00.000Z', by: 'Marcus Adeyemi', newId: () => 'fix-1' };
    doc = correctAssessment(
      doc,
      {
        assessmentId: 'as-workforce-development-2026-09',
        level: 1,
        date: '2026-09-17',
        assessedBy: 'Marcus Adeyemi',
        evidence: 'Re-read',
        reason: 'Minutes say level 1',
      },
      ctx,
    );
    const written = await load(await writePlanWorkbook(doc, TODAY, { now: NOW }));
    const matrix = written.getWorksheet('Maturity matrix')!;
    const history = written.getWorksheet('Matrix history')!;
    expect(history.getCell(1, 7).value).toBe('Corrected or withdrawn');
    const notes: unknown[] = [];
    for (let row = 2; row <= history.rowCount; row += 1) notes.push(history.getCell(row, 7).value);
    expect(notes.filter((note) => note !== '' && note !== null)).toEqual([
      'Corrected 20 November 2026 by Marcus Adeyemi: Minutes say level 1',
    ]);
    expect(valuesOf(matrix, 4, 5)).toEqual(['Workforce development', '●', null, null, null]);
  });
});

describe('writePlanWorkbook: who assessed a level', () => {
  it('shows an assessment recorded under a login, before anyone chose who they were, as that login', async () => {
    const doc = demoDocument();
    const assessment = doc.assessments.find((candidate) => candidate.id === 'as-workforce-development-2026-09')!;
    Object.assign(assessment, { assessedBy: 'root', login: 'root' });
    const history = (await load(await writePlanWorkbook(doc, TODAY, { now: NOW }))).getWorksheet('Matrix history')!;
    const assessors: unknown[] = [];
    for (let row = 2; row <= history.rowCount; row += 1) assessors.push(history.getCell(row, 5).value);
    expect(history.getCell(1, 5).value).toBe('Assessed by');
    expect(assessors).toContain('the computer login “root”');
    expect(assessors).not.toContain('root');
  });
});
