import { describe, expect, it } from 'vitest';
import {
  ATTENTION_LABELS,
  NO_LEAD,
  actionsBeforeBoard,
  actionsLedBy,
  attentionReasons,
  beforeBoardIndex,
  lastPaperAt,
} from '../../../../../shared/domain/beforeBoard';
import { countNeedingUpdate } from '../../../../../shared/domain/quickUpdate';
import { allLeadNames, filterActions } from '../../../../../shared/domain/filters';
import type { Action } from '../../../../../shared/model/action';
import type { BoardPaperRecord } from '../../../../../shared/model/boardPaper';
import type { PlanDocument } from '../../../../../shared/model/plan';
import { planDocumentSchema } from '../../../../../shared/model/plan';
import { FIXED_TODAY, makeAction, makeDocument, makeNextStep } from '../../../../support/fixtures';
import { generateHistoryPlan, TEN_YEARS_AT_150 } from '../../../../support/generatePlan';

// The fixture's today is 15 June 2016 and its next board 20 July 2016.
const TODAY = FIXED_TODAY;

function lead(name: string) {
  return { name };
}

function due(date: string | null, text = date ?? 'Ongoing') {
  return { text, due: date };
}

function paper(id: string, producedAt: string): BoardPaperRecord {
  return {
    id,
    producedAt,
    meetingDate: producedAt.slice(0, 10),
    board: 'Early Help Board',
    templateId: 'tpl',
    subject: 'Early Help update',
    purpose: ['To update the board'],
    recommendationsIntro: '',
    recommendations: ['Note the report'],
    authors: [],
    sections: {
      matrix: true,
      counts: true,
      completedSinceLast: true,
      overdueAndDueSoon: true,
      measures: false,
      appendix: false,
    },
    files: [],
    snapshot: { levels: {}, statuses: {}, completed: [] },
    state: 'issued',
    checksums: [],
    issuedAt: producedAt,
    issuedBy: null,
    withdrawal: null,
    subjectLabel: 'Subject',
    narrative: [],
    extraAppendices: [],
  };
}

/** A plan holding just these actions (and optionally papers), checked against the schema. */
function planWith(actions: Action[], papers: BoardPaperRecord[] = []): PlanDocument {
  const doc = { ...makeDocument(), actions, papers, updateLog: [] };
  return planDocumentSchema.parse(doc);
}

/** Overdue: its own date is past. */
const late = (overrides: Partial<Action> = {}) =>
  makeAction({ id: 'late', number: '1', timescale: due('2016-05-31'), leads: [lead('Nadia Pemberton')], ...overrides });
/** Due between today and the next board. */
const soon = (overrides: Partial<Action> = {}) =>
  makeAction({ id: 'soon', number: '2', timescale: due('2016-07-01'), leads: [lead('Owen Castell')], ...overrides });
/** Due long after the next board. */
const later = (overrides: Partial<Action> = {}) =>
  makeAction({ id: 'later', number: '3', timescale: due('2017-03-31'), leads: [lead('Bryony Marsh')], ...overrides });

