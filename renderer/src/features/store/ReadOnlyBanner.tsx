import { useState } from 'react';
import type { AppState, StoreStatus } from '../../../../shared/api/contract';
import { usePlanApi } from '../../state/planContext';

/**
 * Says plainly that edits cannot be saved in this window and who holds the plan, offers to try again, and
 * offers to open it for editing anyway once the user has confirmed, in the page, that they mean it.
 */
export function ReadOnlyBanner({ status, onState }: { status: StoreStatus; onState: (state: AppState) => void }) {
  const api = usePlanApi();
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const readOnly = status.readOnly;
  if (!readOnly) return null;
  const retry = async () => {
    const result = await api.reloadPlan({});
    if (result.ok) onState(result.value);
  };
  const takeOver = async () => {
    setConfirming(false);
    // The holder as shown: if someone else holds the plan by now, the lock is left alone and they are named.
    const result = await api.takeOverLock({ holder: readOnly.holder });
    setProblem(result.ok ? null : result.error.message);
    if (result.ok) onState(result.value);
  };
  return (
    <>
      <p className="notice read-only" role="alert">
        <span className="notice-text">
          <strong>Read only.</strong> {readOnly.message}
          {problem && ` ${problem}`}
        </span>{' '}
        <button type="button" className="link" onClick={() => void retry()}>
          Try again
        </button>
        {readOnly.reason !== 'closed' && (
          <button type="button" className="link" onClick={() => setConfirming(true)}>
            Open for editing anyway
          </button>
        )}
      </p>
      {confirming && (
        <div
          className="overlay"
          role="presentation"
          onMouseDown={(event) => event.target === event.currentTarget && setConfirming(false)}
        >
          <div
            className="dialog"
            style={{ width: 'min(520px, 100%)' }}
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="take-over-title"
            aria-describedby="take-over-text"
            onKeyDown={(event) => event.key === 'Escape' && setConfirming(false)}
          >
            <header className="dialog-header">
              <h2 id="take-over-title">Open for editing anyway?</h2>
            </header>
            <div className="dialog-body">
              <p id="take-over-text">
                Another window or computer may still be editing this plan; changes made there after this may be refused.
                Open for editing anyway?
              </p>
            </div>
            <footer className="dialog-footer">
              <span className="spacer" />
              <button type="button" onClick={() => setConfirming(false)} autoFocus>
                Cancel
              </button>
              <button type="button" className="primary" onClick={() => void takeOver()}>
                Open for editing anyway
              </button>
            </footer>
          </div>
        </div>
      )}
    </>
  );
}
