import { useState } from 'react';
import { usePlan, usePlanApi } from '../../state/planContext';
import { isDiskRefusal } from '../../state/usePlan';

/**
 * Shown when the file refused edits already shown (the disk full or failing, the file changed elsewhere, the
 * plan read-only now): the plan on screen is the file's again, and the refused edits are kept so the person
 * can try again once there is room, or keep the plan with them somewhere else. Also says when a save went
 * through but another program's version was kept aside (nothing to try again then).
 */
export function SaveFailedBanner() {
  const api = usePlanApi();
  const plan = usePlan();
  const [outcome, setOutcome] = useState<string | null>(null);
  if (!plan.saveFailure) return null;
  const retry = async () => {
    const result = await plan.retrySave();
    setOutcome(result && !result.ok && result.error.code !== plan.saveFailure?.code ? result.error.message : null);
  };
  const saveCopy = async () => {
    const result = await api.saveCopy({});
    if (result.ok) setOutcome(`A copy of the plan with your change was saved as ${result.value.path}.`);
    else if (result.error.code !== 'cancelled') setOutcome(result.error.message);
  };
  const kept = plan.canRetry
    ? isDiskRefusal(plan.saveFailure)
      ? ' Your change is kept here: try again once there is room, or save a copy with it elsewhere.'
      : ' Your change is kept here: "Try again" sends it again over the plan as it is now.'
    : '';
  return (
    <div className="notice" role="alert">
      <span className="notice-text">
        {plan.saveFailure.message}
        {kept}
        {outcome ? ` ${outcome}` : ''}
      </span>{' '}
      {plan.canRetry && (
        <>
          <button type="button" onClick={() => void retry()}>
            Try again
          </button>{' '}
          <button type="button" onClick={() => void saveCopy()}>
            Save a copy elsewhere…
          </button>{' '}
        </>
      )}
      <button type="button" className="link" onClick={plan.dismissSaveFailure}>
        Dismiss
      </button>
    </div>
  );
}
