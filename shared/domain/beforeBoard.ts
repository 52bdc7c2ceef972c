import type { Action, NextStep } from '../model/action';
import type { PlanDocument } from '../model/plan';
import type { IsoDate } from '../model/primitives';
import { isDueBeforeNextBoard, isOverdue, isStepOverdue, nextDueDate } from './derived';
import { leadNamesOf } from './filters';

export type AttentionReason = 'overdue' | 'due_before_board' | 'stale';

export const ATTENTION_LABELS: Record<AttentionReason, string> = {
  overdue: 'Overdue',
  due_before_board: 'Due before the board',
  stale: 'Not updated since the last paper',
};

/** When the last board paper was issued: updates before it were already reported. Drafts were sent to nobody. */
export function lastPaperAt(doc: PlanDocument): string | null {
  return doc.papers.findLast((paper) => paper.state === 'issued')?.issuedAt ?? null;
}

export function attentionReasons(action: Action, doc: PlanDocument, today: IsoDate): AttentionReason[] {
  if (action.status === 'complete') return [];
  const reasons: AttentionReason[] = [];
  if (isOverdue(action, today)) reasons.push('overdue');
  else if (isDueBeforeNextBoard(action, today, doc.plan.nextBoardDate)) reasons.push('due_before_board');
  const since = lastPaperAt(doc);
  if (since !== null && Date.parse(action.updatedAt) < Date.parse(since)) reasons.push('stale');
  return reasons;
}

export interface AttentionItem {
  action: Action;
  reasons: AttentionReason[];
  due: IsoDate | null;
}

export interface LeadGroup<T> {
  lead: string;
  items: T[];
}

export const NO_LEAD = 'No lead named';

function byDueDate(a: { due: IsoDate | null }, b: { due: IsoDate | null }): number {
  if (a.due === b.due) return 0;
  if (a.due === null) return 1;
  if (b.due === null) return -1;
  return a.due < b.due ? -1 : 1;
}

/**
 * Every open action a lead should update before the next board, grouped by the action's leads (an action
 * with two leads shows under both), soonest due first.
 */
export function actionsBeforeBoard(doc: PlanDocument, today: IsoDate): LeadGroup<AttentionItem>[] {
  const groups = new Map<string, AttentionItem[]>();
  for (const action of doc.actions) {
    const reasons = attentionReasons(action, doc, today);
    if (reasons.length === 0) continue;
    const item = { action, reasons, due: nextDueDate(action) };
    const leads = action.leads.length > 0 ? action.leads.map((lead) => lead.name) : [NO_LEAD];
    for (const lead of leads) {
      const items = groups.get(lead);
      if (items) items.push(item);
      else groups.set(lead, [item]);
    }
  }
  return [...groups.entries()]
    .map(([lead, items]) => ({ lead, items: items.sort(byDueDate) }))
    .sort((a, b) => (a.lead === NO_LEAD ? 1 : b.lead === NO_LEAD ? -1 : a.lead.localeCompare(b.lead, 'en-GB')));
}

export interface AssignedAction {
  action: Action;
  /** The open next steps this person leads, or all open steps when they lead the action itself. */
  steps: NextStep[];
  due: IsoDate | null;
  overdue: boolean;
}

/** What one person leads, overdue first, then by due date: a manager's "my actions" list. */
export function actionsLedBy(doc: PlanDocument, person: string, today: IsoDate): AssignedAction[] {
  const name = person.trim().toLowerCase();
  const leads = (step: NextStep) => step.leads.some((lead) => lead.name.toLowerCase() === name);
  return doc.actions
    .filter((action) => action.status !== 'complete' && leadNamesOf(action).some((lead) => lead.toLowerCase() === name))
    .map((action) => {
      const leadsAction = action.leads.some((lead) => lead.name.toLowerCase() === name);
      const steps = action.nextSteps.filter((step) => !step.done && (leadsAction || leads(step)));
      const dates = leadsAction ? [nextDueDate(action)] : steps.map((step) => step.timescale.due);
      const due = dates.filter((date): date is IsoDate => date !== null).sort()[0] ?? null;
      const overdue = leadsAction ? isOverdue(action, today) : steps.some((step) => isStepOverdue(action, step, today));
      return { action, steps, due, overdue };
    })
    .sort((a, b) => (a.overdue !== b.overdue ? (a.overdue ? -1 : 1) : byDueDate(a, b)));
}
