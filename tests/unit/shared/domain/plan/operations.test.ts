import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  createAction,
  deleteAction,
  recordAssessment,
  savePerson,
  setStepsDone,
  stepDrafts,
  updateAction,
  updatePlanInfo,
} from '../../../../../shared/domain/operations';
import { DomainError } from '../../../../../shared/domain/errors';
import { planDocumentSchema } from '../../../../../shared/model/plan';
import { FIXED_NOW, fixedContext, makeDocument } from '../../../../support/fixtures';

/** Runs `fn` and returns the DomainError it throws (failing the test if it throws anything else). */
function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError');
}

const LATER = '2016-07-01T08:30:00.000Z';

describe('createAction', () => {
  it('adds the action with a parsed timescale, new ids and a "created" log entry', () => {
    const doc = makeDocument();
    const ctx = fixedContext();
    const { doc: next, action } = createAction(
      doc,
      {
        number: ' 4 ',
        areaId: 'quality-assurance',
        description: 'Audit a sample of CAFs each quarter',
        timescaleText: '  End of May 16 ',
        leads: [{ name: 'Owen Castell', personId: 'person-2' }],
        nextSteps: [{ text: 'Draft the audit tool', timescaleText: 'Beg April 16' }],
      },
      ctx,
    );

    expect(action).toEqual({
      id: 'id-1',
      number: '4',
      areaId: 'quality-assurance',
      description: 'Audit a sample of CAFs each quarter',
      achievement: '',
      risks: '',
      boardComment: '',
      nextSteps: [
        {
          id: 'id-2',
          text: 'Draft the audit tool',
          leads: [],
          timescale: { text: 'Beg April 16', due: '2016-04-01' },
          done: false,
        },
      ],
      leads: [{ name: 'Owen Castell', personId: 'person-2' }],
      timescale: { text: 'End of May 16', due: '2016-05-31' },
      progressLevel: 1,
      status: 'not_started',
      targetLevel: null,
      createdAt: FIXED_NOW,
      updatedAt: FIXED_NOW,
    });
    expect(next.actions).toHaveLength(5);
    expect(next.actions[4]).toBe(action);
    expect(next.updateLog).toEqual([
      {
        id: 'id-3',
        changeId: 'id-3',
        actionId: 'id-1',
        actionNumber: '4',
        at: FIXED_NOW,
        by: 'Test User',
        field: 'created',
        old: 'null',
        new: JSON.stringify(action),
      },
    ]);
    expect(planDocumentSchema.safeParse(next).success).toBe(true);
  });

  it('leaves the given document unchanged', () => {
    const doc = makeDocument();
    createAction(doc, { number: '4', areaId: 'governance', description: 'x' }, fixedContext());
    expect(doc).toEqual(makeDocument());
  });

  it('refuses a number already used (case-insensitive) with a conflict on "number"', () => {
    const doc = makeDocument();
    const error = domainErrorOf(() =>
      createAction(doc, { number: '10', areaId: 'governance', description: 'x' }, fixedContext()),
    );
    expect(error.code).toBe('conflict');
    expect(error.field).toBe('number');
    expect(error.message).toContain('10');

    const withLetter = createAction(doc, { number: '5B', areaId: 'governance', description: 'x' }, fixedContext()).doc;
    expect(
      domainErrorOf(() =>
        createAction(withLetter, { number: '5b', areaId: 'governance', description: 'y' }, fixedContext()),
      ).code,
    ).toBe('conflict');
  });

  it('refuses an unknown area', () => {
    const error = domainErrorOf(() =>
      createAction(makeDocument(), { number: '4', areaId: 'finance', description: 'x' }, fixedContext()),
    );
    expect(error.code).toBe('invalid');
    expect(error.field).toBe('areaId');
    expect(error.message).toContain('finance');
  });

  it('refuses an invalid draft with a ZodError', () => {
    expect(() =>
      createAction(
        makeDocument(),
        { number: '4', areaId: 'governance', description: 'x', status: 'done' as never },
        fixedContext(),
      ),
    ).toThrow(ZodError);
  });
});

