import { beforeAll, describe, expect, it } from 'vitest';
import type { Workbook, Worksheet } from 'exceljs';
import { demoDocument } from '../../../../../electron/core/demoPlan';
import { writePlanWorkbook } from '../../../../../electron/core/export/planWorkbook';
import ExcelJS from '../../../../../electron/core/export/planWorkbookExcel';
import { applyWorkbookChanges, previewWorkbookImport } from '../../../../../electron/core/import/planWorkbookImport';
import type {
  ImportChange,
  ImportIssue,
  WorkbookChangeSet,
} from '../../../../../electron/core/import/planWorkbookImport';
import { DomainError } from '../../../../../shared/domain/errors';
import { deleteAction, updateAction } from '../../../../../shared/domain/operations';
import type { EditContext } from '../../../../../shared/domain/operations';
import { CURRENT_SCHEMA_VERSION, planDocumentSchema } from '../../../../../shared/model/plan';
import type { PlanDocument } from '../../../../../shared/model/plan';

const TODAY = '2026-11-24';
const NOW = new Date('2026-11-24T09:30:00.000Z');

function context(): EditContext {
  let counter = 0;
  return { now: '2026-12-01T10:00:00.000Z', by: 'Priya Chandran', newId: () => `imp-${(counter += 1)}` };
}

async function load(bytes: Buffer): Promise<Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

