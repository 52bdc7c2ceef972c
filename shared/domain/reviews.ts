import type { PlanDocument } from '../model/plan';
import type { Review } from '../model/review';
import type { UpdateLogEntry } from '../model/updateLog';

interface ReviewIndex {
  latest: Map<string, Review>;
  unreviewed: Map<string, UpdateLogEntry[]>;
  /** How many of each action's unreviewed updates were logged after a moment, by that moment: a paper asks once. */
  countsSince: Map<string | null, ReadonlyMap<string, number>>;
}

/** A time as the app writes it (UTC, to the millisecond): two of these order as text, without parsing either. */
const CANONICAL_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/**
 * Whether `time` is a later instant than `than`. Times may carry different offsets, so any other form is compared
 * as an instant; parsing every entry of years of log made the index the slowest step of opening a view.
 */
function isAfter(time: string, than: string): boolean {
  if (CANONICAL_TIME.test(time) && CANONICAL_TIME.test(than)) return time > than;
  return Date.parse(time) > Date.parse(than);
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
    if (current === undefined || !isAfter(current.at, review.at)) latest.set(review.actionId, review);
  }
  const unreviewed = new Map<string, UpdateLogEntry[]>();
  for (const entry of log) {
    const review = latest.get(entry.actionId);
    if (review !== undefined && !isAfter(entry.at, review.upTo)) continue;
    const list = unreviewed.get(entry.actionId);
    if (list) list.push(entry);
    else unreviewed.set(entry.actionId, [entry]);
  }
  return { latest, unreviewed, countsSince: new Map() };
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

/**
 * For each action with any, how many of its unreviewed updates were logged after `since` (all of them when
 * `since` is null): what a paper reports, counted once for the whole plan rather than by copying each action's list.
 */
export function unreviewedCountsSince(doc: PlanDocument, since: string | null): ReadonlyMap<string, number> {
  const index = indexOf(doc);
  const known = index.countsSince.get(since);
  if (known) return known;
  const counts = new Map<string, number>();
  for (const [actionId, entries] of index.unreviewed) {
    const count = since === null ? entries.length : entries.filter((entry) => isAfter(entry.at, since)).length;
    if (count > 0) counts.set(actionId, count);
  }
  index.countsSince.set(since, counts);
  return counts;
}
