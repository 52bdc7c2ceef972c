import { describe, expect, it } from 'vitest';
import {
  assessmentHistory,
  countByArea,
  countByStatus,
  currentLevels,
  isDueBeforeNextBoard,
  isOverdue,
  isoDateOf,
  nextDueDate,
  overdueStepCount,
  ownTimescaleState,
  summarisePlan,
} from '../../../../../shared/domain/derived';
import { makeAction, makeAssessment, makeDocument, makeNextStep } from '../../../../support/fixtures';

const due = (date: string | null, text = 'some time') => ({ text, due: date });

describe('isoDateOf', () => {
  it('writes the local calendar date as YYYY-MM-DD with zero padding', () => {
    expect(isoDateOf(new Date(2016, 0, 5, 23, 59))).toBe('2016-01-05');
    expect(isoDateOf(new Date(2017, 11, 31, 0, 0))).toBe('2017-12-31');
  });
});

describe('nextDueDate', () => {
  it("is the action's own due date when it has no next steps", () => {
    expect(nextDueDate(makeAction({ timescale: due('2016-06-30') }))).toBe('2016-06-30');
  });

  it('is the earliest of the action date and open next-step dates', () => {
    const action = makeAction({
      timescale: due('2016-06-30'),
      nextSteps: [
        makeNextStep({ id: 's1', timescale: due('2016-09-30') }),
        makeNextStep({ id: 's2', timescale: due('2016-05-31') }),
      ],
    });
    expect(nextDueDate(action)).toBe('2016-05-31');
  });

  it('ignores done next steps', () => {
    const action = makeAction({
      timescale: due('2016-06-30'),
      nextSteps: [makeNextStep({ id: 's1', timescale: due('2016-01-31'), done: true })],
    });
    expect(nextDueDate(action)).toBe('2016-06-30');
  });

  it('uses a next step date when the action itself has none', () => {
    const action = makeAction({
      timescale: due(null, 'Ongoing'),
      nextSteps: [makeNextStep({ id: 's1', timescale: due('2016-04-01') })],
    });
    expect(nextDueDate(action)).toBe('2016-04-01');
  });

  it('is null when nothing has a date', () => {
    expect(nextDueDate(makeAction({ timescale: due(null, 'Ongoing') }))).toBeNull();
  });

  it('is null for a complete action, whatever its dates', () => {
    const action = makeAction({
      status: 'complete',
      timescale: due('2016-01-31'),
      nextSteps: [makeNextStep({ id: 's1', timescale: due('2016-01-01') })],
    });
    expect(nextDueDate(action)).toBeNull();
  });
});

describe('isOverdue', () => {
  it('is true when the due date is before today', () => {
    expect(isOverdue(makeAction({ timescale: due('2016-06-14') }), '2016-06-15')).toBe(true);
  });

  it('is false when the action is due today', () => {
    expect(isOverdue(makeAction({ timescale: due('2016-06-15') }), '2016-06-15')).toBe(false);
  });

  it('is false when due later', () => {
    expect(isOverdue(makeAction({ timescale: due('2016-06-16') }), '2016-06-15')).toBe(false);
  });

  it('is never true for a complete action', () => {
    expect(isOverdue(makeAction({ status: 'complete', timescale: due('2015-01-01') }), '2016-06-15')).toBe(false);
  });

  it('is false without any due date', () => {
    expect(isOverdue(makeAction({ timescale: due(null, 'Ongoing') }), '2016-06-15')).toBe(false);
  });

  it('is true when an open next step is overdue even if the action date is later', () => {
    const action = makeAction({
      timescale: due('2017-03-31'),
      nextSteps: [makeNextStep({ id: 's1', timescale: due('2016-05-31') })],
    });
    expect(isOverdue(action, '2016-06-15')).toBe(true);
  });

  it('ignores an overdue next step that is done', () => {
    const action = makeAction({
      timescale: due('2017-03-31'),
      nextSteps: [makeNextStep({ id: 's1', timescale: due('2016-05-31'), done: true })],
    });
    expect(isOverdue(action, '2016-06-15')).toBe(false);
  });
});

