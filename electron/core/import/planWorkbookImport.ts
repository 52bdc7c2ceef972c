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

const COMPARE_FAILED =
  'the workbook was read, but it could not be compared with the plan, so nothing was changed – export a fresh ' +
  'workbook from the app and make the edits again';

/**
 * Reads the workbook in a worker thread with its own memory limit (see readInWorker.ts). A fault while
 * comparing comes back as a problem in plain words: a JavaScript error's text means nothing to a lead.
 */
export async function previewWorkbookImport(doc: PlanDocument, bytes: Uint8Array): Promise<WorkbookChangeSet> {
  const parsed = await readPlanWorkbookInWorker(bytes);
  try {
    return planWorkbookChanges(doc, parsed);
  } catch {
    return planWorkbookChanges(doc, { error: COMPARE_FAILED, sheetNames: [], sheets: {} });
  }
}
