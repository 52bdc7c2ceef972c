import { describe, expect, it } from 'vitest';
import { latestReview, unreviewedUpdates } from '../../../../../shared/domain/reviews';
import { updateAction } from '../../../../../shared/domain/operations';
import { recordReview } from '../../../../../shared/domain/planRecords';
import type { PlanDocument } from '../../../../../shared/model/plan';
import type { Review } from '../../../../../shared/model/review';
import type { UpdateLogEntry } from '../../../../../shared/model/updateLog';
import { fixedContext, makeDocument } from '../../../../support/fixtures';

function entry(id: string, actionId: string, at: string, field = 'achievement'): UpdateLogEntry {
  return {
    id,
    changeId: id,
    actionId,
    actionNumber: actionId === 'action-1' ? '1' : '2',
    at,
    by: 'Nadia Pemberton',
    field,
    old: '""',
    new: '"x"',
  };
}

function review(overrides: Partial<Review> & Pick<Review, 'id' | 'at'>): Review {
  return {
    actionId: 'action-1',
    upTo: overrides.at,
    by: 'Marcus Manager',
    outcome: 'reviewed',
    comment: '',
    ...overrides,
  };
}

/** Action 1 updated in May, June and July; action 2 once in June. */
function loggedDocument(reviews: Review[] = []): PlanDocument {
  const doc = makeDocument();
  doc.updateLog = [
    entry('e-1', 'action-1', '2016-05-03T09:00:00.000Z'),
    entry('e-2', 'action-2', '2016-06-01T09:00:00.000Z'),
    entry('e-3', 'action-1', '2016-06-10T14:30:00.000Z', 'status'),
    entry('e-4', 'action-1', '2016-07-02T08:15:00.000Z', 'nextSteps'),
  ];
  doc.reviews = reviews;
  return doc;
}

const ids = (entries: UpdateLogEntry[]) => entries.map((candidate) => candidate.id);

describe('unreviewedUpdates', () => {
  it('is every update of the action while it has never been reviewed', () => {
    expect(ids(unreviewedUpdates(loggedDocument(), 'action-1'))).toEqual(['e-1', 'e-3', 'e-4']);
    expect(ids(unreviewedUpdates(loggedDocument(), 'action-2'))).toEqual(['e-2']);
  });

  it('is only the updates logged after the last review covered', () => {
    const doc = loggedDocument([review({ id: 'r-1', at: '2016-06-12T10:00:00.000Z' })]);
    expect(ids(unreviewedUpdates(doc, 'action-1'))).toEqual(['e-4']);
  });

  it('counts an update logged at the very moment the review covers as reviewed', () => {
    const doc = loggedDocument([
      review({ id: 'r-1', at: '2016-06-12T10:00:00.000Z', upTo: '2016-06-10T14:30:00.000Z' }),
    ]);
    expect(ids(unreviewedUpdates(doc, 'action-1'))).toEqual(['e-4']);
  });

  it('uses the latest review, even when it is stored before an older one', () => {
    const doc = loggedDocument([
      review({ id: 'r-2', at: '2016-07-05T10:00:00.000Z' }),
      review({ id: 'r-1', at: '2016-05-10T10:00:00.000Z' }),
    ]);
    expect(unreviewedUpdates(doc, 'action-1')).toEqual([]);
  });

  it('ignores reviews of other actions', () => {
    const doc = loggedDocument([review({ id: 'r-1', actionId: 'action-2', at: '2016-07-05T10:00:00.000Z' })]);
    expect(ids(unreviewedUpdates(doc, 'action-1'))).toEqual(['e-1', 'e-3', 'e-4']);
    expect(unreviewedUpdates(doc, 'action-2')).toEqual([]);
  });

  it('counts a sent-back review as covering the updates before it', () => {
    const doc = loggedDocument([
      review({
        id: 'r-1',
        at: '2016-06-20T10:00:00.000Z',
        outcome: 'sent_back',
        comment: 'Say what the claim achieved',
      }),
    ]);
    expect(ids(unreviewedUpdates(doc, 'action-1'))).toEqual(['e-4']);
  });

  it('sees a new update written after a review recorded through recordReview', () => {
    const reviewed = recordReview(
      loggedDocument(),
      { actionId: 'action-1', outcome: 'reviewed' },
      fixedContext({ now: '2016-07-03T12:00:00.000Z' }),
    );
    expect(unreviewedUpdates(reviewed, 'action-1')).toEqual([]);
    const { doc: updated } = updateAction(
      reviewed,
      'action-1',
      { status: 'at_risk' },
      fixedContext({ now: '2016-07-04T09:00:00.000Z', idPrefix: 'upd' }),
    );
    expect(unreviewedUpdates(updated, 'action-1').map((candidate) => [candidate.field, candidate.new])).toEqual([
      ['status', '"at_risk"'],
    ]);
  });
});

describe('latestReview', () => {
  it('is null for an action never reviewed', () => {
    expect(latestReview(loggedDocument(), 'action-1')).toBeNull();
  });

  it('is the review made last for that action', () => {
    const doc = loggedDocument([
      review({ id: 'r-3', at: '2016-06-01T10:00:00.000Z' }),
      review({ id: 'r-4', at: '2016-06-30T10:00:00.000Z', outcome: 'sent_back', comment: 'Add dates' }),
      review({ id: 'r-5', actionId: 'action-2', at: '2016-07-30T10:00:00.000Z' }),
    ]);
    expect(latestReview(doc, 'action-1')).toMatchObject({ id: 'r-4', outcome: 'sent_back', comment: 'Add dates' });
    expect(latestReview(doc, 'action-2')?.id).toBe('r-5');
  });
});
