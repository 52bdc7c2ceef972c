import { readTimescale } from '../../../shared/domain/timescale';
import { formatDate } from './format';

const NO_DATE_WORDS = {
  no_single_date: 'No single due date (ongoing or recurring): it will not show as overdue',
  no_date: 'No date recognised: kept as text, and it will not show as overdue',
} as const;

/**
 * Shows, as the person types a timescale, the due date the plan will read from it, or says plainly that
 * there is none, so an action never drops out of Overdue unseen.
 */
export function ParsedDate({ text, yearStartMonth, id }: { text: string; yearStartMonth: number; id?: string }) {
  const reading = readTimescale(text, { yearStartMonth });
  if (reading.kind === 'empty') return null;
  return (
    <span className={reading.kind === 'date' ? 'hint' : 'hint hint-warn'} id={id} aria-live="polite">
      {reading.kind === 'date' ? `Due ${formatDate(reading.due)}` : NO_DATE_WORDS[reading.kind]}
    </span>
  );
}
