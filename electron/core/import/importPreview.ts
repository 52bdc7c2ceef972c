import type { ImportPreview } from '../../../shared/api/contract';
import { CHANGE_FIELD_LABELS, IMPORT_LIMITS } from '../../../shared/domain/workbook';
import type { WorkbookChangeSet } from '../../../shared/domain/workbook';

/**
 * The change set as the preview screen lists it: action, step, field, old and new, where in the workbook;
 * the first problems, and how many more there are.
 */
export function toImportPreview(fileName: string, set: WorkbookChangeSet): ImportPreview {
  return {
    fileName,
    planTitle: set.meta.planTitle,
    changes: set.changes.map((change) => ({
      actionId: change.actionId,
      actionNumber: change.actionNumber,
      stepNo: 'stepNo' in change ? change.stepNo : null,
      field: CHANGE_FIELD_LABELS[change.field],
      sheet: change.sheet,
      row: change.row,
      old: change.old,
      new: change.new,
    })),
    problems: set.problems.slice(0, IMPORT_LIMITS.problemsShown),
    moreProblems: Math.max(0, set.problems.length - IMPORT_LIMITS.problemsShown),
    notices: set.notices,
  };
}
