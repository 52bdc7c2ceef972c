import { useState } from 'react';
import { usePlan, usePlanApi } from '../../state/PlanProvider';

/**
 * Shown while the disk refuses a save: the edit is still in its editor and in the app, so the person can
 * try again once there is room, or keep the plan with that edit somewhere else.
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
  return (
    <div className="notice" role="alert">
      <span className="notice-text">
        {plan.saveFailure.message} Your change is kept here: try again once there is room, or save a copy with it
        elsewhere.{outcome ? ` ${outcome}` : ''}
      </span>{' '}
      <button type="button" onClick={() => void retry()}>
        Try again
      </button>{' '}
      <button type="button" onClick={() => void saveCopy()}>
        Save a copy elsewhere…
      </button>{' '}
      <button type="button" className="link" onClick={plan.dismissSaveFailure}>
        Dismiss
      </button>
    </div>
  );
}
