import { format, parseISO } from 'date-fns';

/** Dates as a UK board paper prints them: 31 May 2016. */
export function formatDate(iso: string | null): string {
  return iso ? format(parseISO(iso), 'd MMM yyyy') : '';
}

export function formatDateTime(iso: string): string {
  return format(parseISO(iso), "d MMM yyyy 'at' HH:mm");
}
