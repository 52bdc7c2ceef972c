import { format } from 'date-fns';
import type { Action, ActionStatus, NextStep } from '../model/action';
import { ACTION_STATUSES } from '../model/action';
import type { Assessment } from '../model/matrix';
import { isInForce } from '../model/correction';
import type { PlanDocument } from '../model/plan';
import type { IsoDate } from '../model/primitives';

/** The calendar date a moment falls on where the app runs. */
export function isoDateOf(date: Date): IsoDate {
  return format(date, 'yyyy-MM-dd');
}

/** The earliest date still owed: the action's own timescale or any next step not yet done. */
export function nextDueDate(action: Action): IsoDate | null {
  if (action.status === 'complete') return null;
  // One pass, no sorted copies: every view that flags dates asks this of every action, several times.
  let earliest = action.timescale.due;
  for (const step of action.nextSteps) {
    const due = step.timescale.due;
    if (!step.done && due !== null && (earliest === null || due < earliest)) earliest = due;
  }
  return earliest;
}

/** A next step is late when it is still open, its date has passed and the action itself is not complete. */
export function isStepOverdue(action: Action, step: NextStep, today: IsoDate): boolean {
  return action.status !== 'complete' && !step.done && step.timescale.due !== null && step.timescale.due < today;
}

/** How many of an action's open next steps are past their date. */
export function overdueStepCount(action: Action, today: IsoDate): number {
  return action.nextSteps.filter((step) => isStepOverdue(action, step, today)).length;
}

/** Where the action's own timescale stands, apart from its next steps (which are flagged on their own). */
export type OwnTimescaleState = 'complete' | 'overdue' | 'due_before_board' | 'later' | 'no_date';

export function ownTimescaleState(action: Action, today: IsoDate, nextBoardDate: IsoDate | null): OwnTimescaleState {
  if (action.status === 'complete') return 'complete';
  const due = action.timescale.due;
  if (due === null) return 'no_date';
  if (due < today) return 'overdue';
  return nextBoardDate !== null && due <= nextBoardDate ? 'due_before_board' : 'later';
}

/**
 * Whether an action needs chasing: its own date or an open next step's date has passed. Every count of
 * "overdue" (summary, filters, before the board, the paper, the workbooks) uses this one rule.
 */
export function isOverdue(action: Action, today: IsoDate): boolean {
  const due = nextDueDate(action);
  return due !== null && due < today;
}

export function isDueBeforeNextBoard(action: Action, today: IsoDate, nextBoardDate: IsoDate | null): boolean {
  if (nextBoardDate === null) return false;
  const due = nextDueDate(action);
  return due !== null && due >= today && due <= nextBoardDate;
}

export function countByStatus(actions: readonly Action[]): Record<ActionStatus, number> {
  const counts = Object.fromEntries(ACTION_STATUSES.map((status) => [status, 0])) as Record<ActionStatus, number>;
  for (const action of actions) counts[action.status] += 1;
  return counts;
}

export function countByArea(doc: PlanDocument, actions: readonly Action[] = doc.actions): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(doc.matrix.areas.map((area) => [area.id, 0]));
  for (const action of actions) counts[action.areaId] = (counts[action.areaId] ?? 0) + 1;
  return counts;
}

/** Later assessment date wins; on the same date, the one recorded last. */
function isLater(a: Assessment, b: Assessment): boolean {
  return a.date !== b.date ? a.date > b.date : a.recordedAt > b.recordedAt;
}

/**
 * Each area's level as of `asOf` (default: all history), or null where it was never assessed. Corrected
 * and withdrawn assessments do not count.
 */
export function currentLevels(doc: PlanDocument, asOf?: IsoDate): Record<string, Assessment | null> {
  const latest: Record<string, Assessment | null> = Object.fromEntries(doc.matrix.areas.map((area) => [area.id, null]));
  for (const assessment of doc.assessments) {
    if (!isInForce(assessment) || (asOf !== undefined && assessment.date > asOf)) continue;
    const current = latest[assessment.areaId];
    if (current === undefined) continue;
    if (current === null || isLater(assessment, current)) latest[assessment.areaId] = assessment;
  }
  return latest;
}

/** An area's assessments oldest first: those in force, or with `withReplaced` also the corrected and withdrawn ones. */
export function assessmentHistory(doc: PlanDocument, areaId: string, { withReplaced = false } = {}): Assessment[] {
  return doc.assessments
    .filter((assessment) => assessment.areaId === areaId && (withReplaced || isInForce(assessment)))
    .sort((a, b) => (isLater(a, b) ? 1 : isLater(b, a) ? -1 : 0));
}

export interface PlanSummary {
  total: number;
  byStatus: Record<ActionStatus, number>;
  byArea: Record<string, number>;
  overdue: number;
  dueBeforeNextBoard: number;
}

export function summarisePlan(doc: PlanDocument, today: IsoDate): PlanSummary {
  return {
    total: doc.actions.length,
    byStatus: countByStatus(doc.actions),
    byArea: countByArea(doc),
    overdue: doc.actions.filter((action) => isOverdue(action, today)).length,
    dueBeforeNextBoard: doc.actions.filter((action) => isDueBeforeNextBoard(action, today, doc.plan.nextBoardDate))
      .length,
  };
}
