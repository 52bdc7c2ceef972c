import { useCallback } from 'react';
import type { ApiResult } from '../../../shared/api/contract';
import { changedRecordParts, entriesOfChange, latestChangeId } from '../../../shared/domain/undo';
import type { PlanDocument } from '../../../shared/model/plan';
import { api } from '../api/transport';
import type { PlanHandle } from '../state/usePlan';

const FIELD_WORDS: Record<string, string> = {
  number: 'number',
  areaId: 'matrix area',
  description: 'description',
  achievement: 'achievement to date',
  leads: 'leads',
  progressLevel: 'progress level',
  targetLevel: 'target level',
  status: 'status',
  timescale: 'timescale',
  nextSteps: 'next steps',
};

/**
 * What an undo or redo did, read from the log entries it wrote: "Undone: action 3 status".
 * Undoing a deletion logs a "created" entry, so lifecycle entries are named by the edit they reverse.
 */
export function describeReplay(doc: PlanDocument, direction: 'undo' | 'redo'): string {
  const verb = direction === 'undo' ? 'Undone' : 'Redone';
  const changeId = latestChangeId(doc);
  const entries = changeId ? entriesOfChange(doc, changeId) : [];
  const first = entries[0];
  if (!first) return `${verb}.`;
  const lifecycle = entries.find((entry) => entry.field === 'created' || entry.field === 'deleted');
  if (lifecycle) {
    const reversed = direction === 'undo' ? (lifecycle.field === 'created' ? 'deleted' : 'created') : lifecycle.field;
    return `${verb}: ${reversed === 'created' ? 'creating' : 'deleting'} action ${first.actionNumber}`;
  }
  const fields = entries.map((entry) => FIELD_WORDS[entry.field] ?? entry.field);
  return `${verb}: action ${first.actionNumber} ${fields.join(', ')}`;
}

export type Report = (notice: { kind: 'info' | 'error'; text: string }) => void;

/** Plan-level undo and redo through the API, reporting what happened (or why not) in the notice area. */
export function useUndoRedo(plan: PlanHandle, report: Report) {
  const replay = useCallback(
    async (direction: 'undo' | 'redo') => {
      const shown = plan.state?.document;
      const before = shown ? latestChangeId(shown) : null;
      const result: ApiResult<PlanDocument> = await plan.mutate(() => (direction === 'undo' ? api.undo({}) : api.redo({})));
      const records = shown && result.ok ? changedRecordParts(shown, result.value) : [];
      if (!result.ok) report({ kind: 'error', text: result.error.message });
      // Corrections and other record edits are not in the update log: name what they changed instead.
      else if (latestChangeId(result.value) === before && records.length > 0)
        report({ kind: 'info', text: `${direction === 'undo' ? 'Undone' : 'Redone'}: a change to ${records.join(' and ')}.` });
      // A replay that wrote nothing to the log changed nothing; say so rather than name an older change.
      else if (latestChangeId(result.value) === before) report({ kind: 'info', text: `Nothing changed: the plan already matches the ${direction === 'undo' ? 'undone' : 'redone'} change.` });
      else report({ kind: 'info', text: describeReplay(result.value, direction) });
      return result;
    },
    [plan, report],
  );
  const undo = useCallback(() => replay('undo'), [replay]);
  const redo = useCallback(() => replay('redo'), [replay]);
  return { undo, redo };
}
