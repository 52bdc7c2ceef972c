import { describe, expect, it } from 'vitest';
import {
  parseTimescaleDate,
  readTimescale,
  timescaleFromText,
  undatedTimescales,
} from '../../../../../shared/domain/timescale';
import { makeDocument } from '../../../../support/fixtures';
import { generateHistoryPlan } from '../../../../support/generatePlan';

describe('parseTimescaleDate on phrases from a real action plan', () => {
  it.each([
    ['June 2016', '2016-06-30'],
    ['End of May 16', '2016-05-31'],
    ['March 17', '2017-03-31'],
    ['Completed Feb 16', '2016-02-29'],
    ['September 16', '2016-09-30'],
    ['End of September 16', '2016-09-30'],
    ['Beg April 16', '2016-04-01'],
    ['March 16 – completed', '2016-03-31'],
    ['June 17 – 12 months', '2017-06-30'],
    ['Savings felt by March 17', '2017-03-31'],
    ['Full programme implement ation March 2018', '2018-03-31'],
    ['April 2016 – completed August 2016 review', '2016-04-30'],
    ['June 2016 – review 6 months', '2016-06-30'],
    ['Starting February 16 – every two months there after', '2016-02-01'],
    ['21st July 2016', '2016-07-21'],
    ['1 st January 15', '2015-01-01'],
    ['Autumn 16', '2016-11-30'],
    ['Winter 16', '2017-02-28'],
    ['30/06/2016', '2016-06-30'],
    ['2016-06-30', '2016-06-30'],
  ])('%j -> %s', (text, expected) => {
    expect(parseTimescaleDate(text)).toBe(expected);
  });

  it.each([[''], ['Ongoing'], ['end of June'], ['may need to apply'], ['   '], ['12 months']])(
    '%j names no date with a year -> null',
    (text) => {
      expect(parseTimescaleDate(text)).toBeNull();
    },
  );
});

describe('parseTimescaleDate details', () => {
  it('uses the last day of February in leap and common years', () => {
    expect(parseTimescaleDate('Feb 16')).toBe('2016-02-29');
    expect(parseTimescaleDate('Feb 17')).toBe('2017-02-28');
  });

  it('reads start-of-month hints, abbreviated or not, as the 1st', () => {
    expect(parseTimescaleDate('the beginning of July 16')).toBe('2016-07-01');
    expect(parseTimescaleDate('Early April 16')).toBe('2016-04-01');
    expect(parseTimescaleDate('start of April 16')).toBe('2016-04-01');
    expect(parseTimescaleDate('Beg. April 16')).toBe('2016-04-01');
  });

  it('reads mid-month hints as the 15th', () => {
    expect(parseTimescaleDate('Mid March 16')).toBe('2016-03-15');
    expect(parseTimescaleDate('mid-June 2016')).toBe('2016-06-15');
  });

  it('reads the other seasons as the end of their last month', () => {
    expect(parseTimescaleDate('Spring 17')).toBe('2017-05-31');
    expect(parseTimescaleDate('Summer 2016')).toBe('2016-08-31');
  });

  it('accepts abbreviated months with a full stop and "Sept"', () => {
    expect(parseTimescaleDate('Sept 16')).toBe('2016-09-30');
    expect(parseTimescaleDate('Dec. 2016')).toBe('2016-12-31');
  });

  it('is case-insensitive', () => {
    expect(parseTimescaleDate('END OF MAY 16')).toBe('2016-05-31');
    expect(parseTimescaleDate('autumn 16')).toBe('2016-11-30');
  });

  it('takes the earliest-placed date when several kinds appear', () => {
    expect(parseTimescaleDate('Autumn 16, then March 17')).toBe('2016-11-30');
    expect(parseTimescaleDate('review 01/09/2016 then June 2017')).toBe('2016-09-01');
  });

  it('refuses impossible calendar dates', () => {
    expect(parseTimescaleDate('31/02/2016')).toBeNull();
    expect(parseTimescaleDate('2016-13-01')).toBeNull();
    expect(parseTimescaleDate('31st June 2016')).toBeNull();
  });

  it('does not read an ordinal claim number as a day ("2 nd claim – September 16")', () => {
    expect(parseTimescaleDate('2 nd claim – September 16')).toBe('2016-09-30');
  });

  it('does not read a three-digit number after a month as a year', () => {
    expect(parseTimescaleDate('March 175')).toBeNull();
  });
});

describe('timescaleFromText', () => {
  it('keeps the original text, trimmed, with the parsed date', () => {
    expect(timescaleFromText('  End of May 16 \n')).toEqual({ text: 'End of May 16', due: '2016-05-31' });
  });

  it('keeps text that names no date with a null due date', () => {
    expect(timescaleFromText(' Ongoing ')).toEqual({ text: 'Ongoing', due: null });
    expect(timescaleFromText('')).toEqual({ text: '', due: null });
  });

  it('keeps the en dash and the rest of the phrase as written', () => {
    expect(timescaleFromText('March 16 – completed')).toEqual({ text: 'March 16 – completed', due: '2016-03-31' });
  });
});

