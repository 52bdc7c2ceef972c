import { describe, expect, it } from 'vitest';
import { NO_LEAD, actionsBeforeBoard } from '../../../../../shared/domain/beforeBoard';
import {
  countNeedingUpdate,
  hasNewStep,
  newStepLeads,
  quickUpdateChanges,
} from '../../../../../shared/domain/quickUpdate';
import type { QuickUpdate } from '../../../../../shared/domain/quickUpdate';
import { actionChangesSchema } from '../../../../../shared/model/drafts';
import { FIXED_TODAY, makeAction, makeDocument, makeNextStep } from '../../../../support/fixtures';

const blankStep = { text: '', timescaleText: '', leads: [] };

function update(overrides: Partial<QuickUpdate>, action = makeAction()): QuickUpdate {
  return { achievement: action.achievement, status: action.status, doneStepIds: [], newStep: blankStep, ...overrides };
}

describe('countNeedingUpdate', () => {
  it('counts each action needing an update once, however many leads list it', () => {
    const doc = makeDocument();
    doc.actions = [
      makeAction({
        id: 'two-leads',
        leads: [{ name: 'Ann' }, { name: 'Bob' }],
        timescale: { text: 'May 16', due: '2016-05-31' },
      }),
      makeAction({ id: 'done', status: 'complete', timescale: { text: 'May 16', due: '2016-05-31' } }),
      makeAction({ id: 'later', timescale: { text: 'Dec 16', due: '2016-12-31' } }),
    ];
    const listed = actionsBeforeBoard(doc, FIXED_TODAY).flatMap((group) => group.items);
    expect(listed).toHaveLength(2);
    expect(countNeedingUpdate(doc, FIXED_TODAY)).toBe(1);
  });
});

describe('newStepLeads', () => {
  it('gives a step added under a lead to that lead, linked to People, and none under "No lead named"', () => {
    const doc = makeDocument();
    const person = doc.people[0]!;
    expect(newStepLeads(doc, person.name)).toEqual([{ name: person.name, personId: person.id }]);
    expect(newStepLeads(doc, NO_LEAD)).toEqual([]);
  });
});

describe('quickUpdateChanges', () => {
  const action = makeAction({
    achievement: 'Draft written',
    status: 'on_track',
    nextSteps: [
      makeNextStep({ id: 'open', text: 'Consult partners', timescale: { text: 'July 16', due: '2016-07-31' } }),
      makeNextStep({ id: 'closed', text: 'Write the draft', done: true }),
    ],
  });

  it('is empty when nothing was changed', () => {
    expect(quickUpdateChanges(action, update({}, action))).toEqual({});
  });

  it('sends only the fields that differ', () => {
    expect(quickUpdateChanges(action, update({ achievement: 'Draft agreed', status: 'on_track' }, action))).toEqual({
      achievement: 'Draft agreed',
    });
    expect(quickUpdateChanges(action, update({ status: 'at_risk' }, action))).toEqual({ status: 'at_risk' });
  });

  it('marks ticked open steps done and keeps every other step as it was', () => {
    const changes = quickUpdateChanges(action, update({ doneStepIds: ['open', 'closed', 'elsewhere'] }, action));
    expect(changes).toEqual({
      nextSteps: [
        { id: 'open', text: 'Consult partners', leads: [], timescaleText: 'July 16', done: true },
        { id: 'closed', text: 'Write the draft', leads: [], timescaleText: '', done: true },
      ],
    });
    expect(actionChangesSchema.safeParse(changes).success).toBe(true);
  });

  it('adds a new step last when its text or its timescale is filled in, and ignores a blank one', () => {
    const step = { text: 'Report to the board', timescaleText: 'Sept 16', leads: [{ name: 'Ann' }] };
    expect(quickUpdateChanges(action, update({ newStep: step }, action)).nextSteps?.at(-1)).toEqual(step);
    expect(
      quickUpdateChanges(action, update({ newStep: { ...blankStep, timescaleText: 'Sept 16' } }, action)).nextSteps,
    ).toHaveLength(3);
    expect(
      quickUpdateChanges(action, update({ newStep: { text: '  ', timescaleText: ' ', leads: [] } }, action)),
    ).toEqual({});
  });

  it('hasNewStep reads a step with only spaces as blank', () => {
    expect(hasNewStep({ text: ' ', timescaleText: '' })).toBe(false);
    expect(hasNewStep({ text: '', timescaleText: 'March 27' })).toBe(true);
  });
});
