import { parseTimescaleDate } from '../../../shared/domain/timescale';
import { formatDate } from '../format';

/** Shows, as the person types a timescale, the due date the plan will read from it. */
export function ParsedDate({ text, id }: { text: string; id?: string }) {
  if (!text.trim()) return null;
  const due = parseTimescaleDate(text);
  return (
    <span className={due ? 'hint' : 'hint hint-warn'} id={id} aria-live="polite">
      {due ? `Due ${formatDate(due)}` : 'No date recognised: kept as text'}
    </span>
  );
}
