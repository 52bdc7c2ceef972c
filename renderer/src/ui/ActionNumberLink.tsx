import type { Action } from '../../../shared/model/action';

/** An action's number as a button that opens its editor, named for screen readers by what it does. */
export function ActionNumberLink({ action, onOpen }: { action: Action; onOpen: (action: Action) => void }) {
  return (
    <button
      type="button"
      className="action-link"
      onClick={() => onOpen(action)}
      aria-label={`Edit action ${action.number}`}
    >
      {action.number}
    </button>
  );
}
