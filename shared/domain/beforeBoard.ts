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

/** `since`: when the last paper was issued, as a time (null when none was). */
function reasonsFor(
  action: Action,
  today: IsoDate,
  nextBoardDate: IsoDate | null,
  since: number | null,
): AttentionReason[] {
  if (action.status === 'complete') return [];
  const reasons: AttentionReason[] = [];
  if (isOverdue(action, today)) reasons.push('overdue');
  else if (isDueBeforeNextBoard(action, today, nextBoardDate)) reasons.push('due_before_board');
  if (since !== null && Date.parse(action.updatedAt) < since) reasons.push('stale');
  return reasons;
}

function lastPaperTime(doc: PlanDocument): number | null {
  const since = lastPaperAt(doc);
  return since === null ? null : Date.parse(since);
}

export function attentionReasons(action: Action, doc: PlanDocument, today: IsoDate): AttentionReason[] {
  return reasonsFor(action, today, doc.plan.nextBoardDate, lastPaperTime(doc));
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

export interface BeforeBoardIndex {
  groups: LeadGroup<AttentionItem>[];
  /** How many actions need an update (an action with two leads counts once). */
  count: number;
}

/** What an index was built from, besides the actions it is kept under. */
interface IndexedFrom {
  papers: PlanDocument['papers'];
  nextBoardDate: IsoDate | null;
  today: IsoDate;
  index: BeforeBoardIndex;
}

/**
 * The actions and papers are never changed in place (an edit makes new lists), so the index is built once per
 * version of them and serves the tab's count and every opening of the view until an action, a paper, the
 * next board date or the day changes.
 */
const indexes = new WeakMap<readonly Action[], IndexedFrom>();

function buildIndex(doc: PlanDocument, today: IsoDate): BeforeBoardIndex {
  const since = lastPaperTime(doc);
  const groups = new Map<string, AttentionItem[]>();
  let count = 0;
  for (const action of doc.actions) {
    const reasons = reasonsFor(action, today, doc.plan.nextBoardDate, since);
    if (reasons.length === 0) continue;
    count += 1;
    const item = { action, reasons, due: nextDueDate(action) };
    const leads = action.leads.length > 0 ? action.leads.map((lead) => lead.name) : [NO_LEAD];
    for (const lead of leads) {
      const items = groups.get(lead);
      if (items) items.push(item);
      else groups.set(lead, [item]);
    }
  }
  return {
    groups: [...groups.entries()]
      .map(([lead, items]) => ({ lead, items: items.sort(byDueDate) }))
      .sort((a, b) => (a.lead === NO_LEAD ? 1 : b.lead === NO_LEAD ? -1 : a.lead.localeCompare(b.lead, 'en-GB'))),
    count,
  };
}

/** The groups of "Before the board" and how many actions need an update, built once per version of the plan. */
export function beforeBoardIndex(doc: PlanDocument, today: IsoDate): BeforeBoardIndex {
  const known = indexes.get(doc.actions);
  if (known?.papers === doc.papers && known.nextBoardDate === doc.plan.nextBoardDate && known.today === today)
    return known.index;
  const index = buildIndex(doc, today);
  indexes.set(doc.actions, { papers: doc.papers, nextBoardDate: doc.plan.nextBoardDate, today, index });
  return index;
}

/**
 * Every open action a lead should update before the next board, grouped by the action's leads (an action
 * with two leads shows under both), soonest due first. Shared by every caller of the same plan: read it, do
 * not change it.
 */
export function actionsBeforeBoard(doc: PlanDocument, today: IsoDate): LeadGroup<AttentionItem>[] {
  return beforeBoardIndex(doc, today).groups;
}

export interface AssignedAction {
  action: Action;
  /** The open next steps this person leads, or all open steps when they lead the action itself. */
  steps: NextStep[];
  due: IsoDate | null;
  overdue: boolean;
}

/**
 * The open actions each name leads (the action or an open step), by the name in lower case, in plan order.
 * Built once per list of actions: a team's lists, the tab's count and a data call's leads each scanned the
 * whole plan once per person.
 */
const openActionsByLead = new WeakMap<readonly Action[], ReadonlyMap<string, Action[]>>();

function openActionsLedBy(actions: readonly Action[], name: string): readonly Action[] {
  let index = openActionsByLead.get(actions);
  if (!index) {
    const built = new Map<string, Action[]>();
    for (const action of actions) {
      if (action.status === 'complete') continue;
      for (const lead of new Set(leadNamesOf(action).map((leadName) => leadName.toLowerCase()))) {
        const led = built.get(lead);
        if (led) led.push(action);
        else built.set(lead, [action]);
      }
    }
    openActionsByLead.set(actions, (index = built));
  }
  return index.get(name) ?? [];
}

/** What one person leads, overdue first, then by due date: a manager's "my actions" list. */
export function actionsLedBy(doc: PlanDocument, person: string, today: IsoDate): AssignedAction[] {
  const name = person.trim().toLowerCase();
  const leads = (step: NextStep) => step.leads.some((lead) => lead.name.toLowerCase() === name);
  return openActionsLedBy(doc.actions, name)
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