describe('updateAction', () => {
  it('logs one entry per changed field with old and new values as JSON, and moves updatedAt', () => {
    const doc = makeDocument();
    const ctx = fixedContext({ now: LATER, by: 'Bryony Marsh' });
    const { doc: next, action } = updateAction(
      doc,
      'action-2',
      { status: 'off_track', description: 'Sufficiency of the 2 year old offer', progressLevel: 3 },
      ctx,
    );
    expect(action.status).toBe('off_track');
    expect(action.description).toBe('Sufficiency of the 2 year old offer');
    expect(action.updatedAt).toBe(LATER);
    expect(action.createdAt).toBe(doc.actions[1]!.createdAt);
    expect(next.actions[1]).toBe(action);
    expect(next.updateLog).toEqual([
      {
        id: 'id-1',
        changeId: 'id-1',
        actionId: 'action-2',
        actionNumber: '2',
        at: LATER,
        by: 'Bryony Marsh',
        field: 'description',
        old: JSON.stringify('Sufficiency and Quality Assurance of the 2/3/4 year old offer'),
        new: JSON.stringify('Sufficiency of the 2 year old offer'),
      },
      {
        id: 'id-2',
        changeId: 'id-1',
        actionId: 'action-2',
        actionNumber: '2',
        at: LATER,
        by: 'Bryony Marsh',
        field: 'status',
        old: '"at_risk"',
        new: '"off_track"',
      },
    ]);
    expect(planDocumentSchema.safeParse(next).success).toBe(true);
  });

  it('logs a timescale change with the parsed dates', () => {
    const { doc: next, action } = updateAction(
      makeDocument(),
      'action-1',
      { timescaleText: 'Autumn 16' },
      fixedContext(),
    );
    expect(action.timescale).toEqual({ text: 'Autumn 16', due: '2016-11-30' });
    expect(next.updateLog).toHaveLength(1);
    expect(next.updateLog[0]!.field).toBe('timescale');
    expect(JSON.parse(next.updateLog[0]!.old)).toEqual({ text: 'June 2016', due: '2016-06-30' });
    expect(JSON.parse(next.updateLog[0]!.new)).toEqual({ text: 'Autumn 16', due: '2016-11-30' });
  });

  it('logs a number change under the new number', () => {
    const { doc: next } = updateAction(makeDocument(), 'action-3', { number: '11' }, fixedContext());
    expect(next.updateLog[0]).toMatchObject({ field: 'number', actionNumber: '11', old: '"10"', new: '"11"' });
  });

  it('returns the same document, with no log entry, when nothing really changes', () => {
    const doc = makeDocument();
    const ctx = fixedContext({ now: LATER });
    const result = updateAction(
      doc,
      'action-1',
      {
        status: 'on_track',
        timescaleText: ' June 2016 ',
        progressLevel: 3,
        leads: [{ name: 'Nadia Pemberton', personId: 'person-1' }],
      },
      ctx,
    );
    expect(result.doc).toBe(doc);
    expect(result.action).toBe(doc.actions[0]);
    expect(result.action.updatedAt).toBe('2016-01-04T09:00:00.000Z');
    expect(ctx.issued()).toBe(0);
  });

  it('returns the same document for an empty change', () => {
    const doc = makeDocument();
    expect(updateAction(doc, 'action-1', {}, fixedContext()).doc).toBe(doc);
  });

  it("lets an action keep its own number but refuses another action's", () => {
    const doc = makeDocument();
    expect(updateAction(doc, 'action-1', { number: '1' }, fixedContext()).doc).toBe(doc);
    const error = domainErrorOf(() => updateAction(doc, 'action-1', { number: '2' }, fixedContext()));
    expect(error.code).toBe('conflict');
    expect(error.field).toBe('number');
  });

  it('refuses an unknown area and an unknown action', () => {
    expect(
      domainErrorOf(() => updateAction(makeDocument(), 'action-1', { areaId: 'finance' }, fixedContext())).code,
    ).toBe('invalid');
    const missing = domainErrorOf(() => updateAction(makeDocument(), 'nope', { status: 'complete' }, fixedContext()));
    expect(missing.code).toBe('not_found');
    expect(missing.message).toContain('nope');
  });

  it('refuses an unknown key (strict changes)', () => {
    expect(() => updateAction(makeDocument(), 'action-1', { colour: 'red' } as never, fixedContext())).toThrow(
      ZodError,
    );
  });

  it('leaves the given document unchanged', () => {
    const doc = makeDocument();
    updateAction(doc, 'action-1', { status: 'complete' }, fixedContext());
    expect(doc).toEqual(makeDocument());
  });
});

describe('deleteAction', () => {
  it('removes the action and logs "deleted" with the old action', () => {
    const doc = makeDocument();
    const next = deleteAction(doc, 'action-3', fixedContext());
    expect(next.actions.map((action) => action.id)).toEqual(['action-1', 'action-2', 'action-4']);
    expect(next.updateLog).toEqual([
      {
        id: 'id-1',
        changeId: 'id-1',
        actionId: 'action-3',
        actionNumber: '10',
        at: FIXED_NOW,
        by: 'Test User',
        field: 'deleted',
        old: JSON.stringify(doc.actions[2]),
        new: 'null',
      },
    ]);
    expect(doc.actions).toHaveLength(4);
  });

  it('refuses an unknown id', () => {
    expect(domainErrorOf(() => deleteAction(makeDocument(), 'nope', fixedContext())).code).toBe('not_found');
  });
});