describe('isDueBeforeNextBoard', () => {
  const action = makeAction({ timescale: due('2016-07-01') });

  it('is true when due between today and the board, both ends included', () => {
    expect(isDueBeforeNextBoard(action, '2016-06-15', '2016-07-20')).toBe(true);
    expect(isDueBeforeNextBoard(action, '2016-07-01', '2016-07-20')).toBe(true);
    expect(isDueBeforeNextBoard(action, '2016-06-15', '2016-07-01')).toBe(true);
  });

  it('is false when due after the board', () => {
    expect(isDueBeforeNextBoard(action, '2016-06-15', '2016-06-30')).toBe(false);
  });

  it('is false when already overdue', () => {
    expect(isDueBeforeNextBoard(action, '2016-07-02', '2016-07-20')).toBe(false);
  });

  it('is false when no board date is set', () => {
    expect(isDueBeforeNextBoard(action, '2016-06-15', null)).toBe(false);
  });

  it('is false for a complete action', () => {
    expect(isDueBeforeNextBoard({ ...action, status: 'complete' }, '2016-06-15', '2016-07-20')).toBe(false);
  });
});

describe('countByStatus', () => {
  it('counts every status, zero included', () => {
    expect(countByStatus(makeDocument().actions)).toEqual({
      not_started: 1,
      on_track: 1,
      at_risk: 1,
      off_track: 0,
      complete: 1,
    });
  });

  it('gives all zeros for no actions', () => {
    expect(countByStatus([])).toEqual({ not_started: 0, on_track: 0, at_risk: 0, off_track: 0, complete: 0 });
  });
});

describe('countByArea', () => {
  it('counts each matrix area, zero included, in area order', () => {
    const counts = countByArea(makeDocument());
    expect(counts).toEqual({
      'service-delivery': 2,
      'integrated-service-delivery': 0,
      'workforce-development': 1,
      'integrated-performance': 0,
      'quality-assurance': 0,
      communication: 0,
      governance: 1,
    });
    expect(Object.keys(counts)[0]).toBe('service-delivery');
  });

  it('counts only the actions given', () => {
    const doc = makeDocument();
    const counts = countByArea(doc, doc.actions.slice(0, 1));
    expect(counts['service-delivery']).toBe(1);
    expect(counts.governance).toBe(0);
  });
});

describe('currentLevels', () => {
  it('picks the latest assessment date per area and null for unassessed areas', () => {
    const levels = currentLevels(makeDocument());
    expect(levels['service-delivery']?.id).toBe('assessment-2');
    expect(levels['service-delivery']?.level).toBe(3);
    expect(levels.governance?.level).toBe(1);
    expect(levels['workforce-development']).toBeNull();
    expect(Object.keys(levels)).toHaveLength(7);
  });

  it('lets the later date win whatever order the history was recorded in', () => {
    const doc = makeDocument();
    doc.assessments = [
      makeAssessment({ id: 'late', level: 4, date: '2016-05-01', recordedAt: '2016-05-01T09:00:00.000Z' }),
      makeAssessment({ id: 'early', level: 2, date: '2016-02-01', recordedAt: '2016-06-01T09:00:00.000Z' }),
    ];
    expect(currentLevels(doc)['service-delivery']?.id).toBe('late');
  });

  it('breaks a same-date tie by recordedAt', () => {
    const doc = makeDocument();
    doc.assessments = [
      makeAssessment({ id: 'second', level: 3, date: '2016-05-01', recordedAt: '2016-05-02T09:00:00.000Z' }),
      makeAssessment({ id: 'first', level: 2, date: '2016-05-01', recordedAt: '2016-05-01T09:00:00.000Z' }),
    ];
    expect(currentLevels(doc)['service-delivery']?.id).toBe('second');
    doc.assessments.reverse();
    expect(currentLevels(doc)['service-delivery']?.id).toBe('second');
  });

  it('cuts history at asOf (inclusive)', () => {
    const doc = makeDocument();
    expect(currentLevels(doc, '2016-03-31')['service-delivery']?.id).toBe('assessment-1');
    expect(currentLevels(doc, '2016-04-01')['service-delivery']?.id).toBe('assessment-2');
    expect(currentLevels(doc, '2015-09-30')['service-delivery']).toBeNull();
    expect(currentLevels(doc, '2015-12-31').governance).toBeNull();
  });

  it('ignores assessments of areas not in the matrix', () => {
    const doc = makeDocument();
    doc.assessments.push(makeAssessment({ id: 'stray', areaId: 'finance' }));
    expect(Object.keys(currentLevels(doc))).not.toContain('finance');
  });
});