describe('attentionReasons', () => {
  it('flags an action past its date as overdue, and only overdue', () => {
    const doc = planWith([late()]);
    expect(attentionReasons(doc.actions[0]!, doc, TODAY)).toEqual(['overdue']);
  });

  it('flags an action overdue through an open next step even when its own date is far off', () => {
    const action = later({ nextSteps: [makeNextStep({ id: 's1', timescale: due('2016-06-14') })] });
    const doc = planWith([action]);
    expect(attentionReasons(doc.actions[0]!, doc, TODAY)).toEqual(['overdue']);
  });

  it('ignores a late next step that is done', () => {
    const action = later({ nextSteps: [makeNextStep({ id: 's1', timescale: due('2016-06-14'), done: true })] });
    const doc = planWith([action]);
    expect(attentionReasons(doc.actions[0]!, doc, TODAY)).toEqual([]);
  });

  it('flags an action due from today up to and including the board date', () => {
    for (const date of [TODAY, '2016-07-01', '2016-07-20']) {
      const doc = planWith([soon({ timescale: due(date) })]);
      expect(attentionReasons(doc.actions[0]!, doc, TODAY), date).toEqual(['due_before_board']);
    }
  });

  it('does not flag an action due the day after the board, or one with no date', () => {
    const doc = planWith([soon({ timescale: due('2016-07-21') }), later({ timescale: due(null) })]);
    expect(doc.actions.map((action) => attentionReasons(action, doc, TODAY))).toEqual([[], []]);
  });

  it('does not flag anything as due before the board when no board date is set', () => {
    const doc = planWith([soon()]);
    doc.plan.nextBoardDate = null;
    expect(attentionReasons(doc.actions[0]!, doc, TODAY)).toEqual([]);
  });

  it('flags an action not updated since the last paper was produced as stale', () => {
    const papers = [paper('p1', '2016-01-10T10:00:00.000Z'), paper('p2', '2016-05-01T10:00:00.000Z')];
    const doc = planWith(
      [
        later({ id: 'old', number: '3', updatedAt: '2016-04-30T23:59:00.000Z' }),
        later({ id: 'fresh', number: '4', updatedAt: '2016-05-01T10:00:01.000Z' }),
        // Updated at the very moment the paper was produced: the paper reported it.
        later({ id: 'same', number: '5', updatedAt: '2016-05-01T10:00:00.000Z' }),
      ],
      papers,
    );
    expect(lastPaperAt(doc)).toBe('2016-05-01T10:00:00.000Z');
    expect(doc.actions.map((action) => attentionReasons(action, doc, TODAY))).toEqual([['stale'], [], []]);
  });

  it('never flags staleness before any paper has been produced', () => {
    const doc = planWith([later({ updatedAt: '2015-01-01T00:00:00.000Z' })]);
    expect(lastPaperAt(doc)).toBeNull();
    expect(attentionReasons(doc.actions[0]!, doc, TODAY)).toEqual([]);
  });

  it('combines overdue and stale', () => {
    const doc = planWith([late({ updatedAt: '2016-01-01T00:00:00.000Z' })], [paper('p1', '2016-03-01T10:00:00.000Z')]);
    expect(attentionReasons(doc.actions[0]!, doc, TODAY)).toEqual(['overdue', 'stale']);
  });

  it('never flags a complete action, however late or stale', () => {
    const doc = planWith(
      [late({ status: 'complete', updatedAt: '2016-01-01T00:00:00.000Z' })],
      [paper('p1', '2016-03-01T10:00:00.000Z')],
    );
    expect(attentionReasons(doc.actions[0]!, doc, TODAY)).toEqual([]);
  });

  it('has a label for every reason', () => {
    expect(ATTENTION_LABELS).toEqual({
      overdue: 'Overdue',
      due_before_board: 'Due before the board',
      stale: 'Not updated since the last paper',
    });
  });
});

describe('actionsBeforeBoard', () => {
  function summary(doc: PlanDocument) {
    return actionsBeforeBoard(doc, TODAY).map((group) => ({
      lead: group.lead,
      items: group.items.map((item) => `${item.action.number}:${item.reasons.join('+')}:${item.due ?? '-'}`),
    }));
  }

  it('groups by lead, sorted by name, with "No lead named" last, soonest due first', () => {
    const doc = planWith([
      soon({ id: 'a', number: '1', leads: [lead('Owen Castell')], timescale: due('2016-07-10') }),
      late({ id: 'b', number: '2', leads: [lead('Owen Castell')], timescale: due('2016-06-01') }),
      soon({ id: 'c', number: '3', leads: [], timescale: due('2016-06-20') }),
      late({ id: 'd', number: '4', leads: [lead('Ama Boateng')], timescale: due('2016-04-30') }),
      later({ id: 'e', number: '5' }),
    ]);
    expect(summary(doc)).toEqual([
      { lead: 'Ama Boateng', items: ['4:overdue:2016-04-30'] },
      { lead: 'Owen Castell', items: ['2:overdue:2016-06-01', '1:due_before_board:2016-07-10'] },
      { lead: NO_LEAD, items: ['3:due_before_board:2016-06-20'] },
    ]);
    expect(NO_LEAD).toBe('No lead named');
  });

  it('shows an action with two leads under each of them', () => {
    const doc = planWith([late({ leads: [lead('Owen Castell'), lead('Nadia Pemberton')] })]);
    const groups = actionsBeforeBoard(doc, TODAY);
    expect(groups.map((group) => group.lead)).toEqual(['Nadia Pemberton', 'Owen Castell']);
    expect(groups.map((group) => group.items[0]!.action.id)).toEqual(['late', 'late']);
  });

  it('leaves out complete actions and actions needing nothing', () => {
    const doc = planWith([late({ status: 'complete' }), later()]);
    expect(actionsBeforeBoard(doc, TODAY)).toEqual([]);
  });

  it('puts stale actions with no date after those with one', () => {
    const doc = planWith(
      [
        later({
          id: 'x',
          number: '7',
          timescale: due(null),
          updatedAt: '2016-01-01T00:00:00.000Z',
          leads: [lead('Owen Castell')],
        }),
        soon({ id: 'y', number: '8', updatedAt: '2016-06-01T09:00:00.000Z' }),
      ],
      [paper('p1', '2016-03-01T10:00:00.000Z')],
    );
    expect(summary(doc)).toEqual([{ lead: 'Owen Castell', items: ['8:due_before_board:2016-07-01', '7:stale:-'] }]);
  });

  it("finds the fixture plan's overdue action 1 under its lead", () => {
    const groups = actionsBeforeBoard(makeDocument(), TODAY);
    expect(groups.map((group) => [group.lead, group.items.map((item) => item.action.number)])).toEqual([
      ['Nadia Pemberton', ['1']],
    ]);
    expect(groups[0]!.items[0]!.reasons).toEqual(['overdue']);
    expect(groups[0]!.items[0]!.due).toBe('2016-05-31');
  });
});