describe('timescales as councils write them (financial years from April)', () => {
  it.each([
    // Financial-year quarters and halves: Q1 is April to June.
    ['Q1 2026/27', '2026-06-30'],
    ['Q2 2026/27', '2026-09-30'],
    ['Q3 2026/27', '2026-12-31'],
    ['Q4 2026/27', '2027-03-31'],
    ['Q4 26/27', '2027-03-31'],
    ['Q3 26-27', '2026-12-31'],
    ['Q2 of 2027/28', '2027-09-30'],
    ['q1 2027-2028', '2027-06-30'],
    ['Q4 FY27', '2027-03-31'],
    ['Q1 FY 2027', '2026-06-30'],
    ['By end of Q3 2026/27', '2026-12-31'],
    ['H1 2026/27', '2026-09-30'],
    ['H2 26/27', '2027-03-31'],
    // A quarter of one calendar year is a calendar quarter.
    ['Q2 2027', '2027-06-30'],
    ['Q4 2026', '2026-12-31'],
    // Whole financial years.
    ['2026/27', '2027-03-31'],
    ['end of 2026/27', '2027-03-31'],
    ['End of 26/27', '2027-03-31'],
    ['2026-27', '2027-03-31'],
    ['2026-2027', '2027-03-31'],
    ['During 2027/28', '2028-03-31'],
    ['FY27', '2027-03-31'],
    ['FY 27', '2027-03-31'],
    ['FY2028', '2028-03-31'],
    ["FY '27", '2027-03-31'],
    ['FY 2026/27', '2027-03-31'],
    ['Start of 2027/28', '2027-04-01'],
    ['Year 2 (2027/28)', '2028-03-31'],
    ['1999/00', '2000-03-31'],
    // Abbreviated months with years, with a hyphen or an apostrophe.
    ['Mar-27', '2027-03-31'],
    ['Mar 27', '2027-03-31'],
    ['Sep-2026', '2026-09-30'],
    ['Sept-26', '2026-09-30'],
    ["Jan '27", '2027-01-31'],
    ['Dec-26', '2026-12-31'],
    ['end Feb-28', '2028-02-29'],
    ['12-Jan-27', '2027-01-12'],
    ['Apr–Jun 27', '2027-06-30'],
    ['June 27.', '2027-06-30'],
    ['by March 2027.', '2027-03-31'],
    // Numeric dates in UK order, whatever the separator.
    ['31.03.27', '2027-03-31'],
    ['31/03/2027', '2027-03-31'],
    ['31-03-2027', '2027-03-31'],
    ['1/4/27', '2027-04-01'],
    ['05.11.2026', '2026-11-05'],
    ['03/2027', '2027-03-31'],
    ['by 30.9.26', '2026-09-30'],
    // Week commencing: due by the Friday of that week.
    ['w/c 12 Jan 27', '2027-01-16'],
    ['W/C 12/01/2027', '2027-01-16'],
    ['week commencing 8th March 2027', '2027-03-12'],
    ['wc 1 Feb 27', '2027-02-05'],
    // School terms end later than the season.
    ['Autumn term 2026', '2026-12-31'],
    ['Spring term 27', '2027-04-30'],
    ['Summer term 2027', '2027-07-31'],
    // A year on its own means its end.
    ['By 2028', '2028-12-31'],
    ['During 2027', '2027-12-31'],
    // Mixed phrases take the first date written.
    ['Ongoing - review March 27', '2027-03-31'],
    ['Quarterly, first report Q1 2027/28', '2027-06-30'],
    ['10-11 March 2027', '2027-03-11'],
    ['Q5 2026/27', '2027-03-31'],
    ['Pilot 2026/27 then roll out', '2027-03-31'],
  ])('%j -> %s', (text, expected) => {
    expect(parseTimescaleDate(text)).toBe(expected);
  });

  it("counts financial years from the plan's own first month", () => {
    expect(parseTimescaleDate('Q1 2026/27', { yearStartMonth: 9 })).toBe('2026-11-30');
    expect(parseTimescaleDate('2026/27', { yearStartMonth: 9 })).toBe('2027-08-31');
    expect(parseTimescaleDate('FY27', { yearStartMonth: 1 })).toBe('2027-12-31');
    expect(parseTimescaleDate('Q3 FY27', { yearStartMonth: 1 })).toBe('2027-09-30');
  });

  it.each([
    ['12/13/2027'],
    ['26/28'],
    ['Q3'],
    ['H3 26'],
    ['2026/28'],
    ['31.02.27'],
    ['13/2027'],
    ['2035 target'],
    ['Phase 2'],
  ])('%j is not a date -> null', (text) => {
    expect(parseTimescaleDate(text)).toBeNull();
  });
});

