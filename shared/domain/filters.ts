import { z } from 'zod';
import { actionStatusSchema } from '../model/action';
import type { Action } from '../model/action';
import type { Area } from '../model/matrix';
import type { PlanDocument } from '../model/plan';
import type { IsoDate } from '../model/primitives';
import { isDueBeforeNextBoard, isOverdue } from './derived';
import { sortActions } from './actionOrder';

export const actionFilterSchema = z
  .object({
    areaId: z.string().max(64).optional(),
    lead: z.string().max(120).optional(),
    status: actionStatusSchema.optional(),
    overdueOnly: z.boolean().optional(),
    dueBeforeBoardOnly: z.boolean().optional(),
    text: z.string().max(200).optional(),
  })
  .strict();
export type ActionFilter = z.infer<typeof actionFilterSchema>;

/**
 * Who leads an action: its own leads and the leads of its open next steps. Someone who led only a step
 * that is done has nothing left to do on it, so is not counted (My actions, the Lead filter and the
 * papers all use this one rule).
 */
export function leadNamesOf(action: Action): string[] {
  const names = [...action.leads, ...action.nextSteps.filter((step) => !step.done).flatMap((step) => step.leads)].map(
    (lead) => lead.name,
  );
  return [...new Set(names)];
}

export function allLeadNames(doc: PlanDocument): string[] {
  const names = new Set<string>(doc.people.map((person) => person.name));
  for (const action of doc.actions) for (const name of leadNamesOf(action)) names.add(name);
  return [...names].sort((a, b) => a.localeCompare(b, 'en-GB'));
}

/** Actions are never changed in place, so each one's search text is built once, not on every keystroke. */
const searchTexts = new WeakMap<Action, string>();

function searchTextOf(action: Action): string {
  const cached = searchTexts.get(action);
  if (cached !== undefined) return cached;
  const text = [
    action.number,
    action.description,
    action.achievement,
    action.timescale.text,
    ...action.nextSteps.map((step) => step.text),
    ...leadNamesOf(action),
  ]
    .join('\n')
    .toLowerCase();
  searchTexts.set(action, text);
  return text;
}

function matchesText(action: Action, needle: string): boolean {
  return searchTextOf(action).includes(needle);
}

export function filterActions(doc: PlanDocument, filter: ActionFilter, today: IsoDate): Action[] {
  const needle = filter.text?.trim().toLowerCase() ?? '';
  const lead = filter.lead?.trim().toLowerCase() ?? '';
  return doc.actions.filter(
    (action) =>
      (!filter.areaId || action.areaId === filter.areaId) &&
      (!filter.status || action.status === filter.status) &&
      (!lead || leadNamesOf(action).some((name) => name.toLowerCase() === lead)) &&
      (!filter.overdueOnly || isOverdue(action, today)) &&
      (!filter.dueBeforeBoardOnly || isDueBeforeNextBoard(action, today, doc.plan.nextBoardDate)) &&
      (!needle || matchesText(action, needle)),
  );
}

export interface AreaGroup {
  area: Area;
  actions: Action[];
}

/** Groups in the matrix's area order, as the printed plan reads; empty areas are kept so the plan shows them. */
export function groupByArea(doc: PlanDocument, actions: readonly Action[]): AreaGroup[] {
  return doc.matrix.areas.map((area) => ({
    area,
    actions: sortActions(actions.filter((action) => action.areaId === area.id)),
  }));
}

/**
 * The finder's answer to what was typed: matching actions in plan number order, with the action whose
 * number is exactly the text first, since people most often type a number they have in front of them.
 */
export function searchActions(doc: PlanDocument, text: string, today: IsoDate, limit: number): Action[] {
  const found = sortActions(filterActions(doc, { text }, today));
  const typed = text.trim().toLowerCase();
  const exact = found.filter((action) => action.number.toLowerCase() === typed);
  return [...exact, ...found.filter((action) => !exact.includes(action))].slice(0, limit);
}
