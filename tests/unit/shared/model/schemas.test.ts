import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, planDocumentSchema } from '../../../../shared/model/plan';
import type { PlanDocument } from '../../../../shared/model/plan';
import { ACTION_STATUSES } from '../../../../shared/model/action';
import { actionChangesSchema, actionDraftSchema } from '../../../../shared/model/drafts';
import { describeProblems, fieldProblems } from '../../../../shared/model/validationIssues';
import type { FieldProblem } from '../../../../shared/model/validationIssues';
import { migrateToCurrent } from '../../../../shared/model/migrations';
import { makeAction, makeDocument } from '../../../support/fixtures';

/** Parses a document changed by `mutate` (given a mutable plain copy) and returns its problems. */
function problemsOf(mutate: (doc: any) => void): FieldProblem[] {
  const doc = makeDocument() as any;
  mutate(doc);
  const result = planDocumentSchema.safeParse(doc);
  if (result.success) throw new Error('expected the document to be refused');
  return fieldProblems(result.error);
}

function fieldsOf(problems: FieldProblem[]): string[] {
  return problems.map((problem) => problem.field);
}

describe('the fixture document', () => {
  it('is valid and parses to an equal value', () => {
    const doc = makeDocument();
    const parsed = planDocumentSchema.parse(doc);
    expect(parsed).toEqual(doc);
    expect(parsed.matrix.areas).toHaveLength(7);
    expect(parsed.actions.map((action) => action.number)).toEqual(['1', '2', '10', '3']);
  });

  it('is a fresh object each call', () => {
    const a = makeDocument();
    const b = makeDocument();
    expect(a).not.toBe(b);
    a.actions[0]!.status = 'complete';
    expect(b.actions[0]!.status).toBe('on_track');
  });
});

describe('planDocumentSchema refuses bad shapes with field paths', () => {
  it('refuses status "done" and lists the allowed statuses', () => {
    const problems = problemsOf((doc) => {
      doc.actions[1].status = 'done';
    });
    expect(problems).toMatchObject([
      {
        field: 'actions[1].status',
        reason: `must be one of Not started, On track, At risk, Off track, Complete (in the file: ${ACTION_STATUSES.join(', ')})`,
      },
    ]);
    expect(problems[0]!.reason).toContain('(in the file: not_started, on_track, at_risk, off_track, complete)');
  });

  it('refuses progressLevel 5', () => {
    const problems = problemsOf((doc) => {
      doc.actions[0].progressLevel = 5;
    });
    expect(problems).toMatchObject([{ field: 'actions[0].progressLevel', reason: 'must be a level from 1 to 4' }]);
  });

  it('refuses a fractional or textual progressLevel', () => {
    expect(fieldsOf(problemsOf((doc) => void (doc.actions[0].progressLevel = 2.5)))).toEqual([
      'actions[0].progressLevel',
    ]);
    const problems = problemsOf((doc) => void (doc.actions[0].progressLevel = '3'));
    expect(problems).toMatchObject([{ field: 'actions[0].progressLevel', reason: 'must be a level number' }]);
  });

  it('refuses a duplicate action number (case-insensitive) and names the first use', () => {
    const problems = problemsOf((doc) => {
      doc.actions[2].number = '1';
    });
    expect(problems).toMatchObject([
      { field: 'actions[2].number', reason: '1 is already the number of the action at position 1 in the file' },
    ]);

    const lettered = problemsOf((doc) => {
      doc.actions[0].number = '7A';
      doc.actions[3].number = '7a';
    });
    expect(fieldsOf(lettered)).toEqual(['actions[3].number']);
  });

  it('refuses a duplicate action id', () => {
    const problems = problemsOf((doc) => {
      doc.actions[3].id = 'action-1';
    });
    expect(problems).toMatchObject([{ field: 'actions[3].id', reason: 'duplicates action id "action-1"' }]);
  });

  it('refuses an action with an unknown areaId', () => {
    const problems = problemsOf((doc) => {
      doc.actions[1].areaId = 'finance';
    });
    expect(problems).toMatchObject([{ field: 'actions[1].areaId', reason: 'names unknown area "finance"' }]);
  });

  it('refuses an assessment with an unknown areaId', () => {
    const problems = problemsOf((doc) => {
      doc.assessments[2].areaId = 'finance';
    });
    expect(problems).toMatchObject([{ field: 'assessments[2].areaId', reason: 'names unknown area "finance"' }]);
  });

  it('refuses a matrix with 3 levels', () => {
    const problems = problemsOf((doc) => {
      doc.matrix.levels.pop();
    });
    expect(problems).toMatchObject([{ field: 'matrix.levels', reason: 'must list exactly four levels' }]);
  });

  it('refuses a matrix with 5 levels', () => {
    const problems = problemsOf((doc) => {
      doc.matrix.levels.push({ level: 4, name: 'Beyond' });
    });
    expect(fieldsOf(problems)).toEqual(['matrix.levels']);
  });

  it('refuses levels out of order', () => {
    const problems = problemsOf((doc) => {
      const [first, second] = doc.matrix.levels;
      doc.matrix.levels[0] = second;
      doc.matrix.levels[1] = first;
    });
    expect(problems).toMatchObject([
      { field: 'matrix.levels[0].level', reason: 'must be 1' },
      { field: 'matrix.levels[1].level', reason: 'must be 2' },
    ]);
  });

  it('refuses a duplicate area id', () => {
    const problems = problemsOf((doc) => {
      doc.matrix.areas[5].id = 'service-delivery';
    });
    expect(problems).toMatchObject([{ field: 'matrix.areas[5].id', reason: 'duplicates area id "service-delivery"' }]);
  });

  it('refuses an empty area list', () => {
    const problems = problemsOf((doc) => {
      doc.matrix.areas = [];
      doc.actions = [];
      doc.assessments = [];
    });
    expect(problems).toMatchObject([{ field: 'matrix.areas', reason: 'must list at least one area' }]);
  });

  it('refuses a due date that is not ISO (31/02/2016)', () => {
    const problems = problemsOf((doc) => {
      doc.actions[0].timescale.due = '31/02/2016';
    });
    expect(problems).toMatchObject([
      { field: 'actions[0].timescale.due', reason: 'must be a date written YYYY-MM-DD' },
    ]);
  });

  it('refuses an ISO-looking date that does not exist (2016-02-31)', () => {
    const problems = problemsOf((doc) => {
      doc.actions[0].nextSteps[1].timescale.due = '2016-02-31';
    });
    expect(fieldsOf(problems)).toEqual(['actions[0].nextSteps[1].timescale.due']);
  });

  it('refuses periodEnd before periodStart', () => {
    const problems = problemsOf((doc) => {
      doc.plan.periodStart = '2018-04-01';
      doc.plan.periodEnd = '2015-03-31';
    });
    expect(problems).toMatchObject([{ field: 'plan.periodEnd', reason: 'must not be before the period start' }]);
  });

  it('refuses another schemaVersion', () => {
    const problems = problemsOf((doc) => {
      doc.schemaVersion = CURRENT_SCHEMA_VERSION + 1;
    });
    expect(fieldsOf(problems)).toEqual(['schemaVersion']);
  });

  it('refuses a blank description (whitespace only)', () => {
    const problems = problemsOf((doc) => {
      doc.actions[0].description = '   ';
    });
    expect(problems).toMatchObject([{ field: 'actions[0].description', reason: 'must not be empty' }]);
  });

  it('refuses a malformed action number', () => {
    const problems = problemsOf((doc) => {
      doc.actions[0].number = 'one';
    });
    expect(problems).toMatchObject([{ field: 'actions[0].number', reason: 'must be a number such as 7, 12a or 3.1' }]);
  });

  it('refuses an id with characters outside letters, digits, "-" and "_"', () => {
    const problems = problemsOf((doc) => {
      doc.people[0].id = 'person 1';
    });
    expect(problems).toMatchObject([
      { field: 'people[0].id', reason: 'may only contain letters, digits, "-" and "_"' },
    ]);
  });

  it('reports a missing field by its path', () => {
    const problems = problemsOf((doc) => {
      delete doc.actions[2].description;
    });
    expect(fieldsOf(problems)).toEqual(['actions[2].description']);
  });

  it('reports a non-object as the whole value', () => {
    const result = planDocumentSchema.safeParse(42);
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldsOf(fieldProblems(result.error))).toEqual(['(whole value)']);
  });

  it('accepts the printed action number forms 7, 12a and 3.1', () => {
    const doc: PlanDocument = makeDocument();
    doc.actions = [
      makeAction({ id: 'a', number: '7' }),
      makeAction({ id: 'b', number: '12a' }),
      makeAction({ id: 'c', number: '3.1' }),
    ];
    expect(planDocumentSchema.safeParse(doc).success).toBe(true);
  });
});

