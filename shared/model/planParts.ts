import type { z } from 'zod';
import { planDocumentFields } from './plan';
import type { PlanDocument } from './plan';
import type { Known } from './primitives';

/**
 * The parts of a plan that only grow with the years: ten years of a 150-action plan hold 54,000 log
 * entries (19 MB of its 21 MB), three years of 5,000 actions 100,000 entries, 36 papers with their
 * snapshots (4.5 MB) and 2,000 assessments. The measures go with them: ten years of monthly figures on 60
 * measures are 570 kB, four times the first 60 actions, and cold code in a new page validates them at about
 * 1 kB a millisecond. The first screen needs none of them, so the page gets the working set first and these
 * after its rows are on screen.
 */
const HISTORY_MASK = {
  assessments: true,
  measures: true,
  updateLog: true,
  papers: true,
  reviews: true,
  dataCalls: true,
} as const;
export const HISTORY_PARTS = Object.keys(HISTORY_MASK) as (keyof typeof HISTORY_MASK)[];

/** The plan without its history: what the Action plan view, the header and the summary show. */
export const planWorkingSetSchema = planDocumentFields.omit(HISTORY_MASK);
export type PlanWorkingSet = Known<z.infer<typeof planWorkingSetSchema>>;

/** The plan's history: the parts the working set leaves out. */
export const planHistorySchema = planDocumentFields.pick(HISTORY_MASK).strict();
export type PlanHistory = Known<z.infer<typeof planHistorySchema>>;

/** The plan cut in two: the working set the first screen needs and the history sent after it. */
export function splitPlan(doc: PlanDocument): { workingSet: PlanWorkingSet; history: PlanHistory } {
  const { assessments, measures, updateLog, papers, reviews, dataCalls, ...workingSet } = doc;
  return { workingSet, history: { assessments, measures, updateLog, papers, reviews, dataCalls } };
}

/**
 * The working set as a whole plan whose history lists are empty until the history arrives. Whoever shows it
 * must check that the history is loaded before saying anything from those lists.
 */
export function withoutHistory(workingSet: PlanWorkingSet): PlanDocument {
  return { ...workingSet, assessments: [], measures: [], updateLog: [], papers: [], reviews: [], dataCalls: [] };
}
