/**
 * Import of a workbook a lead edited: read it, preview every change, then apply all of them or none.
 *
 *   const preview = await previewWorkbookImport(doc, bytes);   // changes, problems, notices
 *   if (preview.problems.length === 0) doc = applyWorkbookChanges(doc, preview, ctx);
 *
 * applyWorkbookChanges refuses (throws a DomainError, nothing applied) when the preview has problems or the
 * plan no longer holds the values the preview showed.
 */
import type { PlanDocument } from '../../../shared/model/plan';
import { planWorkbookChanges } from '../../../shared/domain/workbookChanges';
import type { WorkbookChangeSet } from '../../../shared/domain/workbookChanges';
import { readPlanWorkbook } from './readPlanWorkbook';

export { applyWorkbookChanges, describeChange, describeIssue, planWorkbookChanges } from '../../../shared/domain/workbookChanges';
export type { ImportChange, ImportIssue, ImportNotice, ImportProblem, ParsedWorkbook, WorkbookChangeSet } from '../../../shared/domain/workbookChanges';
export { readPlanWorkbook } from './readPlanWorkbook';

export async function previewWorkbookImport(doc: PlanDocument, bytes: Buffer | Uint8Array | ArrayBuffer): Promise<WorkbookChangeSet> {
  return planWorkbookChanges(doc, await readPlanWorkbook(bytes));
}
