import { describe, expect, it } from 'vitest';
import { applyDelta, diffPlan, planDeltaSchema } from '../../../../../shared/domain/delta';
import type { PlanDocument } from '../../../../../shared/model/plan';
import { makeDocument } from '../../../../support/fixtures';

const entry = (id: string) => ({
  id,
  changeId: id,
  actionId: 'action-1',
  actionNumber: '1',
  at: '2016-06-15T12:00:00.000Z',
  by: 'Ann',
  field: 'status',
  old: '"on_track"',
  new: '"complete"',
});

describe('diffPlan and applyDelta', () => {
  const before: PlanDocument = makeDocument();

  it('carries only the changed action and the appended log entries, and patches them in place', () => {
    const changed = { ...before.actions[1]!, status: 'complete' as const };
    const after: PlanDocument = {
      ...before,
      actions: before.actions.map((action, index) => (index === 1 ? changed : action)),
      updateLog: [...before.updateLog, entry('e-1')],
    };
    const delta = diffPlan(before, after, 1, 2);
    expect(delta).toEqual({
      from: 1,
      revision: 2,
      changed: {
        actions: { kind: 'patched', upserted: [changed], removedIds: [] },
        updateLog: { kind: 'appended', records: [entry('e-1')] },
      },
    });
    expect(planDeltaSchema.parse(delta)).toEqual(delta);
    const patched = applyDelta(before, delta);
    expect(patched).toEqual(after);
    // What the edit did not touch is the same object: patching costs what changed, not the plan's size.
    expect(patched.people).toBe(before.people);
    expect(patched.actions[0]).toBe(before.actions[0]);
  });

  it('removes deleted records and adds new ones at the end', () => {
    const added = { ...before.people[0]!, id: 'person-new', name: 'New Person' };
    const after: PlanDocument = {
      ...before,
      actions: before.actions.filter((action) => action.id !== 'action-2'),
      people: [...before.people, added],
    };
    const delta = diffPlan(before, after, 1, 2);
    expect(delta.changed.actions).toEqual({ kind: 'patched', upserted: [], removedIds: ['action-2'] });
    expect(delta.changed.people).toEqual({ kind: 'appended', records: [added] });
    expect(applyDelta(before, delta)).toEqual(after);
  });

  it('sends a reordered list whole, so the page keeps the order the file has', () => {
    const after: PlanDocument = { ...before, actions: [...before.actions].reverse() };
    const delta = diffPlan(before, after, 1, 2);
    expect(delta.changed.actions?.kind).toBe('replaced');
    expect(applyDelta(before, delta).actions.map((action) => action.id)).toEqual(
      after.actions.map((action) => action.id),
    );
  });

  it('sends the plan details and the matrix whole when they changed, and nothing for an edit that changed nothing', () => {
    const after: PlanDocument = { ...before, plan: { ...before.plan, title: 'New title' } };
    expect(diffPlan(before, after, 1, 2).changed).toEqual({ plan: after.plan });
    expect(diffPlan(before, before, 1, 1).changed).toEqual({});
  });

  it('refuses a delta whose records break their schema', () => {
    const bad = { ...before.actions[0]!, status: 'done' };
    const delta = { from: 1, revision: 2, changed: { actions: { kind: 'patched', upserted: [bad], removedIds: [] } } };
    expect(planDeltaSchema.safeParse(delta).success).toBe(false);
  });
});
