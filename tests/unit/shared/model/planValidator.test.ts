import { describe, expect, it } from 'vitest';
import { createPlanValidator } from '../../../../shared/model/planValidator';
import { planDocumentSchema } from '../../../../shared/model/plan';
import type { PlanDocument } from '../../../../shared/model/plan';
import { fieldProblems } from '../../../../shared/model/validationIssues';
import { makeDocument } from '../../../support/fixtures';

const problemsOf = (validate: ReturnType<typeof createPlanValidator>, doc: PlanDocument) => {
  const error = validate(doc);
  return error ? fieldProblems(error) : [];
};

describe('createPlanValidator', () => {
  it('accepts a valid plan, as the full schema does', () => {
    const doc = makeDocument();
    expect(planDocumentSchema.safeParse(doc).success).toBe(true);
    expect(createPlanValidator()(doc)).toBeNull();
  });

  it('finds a bad field in an action that replaced a checked one, with its path', () => {
    const validate = createPlanValidator();
    const doc = makeDocument();
    expect(validate(doc)).toBeNull();
    const broken = {
      ...doc,
      actions: doc.actions.map((action, index) => (index === 2 ? { ...action, status: 'done' as never } : action)),
    };
    expect(problemsOf(validate, broken).map((problem) => problem.field)).toEqual(['actions[2].status']);
  });

  it('does not look again at an action object it has already checked', () => {
    const validate = createPlanValidator();
    const doc = makeDocument();
    expect(validate(doc)).toBeNull();
    // Mutating in place is what the domain never does; the validator trusts objects it has seen.
    (doc.actions[0] as { status: string }).status = 'done';
    expect(validate(doc)).toBeNull();
    expect(createPlanValidator()(doc)).not.toBeNull();
  });

  it('always checks rules across actions, such as a number used twice', () => {
    const validate = createPlanValidator();
    const doc = makeDocument();
    expect(validate(doc)).toBeNull();
    const clash = { ...doc, actions: [...doc.actions, { ...doc.actions[0]!, id: 'action-copy' }] };
    expect(problemsOf(validate, clash)).toMatchObject([
      {
        field: 'actions[4].number',
        reason: `${doc.actions[0]!.number} is already the number of the action at position 1 in the file`,
      },
    ]);
  });

  it('does not look again at any record it has already checked, outside actions and the log too', () => {
    const validate = createPlanValidator();
    const doc = makeDocument();
    expect(validate(doc)).toBeNull();
    // Papers, measures and people only grow or are replaced by edits: checking them all at every save
    // made a save at 5,000 actions with years of history cost the whole plan.
    (doc.people[0] as { name: unknown }).name = 42;
    (doc.matrix as { levels: unknown }).levels = [];
    expect(validate(doc)).toBeNull();
    expect(problemsOf(createPlanValidator(), doc).map((problem) => problem.field)).toEqual([
      'matrix.levels',
      'people[0].name',
    ]);
  });

  it('trusts the records of a plan the full schema produced, and checks the records an edit replaces', () => {
    const validate = createPlanValidator();
    const doc = planDocumentSchema.parse(makeDocument()) as PlanDocument;
    validate.trust(doc);
    (doc.actions[0] as { status: string }).status = 'done';
    expect(validate(doc)).toBeNull();
    const edited = {
      ...doc,
      people: doc.people.map((person, index) => (index === 0 ? { ...person, name: '' } : person)),
    };
    expect(problemsOf(validate, edited).map((problem) => problem.field)).toEqual(['people[0].name']);
  });

  it('checks a part of the plan that an edit replaced', () => {
    const validate = createPlanValidator();
    const doc = makeDocument();
    expect(validate(doc)).toBeNull();
    const noTitle = { ...doc, plan: { ...doc.plan, title: '' } };
    expect(problemsOf(validate, noTitle).map((problem) => problem.field)).toEqual(['plan.title']);
  });
});
