/**
 * The Excel round trip, minus Excel: the workbook's layout, the text each exported cell holds, and the
 * pure diff that turns a workbook a lead edited back into a reviewed list of changes.
 *
 * How a row finds its way home
 * ----------------------------
 * The hidden "_ids" sheet lists, for every exported row of "Action plan" and "Next steps", the stable
 * action id / step id, the Action No. / Step No. shown on the row and a fingerprint of every exported
 * cell. Rows are matched by the visible Action No. (and Step No.), not by row position, so a lead may
 * sort or filter the sheets freely.
 *
 * Three-way compare (why fingerprints)
 * ------------------------------------
 * Each editable cell is compared with what was exported (its fingerprint) and with the plan as it is now:
 * - cell unchanged since export          -> nothing to do, even if the app changed the field meanwhile
 *                                           (otherwise an old workbook would silently undo newer edits);
 * - cell edited, app field unchanged     -> a change;
 * - cell edited, app field also changed  -> a problem (conflict): nobody's edit is lost silently.
 *
 * Decisions
 * ---------
 * - Read-only columns (Matrix area, Progress level, Description, Next steps summary, Lead, Due date,
 *   Overdue) are owned by the app, where edits are validated and logged field by field. An edit to one of
 *   them is ignored and listed as a notice rather than refused: a tidied description should not block a
 *   lead's status updates, but nobody should believe the workbook changed it either.
 * - A real Excel date in a text column (Excel turns a typed "March 2027" into 1 March 2027 unless the cell
 *   is formatted as text) is read back as words: "March 2027" when the cell's number format shows no day
 *   (so the timescale still means the end of that month), "1 March 2027" when it does. A notice says so.
 * - Cells are read as text. A formula cell is read as its formula text ("=SUM(A1)"), never evaluated, and
 *   is stored as plain text if it lands in a free-text field; in Status or Done it is simply invalid.
 * - Deleting rows, adding actions and renumbering are not possible through the workbook; each is reported
 *   as a problem so the lead can fix the workbook or make the change in the app.
 * - All or nothing: any problem means nothing is applied (applyWorkbookChanges refuses).
 */
import type { Action } from '../../model/action';
import { actionSchema } from '../../model/action';
import { NEXT_STEP_FIELDS, draftKeyOf, maxItems } from '../../model/actionFields';
import type { CellKind } from '../../model/actionFields';
import type { PlanDocument } from '../../model/plan';
import { CURRENT_SCHEMA_VERSION } from '../../model/plan';
import { CELL_CODECS, actionRowTexts, stepRowTexts } from './cells';
import { stepChangeField } from './changes';
import type {
  EditableStepField,
  ImportChange,
  NewStepValue,
  ImportNotice,
  ImportProblem,
  WorkbookChangeSet,
  WorkbookMeta,
} from './changes';
import { diffRow } from './compare';
import type { ExportedRow } from './compare';
import { mapHeaders } from './headers';
import { parseIds } from './idsSheet';
import { PLAN_COLUMNS, SHEET, STEP_COLUMNS, WORKBOOK_FORMAT_VERSION, columnLetter } from './layout';
import type { PlanColumnKey, StepColumnKey } from './layout';
import type { ParsedRow, ParsedWorkbook } from './parsed';
import { cellText, isBlank } from './parsed';
import { missingSheetReason, renamedSheetCandidates } from './sheetNames';
import { comparable } from './text';

const MOST_STEPS = maxItems(actionSchema.shape.nextSteps);

/**
 * Compares a workbook a lead edited with the plan and lists every change it would make, every problem
 * that stops the import and every notice worth reading. Nothing is applied here.
 */
