import { describe, expect, it } from 'vitest';
import { createAction, deleteAction, updateAction } from '../../../../../shared/domain/operations';
import { entriesOfChange, latestChangeId, replayChange } from '../../../../../shared/domain/undo';
import { DomainError } from '../../../../../shared/domain/errors';
import { planDocumentSchema } from '../../../../../shared/model/plan';
import type { PlanDocument } from '../../../../../shared/model/plan';
import type { UpdateLogEntry } from '../../../../../shared/model/updateLog';
import { FIXED_NOW, fixedContext, makeDocument } from '../../../../support/fixtures';

const LATER = '2016-06-20T09:00:00.000Z';
const LATEST = '2016-06-21T16:45:00.000Z';

function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError');
}

function actionOf(doc: PlanDocument, id: string) {
  return doc.actions.find((action) => action.id === id);
}

/** The log entries the most recent edit wrote. */
function lastChange(doc: PlanDocument): UpdateLogEntry[] {
  return entriesOfChange(doc, latestChangeId(doc)!);
}

/** Action 1 (id action-1, "on_track") given a new status and description in one edit. */
function editedDocument() {
  const original = makeDocument();
  const { doc } = updateAction(
    original,
    'action-1',
    { status: 'off_track', description: 'Implement Strengthening Families Phase 2 (revised)' },
    fixedContext({ idPrefix: 'edit', by: 'Owen Castell' }),
  );
  return { original, doc, changeId: latestChangeId(doc)! };
}

describe('entriesOfChange and latestChangeId', () => {
  it('groups the entries one edit wrote under the id of its first entry', () => {
    const { doc, changeId } = editedDocument();
    expect(changeId).toBe('edit-1');
    const entries = entriesOfChange(doc, changeId);
    expect(entries.map((entry) => entry.field)).toEqual(['description', 'status']);
    expect(entries.every((entry) => entry.changeId === 'edit-1')).toBe(true);
  });

  it('treats an entry written before change ids existed as a change of its own', () => {
    const doc = makeDocument();
    const legacy: UpdateLogEntry = {
      id: 'legacy-1',
      actionId: 'action-2',
      actionNumber: '2',
      at: '2016-05-01T10:00:00.000Z',
      by: 'Bryony Marsh',
      field: 'status',
      old: '"on_track"',
      new: '"at_risk"',
    };
    doc.updateLog = [legacy];
    expect(latestChangeId(doc)).toBe('legacy-1');
    expect(entriesOfChange(doc, 'legacy-1')).toEqual([legacy]);
  });

  it('has no latest change on an empty log', () => {
    expect(latestChangeId(makeDocument())).toBeNull();
  });
});

