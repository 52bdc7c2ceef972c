import type { Action, ActionStatus } from '../model/action';
import type { ActionChanges, NextStepDraft } from '../model/drafts';
import type { PlanDocument } from '../model/plan';
import type { IsoDate } from '../model/primitives';
import { NO_LEAD, beforeBoardIndex } from './beforeBoard';
import { leadsFromText } from './leads';

/** How many actions a lead still has to update before the next board (an action with two leads counts once). */
export function countNeedingUpdate(doc: PlanDocument, today: IsoDate): number {
  return beforeBoardIndex(doc, today).count;
}

/** A step added from "Before the board" is led by the lead whose list it was added from. */
export function newStepLeads(doc: PlanDocument, lead: string) {
  return lead === NO_LEAD ? [] : leadsFromText(lead, doc.people);
}

/** What a lead typed in one action's quick update. */
export interface QuickUpdate {
  achievement: string;
  status: ActionStatus;
  /** Open steps ticked as done. */
  doneStepIds: readonly string[];
  /** Counts only when its text or timescale is filled in. */
  newStep: NextStepDraft;
}

export function hasNewStep(step: Pick<NextStepDraft, 'text' | 'timescaleText'>): boolean {
  return step.text.trim() !== '' || (step.timescaleText ?? '').trim() !== '';
}

/**
 * The changes a quick update makes to its action: only the fields that differ, and the whole list of steps
 * (existing ones kept, ticked ones done, the new one last) when a step was ticked or added. Empty when
 * nothing changed.
 */
export function quickUpdateChanges(action: Action, update: QuickUpdate): ActionChanges {
  const changes: ActionChanges = {};
  if (update.achievement !== action.achievement) changes.achievement = update.achievement;
  if (update.status !== action.status) changes.status = update.status;
  const ticked = action.nextSteps.filter((step) => !step.done && update.doneStepIds.includes(step.id));
  const adding = hasNewStep(update.newStep);
  if (ticked.length > 0 || adding) {
    changes.nextSteps = [
      ...action.nextSteps.map((step) => ({
        id: step.id,
        text: step.text,
        leads: step.leads,
        timescaleText: step.timescale.text,
        done: step.done || ticked.includes(step),
      })),
      ...(adding ? [update.newStep] : []),
    ];
  }
  return changes;
}