describe('assessmentHistory', () => {
  it("lists one area's assessments oldest first", () => {
    const doc = makeDocument();
    doc.assessments.reverse();
    expect(assessmentHistory(doc, 'service-delivery').map((a) => a.id)).toEqual(['assessment-1', 'assessment-2']);
    expect(assessmentHistory(doc, 'quality-assurance')).toEqual([]);
  });
});

describe('summarisePlan', () => {
  it('summarises the fixture plan in mid-June 2016', () => {
    // action 1 has an open next step due 2016-05-31: overdue; action 4 is complete; board on 2016-07-20.
    expect(summarisePlan(makeDocument(), '2016-06-15')).toEqual({
      total: 4,
      byStatus: { not_started: 1, on_track: 1, at_risk: 1, off_track: 0, complete: 1 },
      byArea: {
        'service-delivery': 2,
        'integrated-service-delivery': 0,
        'workforce-development': 1,
        'integrated-performance': 0,
        'quality-assurance': 0,
        communication: 0,
        governance: 1,
      },
      overdue: 1,
      dueBeforeNextBoard: 0,
    });
  });

  it('counts an action due before the next board', () => {
    const summary = summarisePlan(makeDocument(), '2016-05-01');
    expect(summary.overdue).toBe(0);
    expect(summary.dueBeforeNextBoard).toBe(1);
  });

  it('counts nothing due before the board when no board date is set', () => {
    const doc = makeDocument();
    doc.plan.nextBoardDate = null;
    expect(summarisePlan(doc, '2016-05-01').dueBeforeNextBoard).toBe(0);
  });
});

describe("the action's own timescale and its late next steps are told apart", () => {
  const today = '2016-06-15';
  it('does not call a June 2017 action overdue because one of its steps is late', () => {
    const action = makeAction({
      timescale: due('2017-06-30', 'June 2017'),
      nextSteps: [
        makeNextStep({ id: 'late', timescale: due('2016-05-31') }),
        makeNextStep({ id: 'ok', timescale: due('2016-12-31') }),
      ],
    });
    expect(ownTimescaleState(action, today, '2016-07-20')).toBe('later');
    expect(overdueStepCount(action, today)).toBe(1);
    // Still one to chase: the counts of overdue work include it.
    expect(isOverdue(action, today)).toBe(true);
  });

  it.each([
    ['2016-06-14', null, 'overdue'],
    ['2016-06-15', '2016-07-20', 'due_before_board'],
    ['2016-07-20', '2016-07-20', 'due_before_board'],
    ['2016-07-21', '2016-07-20', 'later'],
    ['2016-07-01', null, 'later'],
    [null, '2016-07-20', 'no_date'],
  ] as const)('own date %s with the board on %s is %s', (date, board, expected) => {
    expect(ownTimescaleState(makeAction({ timescale: due(date) }), today, board)).toBe(expected);
  });

  it('a complete action is complete whatever its dates', () => {
    const action = makeAction({
      status: 'complete',
      timescale: due('2016-01-31'),
      nextSteps: [makeNextStep({ timescale: due('2016-01-01') })],
    });
    expect(ownTimescaleState(action, today, null)).toBe('complete');
    expect(overdueStepCount(action, today)).toBe(0);
  });
});
