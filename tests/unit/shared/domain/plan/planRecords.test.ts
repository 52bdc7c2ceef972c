import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { addMeasureValue, deleteMeasure, recordReview, saveMeasure } from '../../../../../shared/domain/planRecords';
import { DomainError } from '../../../../../shared/domain/errors';
import type { MeasureDraft } from '../../../../../shared/model/drafts';
import type { PlanDocument } from '../../../../../shared/model/plan';
import { planDocumentSchema } from '../../../../../shared/model/plan';
import { fieldProblems } from '../../../../../shared/model/validationIssues';
import { fixedContext, makeDocument } from '../../../../support/fixtures';

const NOW = '2016-06-15T12:00:00.000Z';

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

function domainErrorOf(fn: () => unknown): DomainError {
  const error = thrownBy(fn);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

function zodProblemsOf(fn: () => unknown) {
  const error = thrownBy(fn);
  expect(error).toBeInstanceOf(ZodError);
  return fieldProblems(error as ZodError);
}

function contactsMeasure(overrides: Partial<MeasureDraft> = {}): MeasureDraft {
  return {
    name: '% contacts to social care',
    direction: 'minimise',
    unit: 'percent',
    target: 15,
    baseline: { date: '2015-03-31', value: 24 },
    areaIds: ['integrated-performance'],
    actionIds: ['action-1'],
    ...overrides,
  };
}

/** The fixture plan with one measure, id "id-1", and its document. */
function withMeasure(): PlanDocument {
  return saveMeasure(makeDocument(), contactsMeasure(), fixedContext());
}

describe('recordReview', () => {
  it('records a review covering every update up to now, by the editor', () => {
    const doc = recordReview(
      makeDocument(),
      { actionId: 'action-1', outcome: 'reviewed' },
      fixedContext({ by: 'Marcus Manager', idPrefix: 'rev' }),
    );
    expect(doc.reviews).toEqual([
      { id: 'rev-1', actionId: 'action-1', at: NOW, upTo: NOW, by: 'Marcus Manager', outcome: 'reviewed', comment: '' },
    ]);
    expect(planDocumentSchema.safeParse(doc).success).toBe(true);
  });

  it('refuses to send an update back without saying what needs changing', () => {
    for (const comment of [undefined, '', '   \n ']) {
      const problems = zodProblemsOf(() =>
        recordReview(
          makeDocument(),
          { actionId: 'action-1', outcome: 'sent_back', ...(comment === undefined ? {} : { comment }) },
          fixedContext(),
        ),
      );
      expect(problems, JSON.stringify(comment)).toMatchObject([
        { field: 'comment', reason: 'must say what needs changing when an update is sent back' },
      ]);
    }
  });

  it('sends an update back with its comment', () => {
    const doc = recordReview(
      makeDocument(),
      { actionId: 'action-2', outcome: 'sent_back', comment: 'Say how many places were audited' },
      fixedContext(),
    );
    expect(doc.reviews[0]).toMatchObject({
      actionId: 'action-2',
      outcome: 'sent_back',
      comment: 'Say how many places were audited',
    });
  });

  it('refuses a review of an action that does not exist', () => {
    const error = domainErrorOf(() =>
      recordReview(makeDocument(), { actionId: 'gone', outcome: 'reviewed' }, fixedContext()),
    );
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('No action has id "gone".');
  });

  it('leaves the document it was given unchanged', () => {
    const doc = makeDocument();
    recordReview(doc, { actionId: 'action-1', outcome: 'reviewed' }, fixedContext());
    expect(doc.reviews).toEqual([]);
  });
});

describe('saveMeasure', () => {
  it('adds a new measure with a fresh id and no values yet', () => {
    const doc = withMeasure();
    expect(doc.measures).toEqual([
      {
        id: 'id-1',
        name: '% contacts to social care',
        description: '',
        direction: 'minimise',
        unit: 'percent',
        target: 15,
        baseline: { date: '2015-03-31', value: 24 },
        values: [],
        areaIds: ['integrated-performance'],
        actionIds: ['action-1'],
      },
    ]);
    expect(planDocumentSchema.safeParse(doc).success).toBe(true);
  });

  it('refuses a measure linked to an area the matrix does not have', () => {
    const error = domainErrorOf(() =>
      saveMeasure(makeDocument(), contactsMeasure({ areaIds: ['governance', 'finance'] }), fixedContext()),
    );
    expect(error.code).toBe('invalid');
    expect(error.field).toBe('areaIds');
    expect(error.message).toBe('No matrix area has id "finance".');
  });

  it('refuses a measure linked to an action that does not exist', () => {
    const error = domainErrorOf(() =>
      saveMeasure(makeDocument(), contactsMeasure({ actionIds: ['action-1', 'action-9'] }), fixedContext()),
    );
    expect(error.code).toBe('invalid');
    expect(error.field).toBe('actionIds');
    expect(error.message).toBe('No action has id "action-9".');
  });

  it('refuses a measure without a name or with an unknown direction', () => {
    const problems = zodProblemsOf(() =>
      saveMeasure(makeDocument(), contactsMeasure({ name: '  ', direction: 'upwards' as 'maximise' }), fixedContext()),
    );
    expect(problems).toMatchObject([
      { field: 'name', reason: 'must not be empty' },
      { field: 'direction', reason: 'must be maximise or minimise' },
    ]);
  });

  it('edits an existing measure and keeps the values already recorded', () => {
    const withValue = addMeasureValue(
      withMeasure(),
      { measureId: 'id-1', date: '2016-03-31', value: 21 },
      fixedContext({ idPrefix: 'v' }),
    );
    const edited = saveMeasure(
      withValue,
      contactsMeasure({ id: 'id-1', target: 18, areaIds: [] }),
      fixedContext({ idPrefix: 'unused' }),
    );
    expect(edited.measures).toHaveLength(1);
    expect(edited.measures[0]).toMatchObject({
      id: 'id-1',
      target: 18,
      areaIds: [],
      values: [{ id: 'v-1', date: '2016-03-31', value: 21, note: '' }],
    });
  });

  it('refuses to edit a measure that does not exist', () => {
    const error = domainErrorOf(() =>
      saveMeasure(makeDocument(), contactsMeasure({ id: 'm-missing' }), fixedContext()),
    );
    expect(error.code).toBe('not_found');
  });
});

describe('addMeasureValue', () => {
  it('keeps the values in date order, each with its own id', () => {
    const ctx = fixedContext({ idPrefix: 'v' });
    let doc = withMeasure();
    doc = addMeasureValue(doc, { measureId: 'id-1', date: '2016-06-30', value: 19 }, ctx);
    doc = addMeasureValue(doc, { measureId: 'id-1', date: '2015-12-31', value: 23, note: 'Q3' }, ctx);
    doc = addMeasureValue(doc, { measureId: 'id-1', date: '2016-03-31', value: 21 }, ctx);
    expect(doc.measures[0]!.values).toEqual([
      { id: 'v-2', date: '2015-12-31', value: 23, note: 'Q3' },
      { id: 'v-3', date: '2016-03-31', value: 21, note: '' },
      { id: 'v-1', date: '2016-06-30', value: 19, note: '' },
    ]);
  });

  it('keeps one value per date: a second value on a date is refused, pointing to a correction', () => {
    const ctx = fixedContext({ idPrefix: 'v' });
    const doc = addMeasureValue(withMeasure(), { measureId: 'id-1', date: '2016-03-31', value: 21 }, ctx);
    const error = domainErrorOf(() =>
      addMeasureValue(doc, { measureId: 'id-1', date: '2016-03-31', value: 20.5 }, ctx),
    );
    expect(error.code).toBe('conflict');
    expect(error.field).toBe('date');
    expect(error.message).toBe(
      '“% contacts to social care” already has a figure for 31st March 2016 (21). To change it, correct that figure and give a reason.',
    );
  });

  it('refuses a value for a measure that does not exist', () => {
    const error = domainErrorOf(() =>
      addMeasureValue(withMeasure(), { measureId: 'm-missing', date: '2016-03-31', value: 1 }, fixedContext()),
    );
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('No measure has id "m-missing".');
  });

  it('refuses a value that is not a number or a date that is not a date', () => {
    expect(
      zodProblemsOf(() =>
        addMeasureValue(withMeasure(), { measureId: 'id-1', date: '2016-03-31', value: Number.NaN }, fixedContext()),
      ),
    ).toMatchObject([{ field: 'value', reason: 'must be a number' }]);
    expect(
      zodProblemsOf(() =>
        addMeasureValue(withMeasure(), { measureId: 'id-1', date: '31/03/2016', value: 20 }, fixedContext()),
      ),
    ).toMatchObject([{ field: 'date', reason: 'must be a date written YYYY-MM-DD' }]);
  });
});

describe('deleteMeasure', () => {
  it('removes the measure and nothing else', () => {
    const two = saveMeasure(
      withMeasure(),
      contactsMeasure({ name: 'School readiness', direction: 'maximise' }),
      fixedContext({ idPrefix: 'm' }),
    );
    const doc = deleteMeasure(two, 'id-1');
    expect(doc.measures.map((measure) => measure.id)).toEqual(['m-1']);
    expect(doc.actions).toEqual(two.actions);
  });

  it('reports a measure that does not exist', () => {
    expect(domainErrorOf(() => deleteMeasure(makeDocument(), 'id-1')).code).toBe('not_found');
  });
});