/** What a lead does: open the exported workbook, change it, save it. */
async function edited(bytes: Buffer, edit: (workbook: Workbook) => void): Promise<Buffer> {
  const workbook = await load(bytes);
  edit(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const planSheet = (workbook: Workbook) => workbook.getWorksheet('Action plan')!;
const stepSheet = (workbook: Workbook) => workbook.getWorksheet('Next steps')!;

/** The "Action plan" row of action `number` (Action No. is column C). */
function planRow(ws: Worksheet, number: string): number {
  for (let row = 2; row <= ws.rowCount; row += 1) if (ws.getCell(row, 3).value === number) return row;
  throw new Error(`no row for action ${number}`);
}

/** The "Next steps" row of step `stepNo` of action `number`. */
function stepRow(ws: Worksheet, number: string, stepNo: string): number {
  for (let row = 2; row <= ws.rowCount; row += 1) {
    if (ws.getCell(row, 1).value === number && ws.getCell(row, 2).value === stepNo) return row;
  }
  throw new Error(`no row for step ${number}.${stepNo}`);
}

/** Sets one cell of "_ids"' key/value block. */
function setIdsValue(workbook: Workbook, key: string, value: string | number): void {
  const ids = workbook.getWorksheet('_ids')!;
  for (let row = 1; row <= ids.rowCount; row += 1) {
    if (ids.getCell(row, 1).value === key) {
      ids.getCell(row, 2).value = value;
      return;
    }
  }
  throw new Error(`no _ids key ${key}`);
}

const summary = (change: ImportChange) => ({
  sheet: change.sheet,
  action: change.actionNumber,
  step: 'stepNo' in change ? change.stepNo : null,
  field: change.field,
  old: change.old,
  new: change.new,
});

const where = (issue: ImportIssue) => ({
  sheet: issue.sheet,
  row: issue.row,
  column: issue.column,
  columnLetter: issue.columnLetter,
});

/** A refused import: the preview has problems, and applying it throws without touching the plan. */
function expectRefused(doc: PlanDocument, preview: WorkbookChangeSet): void {
  const before = JSON.stringify(doc);
  expect(preview.problems.length).toBeGreaterThan(0);
  expect(() => applyWorkbookChanges(doc, preview, context())).toThrow(DomainError);
  expect(JSON.stringify(doc)).toBe(before);
}

describe('Excel round trip', () => {
  let doc: PlanDocument;
  let exported: Buffer;

  beforeAll(async () => {
    doc = demoDocument();
    exported = await writePlanWorkbook(doc, TODAY, { now: NOW });
  });

  it('finds nothing to change in an untouched export', async () => {
    const preview = await previewWorkbookImport(doc, exported);
    expect(preview.problems).toEqual([]);
    expect(preview.notices).toEqual([]);
    expect(preview.changes).toEqual([]);
    expect(preview.meta).toMatchObject({
      planId: doc.plan.id,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      exportedAt: NOW.toISOString(),
    });
  });

  it("previews exactly the lead's edits and applies them, one update-log entry each", async () => {
    const bytes = await edited(exported, (workbook) => {
      const plan = planSheet(workbook);
      plan.getCell(planRow(plan, '1'), 5).value = 'Second claim submitted: 512 families.';
      plan.getCell(planRow(plan, '4'), 10).value = 'At risk';
      plan.getCell(planRow(plan, '3'), 8).value = 'September 2027';
      const steps = stepSheet(workbook);
      steps.getCell(stepRow(steps, '1', '2'), 6).value = 'Yes';
      steps.addRow([
        '9',
        null,
        'Agree the locality hub model with partners',
        'Priya Chandran; Sam Okoro',
        'End of March 27',
        'No',
      ]);
    });

    const before = JSON.stringify(doc);
    const preview = await previewWorkbookImport(doc, bytes);
    expect(preview.problems).toEqual([]);
    expect(preview.notices).toEqual([]);
    const newStepRow = preview.changes.find((change) => change.field === 'newStep')?.row;
    expect(preview.changes.map(summary)).toEqual([
      {
        sheet: 'Action plan',
        action: '1',
        step: null,
        field: 'achievement',
        old: doc.actions[0]!.achievement,
        new: 'Second claim submitted: 512 families.',
      },
      { sheet: 'Action plan', action: '3', step: null, field: 'timescale', old: 'June 2027', new: 'September 2027' },
      { sheet: 'Action plan', action: '4', step: null, field: 'status', old: 'On track', new: 'At risk' },
      { sheet: 'Next steps', action: '1', step: '2', field: 'stepDone', old: 'No', new: 'Yes' },
      {
        sheet: 'Next steps',
        action: '9',
        step: null,
        field: 'newStep',
        old: '',
        new: 'Agree the locality hub model with partners — Priya Chandran; Sam Okoro — End of March 27',
      },
    ]);
    expect(newStepRow).toBe(stepSheet(await load(bytes)).rowCount);
    expect(preview.changes.find((change) => change.field === 'status')).toMatchObject({ row: 5, column: 'Status' });

    const ctx = context();
    const next = applyWorkbookChanges(doc, preview, ctx);
    expect(JSON.stringify(doc)).toBe(before);
    expect(() => planDocumentSchema.parse(next)).not.toThrow();

    const byId = (plan: PlanDocument, id: string) => plan.actions.find((action) => action.id === id)!;
    const changedIds = ['a-01', 'a-03', 'a-04', 'a-09'];
    for (const action of doc.actions) {
      if (!changedIds.includes(action.id)) expect(byId(next, action.id)).toEqual(action);
    }
    const a01 = doc.actions.find((action) => action.id === 'a-01')!;
    expect(byId(next, 'a-01')).toEqual({
      ...a01,
      achievement: 'Second claim submitted: 512 families.',
      nextSteps: a01.nextSteps.map((step) => (step.id === 'a-01-s2' ? { ...step, done: true } : step)),
      updatedAt: ctx.now,
    });
    const a03 = doc.actions.find((action) => action.id === 'a-03')!;
    expect(byId(next, 'a-03')).toEqual({
      ...a03,
      timescale: { text: 'September 2027', due: '2027-09-30' },
      updatedAt: ctx.now,
    });
    const a04 = doc.actions.find((action) => action.id === 'a-04')!;
    expect(byId(next, 'a-04')).toEqual({ ...a04, status: 'at_risk', updatedAt: ctx.now });
    const a09 = doc.actions.find((action) => action.id === 'a-09')!;
    expect(byId(next, 'a-09')).toEqual({
      ...a09,
      nextSteps: [
        ...a09.nextSteps,
        {
          id: expect.stringMatching(/^imp-/),
          text: 'Agree the locality hub model with partners',
          leads: [{ name: 'Priya Chandran', personId: 'p-priya-chandran' }, { name: 'Sam Okoro' }],
          timescale: { text: 'End of March 27', due: '2027-03-31' },
          done: false,
        },
      ],
      updatedAt: ctx.now,
    });
    expect({ ...next, actions: [], updateLog: [] }).toEqual({ ...doc, actions: [], updateLog: [] });

    const log = next.updateLog.slice(doc.updateLog.length);
    expect(next.updateLog.slice(0, doc.updateLog.length)).toEqual(doc.updateLog);
    expect(log.map((entry) => [entry.actionNumber, entry.field, entry.by, entry.at])).toEqual([
      ['1', 'achievement', 'Priya Chandran', ctx.now],
      ['3', 'timescale', 'Priya Chandran', ctx.now],
      ['4', 'status', 'Priya Chandran', ctx.now],
      ['1', 'nextSteps', 'Priya Chandran', ctx.now],
      ['9', 'nextSteps', 'Priya Chandran', ctx.now],
    ]);
    expect(JSON.parse(log[2]!.old)).toBe('on_track');
    expect(JSON.parse(log[2]!.new)).toBe('at_risk');

    // The same workbook imported again: everything is already in the plan, and the new step is not added twice.
    const again = await previewWorkbookImport(next, bytes);
    expect(again.problems).toEqual([]);
    expect(again.changes).toEqual([]);
    expect(again.notices.map((notice) => [notice.sheet, notice.row, notice.reason])).toEqual([
      [
        'Next steps',
        newStepRow,
        `action 9 already has this next step (step ${a09.nextSteps.length + 1}); it was not added again`,
      ],
    ]);
    // A preview applied twice is refused rather than adding the step a second time.
    expect(() => applyWorkbookChanges(next, preview, context())).toThrow(DomainError);
  });

  it('refuses to apply a preview the plan has moved on from, and changes nothing', async () => {
    const bytes = await edited(exported, (workbook) => {
      const plan = planSheet(workbook);
      plan.getCell(planRow(plan, '1'), 5).value = 'New achievement';
      plan.getCell(planRow(plan, '2'), 10).value = 'Off track';
    });
    const preview = await previewWorkbookImport(doc, bytes);
    expect(preview.problems).toEqual([]);
    expect(preview.changes).toHaveLength(2);
    const moved = updateAction(doc, 'a-02', { status: 'complete' }, context()).doc;
    const before = JSON.stringify(moved);
    expect(() => applyWorkbookChanges(moved, preview.changes, context())).toThrow(/is now "Complete", not "At risk"/);
    expect(JSON.stringify(moved)).toBe(before);
  });

  it('keeps edits made in the app since the export, and reports a cell changed on both sides', async () => {
    const bytes = await edited(exported, (workbook) => {
      const plan = planSheet(workbook);
      plan.getCell(planRow(plan, '2'), 10).value = 'Off track';
      plan.getCell(planRow(plan, '6'), 8).value = 'December 2027';
    });
    let moved = updateAction(doc, 'a-01', { achievement: 'Updated in the app' }, context()).doc;
    moved = updateAction(moved, 'a-06', { timescaleText: 'March 2028' }, context()).doc;

    const preview = await previewWorkbookImport(moved, bytes);
    // Action 1's stale achievement in the workbook is not an edit, so it does not undo the app's edit.
    expect(preview.changes.map(summary)).toEqual([
      { sheet: 'Action plan', action: '2', step: null, field: 'status', old: 'At risk', new: 'Off track' },
    ]);
    expect(preview.problems.map((problem) => ({ ...where(problem), reason: problem.reason }))).toEqual([
      {
        sheet: 'Action plan',
        row: planRow(planSheet(await load(bytes)), '6'),
        column: 'Timescale',
        columnLetter: 'H',
        reason: expect.stringContaining('also in the app since this workbook was exported (now "March 2028")'),
      },
    ]);
    expectRefused(moved, preview);
  });

  it('reads a real Excel date in Timescale as words, with a notice', async () => {
    const bytes = await edited(exported, (workbook) => {
      const plan = planSheet(workbook);
      // As Excel does when "March 2027" is typed into a General cell. (A new style object per cell: exceljs
      // shares one style object between loaded cells of the same style.)
      const monthOnly = plan.getCell(planRow(plan, '3'), 8);
      monthOnly.value = new Date(Date.UTC(2027, 2, 1));
      monthOnly.style = { ...monthOnly.style, numFmt: 'mmm-yy' };
      const steps = stepSheet(workbook);
      const withDay = steps.getCell(stepRow(steps, '1', '1'), 5);
      withDay.value = new Date(Date.UTC(2027, 0, 15));
      withDay.style = { ...withDay.style, numFmt: 'dd/mm/yyyy' };
    });
    const preview = await previewWorkbookImport(doc, bytes);
    expect(preview.problems).toEqual([]);
    expect(preview.changes.map(summary)).toEqual([
      { sheet: 'Action plan', action: '3', step: null, field: 'timescale', old: 'June 2027', new: 'March 2027' },
      {
        sheet: 'Next steps',
        action: '1',
        step: '1',
        field: 'stepTimescale',
        old: 'December 26',
        new: '15 January 2027',
      },
    ]);
    expect(preview.notices.map((notice) => notice.reason)).toEqual([
      'Excel held a date here; it was read as the words "March 2027"',
      'Excel held a date here; it was read as the words "15 January 2027"',
    ]);
    const next = applyWorkbookChanges(doc, preview, context());
    expect(next.actions.find((action) => action.id === 'a-03')!.timescale).toEqual({
      text: 'March 2027',
      due: '2027-03-31',
    });
  });

  it('ignores edits to read-only columns with a notice, and still applies the rest', async () => {
    const bytes = await edited(exported, (workbook) => {
      const plan = planSheet(workbook);
      const row = planRow(plan, '5');
      plan.getCell(row, 4).value = 'A tidier description';
      plan.getCell(row, 7).value = 'Someone Else';
      plan.getCell(row, 10).value = 'On track';
    });
    const preview = await previewWorkbookImport(doc, bytes);
    expect(preview.problems).toEqual([]);
    expect(preview.changes.map((change) => change.field)).toEqual(['status']);
    expect(preview.notices.map((notice) => [notice.column, notice.columnLetter, notice.reason])).toEqual([
      ['Description', 'D', 'Description is read-only in the workbook; the edit was ignored – change it in the app'],
      ['Lead', 'G', 'Lead is read-only in the workbook; the edit was ignored – change it in the app'],
    ]);
    const next = applyWorkbookChanges(doc, preview, context());
    const a05 = next.actions.find((action) => action.id === 'a-05')!;
    expect(a05.description).toBe(doc.actions.find((action) => action.id === 'a-05')!.description);
    expect(a05.status).toBe('on_track');
  });

  it('round-trips text that looks like a formula, and reads a typed formula as its text', async () => {
    const hostile = structuredClone(doc);
    hostile.actions[0]!.description = '=HYPERLINK("http://x","y")';
    hostile.actions[0]!.achievement = '=1+1';
    const bytes = await writePlanWorkbook(hostile, TODAY, { now: NOW });
    const untouched = await previewWorkbookImport(hostile, bytes);
    expect(untouched).toMatchObject({ problems: [], notices: [], changes: [] });

    const typed = await edited(bytes, (workbook) => {
      const plan = planSheet(workbook);
      plan.getCell(planRow(plan, '1'), 5).value = { formula: 'HYPERLINK("http://evil","click")', result: 'click' };
    });
    const preview = await previewWorkbookImport(hostile, typed);
    expect(preview.problems).toEqual([]);
    expect(preview.changes.map(summary)).toEqual([
      {
        sheet: 'Action plan',
        action: '1',
        step: null,
        field: 'achievement',
        old: '=1+1',
        new: '=HYPERLINK("http://evil","click")',
      },
    ]);
  });
});

describe('Excel import problems', () => {
  let doc: PlanDocument;
  let exported: Buffer;

  beforeAll(async () => {
    doc = demoDocument();
    exported = await writePlanWorkbook(doc, TODAY, { now: NOW });
  });

  it('a missing sheet', async () => {
    const bytes = await edited(exported, (workbook) => workbook.removeWorksheet(stepSheet(workbook).id));
    const preview = await previewWorkbookImport(doc, bytes);
    expect(preview.problems).toEqual([
      { sheet: 'Next steps', row: null, column: null, columnLetter: null, reason: 'the "Next steps" sheet is missing' },
    ]);
    expectRefused(doc, preview);
  });

  it('a missing "_ids" sheet', async () => {
    const bytes = await edited(exported, (workbook) => workbook.removeWorksheet(workbook.getWorksheet('_ids')!.id));
    const preview = await previewWorkbookImport(doc, bytes);
    expect(preview.problems.map(where)).toEqual([{ sheet: '_ids', row: null, column: null, columnLetter: null }]);
    expect(preview.problems[0]!.reason).toMatch(/hidden "_ids" sheet is missing/);
    expectRefused(doc, preview);
  });

  it('a renamed header', async () => {
    const bytes = await edited(exported, (workbook) => {
      planSheet(workbook).getCell('J1').value = 'State';
    });
    const preview = await previewWorkbookImport(doc, bytes);
    expect(preview.problems).toEqual([
      {
        sheet: 'Action plan',
        row: 1,
        column: 'Status',
        columnLetter: 'J',
        reason: 'the header should be "Status" but is "State" – put the exported headers back',
      },
    ]);
    expect(preview.changes).toEqual([]);
    expectRefused(doc, preview);
  });

  it('a missing header column', async () => {
    const bytes = await edited(exported, (workbook) => {
      stepSheet(workbook).spliceColumns(6, 1);
    });
    const preview = await previewWorkbookImport(doc, bytes);
    expect(preview.problems.map(where)).toEqual([{ sheet: 'Next steps', row: 1, column: 'Done', columnLetter: 'F' }]);
    expect(preview.problems[0]!.reason).toBe('the "Done" column is missing – put the exported headers back');
    expectRefused(doc, preview);
  });

  it('a bad status, even alongside a good edit', async () => {
    let row = 0;
    const bytes = await edited(exported, (workbook) => {
      const plan = planSheet(workbook);
      row = planRow(plan, '6');
      plan.getCell(row, 10).value = 'Nearly there';
      plan.getCell(planRow(plan, '1'), 5).value = 'A good edit';
    });
    const preview = await previewWorkbookImport(doc, bytes);
    expect(preview.problems).toEqual([
      {
        sheet: 'Action plan',
        row,
        column: 'Status',
        columnLetter: 'J',
        reason: 'must be one of Not started, On track, At risk, Off track, Complete',
      },
    ]);
    expect(preview.changes.map((change) => change.field)).toEqual(['achievement']);
    expectRefused(doc, preview);
  });

  it('text other than Yes/No in Done', async () => {
    let row = 0;
    const bytes = await edited(exported, (workbook) => {
      const steps = stepSheet(workbook);
      row = stepRow(steps, '2', '1');
      steps.getCell(row, 6).value = 'Nearly';
    });
    const preview = await previewWorkbookImport(doc, bytes);
    expect(preview.problems).toEqual([
      { sheet: 'Next steps', row, column: 'Done', columnLetter: 'F', reason: 'must be Yes or No' },
    ]);
    expectRefused(doc, preview);
  });

  it('a duplicate action number', async () => {
    let row = 0;
    const bytes = await edited(exported, (workbook) => {
      const plan = planSheet(workbook);
      const source = plan.getRow(planRow(plan, '2'));
      const copy = plan.addRow((source.values as unknown[]).slice(1));
      row = copy.number;
    });
    const preview = await previewWorkbookImport(doc, bytes);
    expect(preview.problems).toEqual([
      {
        sheet: 'Action plan',
        row,
        column: 'Action No.',
        columnLetter: 'C',
        reason: 'action 2 appears twice (also on row 3) – each action must have exactly one row',
      },
    ]);
    expectRefused(doc, preview);
  });

  it('a changed Action No.', async () => {
    let row = 0;
    const bytes = await edited(exported, (workbook) => {
      const plan = planSheet(workbook);
      row = planRow(plan, '3');
      plan.getCell(row, 3).value = '33';
    });
    const preview = await previewWorkbookImport(doc, bytes);
    expect(preview.problems.map((problem) => ({ ...where(problem), reason: problem.reason }))).toEqual([
      {
        sheet: 'Action plan',
        row,
        column: 'Action No.',
        columnLetter: 'C',
        reason:
          "action 33 is not one of the exported actions (this row held action 3) – Action No. can't be changed and actions can't be added in the workbook",
      },
      {
        sheet: 'Action plan',
        row,
        column: 'Action No.',
        columnLetter: 'C',
        reason: "the row for action 3 was removed – put it back (rows can't be deleted in the workbook)",
      },
    ]);
    expectRefused(doc, preview);
  });

  it('a workbook exported from another plan', async () => {
    const other: PlanDocument = { ...doc, plan: { ...doc.plan, id: 'plan-other', title: 'Another Partnership Plan' } };
    const preview = await previewWorkbookImport(doc, await writePlanWorkbook(other, TODAY, { now: NOW }));
    expect(preview.problems).toEqual([
      {
        sheet: '_ids',
        row: null,
        column: null,
        columnLetter: null,
        reason: `this workbook was exported from another plan ("Another Partnership Plan"), not from "${doc.plan.title}"`,
      },
    ]);
    expectRefused(doc, preview);
  });

  it('a workbook from a newer schema version', async () => {
    const bytes = await edited(exported, (workbook) =>
      setIdsValue(workbook, 'schemaVersion', CURRENT_SCHEMA_VERSION + 1),
    );
    const preview = await previewWorkbookImport(doc, bytes);
    expect(preview.problems.map(where)).toEqual([{ sheet: '_ids', row: null, column: null, columnLetter: null }]);
    expect(preview.problems[0]!.reason).toContain(
      `newer version of Action Plan Tracker (data version ${CURRENT_SCHEMA_VERSION + 1}`,
    );
    expectRefused(doc, preview);
  });

  it('a deleted action row', async () => {
    const bytes = await edited(exported, (workbook) => {
      const plan = planSheet(workbook);
      plan.spliceRows(planRow(plan, '5'), 1);
    });
    const preview = await previewWorkbookImport(doc, bytes);
    expect(preview.problems).toEqual([
      {
        sheet: 'Action plan',
        row: 6,
        column: 'Action No.',
        columnLetter: 'C',
        reason: "the row for action 5 was removed – put it back (rows can't be deleted in the workbook)",
      },
    ]);
    expect(preview.changes).toEqual([]);
    expectRefused(doc, preview);
  });

  it('a deleted next-step row', async () => {
    let row = 0;
    const bytes = await edited(exported, (workbook) => {
      const steps = stepSheet(workbook);
      row = stepRow(steps, '1', '3');
      steps.spliceRows(row, 1);
    });
    const preview = await previewWorkbookImport(doc, bytes);
    expect(preview.problems).toEqual([
      {
        sheet: 'Next steps',
        row,
        column: 'Step No.',
        columnLetter: 'B',
        reason: 'the row for step 3 of action 1 was removed – put it back; to close a step, set Done to Yes',
      },
    ]);
    expectRefused(doc, preview);
  });

  it('an action deleted in the app, and an action renumbered in the app, since the export', async () => {
    let moved = deleteAction(doc, 'a-10', context());
    moved = updateAction(moved, 'a-07', { number: '7a' }, context()).doc;
    const preview = await previewWorkbookImport(moved, exported);
    const plan = planSheet(await load(exported));
    expect(preview.problems).toEqual([
      {
        sheet: 'Action plan',
        row: planRow(plan, '7'),
        column: 'Action No.',
        columnLetter: 'C',
        reason: 'action 7 has been renumbered 7a in the app since this workbook was exported – export a fresh workbook',
      },
      {
        sheet: 'Action plan',
        row: planRow(plan, '10'),
        column: 'Action No.',
        columnLetter: 'C',
        reason: 'action 10 is no longer in the plan (it was deleted after this workbook was exported)',
      },
    ]);
    expectRefused(moved, preview);
  });

  it('a new step for an action that does not exist, and a new step without text', async () => {
    let rows: number[] = [];
    const bytes = await edited(exported, (workbook) => {
      const steps = stepSheet(workbook);
      rows = [
        steps.addRow(['99', null, 'Something', 'Priya Chandran', 'May 27', 'No']).number,
        steps.addRow(['4', null, null, 'Priya Chandran']).number,
      ];
    });
    const preview = await previewWorkbookImport(doc, bytes);
    expect(preview.problems).toEqual([
      {
        sheet: 'Next steps',
        row: rows[0],
        column: 'Action No.',
        columnLetter: 'A',
        reason: 'there is no action 99 in the plan',
      },
      {
        sheet: 'Next steps',
        row: rows[1],
        column: 'Next step',
        columnLetter: 'C',
        reason: 'must not be empty – a new next step needs its text',
      },
    ]);
    expectRefused(doc, preview);
  });

  it('garbage bytes, an old .xls file and a broken zip: a clear problem, no crash', async () => {
    const cases: [Buffer, RegExp][] = [
      [Buffer.from('Matrix area,Action No.\nService delivery,1\n'), /not an Excel workbook \(\.xlsx\)/],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), /Excel 97–2003 \(\.xls\)/],
      [
        Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]),
        /could not be read as an Excel workbook/,
      ],
      [exported.subarray(0, Math.floor(exported.length / 2)), /could not be read as an Excel workbook/],
      [Buffer.alloc(0), /the file is empty/],
    ];
    for (const [bytes, reason] of cases) {
      const preview = await previewWorkbookImport(doc, bytes);
      expect(preview.changes).toEqual([]);
      expect(preview.problems).toHaveLength(1);
      expect(preview.problems[0]).toMatchObject({ sheet: null, row: null, column: null });
      expect(preview.problems[0]!.reason).toMatch(reason);
      expectRefused(doc, preview);
    }
  });
});
