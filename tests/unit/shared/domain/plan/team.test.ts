import { describe, expect, it } from 'vitest';
import { sendBackToAnswer, teamActions, teamOf } from '../../../../../shared/domain/team';
import { recordReview } from '../../../../../shared/domain/planRecords';
import { updateAction } from '../../../../../shared/domain/operations';
import type { EditContext } from '../../../../../shared/domain/operations';
import type { PlanDocument } from '../../../../../shared/model/plan';
import { counterIds, makeDocument } from '../../../../support/fixtures';

/** Owen manages Nadia, who manages Bryony: Owen's team is both of them. */
function managedDocument(): PlanDocument {
  const doc = makeDocument();
  return {
    ...doc,
    people: doc.people.map((person) =>
      person.id === 'person-1'
        ? { ...person, managerId: 'person-2' }
        : person.id === 'person-3'
          ? { ...person, managerId: 'person-1' }
          : person,
    ),
  };
}

const at = (now: string, by = 'Owen Castell'): EditContext => ({
  now,
  by,
  byPersonId: 'person-2',
  newId: counterIds(),
});

describe('teamActions', () => {
  it('lists the open work of everyone in the manager’s team, in People order, as teamOf finds them', () => {
    const doc = managedDocument();
    const team = teamActions(doc, 'person-2', '2016-06-15');
    expect(team.map((member) => member.person.id)).toEqual(teamOf(doc, 'person-2').map((person) => person.id));
    expect(team.map(({ person, items }) => [person.name, items.map((item) => item.action.id)])).toEqual([
      ['Nadia Pemberton', ['action-1']],
      // Bryony's completed action is not work to review.
      ['Bryony Marsh', ['action-2']],
    ]);
  });

  it('leaves out the manager’s own work and is empty for someone who manages nobody', () => {
    const doc = managedDocument();
    expect(teamActions(doc, 'person-1', '2016-06-15').map((member) => member.person.name)).toEqual(['Bryony Marsh']);
    expect(teamActions(doc, 'person-3', '2016-06-15')).toEqual([]);
  });
});

describe('sendBackToAnswer', () => {
  it('is the latest send-back until the lead updates the action, then nothing', () => {
    const reviewed = recordReview(
      managedDocument(),
      { actionId: 'action-1', outcome: 'sent_back', comment: 'Say how many families.' },
      at('2016-06-10T09:00:00.000Z'),
    );
    expect(sendBackToAnswer(reviewed, 'action-1')).toMatchObject({
      by: 'Owen Castell',
      comment: 'Say how many families.',
    });
    expect(sendBackToAnswer(reviewed, 'action-2')).toBeNull();
    const answered = updateAction(
      reviewed,
      'action-1',
      { achievement: '27 families' },
      at('2016-06-11T09:00:00.000Z', 'Nadia Pemberton'),
    ).doc;
    expect(sendBackToAnswer(answered, 'action-1')).toBeNull();
  });

  it('is nothing once a later review marks the action reviewed', () => {
    const sentBack = recordReview(
      managedDocument(),
      { actionId: 'action-1', outcome: 'sent_back', comment: 'Say how many families.' },
      at('2016-06-10T09:00:00.000Z'),
    );
    const reviewed = recordReview(
      sentBack,
      { actionId: 'action-1', outcome: 'reviewed' },
      at('2016-06-12T09:00:00.000Z'),
    );
    expect(sendBackToAnswer(reviewed, 'action-1')).toBeNull();
  });
});
