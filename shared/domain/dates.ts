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

/** A calendar date in words; text that is not a YYYY-MM-DD date is returned as it is. */
export function formatIsoDate(iso: IsoDate, style: DateStyle): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const date = parseISO(iso);
  return isValid(date) ? format(date, PATTERNS[style]) : iso;
}
