import { addDays, format, isValid, lastDayOfMonth } from 'date-fns';
import type { IsoDate } from '../model/primitives';
import { MONTH_NAMES } from './dates';
import type { Timescale } from '../model/action';
import type { PlanDocument } from '../model/plan';

const MONTHS = MONTH_NAMES.map((name) => name.slice(0, 3).toLowerCase());
const MONTH_WORD =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

/** The month a season's work is due by, so "Autumn 16" sorts with November 2016. */
const SEASON_END_MONTH: Record<string, number> = { spring: 5, summer: 8, autumn: 11, fall: 11, winter: 2 };
/** School terms end later than the seasons they are named after: the autumn term runs to Christmas. */
const TERM_END_MONTH: Record<string, number> = { spring: 4, summer: 7, autumn: 12 };

/** The first month of the financial year: April for councils and the NHS in England. */
export const DEFAULT_YEAR_START_MONTH = 4;

export interface TimescaleOptions {
  /** 1 to 12: the month the plan's financial year starts in. */
  yearStartMonth?: number;
}

// A year never runs straight into more digits or a day/month separator, so "March 175" and "2016-06-30"
// are not read as years.
const YEAR = `'?(\\d{4}|\\d{2})(?!\\d|[/.-]\\d)`;
const DAY_MONTH_YEAR = new RegExp(
  `\\b(?:(\\d{1,2})\\s*(?:st|nd|rd|th)?(?:\\s+|-)(?:of\\s+)?)?(${MONTH_WORD})\\.?,?(?:\\s+|\\s*-\\s*)${YEAR}`,
  'i',
);
const SEASON_YEAR = new RegExp(`\\b(spring|summer|autumn|fall|winter)(\\s+term)?\\s+${YEAR}`, 'i');
const NUMERIC_UK = /\b(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d|[/.-]\d)/;
const MONTH_SLASH_YEAR = /(?<!\d[/.-])\b(\d{1,2})\/(\d{4})(?!\d|[/.-]\d)/;
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/;
/** "2026/27", "26-27", "2026-2027", each optionally after "FY": two consecutive years. */
const YEAR_PAIR = new RegExp(
  `\\b(?:fy\\s*)?(\\d{4}|\\d{2})\\s*[/-]\\s*(\\d{4}|\\d{2})(?!\\d|[/.-]\\d|\\s*(?:${MONTH_WORD})\\b)`,
  'i',
);
/** "FY27" or "FY 2027": the financial year that ends in that calendar year. */
const FY_ENDING = /\bfy\s*'?(\d{4}|\d{2})(?!\d|[/.-]\d)/i;
/** A quarter or half before the year it belongs to: "Q3 2026/27", "Q4 FY27", "H1 26/27", "Q2 2027". */
const PART_OF_YEAR = new RegExp(
  `\\b(q(?=\\s*[1-4])|h(?=\\s*[12]))\\s*([1-4])\\s*(?:of\\s+)?(?:(fy\\s*'?(?:\\d{4}|\\d{2}))|(\\d{4}|\\d{2})\\s*[/-]\\s*(\\d{4}|\\d{2})|(\\d{4}))(?!\\d|[/.-]\\d)`,
  'i',
);
const WEEK_COMMENCING = /\b(?:w\/c|wc|w\.c\.|week\s+(?:commencing|beginning|starting))\s*:?\s*$/i;
/** A year alone, or after a word that makes it a deadline ("by 2028"), not a stray number in a date. */
const BARE_YEAR = /^\s*(20\d{2})\s*\.?\s*$|\b(?:in|by|during|before|end\s+of|end)\s+(20\d{2})\b(?!\d|[/.-]\d)/i;
const START_OF_MONTH_HINT = /\b(beg|beginning|begin|start|starting|early)\b\.?(?:\s+of)?\s*$/i;
const MID_MONTH_HINT = /\bmid(?:dle)?\b(?:\s+of)?[\s-]*$/i;

/** Words that say the work has no single due date: it goes on, or it recurs. */
const NO_SINGLE_DATE =
  /\b(ongoing|on-going|continuous|continuing|business as usual|bau|as required|as needed|rolling|quarterly|monthly|annually|yearly|termly|weekly|fortnightly|bi-?monthly|six-?monthly|every\s+\w+\s+(?:weeks?|months?|years?|boards?|meetings?)|each\s+(?:board|meeting|quarter|month|term|year))\b/i;

interface Candidate {
  index: number;
  date: Date;
}

function fullYear(text: string): number {
  const year = Number(text);
  return text.length === 2 ? 2000 + year : year;
}

