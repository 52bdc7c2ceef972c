import { describe, expect, it } from 'vitest';
import type { Workbook } from 'exceljs';
import { demoDocument } from '../../../../electron/core/demoPlan';
import { writePlanWorkbook } from '../../../../electron/core/export/planWorkbook';
import ExcelJS from '../../../../electron/core/export/planWorkbookExcel';
import { readPlanWorkbook } from '../../../../electron/core/import/readPlanWorkbook';
import { updateAction } from '../../../../shared/domain/operations';
import type { EditContext } from '../../../../shared/domain/operations';
import { describeReplay, revertChanges } from '../../../../shared/domain/undo';
import {
  CELL_CODECS,
  PLAN_COLUMNS,
  STEP_COLUMNS,
  applyWorkbookChanges,
  columnLetter,
  planWorkbookChanges,
  stepChangeField,
} from '../../../../shared/domain/workbook';
import { ACTION_STATUSES, actionSchema, nextStepSchema } from '../../../../shared/model/action';
import type { Action, NextStep } from '../../../../shared/model/action';
import {
  ACTION_FIELDS,
  LOGGED_FIELDS,
  NEXT_STEP_FIELDS,
  draftKeyOf,
  typedValue,
} from '../../../../shared/model/actionFields';
import type { ActionFieldKey, CellKind, NextStepFieldKey } from '../../../../shared/model/actionFields';
import { actionChangesSchema, actionDraftSchema, nextStepDraftSchema } from '../../../../shared/model/drafts';
import type { PlanDocument } from '../../../../shared/model/plan';

const TODAY = '2026-11-24';
/** Record keeping, not something a person edits. */
const NOT_EDITED = ['id', 'createdAt', 'updatedAt'];

function context(): EditContext {
  let counter = 0;
  return { now: '2026-12-01T10:00:00.000Z', by: 'Priya Chandran', newId: () => `fld-${(counter += 1)}` };
}

const actionKeys = Object.keys(ACTION_FIELDS) as ActionFieldKey[];
const stepKeys = Object.keys(NEXT_STEP_FIELDS) as NextStepFieldKey[];

/** A value for the cell that differs from what it holds, as a lead would type it. */
function editedText(kind: CellKind, now: string): string {
  if (kind === 'status') return now === 'At risk' ? 'Off track' : 'At risk';
  if (kind === 'done') return now === 'Yes' ? 'No' : 'Yes';
  if (kind === 'leads') return 'Sam Okoro; Jo Registry';
  return `${now} (edited in the workbook)`.trim();
}

