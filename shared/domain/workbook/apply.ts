/** Applying a previewed import: all of it, or none of it. */
import type { Action, NextStep } from '../../model/action';
import { ACTION_FIELDS, NEXT_STEP_FIELDS, draftKeyOf, typedValue } from '../../model/actionFields';
import type { CellKind } from '../../model/actionFields';
import type { PlanDocument } from '../../model/plan';
import { DomainError } from '../errors';
import { stepDrafts, updateAction } from '../operations';
import type { EditContext } from '../operations';
import { CELL_CODECS } from './cells';
import { CHANGE_FIELD_LABELS, describeIssue, isStepFieldChange, stepFieldOf } from './changes';
import type { ImportChange, WorkbookChangeSet } from './changes';
import { comparable, short } from './text';

function stale(change: ImportChange, now: string): DomainError {
  const step = 'stepNo' in change ? ` step ${change.stepNo}` : '';
  return new DomainError(
    'conflict',
    `Action ${change.actionNumber}${step} ${CHANGE_FIELD_LABELS[change.field]} is now "${short(now)}", not "${short(change.old)}" as previewed; ` +
      'nothing was imported – read the workbook again.',
  );
}

/** A field's cell as the plan would export it now, to check the preview's "old" against. */
function cellNow<R extends Action | NextStep>(record: R, key: keyof R & string, cell: CellKind): string {
  return comparable(CELL_CODECS[cell].write(typedValue(record, key), () => ''));
}

/**
 * Applies every previewed change through operations.updateAction, one call per change, so the update log
 * gets one entry per change. All or nothing: refuses (throws, nothing applied) when the set has problems,
 * or when the plan no longer holds the values the preview showed as "old".
 */
export function applyWorkbookChanges(
  doc: PlanDocument,
  changes: WorkbookChangeSet | readonly ImportChange[],
  ctx: EditContext,
): PlanDocument {
  let list: readonly ImportChange[];
  if (Array.isArray(changes)) {
    list = changes as readonly ImportChange[];
  } else {
    const set = changes as WorkbookChangeSet;
    if (set.problems.length > 0) {
      throw new DomainError(
        'invalid',
        `The workbook has ${set.problems.length} problem${set.problems.length === 1 ? '' : 's'}, so nothing was imported. ` +
          `First: ${describeIssue(set.problems[0]!)}`,
      );
    }
    list = set.changes;
  }

  let next = doc;
  const added = new Map<string, number>();
  for (const change of list) {
    const action = next.actions.find((candidate) => candidate.id === change.actionId);
    if (!action)
      throw new DomainError(
        'not_found',
        `Action ${change.actionNumber} is no longer in the plan; nothing was imported.`,
      );

    let edit: Parameters<typeof updateAction>[2];
    if (change.field === 'newStep') {
      const already = added.get(action.id) ?? 0;
      if (action.nextSteps.length !== change.stepCount + already) {
        throw new DomainError(
          'conflict',
          `Action ${action.number}'s next steps changed since the preview; nothing was imported – read the workbook again.`,
        );
      }
      added.set(action.id, already + 1);
      edit = { nextSteps: [...stepDrafts(action), { ...change.value }] };
    } else if (isStepFieldChange(change)) {
      const step = action.nextSteps.find((candidate) => candidate.id === change.stepId);
      if (!step)
        throw new DomainError(
          'not_found',
          `Action ${action.number} no longer has step ${change.stepNo}; nothing was imported.`,
        );
      const key = stepFieldOf(change.field);
      const now = cellNow(step, key, NEXT_STEP_FIELDS[key].workbook.cell);
      if (now !== change.old) throw stale(change, now);
      const draftKey = draftKeyOf(NEXT_STEP_FIELDS, key);
      edit = {
        nextSteps: stepDrafts(action).map((draft) =>
          draft.id === step.id ? { ...draft, [draftKey]: change.value } : draft,
        ),
      };
    } else {
      const now = cellNow(action, change.field, ACTION_FIELDS[change.field].workbook.cell);
      if (now !== change.old) throw stale(change, now);
      edit = { [draftKeyOf(ACTION_FIELDS, change.field)]: change.value };
    }
    next = updateAction(next, action.id, edit, ctx).doc;
  }
  return next;
}
