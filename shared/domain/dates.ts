/**
 * The one place dates are put into words, for the app's messages, the workbook and the board paper.
 * date-fns' English month names are the month-name table; nothing else spells them out.
 */
import { format, isValid, parseISO } from 'date-fns';
import type { IsoDate } from '../model/primitives';

const PATTERNS = {
  /** "1 March 2027" */
  long: 'd MMMM yyyy',
  /** "March 2027" */
  monthYear: 'MMMM yyyy',
  /** "21st July 2016", the way board papers date themselves */
  paper: 'do MMMM yyyy',
  /** "30 Sep 2026", for a narrow table column */
  short: 'd MMM yyyy',
} as const;
export type DateStyle = keyof typeof PATTERNS;

/** January to December, in full. */
export const MONTH_NAMES: readonly string[] = Array.from({ length: 12 }, (_, index) =>
  format(new Date(2000, index, 1), 'MMMM'),
);

/**
 * The same dates are put into words again and again (every paper's meeting in a list of papers, due dates,
 * years of assessments), and date-fns' parse and format is slow beside a lookup: each text is worked out once.
 * Bounded, as the dates of a plan are.
 */
const formatted = new Map<string, string>();
const FORMATTED_KEPT = 20_000;

/** A calendar date in words; text that is not a YYYY-MM-DD date is returned as it is. */
export function formatIsoDate(iso: IsoDate, style: DateStyle): string {
  const key = `${style} ${iso}`;
  let text = formatted.get(key);
  if (text === undefined) {
    const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? parseISO(iso) : null;
    text = date && isValid(date) ? format(date, PATTERNS[style]) : iso;
    if (formatted.size >= FORMATTED_KEPT) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}