function validDate(year: number, monthIndex: number, day: number): Date | null {
  const date = new Date(year, monthIndex, day);
  if (!isValid(date) || date.getFullYear() !== year || date.getMonth() !== monthIndex || date.getDate() !== day) {
    return null;
  }
  return date;
}

/** The last day of the month `months` after the first month of a year starting (year, month1 1-based). */
function endOfMonthAfter(year: number, month1: number, months: number): Date {
  return lastDayOfMonth(new Date(year, month1 - 1 + months, 1));
}

/** A week commencing is due at the end of that working week (its Friday). */
function afterWeekHint(text: string, index: number, date: Date): Date {
  return WEEK_COMMENCING.test(text.slice(0, index)) ? addDays(date, 4) : date;
}

function monthPhrase(text: string): Candidate | null {
  const match = DAY_MONTH_YEAR.exec(text);
  if (!match) return null;
  const [, dayText, monthText, yearText] = match;
  const monthIndex = MONTHS.indexOf(monthText!.slice(0, 3).toLowerCase());
  const year = fullYear(yearText!);
  const monthStart = new Date(year, monthIndex, 1);
  const before = text.slice(0, match.index);
  let date: Date | null;
  if (dayText) date = validDate(year, monthIndex, Number(dayText));
  else if (START_OF_MONTH_HINT.test(before)) date = monthStart;
  else if (MID_MONTH_HINT.test(before)) date = new Date(year, monthIndex, 15);
  else date = lastDayOfMonth(monthStart);
  return date ? { index: match.index, date: dayText ? afterWeekHint(text, match.index, date) : date } : null;
}

function seasonPhrase(text: string): Candidate | null {
  const match = SEASON_YEAR.exec(text);
  if (!match) return null;
  const season = match[1]!.toLowerCase();
  const month = (match[2] ? TERM_END_MONTH[season] : undefined) ?? SEASON_END_MONTH[season]!;
  // Winter runs over the new year, so "Winter 16" ends in February 2017.
  const year = fullYear(match[3]!) + (month === 2 ? 1 : 0);
  return { index: match.index, date: lastDayOfMonth(new Date(year, month - 1, 1)) };
}

