import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api, ApiError, ApiResult, AppState } from '../../../shared/api/contract';
import type { PlanDocument } from '../../../shared/model/plan';

export interface PlanHandle {
  state: AppState | null;
  loadError: ApiError | null;
  /** Runs an edit; on success the returned document, as saved, replaces the one on screen. */
  mutate: (call: () => Promise<ApiResult<PlanDocument>>) => Promise<ApiResult<PlanDocument>>;
  replaceState: (next: AppState) => void;
  savedAt: number | null;
  /** Whether the edits of this session can be undone or redone, for the Undo and Redo buttons. */
  history: { canUndo: boolean; canRedo: boolean };
  /** The last edit the disk refused (full or failing); the plan on disk is unchanged. */
  saveFailure: ApiError | null;
  /** Sends the refused edit again. */
  retrySave: () => Promise<ApiResult<PlanDocument> | null>;
  dismissSaveFailure: () => void;
}

const DISK_CODES: ReadonlySet<ApiError['code']> = new Set(['disk_full', 'disk_error']);

/** A save the disk refused: the save-failed banner says so, with its own buttons. */
export function isDiskRefusal(error: ApiError): boolean {
  return DISK_CODES.has(error.code);
}

/** The plan on screen and the edits sent through `api`; views reach it through PlanProvider's `usePlan()`. */
export function usePlanState(api: Api): PlanHandle {
  const [state, setState] = useState<AppState | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [history, setHistory] = useState({ canUndo: false, canRedo: false });
  const [saveFailure, setSaveFailure] = useState<ApiError | null>(null);
  // The call itself, not a copy of the edit: trying again sends exactly what the disk refused.
  const refused = useRef<(() => Promise<ApiResult<PlanDocument>>) | null>(null);

  const refreshHistory = useCallback(() => {
    void api.getHistory({}).then((result) => result.ok && setHistory(result.value));
  }, [api]);

  useEffect(() => {
    void api.getState({}).then((result) => (result.ok ? setState(result.value) : setLoadError(result.error)));
  }, [api]);

  const mutate = useCallback(
    async (call: () => Promise<ApiResult<PlanDocument>>) => {
      const result = await call();
      if (result.ok) {
        setState((current) => (current ? { ...current, document: result.value } : current));
        setSavedAt(Date.now());
        refused.current = null;
        setSaveFailure(null);
      } else if (isDiskRefusal(result.error)) {
        refused.current = call;
        setSaveFailure(result.error);
      } else if (result.error.code === 'conflict') {
        // A save may have gone through while another program's version was kept aside: show the file as it is.
        void api.getState({}).then((fresh) => fresh.ok && setState(fresh.value));
      }
      refreshHistory();
      return result;
    },
    [api, refreshHistory],
  );

  const replaceState = useCallback(
    (next: AppState) => {
      setState(next);
      refreshHistory();
    },
    [refreshHistory],
  );

  const retrySave = useCallback(async () => (refused.current ? mutate(refused.current) : null), [mutate]);
  const dismissSaveFailure = useCallback(() => {
    refused.current = null;
    setSaveFailure(null);
  }, []);

  return { state, loadError, mutate, replaceState, savedAt, history, saveFailure, retrySave, dismissSaveFailure };
}
