import { useCallback, useEffect, useState } from 'react';
import type { ApiError, ApiResult, AppState } from '../../../shared/api/contract';
import type { PlanDocument } from '../../../shared/model/plan';
import { api } from '../api/transport';

export interface PlanHandle {
  state: AppState | null;
  loadError: ApiError | null;
  /** Runs an edit; on success the returned document, as saved, replaces the one on screen. */
  mutate: (call: () => Promise<ApiResult<PlanDocument>>) => Promise<ApiResult<PlanDocument>>;
  replaceState: (next: AppState) => void;
  savedAt: number | null;
  /** Whether the edits of this session can be undone or redone, for the Undo and Redo buttons. */
  history: { canUndo: boolean; canRedo: boolean };
}

export function usePlan(): PlanHandle {
  const [state, setState] = useState<AppState | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [history, setHistory] = useState({ canUndo: false, canRedo: false });

  const refreshHistory = useCallback(() => {
    void api.getHistory({}).then((result) => result.ok && setHistory(result.value));
  }, []);

  useEffect(() => {
    void api.getState({}).then((result) => (result.ok ? setState(result.value) : setLoadError(result.error)));
  }, []);

  const mutate = useCallback(
    async (call: () => Promise<ApiResult<PlanDocument>>) => {
      const result = await call();
      if (result.ok) {
        setState((current) => (current ? { ...current, document: result.value } : current));
        setSavedAt(Date.now());
      }
      refreshHistory();
      return result;
    },
    [refreshHistory],
  );

  const replaceState = useCallback(
    (next: AppState) => {
      setState(next);
      refreshHistory();
    },
    [refreshHistory],
  );

  return { state, loadError, mutate, replaceState, savedAt, history };
}