describe('readTimescale', () => {
  it.each([
    ['Ongoing'],
    ['on-going'],
    ['Quarterly'],
    ['Monthly'],
    ['Business as usual'],
    ['BAU'],
    ['As required'],
    ['Every six months'],
    ['Each board meeting'],
    ['Annually'],
  ])('%j has no single due date', (text) => {
    expect(readTimescale(text)).toEqual({ kind: 'no_single_date' });
  });

  it('tells a dated timescale, one with no date and an empty one apart', () => {
    expect(readTimescale('Q4 26/27')).toEqual({ kind: 'date', due: '2027-03-31' });
    expect(readTimescale('When funding allows')).toEqual({ kind: 'no_date' });
    expect(readTimescale('end of June')).toEqual({ kind: 'no_date' });
    expect(readTimescale('  ')).toEqual({ kind: 'empty' });
  });

  it('prefers a date to a recurring word', () => {
    expect(readTimescale('Quarterly from June 2027')).toEqual({ kind: 'date', due: '2027-06-30' });
  });
});

describe('undatedTimescales', () => {
  it('lists open actions and open steps whose timescale gives no due date, and nothing else', () => {
    const doc = makeDocument();
    const [first, second, third] = doc.actions;
    const plan = {
      ...doc,
      actions: [
        {
          ...first!,
          status: 'on_track' as const,
          timescale: timescaleFromText('Ongoing'),
          nextSteps: [
            { id: 's1', text: 'a', leads: [], timescale: timescaleFromText('When funding allows'), done: false },
            { id: 's2', text: 'b', leads: [], timescale: timescaleFromText('Soon'), done: true },
            { id: 's3', text: 'c', leads: [], timescale: timescaleFromText('Q4 26/27'), done: false },
          ],
        },
        { ...second!, status: 'complete' as const, timescale: timescaleFromText('Ongoing'), nextSteps: [] },
        { ...third!, status: 'not_started' as const, timescale: timescaleFromText(''), nextSteps: [] },
      ],
    };
    expect(undatedTimescales(plan)).toEqual([
      { actionId: first!.id, actionNumber: first!.number, stepNo: null, text: 'Ongoing', kind: 'no_single_date' },
      { actionId: first!.id, actionNumber: first!.number, stepNo: 1, text: 'When funding allows', kind: 'no_date' },
      { actionId: third!.id, actionNumber: third!.number, stepNo: null, text: '', kind: 'empty' },
    ]);
  });

  it('does not list a timescale with a due date, which shows as overdue by it, even when its words no longer read as one', () => {
    const doc = makeDocument();
    const [first] = doc.actions;
    const plan = {
      ...doc,
      actions: [
        { ...first!, status: 'on_track' as const, timescale: { text: 'Ongoing', due: '2026-03-31' }, nextSteps: [] },
      ],
    };
    expect(undatedTimescales(plan)).toEqual([]);
  });

  it('finds on a generated plan with history what reading every timescale again finds', () => {
    const doc = generateHistoryPlan({
      actions: 300,
      years: 2,
      logEntries: 1000,
      papers: 4,
      assessments: 20,
      measures: 2,
      valuesPerMeasure: 4,
      reviews: 50,
    });
    const words = ['Ongoing', 'When funding allows', '', 'Quarterly', 'March 27', 'Q3 26/27'];
    const plan = {
      ...doc,
      actions: doc.actions.map((action, index) => ({
        ...action,
        timescale: index % 3 === 0 ? timescaleFromText(words[index % words.length]!) : action.timescale,
        nextSteps: action.nextSteps.map((step, stepIndex) => ({
          ...step,
          timescale:
            stepIndex % 2 === 0 ? timescaleFromText(words[(index + stepIndex) % words.length]!) : step.timescale,
        })),
      })),
    };
    const options = { yearStartMonth: plan.plan.yearStartMonth };
    const everyTimescaleRead = plan.actions
      .filter((action) => action.status !== 'complete')
      .flatMap((action) => [
        { action, stepNo: null, text: action.timescale.text },
        ...action.nextSteps.flatMap((step, index) =>
          step.done ? [] : [{ action, stepNo: index + 1, text: step.timescale.text }],
        ),
      ])
      .flatMap(({ action, stepNo, text }) => {
        const reading = readTimescale(text, options);
        return reading.kind === 'date'
          ? []
          : [{ actionId: action.id, actionNumber: action.number, stepNo, text, kind: reading.kind }];
      });
    expect(everyTimescaleRead.length).toBeGreaterThan(50);
    expect(undatedTimescales(plan)).toEqual(everyTimescaleRead);
  });
});