export function planWorkbookChanges(doc: PlanDocument, parsed: ParsedWorkbook): WorkbookChangeSet {
  const problems: ImportProblem[] = [];
  const notices: ImportNotice[] = [];
  const changes: ImportChange[] = [];
  const emptyMeta: WorkbookMeta = {
    planId: null,
    planTitle: null,
    schemaVersion: null,
    workbookFormat: null,
    exportedAt: null,
  };
  const result = (meta: WorkbookMeta = emptyMeta): WorkbookChangeSet => ({ meta, changes, problems, notices });
  /** A row's edits: each cell compared with what the plan exported, problems and notices gathered here. */
  const editsIn = <K extends string>(row: Omit<ExportedRow<K>, 'doc' | 'problems' | 'notices'>) =>
    diffRow({ ...row, doc, problems, notices });
  const workbookProblem = (reason: string, sheet: string | null = null) =>
    problems.push({ sheet, row: null, column: null, columnLetter: null, reason });

  if (parsed.error !== null) {
    workbookProblem(parsed.error);
    return result();
  }
  const expectedNames: string[] = Object.values(SHEET);
  for (const [name, columns] of [
    [SHEET.plan, PLAN_COLUMNS],
    [SHEET.steps, STEP_COLUMNS],
    [SHEET.ids, null],
  ] as const) {
    if (!parsed.sheets[name]) {
      workbookProblem(
        columns === null
          ? 'the hidden "_ids" sheet is missing – this workbook was not exported by Action Plan Tracker, or was saved by a program that drops hidden sheets'
          : missingSheetReason(name, renamedSheetCandidates(parsed, name, columns, expectedNames)),
        name,
      );
    }
  }
  const planSheet = parsed.sheets[SHEET.plan];
  const stepSheet = parsed.sheets[SHEET.steps];
  const idsSheet = parsed.sheets[SHEET.ids];
  if (!planSheet || !stepSheet || !idsSheet) return result();

  const ids = parseIds(idsSheet, problems);
  if (!ids) return result();
  const { meta } = ids;
  if (meta.workbookFormat! > WORKBOOK_FORMAT_VERSION || meta.schemaVersion! > CURRENT_SCHEMA_VERSION) {
    workbookProblem(
      `this workbook was exported by a newer version of Action Plan Tracker (data version ${meta.schemaVersion}, ` +
        `workbook format ${meta.workbookFormat}); this version reads data version ${CURRENT_SCHEMA_VERSION}, ` +
        `workbook format ${WORKBOOK_FORMAT_VERSION} – update the app first`,
      SHEET.ids,
    );
    return result(meta);
  }
  if (meta.planId !== doc.plan.id) {
    workbookProblem(
      `this workbook was exported from another plan ("${meta.planTitle ?? meta.planId}"), not from "${doc.plan.title}"`,
      SHEET.ids,
    );
    return result(meta);
  }

  const planColumns = mapHeaders(planSheet, PLAN_COLUMNS, problems, notices, meta.schemaVersion!);
  const stepColumns = mapHeaders(stepSheet, STEP_COLUMNS, problems, notices, meta.schemaVersion!);
  if (!planColumns || !stepColumns) return result(meta);

  const areaNames = new Map(doc.matrix.areas.map((area) => [area.id, area.name]));
  // "Overdue" as it was on the export day, so time passing is not mistaken for an edit.
  const exportedToday = ids.today ?? '0000-01-01';
  const actionsById = new Map(doc.actions.map((action) => [action.id, action]));
  const actionsByNumber = new Map(doc.actions.map((action) => [action.number.toLowerCase(), action]));
  const exportedByNumber = new Map(ids.plan.map((entry) => [entry.number.toLowerCase(), entry]));
  const exportedByRow = new Map(ids.plan.map((entry) => [entry.row, entry]));

  // ---- "Action plan" ----
  const planCell = (row: ParsedRow, key: PlanColumnKey) => row.cells[planColumns.get(key)!];
  const numbersOnSheet = new Set(
    planSheet.rows.map((row) => comparable(cellText(planCell(row, 'number'))).toLowerCase()),
  );
  const seenNumbers = new Map<string, number>();
  for (const row of planSheet.rows) {
    if (row.cells.every(isBlank)) continue;
    const numberColumn = planColumns.get('number')!;
    const problem = (reason: string, column = 'Action No.', index = numberColumn) =>
      problems.push({ sheet: SHEET.plan, row: row.row, column, columnLetter: columnLetter(index), reason });
    const number = comparable(cellText(planCell(row, 'number')));
    if (!number) {
      problem("is empty – new actions can't be added in the workbook; add them in the app");
      continue;
    }
    const key = number.toLowerCase();
    const firstRow = seenNumbers.get(key);
    if (firstRow !== undefined) {
      problem(`action ${number} appears twice (also on row ${firstRow}) – each action must have exactly one row`);
      continue;
    }
    seenNumbers.set(key, row.row);
    const entry = exportedByNumber.get(key);
    if (!entry) {
      const was = exportedByRow.get(row.row);
      const hint = was && !numbersOnSheet.has(was.number.toLowerCase()) ? ` (this row held action ${was.number})` : '';
      problem(
        `action ${number} is not one of the exported actions${hint} – Action No. can't be changed and actions can't be added in the workbook`,
      );
      continue;
    }
    const action = actionsById.get(entry.actionId);
    if (!action) {
      problem(`action ${entry.number} is no longer in the plan (it was deleted after this workbook was exported)`);
      continue;
    }
    if (action.number !== entry.number) {
      problem(
        `action ${entry.number} has been renumbered ${action.number} in the app since this workbook was exported – export a fresh workbook`,
      );
      continue;
    }

    const base = { sheet: SHEET.plan, row: row.row, actionId: action.id, actionNumber: action.number };
    const edits = editsIn({
      sheet: SHEET.plan,
      row,
      columns: PLAN_COLUMNS,
      indexes: planColumns,
      current: actionRowTexts(areaNames.get(action.areaId) ?? action.areaId, action, exportedToday),
      fingerprints: entry.fingerprints,
    });
    for (const edit of edits) {
      changes.push({
        ...base,
        column: edit.column.header,
        field: edit.column.key,
        value: edit.value,
        old: edit.old,
        new: edit.display,
      } as ImportChange);
    }
  }
  for (const entry of ids.plan) {
    if (!seenNumbers.has(entry.number.toLowerCase())) {
      problems.push({
        sheet: SHEET.plan,
        row: entry.row,
        column: 'Action No.',
        columnLetter: columnLetter(planColumns.get('number')!),
        reason: `the row for action ${entry.number} was removed – put it back (rows can't be deleted in the workbook)`,
      });
    }
  }

  // ---- "Next steps" ----
  const stepCell = (row: ParsedRow, key: StepColumnKey) => row.cells[stepColumns.get(key)!];
  const exportedSteps = new Map(
    ids.steps.map((entry) => [`${entry.number.toLowerCase()}#${entry.stepNo.toLowerCase()}`, entry]),
  );
  const seenSteps = new Map<string, number>();
  const newStepCounts = new Map<string, number>();
  const knownStepTexts = new Map<string, Map<string, string>>();
  const stepTexts = (action: Action): Map<string, string> => {
    let texts = knownStepTexts.get(action.id);
    if (!texts) {
      texts = new Map(
        action.nextSteps.map((step, index) => [comparable(step.text).toLowerCase(), `step ${index + 1}`]),
      );
      knownStepTexts.set(action.id, texts);
    }
    return texts;
  };
  for (const row of stepSheet.rows) {
    if (row.cells.every(isBlank)) continue;
    const problem = (reason: string, key: StepColumnKey = 'number') => {
      const index = stepColumns.get(key)!;
      const header = STEP_COLUMNS.find((column) => column.key === key)!.header;
      problems.push({ sheet: SHEET.steps, row: row.row, column: header, columnLetter: columnLetter(index), reason });
    };
    const number = comparable(cellText(stepCell(row, 'number')));
    const stepNo = comparable(cellText(stepCell(row, 'stepNo')));
    if (!number) {
      problem('is empty – every next step needs the Action No. of its action');
      continue;
    }
    // Through "_ids" first, so a step follows its action even if the plan was renumbered (reported above).
    const exportedAction = exportedByNumber.get(number.toLowerCase());
    const action = exportedAction
      ? actionsById.get(exportedAction.actionId)
      : actionsByNumber.get(number.toLowerCase());
    if (exportedAction && action?.number !== exportedAction.number) continue; // reported on "Action plan"
    if (!action) {
      problem(`there is no action ${number} in the plan`);
      continue;
    }
    const base = { sheet: SHEET.steps, row: row.row, actionId: action.id, actionNumber: action.number };

    if (!stepNo) {
      // A new next step.
      const drafted: Record<string, unknown> = {};
      const shown: Record<string, string> = {};
      let readable = true;
      for (const column of STEP_COLUMNS) {
        if (column.role !== 'editable' || !column.schema) continue;
        const key = column.key as EditableStepField;
        const definition = NEXT_STEP_FIELDS[key] as { words: string; blank?: unknown };
        const codec = CELL_CODECS[column.cell as CellKind];
        const cell = stepCell(row, key);
        const parsed =
          isBlank(cell) && 'blank' in definition
            ? { ok: true as const, value: definition.blank, display: codec.write(definition.blank, () => '') }
            : codec.read!({ cell, text: comparable(cellText(cell)), schema: column.schema, doc });
        if (!parsed.ok) {
          readable = false;
          problem(
            'blank' in definition ? parsed.reason : `${parsed.reason} – a new next step needs its ${definition.words}`,
            key,
          );
          continue;
        }
        drafted[draftKeyOf(NEXT_STEP_FIELDS, key)] = parsed.value;
        shown[key] = parsed.display;
      }
      if (!readable) continue;
      const value = drafted as NewStepValue;
      // A workbook imported twice must not add its new steps twice: the same text on the same action is
      // taken to be the same step.
      const sameStep = stepTexts(action).get(value.text.toLowerCase());
      if (sameStep !== undefined) {
        notices.push({
          sheet: SHEET.steps,
          row: row.row,
          column: 'Next step',
          columnLetter: columnLetter(stepColumns.get('text')!),
          reason: `action ${action.number} already has this next step (${sameStep}); it was not added again`,
        });
        continue;
      }
      stepTexts(action).set(value.text.toLowerCase(), `added from row ${row.row}`);
      const added = (newStepCounts.get(action.id) ?? 0) + 1;
      newStepCounts.set(action.id, added);
      if (action.nextSteps.length + added > MOST_STEPS) {
        problem(`action ${action.number} would have more than ${MOST_STEPS} next steps`, 'text');
        continue;
      }
      const summary = [value.text, shown.leads ?? '', value.timescaleText, value.done ? 'done' : '']
        .filter((part) => part.length > 0)
        .join(' — ');
      changes.push({
        ...base,
        column: 'Next step',
        field: 'newStep',
        value,
        stepCount: action.nextSteps.length,
        old: '',
        new: summary,
      });
      continue;
    }

    const key = `${number.toLowerCase()}#${stepNo.toLowerCase()}`;
    const firstRow = seenSteps.get(key);
    if (firstRow !== undefined) {
      problem(
        `step ${stepNo} of action ${number} appears twice (also on row ${firstRow}) – leave Step No. empty to add a new step`,
        'stepNo',
      );
      continue;
    }
    seenSteps.set(key, row.row);
    const entry = exportedSteps.get(key);
    if (entry?.actionId !== action.id) {
      problem(
        `action ${number} had no step ${stepNo} when exported – Step No. can't be changed; leave it empty to add a new step`,
        'stepNo',
      );
      continue;
    }
    const step = action.nextSteps.find((candidate) => candidate.id === entry.stepId);
    if (!step) {
      problem(
        `step ${stepNo} of action ${number} is no longer in the plan (it was removed in the app after this workbook was exported)`,
        'stepNo',
      );
      continue;
    }
    const edits = editsIn({
      sheet: SHEET.steps,
      row,
      columns: STEP_COLUMNS,
      indexes: stepColumns,
      current: stepRowTexts(action, step, stepNo),
      fingerprints: entry.fingerprints,
    });
    for (const edit of edits) {
      changes.push({
        ...base,
        stepId: step.id,
        stepNo,
        column: edit.column.header,
        field: stepChangeField(edit.column.key as EditableStepField),
        value: edit.value,
        old: edit.old,
        new: edit.display,
      } as ImportChange);
    }
  }
  for (const entry of ids.steps) {
    if (seenSteps.has(`${entry.number.toLowerCase()}#${entry.stepNo.toLowerCase()}`)) continue;
    const action = actionsById.get(entry.actionId);
    if (action?.number !== entry.number || !seenNumbers.has(entry.number.toLowerCase())) continue; // reported on "Action plan"
    problems.push({
      sheet: SHEET.steps,
      row: entry.row,
      column: 'Step No.',
      columnLetter: columnLetter(stepColumns.get('stepNo')!),
      reason: `the row for step ${entry.stepNo} of action ${entry.number} was removed – put it back; to close a step, set Done to Yes`,
    });
  }

  return result(meta);
}
