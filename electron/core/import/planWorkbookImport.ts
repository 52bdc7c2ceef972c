/**
 * Import of a workbook a lead edited: read it, preview every change, then apply all of them or none.
 *
 *   const preview = await previewWorkbookImport(doc, bytes);   // read in a worker; changes, problems, notices
 *   if (preview.problems.length === 0) doc = applyWorkbookChanges(doc, preview, ctx);
 *
 * applyWorkbookChanges refuses (throws a DomainError, nothing applied) when the preview has problems or the
 * plan no longer holds the values the preview showed.
 */
import type { PlanDocument } from '../../../shared/model/plan';
import { planWorkbookChanges } from '../../../shared/domain/workbook';
import type { WorkbookChangeSet } from '../../../shared/domain/workbook';
import { readPlanWorkbookInWorker } from './readInWorker';

export {
  applyWorkbookChanges,
  describeChange,
  describeIssue,
  planWorkbookChanges,
} from '../../../shared/domain/workbook';
export type {
  ImportChange,
  ImportIssue,
  ImportNotice,
  ImportProblem,
  ParsedWorkbook,
  WorkbookChangeSet,
} from '../../../shared/domain/workbook';
export { readPlanWorkbook } from './readPlanWorkbook';

/** Reads the workbook in a worker thread with its own memory limit (see readInWorker.ts). */
export async function previewWorkbookImport(doc: PlanDocument, bytes: Uint8Array): Promise<WorkbookChangeSet> {
  return planWorkbookChanges(doc, await readPlanWorkbookInWorker(bytes));
}
