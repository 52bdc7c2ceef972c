import { describe, expect, it } from 'vitest';
import {
  actionFilterSchema,
  allLeadNames,
  filterActions,
  groupByArea,
  leadNamesOf,
  searchActions,
} from '../../../../../shared/domain/filters';
import { compareActionNumbers, sortActions, suggestActionNumber } from '../../../../../shared/domain/actionOrder';
import type { Action } from '../../../../../shared/model/action';
import { makeAction, makeDocument } from '../../../../support/fixtures';

const TODAY = '2016-06-15';

function ids(actions: readonly Action[]): string[] {
  return actions.map((action) => action.id);
}

describe('filterActions', () => {
  const doc = makeDocument();

  it('returns every action, in file order, for an empty filter', () => {
    expect(ids(filterActions(doc, {}, TODAY))).toEqual(['action-1', 'action-2', 'action-3', 'action-4']);
  });

  it('filters by area', () => {
    expect(ids(filterActions(doc, { areaId: 'service-delivery' }, TODAY))).toEqual(['action-1', 'action-2']);
    expect(ids(filterActions(doc, { areaId: 'communication' }, TODAY))).toEqual([]);
  });

  it('filters by status', () => {
    expect(ids(filterActions(doc, { status: 'at_risk' }, TODAY))).toEqual(['action-2']);
    expect(ids(filterActions(doc, { status: 'off_track' }, TODAY))).toEqual([]);
  });

  it('filters by lead, case-insensitively and ignoring surrounding spaces', () => {
    expect(ids(filterActions(doc, { lead: 'bryony marsh' }, TODAY))).toEqual(['action-2', 'action-4']);
    expect(ids(filterActions(doc, { lead: '  BRYONY MARSH ' }, TODAY))).toEqual(['action-2', 'action-4']);
  });

  it('matches a lead named only on a next step', () => {
    expect(ids(filterActions(doc, { lead: 'Owen Castell' }, TODAY))).toEqual(['action-1']);
    expect(ids(filterActions(doc, { lead: 'jo bloggs' }, TODAY))).toEqual(['action-3']);
  });

  it('matches whole lead names, not parts of them', () => {
    expect(ids(filterActions(doc, { lead: 'Bryony' }, TODAY))).toEqual([]);
  });

  it('filters to overdue actions only', () => {
    expect(ids(filterActions(doc, { overdueOnly: true }, TODAY))).toEqual(['action-1']);
    expect(ids(filterActions(doc, { overdueOnly: true }, '2016-05-31'))).toEqual([]);
    expect(ids(filterActions(doc, { overdueOnly: false }, TODAY))).toHaveLength(4);
  });

  it('searches text in the number, description, next steps and leads, case-insensitively', () => {
    expect(ids(filterActions(doc, { text: 'strengthening' }, TODAY))).toEqual(['action-1']);
    expect(ids(filterActions(doc, { text: 'AUDITORS' }, TODAY))).toEqual(['action-1']);
    expect(ids(filterActions(doc, { text: 'scope the training' }, TODAY))).toEqual(['action-3']);
    expect(ids(filterActions(doc, { text: 'bloggs' }, TODAY))).toEqual(['action-3']);
    expect(ids(filterActions(doc, { text: 'marsh' }, TODAY))).toEqual(['action-2', 'action-4']);
    expect(ids(filterActions(doc, { text: '10' }, TODAY))).toEqual(['action-3']);
    expect(ids(filterActions(doc, { text: 'no such words' }, TODAY))).toEqual([]);
  });

  it('also searches the achievement and timescale text', () => {
    expect(ids(filterActions(doc, { text: '27 families' }, TODAY))).toEqual(['action-1']);
    expect(ids(filterActions(doc, { text: 'completed feb' }, TODAY))).toEqual(['action-4']);
  });

  it('treats blank text and lead as no filter', () => {
    expect(filterActions(doc, { text: '   ', lead: '' }, TODAY)).toHaveLength(4);
  });

  it('combines filters with AND', () => {
    expect(ids(filterActions(doc, { areaId: 'service-delivery', lead: 'bryony marsh' }, TODAY))).toEqual(['action-2']);
    expect(ids(filterActions(doc, { areaId: 'governance', status: 'at_risk' }, TODAY))).toEqual([]);
    expect(ids(filterActions(doc, { text: 'marsh', status: 'complete' }, TODAY))).toEqual(['action-4']);
  });
});

