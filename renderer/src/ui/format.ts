import { format, parseISO } from 'date-fns';

/**
 * The same dates are printed again and again (years of assessments, reviews, due dates), and date-fns parsing
 * each was a visible part of opening a view: each text is worked out once. Bounded, for times of day.
 */
const formattedDates = new Map<string, string>();
const FORMATTED_DATES_KEPT = 20_000;

/** Dates as a UK board paper prints them: 31 May 2016. */
export function formatDate(iso: string | null): string {
  if (!iso) return '';
  let text = formattedDates.get(iso);
  if (text === undefined) {
    text = format(parseISO(iso), 'd MMM yyyy');
    if (formattedDates.size >= FORMATTED_DATES_KEPT) formattedDates.clear();
    formattedDates.set(iso, text);
  }
  return text;
}

export function formatDateTime(iso: string): string {
  return format(parseISO(iso), "d MMM yyyy 'at' HH:mm");
}
