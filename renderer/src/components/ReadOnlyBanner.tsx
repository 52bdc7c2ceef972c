import type { AppState, StoreStatus } from '../../../shared/api/contract';
import { api } from '../api/transport';

/** Says plainly that edits cannot be saved in this window, and offers to try again. */
export function ReadOnlyBanner({ status, onState }: { status: StoreStatus; onState: (state: AppState) => void }) {
  if (!status.readOnly) return null;
  const retry = async () => {
    const result = await api.reloadPlan({});
    if (result.ok) onState(result.value);
  };
  return (
    <p className="notice read-only" role="alert">
      <strong>Read only.</strong> {status.readOnly.message}{' '}
      <button type="button" className="link" onClick={() => void retry()}>
        Try again
      </button>
    </p>
  );
}
