import type { ReturnPreview } from '../../../shared/api/contract';
import type { DataCallReturn } from '../../../shared/domain/dataCallReturn';
import { CHANGE_FIELD_LABELS, IMPORT_LIMITS } from '../../../shared/domain/workbook';

/** A return as the returns screen lists it: changes, conflicts side by side, new figures, problems. */
export function toReturnPreview(fileName: string, found: DataCallReturn): ReturnPreview {
  return {
    fileName,
    dataCallId: found.call?.id ?? null,
    lead: found.lead?.name ?? null,
    changes: found.changes.map((change) => ({
      actionNumber: change.actionNumber,
      stepNo: 'stepNo' in change ? change.stepNo : null,
      field: CHANGE_FIELD_LABELS[change.field],
      old: change.old,
      new: change.new,
    })),
    conflicts: found.conflicts.map(({ key, change, changedBy, changedAt }) => ({
      key,
      actionNumber: change.actionNumber,
      stepNo: 'stepNo' in change ? change.stepNo : null,
      field: CHANGE_FIELD_LABELS[change.field],
      app: change.old,
      lead: change.new,
      changedBy,
      changedAt,
    })),
    measureValues: found.measureValues.map(({ measure, date, value, note }) => ({ measure, date, value, note })),
    problems: found.problems.slice(0, IMPORT_LIMITS.problemsShown),
    moreProblems: Math.max(0, found.problems.length - IMPORT_LIMITS.problemsShown),
    notices: found.notices,
  };
}
