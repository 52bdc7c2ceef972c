import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { Api } from '../../../shared/api/contract';
import { firstWorkingState, api as transportApi } from '../api/transport';
import { ConflictNotice } from '../ui/ConflictNotice';
import { usePlanState } from './usePlan';
import type { PlanHandle } from './usePlan';

interface PlanContextValue {
  api: Api;
  plan: PlanHandle;
}

const PlanContext = createContext<PlanContextValue | null>(null);

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

function usePlanContext(): PlanContextValue {
  const context = useContext(PlanContext);
  if (!context) throw new Error('A view asked for the plan outside PlanProvider.');
  return context;
}

/** The typed API, for calls that are not edits of the plan (templates, backups, import previews). */
export function usePlanApi(): Api {
  return usePlanContext().api;
}

/** The plan on screen, its history and the edits that change it. */
export function usePlan(): PlanHandle {
  return usePlanContext().plan;
}