describe('actionsLedBy', () => {
  it('lists an action the person leads with all its open steps', () => {
    const doc = makeDocument();
    const mine = actionsLedBy(doc, 'Nadia Pemberton', TODAY);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.action.id).toBe('action-1');
    expect(mine[0]!.steps.map((step) => step.id)).toEqual(['step-1', 'step-2']);
    expect(mine[0]!.due).toBe('2016-05-31');
    expect(mine[0]!.overdue).toBe(true);
  });

  it('lists only the steps a person leads when they do not lead the action, dated and flagged by those steps', () => {
    const doc = makeDocument();
    // Owen leads step-1 (due end of May, so late) of action 1 only.
    const owen = actionsLedBy(doc, 'owen castell', TODAY);
    expect(owen.map((item) => [item.action.id, item.steps.map((step) => step.id), item.due, item.overdue])).toEqual([
      ['action-1', ['step-1'], '2016-05-31', true],
    ]);
  });

  it("is not overdue when only somebody else's step is late", () => {
    const action = later({
      leads: [lead('Owen Castell')],
      nextSteps: [
        makeNextStep({ id: 's-late', leads: [lead('Owen Castell')], timescale: due('2016-06-01') }),
        makeNextStep({ id: 's-mine', leads: [lead('Ama Boateng')], timescale: due('2016-08-31') }),
      ],
    });
    const [item] = actionsLedBy(planWith([action]), 'Ama Boateng', TODAY);
    expect(item!.steps.map((step) => step.id)).toEqual(['s-mine']);
    expect(item!.due).toBe('2016-08-31');
    expect(item!.overdue).toBe(false);
  });

  it('leaves out complete actions and steps already done', () => {
    const doc = planWith([
      late({ id: 'done-action', number: '1', status: 'complete', leads: [lead('Ama Boateng')] }),
      later({
        id: 'open',
        number: '2',
        leads: [lead('Ama Boateng')],
        nextSteps: [
          makeNextStep({ id: 's1', done: true, timescale: due('2016-05-01') }),
          makeNextStep({ id: 's2', timescale: due('2016-09-30') }),
        ],
      }),
    ]);
    const mine = actionsLedBy(doc, 'Ama Boateng', TODAY);
    expect(mine.map((item) => [item.action.id, item.steps.map((step) => step.id), item.overdue])).toEqual([
      ['open', ['s2'], false],
    ]);
  });

  it('sorts overdue first, then by due date, undated last', () => {
    const me = [lead('Ama Boateng')];
    const doc = planWith([
      later({ id: 'undated', number: '1', leads: me, timescale: due(null) }),
      later({ id: 'autumn', number: '2', leads: me, timescale: due('2016-10-31') }),
      late({ id: 'may', number: '3', leads: me, timescale: due('2016-05-31') }),
      soon({ id: 'july', number: '4', leads: me, timescale: due('2016-07-01') }),
      late({ id: 'march', number: '5', leads: me, timescale: due('2016-03-31') }),
      later({ id: 'other', number: '6', leads: [lead('Owen Castell')] }),
    ]);
    expect(actionsLedBy(doc, 'Ama Boateng', TODAY).map((item) => item.action.id)).toEqual([
      'march',
      'may',
      'july',
      'autumn',
      'undated',
    ]);
  });

  it('is empty for someone who leads nothing', () => {
    expect(actionsLedBy(makeDocument(), 'Nobody Known', TODAY)).toEqual([]);
  });
});