describe('replayChange: undo and redo of an update', () => {
  it('undo puts every changed field back and logs the reversal as a new change', () => {
    const { original, doc, changeId } = editedDocument();
    const ctx = fixedContext({ now: LATER, by: 'Nadia Pemberton', idPrefix: 'undo' });
    const undone = replayChange(doc, changeId, 'undo', ctx);

    const action = actionOf(undone, 'action-1')!;
    expect(action.status).toBe('on_track');
    expect(action.description).toBe('Implement Strengthening Families Phase 2');
    expect(action.updatedAt).toBe(LATER);
    // Everything except updatedAt is as it was before the edit.
    expect({ ...action, updatedAt: null }).toEqual({ ...actionOf(original, 'action-1')!, updatedAt: null });

    const reversal = lastChange(undone);
    expect(reversal).toHaveLength(2);
    expect(
      reversal.map(({ field, old, new: value, by, at, actionNumber, changeId: id }) => ({
        field,
        old,
        value,
        by,
        at,
        actionNumber,
        id,
      })),
    ).toEqual([
      {
        field: 'description',
        old: '"Implement Strengthening Families Phase 2 (revised)"',
        value: '"Implement Strengthening Families Phase 2"',
        by: 'Nadia Pemberton',
        at: LATER,
        actionNumber: '1',
        id: 'undo-1',
      },
      {
        field: 'status',
        old: '"off_track"',
        value: '"on_track"',
        by: 'Nadia Pemberton',
        at: LATER,
        actionNumber: '1',
        id: 'undo-1',
      },
    ]);
    // The original edit stays in the log: undo adds to the record, it never rewrites it.
    expect(undone.updateLog).toHaveLength(4);
    expect(undone.updateLog.slice(0, 2)).toEqual(doc.updateLog);
    expect(planDocumentSchema.safeParse(undone).success).toBe(true);
  });

  it('redo of the same change applies its new values again', () => {
    const { doc, changeId } = editedDocument();
    const undone = replayChange(doc, changeId, 'undo', fixedContext({ now: LATER, idPrefix: 'undo' }));
    const redone = replayChange(undone, changeId, 'redo', fixedContext({ now: LATEST, idPrefix: 'redo' }));
    const action = actionOf(redone, 'action-1')!;
    expect(action.status).toBe('off_track');
    expect(action.description).toBe('Implement Strengthening Families Phase 2 (revised)');
    expect(action.updatedAt).toBe(LATEST);
    expect(lastChange(redone).map((entry) => [entry.field, entry.old, entry.new])).toEqual([
      [
        'description',
        '"Implement Strengthening Families Phase 2"',
        '"Implement Strengthening Families Phase 2 (revised)"',
      ],
      ['status', '"on_track"', '"off_track"'],
    ]);
  });

  it('undo of the reversal (what the handlers push on the redo stack) also re-applies the edit', () => {
    const { doc, changeId } = editedDocument();
    const undone = replayChange(doc, changeId, 'undo', fixedContext({ now: LATER, idPrefix: 'undo' }));
    const redone = replayChange(
      undone,
      latestChangeId(undone)!,
      'undo',
      fixedContext({ now: LATEST, idPrefix: 'again' }),
    );
    expect(actionOf(redone, 'action-1')!.status).toBe('off_track');
  });

  it('restores a whole next-step list, including a step marked done', () => {
    const doc = makeDocument();
    const before = actionOf(doc, 'action-1')!.nextSteps;
    const { doc: edited } = updateAction(
      doc,
      'action-1',
      {
        nextSteps: before.map((step) => ({
          id: step.id,
          text: step.text,
          leads: step.leads,
          timescaleText: step.timescale.text,
          done: step.id === 'step-1',
        })),
      },
      fixedContext({ idPrefix: 'edit' }),
    );
    expect(actionOf(edited, 'action-1')!.nextSteps[0]!.done).toBe(true);
    const undone = replayChange(
      edited,
      latestChangeId(edited)!,
      'undo',
      fixedContext({ now: LATER, idPrefix: 'undo' }),
    );
    expect(actionOf(undone, 'action-1')!.nextSteps).toEqual(before);
  });

  it('refuses to undo an edit to an action deleted since', () => {
    const { doc, changeId } = editedDocument();
    const deleted = deleteAction(doc, 'action-1', fixedContext({ idPrefix: 'del' }));
    const error = domainErrorOf(() => replayChange(deleted, changeId, 'undo', fixedContext({ now: LATER })));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('Action 1 has been deleted since that change.');
  });

  it('refuses to undo a renumbering when the old number has been reused', () => {
    const doc = makeDocument();
    const { doc: renumbered } = updateAction(doc, 'action-2', { number: '20' }, fixedContext({ idPrefix: 'renumber' }));
    const changeId = latestChangeId(renumbered)!;
    const { doc: reused } = createAction(
      renumbered,
      { number: '2', areaId: 'governance', description: 'A new action 2' },
      fixedContext({ idPrefix: 'new' }),
    );
    const error = domainErrorOf(() => replayChange(reused, changeId, 'undo', fixedContext({ now: LATER })));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('Action number 2 has since been used by another action.');
    expect(actionOf(reused, 'action-2')!.number).toBe('20');
  });

  it('reports a change id that is not in the log', () => {
    const error = domainErrorOf(() => replayChange(makeDocument(), 'missing', 'undo', fixedContext()));
    expect(error.code).toBe('not_found');
  });
});

