import { describe, expect, it } from 'vitest';
import { checkPlan, planCheckProblems } from '../../../../../shared/domain/planCheck';
import { deleteAction } from '../../../../../shared/domain/operations';
import { planDocumentSchema } from '../../../../../shared/model/plan';
import { fieldProblems } from '../../../../../shared/model/validationIssues';
import { fixedContext, makeDocument } from '../../../../support/fixtures';

const MEASURE = {
  id: 'measure-1',
  name: 'Contacts to social care',
  description: '',
  direction: 'minimise' as const,
  unit: 'count' as const,
  target: null,
  baseline: null,
  values: [],
  areaIds: [],
  actionIds: ['action-1'],
};

const REVIEW = {
  id: 'review-1',
  actionId: 'action-1',
  at: '2016-06-01T10:00:00.000Z',
  upTo: '2016-06-01T10:00:00.000Z',
  by: 'Sam Manager',
  outcome: 'reviewed' as const,
  comment: '',
};

describe('checkPlan', () => {
  it('finds nothing in a plan whose links all point somewhere', () => {
    const doc = { ...makeDocument(), measures: [MEASURE], reviews: [REVIEW] };
    expect(checkPlan(doc)).toEqual([]);
  });

  it('names an action lead linked to someone no longer in People, and offers the action', () => {
    const doc = makeDocument();
    doc.people = doc.people.filter((person) => person.id !== 'person-1');
    const items = checkPlan(doc).filter((item) => item.where === 'Action 1, Lead');
    expect(items).toEqual([
      expect.objectContaining({
        severity: 'problem',
        what: 'The lead "Nadia Pemberton" is linked to someone who is not in People.',
        target: { kind: 'action', actionId: 'action-1' },
      }),
    ]);
    expect(items[0]!.fix).toContain('Open action 1 and save it');
  });

  it('names a next-step lead linked to someone no longer in People by action number and step', () => {
    const doc = makeDocument();
    doc.actions[0]!.number = '12';
    doc.people = doc.people.filter((person) => person.id !== 'person-2');
    expect(checkPlan(doc)).toEqual([
      expect.objectContaining({
        where: 'Action 12, next step 1, Lead',
        what: expect.stringContaining('"Owen Castell"'),
        severity: 'problem',
      }),
    ]);
  });

  it('leaves leads typed as free text alone: real plans name leads nobody has entered', () => {
    const doc = makeDocument();
    expect(doc.actions[2]!.nextSteps[0]!.leads).toEqual([{ name: 'Jo Bloggs' }]);
    expect(checkPlan(doc)).toEqual([]);
  });

  it('names a measure linked to an action that is not in the plan, and offers the measure', () => {
    const doc = { ...makeDocument(), measures: [{ ...MEASURE, actionIds: ['action-1', 'gone'] }] };
    expect(checkPlan(doc)).toEqual([
      {
        severity: 'problem',
        what: 'The measure is linked to an action that is not in the plan (id "gone").',
        where: 'Measure "Contacts to social care"',
        fix: expect.stringContaining('Measures'),
        target: { kind: 'measure', measureId: 'measure-1' },
      },
    ]);
  });

  it('names a review of an action that is not in the plan, but not the history of an action deleted here', () => {
    const doc = {
      ...makeDocument(),
      reviews: [
        { ...REVIEW, actionId: 'never-there' },
        { ...REVIEW, id: 'review-2', actionId: 'action-2' },
      ],
    };
    const afterDelete = deleteAction(doc, 'action-2', fixedContext());
    const items = checkPlan(afterDelete);
    expect(items).toEqual([
      expect.objectContaining({ where: 'Review by Sam Manager on 2016-06-01', severity: 'problem', target: null }),
    ]);
    expect(items[0]!.what).toContain('"never-there"');
  });

  it('notes fields this version does not know, once per kind of record, without counting them as problems', () => {
    const doc = makeDocument() as any;
    doc.actions[0].riskRating = 'amber';
    doc.actions[1].riskRating = 'red';
    doc.actions[0].nextSteps[1].timescale.confidence = 'low';
    doc.people[0].pronouns = 'she/her';
    doc.riskRegister = [];
    const items = checkPlan(doc);
    expect(items.map((item) => [item.what, item.where])).toEqual([
      ['A field "riskRegister" that this version of the app does not know.', 'The plan file'],
      ['A field "pronouns" that this version of the app does not know.', 'Person Nadia Pemberton'],
      ['A field "riskRating" that this version of the app does not know.', 'Action 1; Action 2'],
      ['A field "confidence" that this version of the app does not know.', 'Action 1, next step 2, Timescale'],
    ]);
    expect(items.every((item) => item.severity === 'note')).toBe(true);
    expect(planCheckProblems(items)).toBe(0);
  });
});

describe('duplicate ids the app relies on are refused, not listed', () => {
  const problemsOf = (doc: unknown) => {
    const result = planDocumentSchema.safeParse(doc);
    return result.success ? [] : fieldProblems(result.error, doc);
  };

  it('refuses two people with one id, since editing one would overwrite the other', () => {
    const doc = makeDocument();
    doc.people[2]!.id = 'person-1';
    expect(problemsOf(doc)).toEqual([
      {
        field: 'people[2].id',
        label: 'Person 3 (Bryony Marsh), Id',
        reason: '"person-1" is already the id of person 1; each must have its own',
      },
    ]);
  });

  it('refuses two measures with one id, since adding a value to one would replace the other', () => {
    const doc = { ...makeDocument(), measures: [MEASURE, { ...MEASURE, name: 'Re-referrals' }] };
    expect(problemsOf(doc)).toEqual([
      {
        field: 'measures[1].id',
        label: 'Measure 2 (Re-referrals), Id',
        reason: '"measure-1" is already the id of measure 1; each must have its own',
      },
    ]);
  });
});