describe('one meaning of "lead"', () => {
  it('does not count someone who led only a next step that is done', () => {
    const action = later({
      nextSteps: [
        makeNextStep({ id: 'done', done: true, leads: [lead('Rhian Fallow')], timescale: due('2016-05-01') }),
        makeNextStep({ id: 'open', done: false, leads: [lead('Tomasz Reede')], timescale: due('2016-09-30') }),
      ],
    });
    const doc = planWith([action]);
    expect(actionsLedBy(doc, 'Rhian Fallow', TODAY)).toEqual([]);
    expect(actionsLedBy(doc, 'Tomasz Reede', TODAY).map((item) => item.action.id)).toEqual(['later']);
    expect(filterActions(doc, { lead: 'Rhian Fallow' }, TODAY)).toEqual([]);
    expect(filterActions(doc, { lead: 'Tomasz Reede' }, TODAY).map((found) => found.id)).toEqual(['later']);
    expect(allLeadNames(doc)).not.toContain('Rhian Fallow');
  });
});

describe('the index of "Before the board"', () => {
  const actions = () => [
    late(),
    soon(),
    later(),
    later({ id: 'stale', number: '4', updatedAt: '2016-01-01T09:00:00.000Z', leads: [] }),
    late({ id: 'two-leads', number: '5', leads: [lead('Nadia Pemberton'), lead('Owen Castell')] }),
  ];

  it('counts each action needing an update once, as the groups list it under each of its leads', () => {
    const doc = planWith(actions(), [paper('p1', '2016-01-02T10:00:00.000Z')]);
    const index = beforeBoardIndex(doc, TODAY);
    expect(index.count).toBe(4);
    expect(index.count).toBe(doc.actions.filter((action) => attentionReasons(action, doc, TODAY).length > 0).length);
    expect(countNeedingUpdate(doc, TODAY)).toBe(4);
    expect(index.groups.map((group) => [group.lead, group.items.map((item) => item.action.id)])).toEqual([
      ['Nadia Pemberton', ['late', 'two-leads']],
      ['Owen Castell', ['two-leads', 'soon']],
      [NO_LEAD, ['stale']],
    ]);
    expect(actionsBeforeBoard(doc, TODAY)).toBe(index.groups);
  });

  it('is built once per version of the actions and papers, next board date and day, and again when one changes', () => {
    const doc = planWith(actions(), [paper('p1', '2016-01-02T10:00:00.000Z')]);
    const index = beforeBoardIndex(doc, TODAY);
    expect(beforeBoardIndex({ ...doc, updateLog: [] }, TODAY)).toBe(index);
    expect(beforeBoardIndex(doc, '2016-06-16')).not.toBe(index);
    expect(beforeBoardIndex({ ...doc, papers: [] }, TODAY).count).toBe(3);
    expect(beforeBoardIndex({ ...doc, plan: { ...doc.plan, nextBoardDate: null } }, TODAY).count).toBe(3);
    expect(beforeBoardIndex({ ...doc, actions: doc.actions.slice(0, 2) }, TODAY).count).toBe(2);
  });

  it('looks the last paper up once, not once for each action', () => {
    const doc = planWith(
      Array.from({ length: 200 }, (_, index) => late({ id: `a${index}`, number: String(index + 1) })),
      Array.from({ length: 30 }, (_, index) => paper(`p${index}`, `2016-0${1 + (index % 5)}-01T10:00:00.000Z`)),
    );
    let reads = 0;
    const papers = new Proxy(doc.papers, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const counted = { ...doc, papers };
    expect(actionsBeforeBoard(counted, TODAY)[0]!.items).toHaveLength(200);
    expect(countNeedingUpdate(counted, TODAY)).toBe(200);
    expect(reads).toBeLessThanOrEqual(doc.papers.length);
  });
});

describe("each lead's actions", () => {
  it('are the open actions naming the person on the action or an open step, read from the plan once for every lead', () => {
    const base = generateHistoryPlan({ ...TEN_YEARS_AT_150, logEntries: 100, papers: 2, reviews: 10 });
    let reads = 0;
    const actions = new Proxy(base.actions, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const doc = { ...base, actions };
    const people = allLeadNames(base);
    expect(people.length).toBeGreaterThan(5);
    for (const person of people) {
      const naive = base.actions.filter(
        (action) =>
          action.status !== 'complete' &&
          [...action.leads, ...action.nextSteps.filter((step) => !step.done).flatMap((step) => step.leads)].some(
            (lead) => lead.name.toLowerCase() === person.toLowerCase(),
          ),
      );
      expect(
        actionsLedBy(doc, ` ${person.toUpperCase()} `, '2026-11-24')
          .map((item) => item.action.id)
          .sort(),
      ).toEqual(naive.map((action) => action.id).sort());
    }
    expect(reads).toBeLessThanOrEqual(2 * base.actions.length);
  });
});