describe('next steps', () => {
  it('a step added through updateAction gets a new id and a parsed timescale, keeping the others', () => {
    const doc = makeDocument();
    const added = { text: 'Prepare the 3rd claim', timescaleText: '21st July 2016', leads: [{ name: 'Owen Castell' }] };
    const { doc: next, action } = updateAction(
      doc,
      'action-1',
      { nextSteps: [...stepDrafts(doc.actions[0]!), added] },
      fixedContext({ now: LATER }),
    );
    expect(action.nextSteps.map((step) => step.id)).toEqual(['step-1', 'step-2', 'id-1']);
    expect(action.nextSteps[0]).toEqual(doc.actions[0]!.nextSteps[0]);
    expect(action.nextSteps[2]).toEqual({
      id: 'id-1',
      text: 'Prepare the 3rd claim',
      leads: [{ name: 'Owen Castell' }],
      timescale: { text: '21st July 2016', due: '2016-07-21' },
      done: false,
    });
    expect(action.updatedAt).toBe(LATER);
    expect(next.updateLog).toHaveLength(1);
    expect(next.updateLog[0]!.field).toBe('nextSteps');
    expect(JSON.parse(next.updateLog[0]!.old)).toHaveLength(2);
    expect(JSON.parse(next.updateLog[0]!.new)).toHaveLength(3);
  });

  it('setStepsDone marks one step and logs it', () => {
    const { doc: next, action } = setStepsDone(makeDocument(), 'action-1', ['step-1'], true, fixedContext());
    expect(action.nextSteps.map((step) => step.done)).toEqual([true, false]);
    expect(action.nextSteps[0]!.timescale).toEqual({ text: 'End of May 16', due: '2016-05-31' });
    expect(next.updateLog.map((entry) => entry.field)).toEqual(['nextSteps']);
  });

  it('setStepsDone to the value it already has changes nothing', () => {
    const doc = makeDocument();
    expect(setStepsDone(doc, 'action-1', ['step-1'], false, fixedContext()).doc).toBe(doc);
  });

  it('setStepsDone refuses an unknown step', () => {
    const error = domainErrorOf(() => setStepsDone(makeDocument(), 'action-1', ['step-3'], true, fixedContext()));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('step-3');
  });

  it('a step left out of updateAction is removed, and only that step', () => {
    const doc = makeDocument();
    const kept = stepDrafts(doc.actions[0]!).filter((step) => step.id !== 'step-1');
    const { doc: next, action } = updateAction(doc, 'action-1', { nextSteps: kept }, fixedContext());
    expect(action.nextSteps.map((step) => step.id)).toEqual(['step-2']);
    expect(next.updateLog.map((entry) => entry.field)).toEqual(['nextSteps']);
    expect(planDocumentSchema.safeParse(next).success).toBe(true);
  });
});

describe('recordAssessment', () => {
  it('appends an assessment with a new id and recordedAt = now', () => {
    const doc = makeDocument();
    const { doc: next, assessment } = recordAssessment(
      doc,
      { areaId: 'governance', level: 2, date: '2016-06-01', assessedBy: 'Early Help Board' },
      fixedContext(),
    );
    expect(assessment).toEqual({
      id: 'id-1',
      areaId: 'governance',
      level: 2,
      date: '2016-06-01',
      evidence: '',
      assessedBy: 'Early Help Board',
      recordedAt: FIXED_NOW,
    });
    expect(next.assessments).toEqual([...doc.assessments, assessment]);
  });

  it('never overwrites: a second assessment for the same area and date is kept too', () => {
    const ctx = fixedContext();
    const draft = { areaId: 'service-delivery', level: 4, date: '2016-04-01', assessedBy: 'Board' };
    const once = recordAssessment(makeDocument(), draft, ctx).doc;
    const twice = recordAssessment(once, { ...draft, level: 2 }, ctx).doc;
    const sameDay = twice.assessments.filter((a) => a.areaId === 'service-delivery' && a.date === '2016-04-01');
    expect(sameDay.map((a) => a.level)).toEqual([3, 4, 2]);
    expect(twice.assessments).toHaveLength(5);
  });

  it('refuses an unknown area and an invalid level', () => {
    expect(
      domainErrorOf(() =>
        recordAssessment(
          makeDocument(),
          { areaId: 'finance', level: 2, date: '2016-06-01', assessedBy: 'Board' },
          fixedContext(),
        ),
      ).code,
    ).toBe('invalid');
    expect(() =>
      recordAssessment(
        makeDocument(),
        { areaId: 'governance', level: 5, date: '2016-06-01', assessedBy: 'Board' },
        fixedContext(),
      ),
    ).toThrow(ZodError);
  });
});

