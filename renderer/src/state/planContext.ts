import { createContext, useContext } from 'react';
import type { Api } from '../../../shared/api/contract';
import type { PlanHandle } from './usePlan';

export interface PlanContextValue {
  api: Api;
  plan: PlanHandle;
}

/**
 * The plan and the API as views reach them. Apart from PlanProvider, which binds them to the transport, so
 * the first screen can be drawn from a plan outside a page (renderer/src/firstScreen).
 */
export const PlanContext = createContext<PlanContextValue | null>(null);

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
