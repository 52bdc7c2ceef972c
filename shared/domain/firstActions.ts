import type { Action } from '../model/action';
import type { PlanDocument } from '../model/plan';
import { groupByArea } from './filters';

/**
 * How many actions the page gets before the rest: more than fill the tallest screen. Five thousand actions
 * are 12 MB, and reading, checking and drawing them all held the first rows back for seconds.
 */
export const FIRST_ACTIONS = 60;

/** The actions the Action plan shows first, unfiltered: its first rows, in the table's order. */
export function firstActions(doc: PlanDocument, count = FIRST_ACTIONS): Action[] {
  const first: Action[] = [];
  for (const group of groupByArea(doc, doc.actions)) {
    for (const action of group.actions) {
      if (first.length === count) return first;
      first.push(action);
    }
  }
  return first;
}
