import type { PlanDocument } from '../model/plan';
import type { Review } from '../model/review';
import type { UpdateLogEntry } from '../model/updateLog';

function lastReview(reviews: readonly Review[], actionId: string): Review | null {
  return reviews.filter((review) => review.actionId === actionId).sort((a, b) => a.at.localeCompare(b.at)).at(-1) ?? null;
}

/** Updates logged after the action's last review: what a manager still has to look at. */
export function unreviewedUpdates(doc: PlanDocument, actionId: string): UpdateLogEntry[] {
  const review = lastReview(doc.reviews, actionId);
  return doc.updateLog.filter((entry) => entry.actionId === actionId && (review === null || entry.at > review.upTo));
}

export function latestReview(doc: PlanDocument, actionId: string): Review | null {
  return lastReview(doc.reviews, actionId);
}
