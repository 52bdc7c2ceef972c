import type { ApiResult } from '../../shared/api/contract';
import type { PlanDocument } from '../../shared/model/plan';

interface StateSource {
  getState: (input: unknown) => Promise<ApiResult<{ document: PlanDocument | null }>>;
}

/** Edits answer with what they changed; a test that checks the whole plan after one reads it afterwards. */
export async function planAfter(handlers: StateSource, edit: Promise<ApiResult<unknown>>): Promise<PlanDocument> {
  const result = await edit;
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  const state = await handlers.getState({});
  if (!state.ok || state.value.document === null) throw new Error('expected the plan to be open');
  return state.value.document;
}
