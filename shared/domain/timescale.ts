import { format, isValid, lastDayOfMonth } from 'date-fns';
import type { IsoDate } from '../model/primitives';
import type { Timescale } from '../model/action';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_WORD =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

/** The month a season's work is due by, so "Autumn 16" sorts with November 2016. */
const SEASON_END_MONTH: Record<string, number> = { spring: 5, summer: 8, autumn: 11, fall: 11, winter: 2 };

const DAY_MONTH_YEAR = new RegExp(
  `\\b(?:(\\d{1,2})\\s*(?:st|nd|rd|th)?\\s+(?:of\\s+)?)?(${MONTH_WORD})\\.?,?\\s+'?(\\d{4}|\\d{2})(?![\\d/])`,
  'i',
);
const SEASON_YEAR = /\b(spring|summer|autumn|fall|winter)\s+'?(\d{4}|\d{2})(?![\d/])/i;
const NUMERIC_UK = /\b(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})\b/;
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/;
const START_OF_MONTH_HINT = /\b(beg|beginning|begin|start|starting|early)\b\.?(?:\s+of)?\s*$/i;
const MID_MONTH_HINT = /\bmid(?:dle)?\b(?:\s+of)?[\s-]*$/i;

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
  return date ? { index: match.index, date } : null;
}

function seasonPhrase(text: string): Candidate | null {
  const match = SEASON_YEAR.exec(text);
  if (!match) return null;
  const month = SEASON_END_MONTH[match[1]!.toLowerCase()]!;
  // Winter runs over the new year, so "Winter 16" ends in February 2017.
  const year = fullYear(match[2]!) + (month === 2 ? 1 : 0);
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
    const date = validDate(fullYear(uk[3]!), Number(uk[2]) - 1, Number(uk[1]));
    if (date) return { index: uk.index, date };
  }
  return null;
}

/**
 * Reads the first date a plan's timescale names. A month without a day means "by the end of that month";
 * "Beg April 16" means its first day. Returns null when the text names no date with a year.
 */
export function parseTimescaleDate(text: string): IsoDate | null {
  const normalised = text.replace(/(\d)\s+(st|nd|rd|th)\b/gi, '$1$2').replace(/[–—]/g, '-');
  const candidates = [monthPhrase(normalised), seasonPhrase(normalised), numericPhrase(normalised)].filter(
    (candidate): candidate is Candidate => candidate !== null,
  );
  if (candidates.length === 0) return null;
  candidates.sort((a, b) => a.index - b.index);
  return format(candidates[0]!.date, 'yyyy-MM-dd');
}

export function timescaleFromText(text: string): Timescale {
  const trimmed = text.trim();
  return { text: trimmed, due: parseTimescaleDate(trimmed) };
}