describe('draft schemas', () => {
  it('fill defaults for a new action', () => {
    const draft = actionDraftSchema.parse({ number: ' 12a ', areaId: 'governance', description: 'Do it' });
    expect(draft).toEqual({
      number: '12a',
      areaId: 'governance',
      description: 'Do it',
      achievement: '',
      risks: '',
      boardComment: '',
      nextSteps: [],
      leads: [],
      timescaleText: '',
      progressLevel: 1,
      status: 'not_started',
      targetLevel: null,
    });
  });

  it('are strict: an unknown key is refused by name', () => {
    const result = actionChangesSchema.safeParse({ status: 'on_track', colour: 'red' });
    expect(result.success).toBe(false);
    if (!result.success) {
      const problems = fieldProblems(result.error);
      expect(problems).toMatchObject([{ field: 'colour', reason: 'is not a field this accepts' }]);
    }
  });
});

describe('describeProblems', () => {
  it('joins up to the limit and counts the rest', () => {
    const problems = [1, 2, 3, 4].map((n) => ({ field: `f${n}`, reason: `r${n}` }));
    expect(describeProblems(problems, 2)).toBe('f1: r1; f2: r2; and 2 more');
    expect(describeProblems(problems)).toBe('f1: r1; f2: r2; f3: r3; f4: r4');
  });
});

describe('migrateToCurrent', () => {
  it('passes a current document through', () => {
    const doc = makeDocument();
    expect(migrateToCurrent(doc)).toEqual({ kind: 'current', data: doc, fromVersion: CURRENT_SCHEMA_VERSION });
  });

  it('reports a newer version', () => {
    expect(migrateToCurrent({ schemaVersion: 99 })).toEqual({ kind: 'newer', version: 99 });
  });

  it.each([[null], [[]], ['text'], [{}], [{ schemaVersion: '1' }], [{ schemaVersion: 0 }], [{ schemaVersion: 1.5 }]])(
    'calls %j unversioned',
    (raw) => {
      expect(migrateToCurrent(raw)).toEqual({ kind: 'unversioned' });
    },
  );
});