async function editedWorkbook(bytes: Buffer, edit: (workbook: Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  edit(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('the field registry', () => {
  it('names every field of an action and of a next step that a person edits', () => {
    expect([...actionKeys].sort()).toEqual(
      Object.keys(actionSchema.shape)
        .filter((key) => !NOT_EDITED.includes(key))
        .sort(),
    );
    expect([...stepKeys].sort()).toEqual(
      Object.keys(nextStepSchema.shape)
        .filter((key) => !NOT_EDITED.includes(key))
        .sort(),
    );
  });

  it('gives every field a draft key, and drafts and changes hold exactly those', () => {
    expect(Object.keys(actionDraftSchema.shape).sort()).toEqual(
      actionKeys.map((key) => draftKeyOf(ACTION_FIELDS, key)).sort(),
    );
    expect(Object.keys(actionChangesSchema.shape).sort()).toEqual(
      actionKeys.map((key) => draftKeyOf(ACTION_FIELDS, key)).sort(),
    );
    expect(Object.keys(nextStepDraftSchema.shape).sort()).toEqual(
      ['id', ...stepKeys.map((key) => draftKeyOf(NEXT_STEP_FIELDS, key))].sort(),
    );
  });

  it("takes each field's limits from the stored schema, so the two cannot disagree", () => {
    expect(ACTION_FIELDS.achievement.schema).toBe(actionSchema.shape.achievement);
    expect(ACTION_FIELDS.timescale.schema).toBe(actionSchema.shape.timescale.shape.text);
    expect(NEXT_STEP_FIELDS.text.schema).toBe(nextStepSchema.shape.text);
    expect(actionChangesSchema.safeParse({ achievement: 'x'.repeat(8001) }).success).toBe(false);
  });

  it('has the comment for the board: long text with the limit of risks, an editable column after "Risks and issues"', () => {
    expect(ACTION_FIELDS.boardComment).toMatchObject({ label: 'Comment for the board', editor: 'longText' });
    expect(actionChangesSchema.safeParse({ boardComment: 'x'.repeat(4000) }).success).toBe(true);
    expect(actionChangesSchema.safeParse({ boardComment: 'x'.repeat(4001) }).success).toBe(false);
    const headers = PLAN_COLUMNS.map((column) => column.header);
    expect(headers.indexOf('Comment for the board')).toBeGreaterThan(headers.indexOf('Risks and issues'));
    expect(PLAN_COLUMNS.find((column) => column.header === 'Comment for the board')?.role).toBe('editable');
  });

  it('logs every field by its own name when it changes, and undo names it in words', () => {
    const doc = demoDocument();
    const action = doc.actions[0]!;
    const changed: Record<ActionFieldKey, unknown> = {
      number: '99',
      areaId: doc.matrix.areas.find((area) => area.id !== action.areaId)!.id,
      description: 'A new description',
      achievement: 'A new achievement',
      risks: 'Funding for the second year is not yet agreed',
      boardComment: 'The board is asked to agree the new timescale',
      leads: [{ name: 'Jo Registry' }],
      progressLevel: action.progressLevel === 1 ? 2 : 1,
      status: ACTION_STATUSES.find((status) => status !== action.status)!,
      timescale: 'End of March 2031',
      nextSteps: [{ text: 'A new step' }],
      targetLevel: action.targetLevel === 3 ? 2 : 3,
    };
    for (const key of actionKeys) {
      const ctx = context();
      const next = updateAction(doc, action.id, { [draftKeyOf(ACTION_FIELDS, key)]: changed[key] }, ctx).doc;
      const entries = next.updateLog.slice(doc.updateLog.length);
      expect(
        entries.map((entry) => entry.field),
        key,
      ).toEqual([key]);
      const undone = revertChanges(next, [entries[0]!.changeId!], ctx);
      expect(describeReplay(undone, 'undo'), key).toBe(`Undone: action ${action.number} ${ACTION_FIELDS[key].words}`);
    }
    expect(LOGGED_FIELDS).toEqual(actionKeys);
  });

  it('puts every field with a workbook column on "Action plan" or "Next steps" under its header', () => {
    for (const key of actionKeys) {
      const column = ACTION_FIELDS[key].workbook;
      if (column) expect(PLAN_COLUMNS.find((candidate) => candidate.key === key)?.header, key).toBe(column.header);
    }
    for (const key of stepKeys)
      expect(STEP_COLUMNS.find((candidate) => candidate.key === key)?.header, key).toBe(
        NEXT_STEP_FIELDS[key].workbook.header,
      );
  });
});

describe('every editable workbook column round-trips: export, edit the cell, diff, apply', () => {
  const doc: PlanDocument = demoDocument();
  const action = doc.actions.find((candidate) => candidate.nextSteps.length > 0)!;
  const step = action.nextSteps[0]!;
  const editable = <C extends { role: string }>(columns: readonly C[]) =>
    columns.filter((column) => column.role === 'editable');

  it.each(editable(PLAN_COLUMNS).map((column) => [column.key]))('Action plan: %s', async (key) => {
    const exported = await writePlanWorkbook(doc, TODAY);
    const index = PLAN_COLUMNS.findIndex((column) => column.key === key);
    const column = PLAN_COLUMNS[index]!;
    const kind = column.cell as CellKind;
    const now = CELL_CODECS[kind].write(typedValue(action, key as keyof Action), () => '');
    const typed = editedText(kind, now);
    const bytes = await editedWorkbook(exported, (workbook) => {
      const sheet = workbook.getWorksheet('Action plan')!;
      for (let row = 2; row <= sheet.rowCount; row += 1) {
        if (
          sheet.getCell(`${columnLetter(PLAN_COLUMNS.findIndex((c) => c.key === 'number'))}${row}`).value ===
          action.number
        ) {
          sheet.getCell(`${columnLetter(index)}${row}`).value = typed;
        }
      }
    });
    const preview = planWorkbookChanges(doc, await readPlanWorkbook(bytes));
    expect(preview.problems).toEqual([]);
    expect(preview.changes.map((change) => [change.field, change.actionNumber, change.new])).toEqual([
      [key, action.number, typed],
    ]);
    const applied = applyWorkbookChanges(doc, preview, context()).actions.find(
      (candidate) => candidate.id === action.id,
    )!;
    expect(CELL_CODECS[kind].write(typedValue(applied, key as keyof Action), () => '')).toBe(typed);
  });

  it.each(editable(STEP_COLUMNS).map((column) => [column.key]))('Next steps: %s', async (key) => {
    const exported = await writePlanWorkbook(doc, TODAY);
    const index = STEP_COLUMNS.findIndex((column) => column.key === key);
    const kind = STEP_COLUMNS[index]!.cell as CellKind;
    const now = CELL_CODECS[kind].write(typedValue(step, key as keyof NextStep), () => '');
    const typed = editedText(kind, now);
    const bytes = await editedWorkbook(exported, (workbook) => {
      const sheet = workbook.getWorksheet('Next steps')!;
      for (let row = 2; row <= sheet.rowCount; row += 1) {
        if (sheet.getCell(`A${row}`).value === action.number && sheet.getCell(`B${row}`).value === '1')
          sheet.getCell(`${columnLetter(index)}${row}`).value = typed;
      }
    });
    const preview = planWorkbookChanges(doc, await readPlanWorkbook(bytes));
    expect(preview.problems).toEqual([]);
    expect(preview.changes.map((change) => [change.field, change.actionNumber, change.new])).toEqual([
      [stepChangeField(key as 'text'), action.number, typed],
    ]);
    const applied = applyWorkbookChanges(doc, preview, context()).actions.find(
      (candidate) => candidate.id === action.id,
    )!;
    expect(CELL_CODECS[kind].write(typedValue(applied.nextSteps[0]!, key as keyof NextStep), () => '')).toBe(typed);
  });
});
