import { describe, expect, it } from 'vitest';
import { parseTimescaleDate, timescaleFromText } from '../../shared/domain/timescale';

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
