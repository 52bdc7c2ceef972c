import { z } from 'zod';
import { apiContract } from '../../../shared/api/contract';
import type { Api, ApiError, ApiResult, AppState } from '../../../shared/api/contract';
import { API_METHODS } from '../../../shared/api/methods';
import type { ApiMethod } from '../../../shared/api/methods';
import { basedOnValues, isRecordEdit } from '../../../shared/domain/basedOn';
import type { BasedOn, RecordEditInput } from '../../../shared/domain/basedOn';
import type { PlanDelta } from '../../../shared/domain/delta';

/** An edit refused because fields it changes were changed elsewhere: the refusal and the same edit sent over them. */
export interface RefusedEdit {
  error: ApiError;
  keepMine: () => Promise<ApiResult<PlanDelta>>;
}

/**
 * The plan as the page shows it, kept outside React's render: an edit reads it when it is sent and patches
 * the newest copy, not one an earlier render captured.
 */
export class ShownPlan {
  private state: AppState | null = null;

  get(): AppState | null {
    return this.state;
  }

  set(next: AppState | null): void {
    this.state = next;
  }
}

const refusals = new WeakMap<ApiError, RefusedEdit>();

/** How to send again an edit that was refused for a field changed elsewhere; undefined for any other error. */
export function refusalOf(error: ApiError): RefusedEdit | undefined {
  return refusals.get(error);
}

/** The methods whose input says what the edit was based on: every plan edit the contract declares. */
const BASED_METHODS = API_METHODS.filter((method) => {
  const input = apiContract[method].input;
  return input instanceof z.ZodObject && 'basedOn' in input.shape;
});

/**
 * The API with each plan edit stamped with what it was based on: the revision of the plan on screen and the
 * record's values as shown. A refused edit is reported with a way to send it again over the values now in
 * the plan ("Keep mine").
 */
export function basingEdits(api: Api, shown: ShownPlan): Api {
  const based = Object.fromEntries(
    BASED_METHODS.map((method) => {
      const send = api[method] as (input: object) => Promise<ApiResult<PlanDelta>>;
      const call = async (input: object): Promise<ApiResult<PlanDelta>> => {
        const state = shown.get();
        if (!state?.document) return send(input);
        const values = isRecordEdit(method)
          ? basedOnValues(method, state.document, input as RecordEditInput<typeof method>)
          : {};
        const basedOn: BasedOn = { revision: state.revision, values };
        const result = await send({ ...input, basedOn });
        if (!result.ok && result.error.conflicts && result.error.revision !== undefined) {
          const over: BasedOn = {
            revision: result.error.revision,
            values: {
              ...values,
              ...Object.fromEntries(result.error.conflicts.map((conflict) => [conflict.field, conflict.current])),
            },
          };
          refusals.set(result.error, { error: result.error, keepMine: () => send({ ...input, basedOn: over }) });
        }
        return result;
      };
      return [method, call];
    }),
  ) as Partial<Record<ApiMethod, unknown>>;
  return { ...api, ...based } as Api;
}
