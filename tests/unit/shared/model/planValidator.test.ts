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

  it('checks the parts of the plan outside actions and the log every time', () => {
    const validate = createPlanValidator();
    const doc = makeDocument();
    expect(validate(doc)).toBeNull();
    const noTitle = { ...doc, plan: { ...doc.plan, title: '' } };
    expect(problemsOf(validate, noTitle).map((problem) => problem.field)).toEqual(['plan.title']);
  });
});