describe('savePerson', () => {
  it('adds a new person with a new id', () => {
    const { doc: next, person } = savePerson(
      makeDocument(),
      { name: 'Idris Fenwick', role: 'Team Leader' },
      fixedContext(),
    );
    expect(person).toEqual({ id: 'id-1', name: 'Idris Fenwick', role: 'Team Leader', organisation: '' });
    expect(next.people).toHaveLength(4);
    expect(next.people[3]).toEqual(person);
  });

  it('refuses a duplicate name, whatever its case', () => {
    const error = domainErrorOf(() => savePerson(makeDocument(), { name: 'owen castell' }, fixedContext()));
    expect(error.code).toBe('conflict');
    expect(error.field).toBe('name');
  });

  it('updates an existing person in place, keeping their own name', () => {
    const { doc: next } = savePerson(
      makeDocument(),
      { id: 'person-2', name: 'Owen Castell', role: 'Head of Performance', organisation: 'City Council' },
      fixedContext(),
    );
    expect(next.people[1]).toEqual({
      id: 'person-2',
      name: 'Owen Castell',
      role: 'Head of Performance',
      organisation: 'City Council',
    });
    expect(next.people).toHaveLength(3);
  });

  it("refuses to rename a person to another person's name", () => {
    expect(
      domainErrorOf(() => savePerson(makeDocument(), { id: 'person-2', name: 'Bryony Marsh' }, fixedContext())).code,
    ).toBe('conflict');
  });

  it('refuses an unknown id', () => {
    expect(
      domainErrorOf(() => savePerson(makeDocument(), { id: 'person-9', name: 'Nobody' }, fixedContext())).code,
    ).toBe('not_found');
  });
});

describe('updatePlanInfo', () => {
  it('applies valid changes', () => {
    const next = updatePlanInfo(makeDocument(), { title: 'Early Help Plan', nextBoardDate: '2016-09-14' });
    expect(next.plan).toEqual({ ...makeDocument().plan, title: 'Early Help Plan', nextBoardDate: '2016-09-14' });
  });

  it('refuses periodEnd before periodStart, naming periodEnd', () => {
    const error = domainErrorOf(() => updatePlanInfo(makeDocument(), { periodEnd: '2015-01-01' }));
    expect(error.code).toBe('invalid');
    expect(error.field).toBe('periodEnd');
    expect(error.message).toBe('Plan periodEnd must not be before the period start.');
  });

  it('refuses a periodStart after the existing periodEnd', () => {
    expect(domainErrorOf(() => updatePlanInfo(makeDocument(), { periodStart: '2019-01-01' })).field).toBe('periodEnd');
  });

  it('refuses a badly written date with a ZodError', () => {
    expect(() => updatePlanInfo(makeDocument(), { periodEnd: '31/03/2018' })).toThrow(ZodError);
  });
});

describe('next-step ids', () => {
  // A step draft may carry an id: updateAction must not give one action two steps with the same id.
  it('updateAction never leaves two steps of one action with the same id', () => {
    const doc = makeDocument();
    let next;
    try {
      const steps = [...stepDrafts(doc.actions[0]!), { id: 'step-1', text: 'A copy' }];
      next = updateAction(doc, 'action-1', { nextSteps: steps }, fixedContext()).action;
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      return;
    }
    const ids = next.nextSteps.map((step) => step.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("the plan's financial year", () => {
  it("reads quarters and years in the plan's own financial year", () => {
    const doc = makeDocument();
    const september = { ...doc, plan: { ...doc.plan, yearStartMonth: 9 } };
    const { action } = updateAction(september, 'action-1', { timescaleText: 'Q1 2026/27' }, fixedContext());
    expect(action.timescale).toEqual({ text: 'Q1 2026/27', due: '2026-11-30' });
  });

  it('reads every open due date again when the first month of the year changes', () => {
    const { doc } = updateAction(
      makeDocument(),
      'action-1',
      { timescaleText: '2026/27', nextSteps: [{ text: 'Pilot', leads: [], timescaleText: 'Q2 26/27' }] },
      fixedContext(),
    );
    const next = updatePlanInfo(doc, { yearStartMonth: 1 });
    const action = next.actions.find((candidate) => candidate.id === 'action-1')!;
    expect(action.timescale).toEqual({ text: '2026/27', due: '2026-12-31' });
    expect(action.nextSteps[0]!.timescale).toEqual({ text: 'Q2 26/27', due: '2026-06-30' });
    expect(next.plan.yearStartMonth).toBe(1);
  });
});