function numericPhrase(text: string): Candidate | null {
  const iso = ISO.exec(text);
  if (iso) {
    const date = validDate(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
    if (date) return { index: iso.index, date };
  }
  const uk = NUMERIC_UK.exec(text);
  if (uk) {
    // UK order: day first, whatever the separator ("31/03/2027", "31.03.27", "31-03-2027").
    const date = validDate(fullYear(uk[4]!), Number(uk[3]) - 1, Number(uk[1]));
    if (date) return { index: uk.index, date: afterWeekHint(text, uk.index, date) };
  }
  const monthYear = MONTH_SLASH_YEAR.exec(text);
  if (monthYear) {
    const month = Number(monthYear[1]);
    if (month >= 1 && month <= 12)
      return { index: monthYear.index, date: lastDayOfMonth(new Date(Number(monthYear[2]), month - 1, 1)) };
  }
  return null;
}

/** The calendar year a financial year starts in, from "2026/27" style pairs; null when not consecutive. */
function startYearOfPair(first: string, second: string): number | null {
  const start = fullYear(first);
  let end = second.length === 2 ? Math.floor(start / 100) * 100 + Number(second) : Number(second);
  if (end < start) end += 100;
  return end === start + 1 ? start : null;
}

/** The calendar year a financial year named "FY27" starts in: the one that ends in 2027. */
function startYearOfFy(text: string, yearStartMonth: number): number {
  const endYear = fullYear(text.replace(/^fy\s*'?/i, ''));
  return yearStartMonth === 1 ? endYear : endYear - 1;
}

function financialYearPhrase(text: string, yearStartMonth: number): Candidate | null {
  const part = PART_OF_YEAR.exec(text);
  if (part) {
    const [, kind, numberText, fyText, first, second, calendarYear] = part;
    const number = Number(numberText);
    const span = kind!.toLowerCase() === 'q' ? 3 : 6;
    // A quarter of a single calendar year ("Q2 2027") is a calendar quarter; of a financial year, the
    // quarters count from the year's first month.
    const start =
      calendarYear !== undefined
        ? { year: Number(calendarYear), month: 1 }
        : fyText !== undefined
          ? { year: startYearOfFy(fyText, yearStartMonth), month: yearStartMonth }
          : { year: startYearOfPair(first!, second!), month: yearStartMonth };
    if (start.year === null) return null;
    return { index: part.index, date: endOfMonthAfter(start.year, start.month, span * number - 1) };
  }
  const pair = YEAR_PAIR.exec(text);
  if (pair) {
    const startYear = startYearOfPair(pair[1]!, pair[2]!);
    if (startYear !== null) {
      const before = text.slice(0, pair.index);
      const date = START_OF_MONTH_HINT.test(before)
        ? new Date(startYear, yearStartMonth - 1, 1)
        : endOfMonthAfter(startYear, yearStartMonth, 11);
      return { index: pair.index, date };
    }
  }
  const fy = FY_ENDING.exec(text);
  if (fy) return { index: fy.index, date: endOfMonthAfter(startYearOfFy(fy[1]!, yearStartMonth), yearStartMonth, 11) };
  return null;
}

function bareYearPhrase(text: string): Candidate | null {
  const match = BARE_YEAR.exec(text);
  return match ? { index: match.index, date: new Date(Number(match[1] ?? match[2]), 11, 31) } : null;
}

/**
 * Reads the first date a plan's timescale names. A month without a day means "by the end of that month";
 * "Beg April 16" means its first day; a financial year or quarter ("2026/27", "Q3 26/27", "FY27") means
 * its last day, counted from the plan's first month of the year. Returns null when the text names no date
 * with a year.
 */
export function parseTimescaleDate(text: string, options: TimescaleOptions = {}): IsoDate | null {
  const yearStartMonth = options.yearStartMonth ?? DEFAULT_YEAR_START_MONTH;
  const normalised = text.replace(/(\d)\s+(st|nd|rd|th)\b/gi, '$1$2').replace(/[–—]/g, '-');
  const candidates = [
    monthPhrase(normalised),
    seasonPhrase(normalised),
    numericPhrase(normalised),
    financialYearPhrase(normalised, yearStartMonth),
  ].filter((candidate): candidate is Candidate => candidate !== null);
  candidates.sort((a, b) => a.index - b.index);
  const chosen = candidates[0] ?? bareYearPhrase(normalised);
  return chosen ? format(chosen.date, 'yyyy-MM-dd') : null;
}

export function timescaleFromText(text: string, options: TimescaleOptions = {}): Timescale {
  const trimmed = text.trim();
  return { text: trimmed, due: parseTimescaleDate(trimmed, options) };
}

/** How a timescale reads as a deadline: a date, work with no single due date, or text with no date. */
export type TimescaleReading =
  { kind: 'date'; due: IsoDate } | { kind: 'no_single_date' } | { kind: 'no_date' } | { kind: 'empty' };

export function readTimescale(text: string, options: TimescaleOptions = {}): TimescaleReading {
  if (!text.trim()) return { kind: 'empty' };
  const due = parseTimescaleDate(text, options);
  if (due) return { kind: 'date', due };
  return NO_SINGLE_DATE.test(text) ? { kind: 'no_single_date' } : { kind: 'no_date' };
}

/** A timescale that gives no due date, as the person finds it in the plan. */
export interface UndatedTimescale {
  actionId: string;
  actionNumber: string;
  /** 1-based position of the next step, or null for the action's own timescale. */
  stepNo: number | null;
  text: string;
  kind: 'no_single_date' | 'no_date' | 'empty';
}

/**
 * Every open action's and open next step's timescale that yields no due date: such work can never show
 * as overdue, so the plan lists it rather than letting it drop out unseen. A timescale with a due date
 * shows as overdue by that date, so only those without one are read again to say why (reading every
 * timescale of thousands of actions made "Plan & people" slow to open).
 */
export function undatedTimescales(doc: PlanDocument): UndatedTimescale[] {
  const options = { yearStartMonth: doc.plan.yearStartMonth };
  const read = (timescale: Timescale): TimescaleReading =>
    timescale.due === null ? readTimescale(timescale.text, options) : { kind: 'date', due: timescale.due };
  const found: UndatedTimescale[] = [];
  for (const action of doc.actions) {
    if (action.status === 'complete') continue;
    const own = read(action.timescale);
    if (own.kind !== 'date')
      found.push({
        actionId: action.id,
        actionNumber: action.number,
        stepNo: null,
        text: action.timescale.text,
        kind: own.kind,
      });
    action.nextSteps.forEach((step, index) => {
      if (step.done) return;
      const reading = read(step.timescale);
      if (reading.kind !== 'date') {
        found.push({
          actionId: action.id,
          actionNumber: action.number,
          stepNo: index + 1,
          text: step.timescale.text,
          kind: reading.kind,
        });
      }
    });
  }
  return found;
}
