import type { ApiError } from '../../../shared/api/contract';

interface Props {
  error: ApiError;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}

/** An edit refused because another window changed the same fields: both values, and the person chooses. */
export function ConflictNotice({ error, onKeepMine, onTakeTheirs }: Props) {
  return (
    <section className="notice conflict-notice" role="alert" aria-label="Changed in another window">
      <p>Not saved: this was changed in another window since you opened it.</p>
      <ul>
        {(error.conflicts ?? []).map((conflict) => (
          <li key={conflict.field}>
            {conflict.label} of {conflict.record}: now <strong>{conflict.theirs}</strong>; yours{' '}
            <strong>{conflict.yours}</strong>
          </li>
        ))}
      </ul>
      <button type="button" className="primary" onClick={onKeepMine}>
        Keep mine
      </button>{' '}
      <button type="button" className="secondary" onClick={onTakeTheirs}>
        Take theirs
      </button>
    </section>
  );
}
