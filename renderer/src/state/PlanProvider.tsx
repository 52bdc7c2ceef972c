import type { ReactNode } from 'react';
import { firstWorkingState, api as transportApi } from '../api/transport';
import { ConflictNotice } from '../ui/ConflictNotice';
import { PlanContext } from './planContext';
import { usePlanState } from './usePlan';

/** The one way views reach the plan and the API: the transport (IPC or the harness's HTTP) stays behind it. */
export function PlanProvider({ children }: { children: ReactNode }) {
  const { api, ...plan } = usePlanState(transportApi, firstWorkingState);
  return (
    <PlanContext value={{ api, plan }}>
      {children}
      {plan.conflict && (
        <ConflictNotice
          error={plan.conflict.error}
          onKeepMine={() => void plan.keepMine()}
          onTakeTheirs={() => void plan.takeTheirs()}
        />
      )}
    </PlanContext>
  );
}