describe('replayChange: undo and redo of creating and deleting', () => {
  function created() {
    const { doc, action } = createAction(
      makeDocument(),
      {
        number: '4',
        areaId: 'quality-assurance',
        description: 'Audit a sample of CAFs each quarter',
        timescaleText: 'March 17',
      },
      fixedContext({ idPrefix: 'new' }),
    );
    return { doc, action, changeId: latestChangeId(doc)! };
  }

  it('undo of a create deletes the action and logs the deletion', () => {
    const { doc, action, changeId } = created();
    const undone = replayChange(doc, changeId, 'undo', fixedContext({ now: LATER, idPrefix: 'undo' }));
    expect(undone.actions.map((candidate) => candidate.id)).toEqual(['action-1', 'action-2', 'action-3', 'action-4']);
    const [entry, ...rest] = lastChange(undone);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      field: 'deleted',
      actionId: action.id,
      actionNumber: '4',
      at: LATER,
      new: 'null',
      changeId: 'undo-1',
    });
    expect(JSON.parse(entry!.old)).toEqual(action);
  });

  it('redo of that create brings the same action back', () => {
    const { doc, action, changeId } = created();
    const undone = replayChange(doc, changeId, 'undo', fixedContext({ now: LATER, idPrefix: 'undo' }));
    const redone = replayChange(undone, changeId, 'redo', fixedContext({ now: LATEST, idPrefix: 'redo' }));
    expect(actionOf(redone, action.id)).toEqual(action);
    expect(lastChange(redone).map((entry) => entry.field)).toEqual(['created']);
  });

  it('undo of a delete revives the action exactly as it was', () => {
    const original = makeDocument();
    const deleted = deleteAction(original, 'action-2', fixedContext({ idPrefix: 'del' }));
    expect(actionOf(deleted, 'action-2')).toBeUndefined();
    const undone = replayChange(
      deleted,
      latestChangeId(deleted)!,
      'undo',
      fixedContext({ now: LATER, idPrefix: 'undo' }),
    );
    expect(actionOf(undone, 'action-2')).toEqual(actionOf(original, 'action-2'));
    const [entry] = lastChange(undone);
    expect(entry).toMatchObject({ field: 'created', actionId: 'action-2', old: 'null', at: LATER });
    expect(planDocumentSchema.safeParse(undone).success).toBe(true);
  });

  it('refuses to revive a deleted action whose number has been reused', () => {
    const deleted = deleteAction(makeDocument(), 'action-2', fixedContext({ idPrefix: 'del' }));
    const changeId = latestChangeId(deleted)!;
    const { doc: reused } = createAction(
      deleted,
      { number: '2', areaId: 'service-delivery', description: 'Another action numbered 2' },
      fixedContext({ idPrefix: 'new' }),
    );
    const error = domainErrorOf(() => replayChange(reused, changeId, 'undo', fixedContext({ now: LATER })));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('Action number 2 has since been used by another action.');
    expect(reused.actions.filter((action) => action.number === '2')).toHaveLength(1);
  });

  it('refuses to undo a create when the action has already been deleted', () => {
    const { doc, action, changeId } = created();
    const deleted = deleteAction(doc, action.id, fixedContext({ idPrefix: 'del' }));
    const error = domainErrorOf(() => replayChange(deleted, changeId, 'undo', fixedContext({ now: LATER })));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('Action 4 has already been deleted.');
  });

  it('refuses to redo a create while the action still exists', () => {
    const { doc, changeId } = created();
    const error = domainErrorOf(() => replayChange(doc, changeId, 'redo', fixedContext({ now: LATER })));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('Action 4 already exists.');
  });
});

describe('replayChange keeps the edit context it is given', () => {
  it('stamps the reversal with the context time, not the original time', () => {
    const { doc, changeId } = editedDocument();
    expect(doc.updateLog[0]!.at).toBe(FIXED_NOW);
    const undone = replayChange(doc, changeId, 'undo', fixedContext({ now: LATER }));
    expect(undone.updateLog.at(-1)!.at).toBe(LATER);
  });
});