describe('actionFilterSchema', () => {
  it('is strict and checks the status', () => {
    expect(actionFilterSchema.safeParse({ status: 'on_track', overdueOnly: true }).success).toBe(true);
    expect(actionFilterSchema.safeParse({ status: 'done' }).success).toBe(false);
    expect(actionFilterSchema.safeParse({ owner: 'x' }).success).toBe(false);
  });
});

describe('lead names', () => {
  it('leadNamesOf lists action and next-step leads once each', () => {
    const action = makeAction({
      leads: [{ name: 'A' }],
      nextSteps: [
        { id: 's1', text: 't', leads: [{ name: 'B' }, { name: 'A' }], timescale: { text: '', due: null }, done: false },
      ],
    });
    expect(leadNamesOf(action)).toEqual(['A', 'B']);
  });

  it('allLeadNames joins people and leads, sorted', () => {
    expect(allLeadNames(makeDocument())).toEqual(['Bryony Marsh', 'Jo Bloggs', 'Nadia Pemberton', 'Owen Castell']);
  });
});

describe('groupByArea', () => {
  it('keeps every area in matrix order, empty ones included', () => {
    const doc = makeDocument();
    const groups = groupByArea(doc, doc.actions);
    expect(groups.map((group) => group.area.id)).toEqual(doc.matrix.areas.map((area) => area.id));
    expect(groups.map((group) => group.actions.length)).toEqual([2, 0, 1, 0, 0, 0, 1]);
  });

  it('sorts numbers naturally within an area (2 before 10, 10 before 10a before 11)', () => {
    const doc = makeDocument();
    const actions = ['10', '2', '11', '10a', '1', '3.1', '3'].map((number, index) =>
      makeAction({ id: `n${index}`, number, areaId: 'quality-assurance' }),
    );
    const [, , , , quality] = groupByArea(doc, actions);
    expect(quality!.area.id).toBe('quality-assurance');
    expect(quality!.actions.map((action) => action.number)).toEqual(['1', '2', '3', '3.1', '10', '10a', '11']);
  });

  it('groups only the actions given (e.g. a filtered list)', () => {
    const doc = makeDocument();
    const groups = groupByArea(doc, filterActions(doc, { status: 'complete' }, TODAY));
    expect(groups.flatMap((group) => group.actions.map((action) => action.id))).toEqual(['action-4']);
  });
});

describe('sortActions / compareActionNumbers', () => {
  it('orders 2 before 10 and does not change the input', () => {
    const actions = [makeAction({ id: 'a', number: '10' }), makeAction({ id: 'b', number: '2' })];
    expect(sortActions(actions).map((action) => action.number)).toEqual(['2', '10']);
    expect(actions.map((action) => action.number)).toEqual(['10', '2']);
    expect(compareActionNumbers('2', '10')).toBeLessThan(0);
    expect(compareActionNumbers('12A', '12a')).toBe(0);
  });
});

describe('searchActions', () => {
  it('puts the action whose number is exactly the text first, then the other matches in number order', () => {
    const doc = makeDocument();
    const numbers = searchActions(doc, '1', TODAY, 10).map((action) => action.number);
    expect(numbers[0]).toBe('1');
    const rest = numbers.slice(1);
    expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b, 'en-GB', { numeric: true })));
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('stops at the limit', () => {
    expect(searchActions(makeDocument(), '', TODAY, 2)).toHaveLength(2);
  });
});

describe('suggestActionNumber', () => {
  const inArea = (number: string, areaId: string) => makeAction({ id: `a-${number}`, number, areaId });

  it("continues the area's own series when the next number is free", () => {
    expect(suggestActionNumber([inArea('3.1', 'gov'), inArea('3.2', 'gov'), inArea('4.1', 'qa')], 'gov')).toBe('3.3');
    expect(suggestActionNumber([inArea('1', 'gov'), inArea('2', 'gov'), inArea('9', 'qa')], 'gov')).toBe('3');
  });

  it('takes the next number after the highest in the plan when the series runs into another area', () => {
    expect(suggestActionNumber([inArea('8', 'gov'), inArea('9', 'qa'), inArea('10a', 'qa')], 'gov')).toBe('11');
  });

  it('starts an empty area after the highest number in the plan, and an empty plan at 1', () => {
    expect(suggestActionNumber([inArea('12', 'gov')], 'qa')).toBe('13');
    expect(suggestActionNumber([], 'qa')).toBe('1');
  });
});
