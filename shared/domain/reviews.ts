import type { PlanDocument } from '../model/plan';
import type { Review } from '../model/review';
import type { UpdateLogEntry } from '../model/updateLog';

interface ReviewIndex {
  latest: Map<string, Review>;
  unreviewed: Map<string, UpdateLogEntry[]>;
}

/**
 * The log and the reviews are never changed in place (an edit makes new arrays), so the index of one pair is
 * built once and serves every action's lookup: scanning the whole log once per action made a paper or
 * "My actions" quadratic in years of history.
 */
const indexes = new WeakMap<readonly UpdateLogEntry[], WeakMap<readonly Review[], ReviewIndex>>();

function buildIndex(log: readonly UpdateLogEntry[], reviews: readonly Review[]): ReviewIndex {
  const latest = new Map<string, Review>();
  for (const review of reviews) {
    const current = latest.get(review.actionId);
    // On the same instant the review recorded later in the file wins, as a stable sort by time would have it.
    if (current === undefined || Date.parse(review.at) >= Date.parse(current.at)) latest.set(review.actionId, review);
  }
  // Times may carry different offsets, so they are compared as instants, not as text.
  const upTo = new Map([...latest].map(([actionId, review]) => [actionId, Date.parse(review.upTo)]));
  const unreviewed = new Map<string, UpdateLogEntry[]>();
  for (const entry of log) {
    const reviewedUpTo = upTo.get(entry.actionId);
    if (reviewedUpTo !== undefined && !(Date.parse(entry.at) > reviewedUpTo)) continue;
    const list = unreviewed.get(entry.actionId);
    if (list) list.push(entry);
    else unreviewed.set(entry.actionId, [entry]);
  }
  return { latest, unreviewed };
}

function indexOf(doc: PlanDocument): ReviewIndex {
  let byReviews = indexes.get(doc.updateLog);
  if (!byReviews) indexes.set(doc.updateLog, (byReviews = new WeakMap()));
  let index = byReviews.get(doc.reviews);
  if (!index) byReviews.set(doc.reviews, (index = buildIndex(doc.updateLog, doc.reviews)));
  return index;
}

/** Updates logged after the action's last review: what a manager still has to look at. */
export function unreviewedUpdates(doc: PlanDocument, actionId: string): UpdateLogEntry[] {
  // A copy, so a caller that sorts or trims its list cannot change the index the next caller reads.
  return [...(indexOf(doc).unreviewed.get(actionId) ?? [])];
}

export function latestReview(doc: PlanDocument, actionId: string): Review | null {
  return indexOf(doc).latest.get(actionId) ?? null;
}
