import { useCallback } from 'react';
import type { ApiResult } from '../../../shared/api/contract';
import { changedRecordParts, describeReplay, latestChangeId } from '../../../shared/domain/undo';
import type { PlanDocument } from '../../../shared/model/plan';
import { usePlan, usePlanApi } from './planContext';

export type Report = (notice: { kind: 'info' | 'error'; text: string }) => void;

/** Plan-level undo and redo through the API, reporting what happened (or why not) in the notice area. */
export function useUndoRedo(report: Report) {
  const plan = usePlan();
  const api = usePlanApi();
  const replay = useCallback(
    async (direction: 'undo' | 'redo') => {
      const shown = plan.state?.document;
      const before = shown ? latestChangeId(shown) : null;
      const result: ApiResult<PlanDocument> = await plan.mutate(() =>
        direction === 'undo' ? api.undo({}) : api.redo({}),
      );
      const records = shown && result.ok ? changedRecordParts(shown, result.value) : [];
      if (!result.ok) report({ kind: 'error', text: result.error.message });
      // Corrections and other record edits are not in the update log: name what they changed instead.
      else if (latestChangeId(result.value) === before && records.length > 0)
        report({
          kind: 'info',
          text: `${direction === 'undo' ? 'Undone' : 'Redone'}: a change to ${records.join(' and ')}.`,
        });
      // A replay that wrote nothing to the log changed nothing; say so rather than name an older change.
      else if (latestChangeId(result.value) === before)
        report({
          kind: 'info',
          text: `Nothing changed: the plan already matches the ${direction === 'undo' ? 'undone' : 'redone'} change.`,
        });
      else report({ kind: 'info', text: describeReplay(result.value, direction) });
      return result;
    },
    [api, plan, report],
  );
  const undo = useCallback(() => replay('undo'), [replay]);
  const redo = useCallback(() => replay('redo'), [replay]);
  return { undo, redo };
}
