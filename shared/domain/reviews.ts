import type { PlanDocument } from '../model/plan';
import type { Review } from '../model/review';
import type { UpdateLogEntry } from '../model/updateLog';

function lastReview(reviews: readonly Review[], actionId: string): Review | null {
  return reviews.filter((review) => review.actionId === actionId).sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).at(-1) ?? null;
}

/** Updates logged after the action's last review: what a manager still has to look at. */
export function unreviewedUpdates(doc: PlanDocument, actionId: string): UpdateLogEntry[] {
  const review = lastReview(doc.reviews, actionId);
  // Times may carry different offsets, so they are compared as instants, not as text.
  const upTo = review === null ? null : Date.parse(review.upTo);
  return doc.updateLog.filter((entry) => entry.actionId === actionId && (upTo === null || Date.parse(entry.at) > upTo));
}

export function latestReview(doc: PlanDocument, actionId: string): Review | null {
  return lastReview(doc.reviews, actionId);
}
