import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Api, ApiError, ApiResult, AppState } from '../../../shared/api/contract';
import type { PlanDelta } from '../../../shared/domain/delta';
import type { PlanDocument } from '../../../shared/model/plan';
import { ShownPlan, basingEdits, refusalOf } from './basingEdits';
import { fromWorkingState, isHistoryLoaded, mergeActions, mergeHistory, withDelta } from './historyLoad';
import type { RefusedEdit } from './basingEdits';

export interface PlanHandle {
  state: AppState | null;
  loadError: ApiError | null;
  /** Runs an edit; on success what it changed is patched into the plan on screen, which it answers with. */
  mutate: (call: () => Promise<ApiResult<PlanDelta>>) => Promise<ApiResult<PlanDocument>>;
  replaceState: (next: AppState) => void;
  savedAt: number | null;
  /** Whether the edits of this session can be undone or redone, for the Undo and Redo buttons. */
  history: { canUndo: boolean; canRedo: boolean };
  /** The last edit the disk refused (full or failing); the plan on disk is unchanged. */
  saveFailure: ApiError | null;
  /** Sends the refused edit again. */
  retrySave: () => Promise<ApiResult<PlanDocument> | null>;
  dismissSaveFailure: () => void;
  /** The last edit refused because what it changes was changed elsewhere, with both values. */
  conflict: RefusedEdit | null;
  /** Sends the refused edit again, over the values now in the plan. */
  keepMine: () => Promise<ApiResult<PlanDocument> | null>;
  /** Drops the refused edit and shows the plan as it is now. */
  takeTheirs: () => Promise<void>;
}

const DISK_CODES: ReadonlySet<ApiError['code']> = new Set(['disk_full', 'disk_error']);

/** A save the disk refused: the save-failed banner says so, with its own buttons. */
export function isDiskRefusal(error: ApiError): boolean {
  return DISK_CODES.has(error.code);
}

/** The plan on screen and the edits sent through `api`; views reach it through PlanProvider's `usePlan()`. */
export function usePlanState(transportApi: Api): PlanHandle & { api: Api } {
  const [state, setStateNow] = useState<AppState | null>(null);
  const [shown] = useState(() => new ShownPlan());
  const setState = useCallback(
    (next: AppState | null) => {
      shown.set(next);
      setStateNow(next);
    },
    [shown],
  );
  const [conflict, setConflict] = useState<RefusedEdit | null>(null);
  const api = useMemo(() => basingEdits(transportApi, shown), [transportApi, shown]);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [history, setHistory] = useState({ canUndo: false, canRedo: false });
  const [saveFailure, setSaveFailure] = useState<ApiError | null>(null);
  // The call itself, not a copy of the edit: trying again sends exactly what the disk refused.
  const refused = useRef<(() => Promise<ApiResult<PlanDelta>>) | null>(null);

  const refreshHistory = useCallback(() => {
    void api.getHistory({}).then((result) => result.ok && setHistory(result.value));
  }, [api]);

  // Edits answered while the rest of the actions or the history were on their way: merging applies those
  // the answer does not hold yet.
  const sinceWorkingSet = useRef<PlanDelta[]>([]);
  useEffect(() => {
    // Reads the whole plan again when a part cannot be merged (the plan was closed or changed meanwhile).
    const readWhole = async () => {
      sinceWorkingSet.current = [];
      const whole = await api.getState({});
      if (whole.ok) setState(whole.value);
      else setLoadError(whole.error);
    };
    const loadHistory = async () => {
      const answer = await api.getPlanHistory({});
      const current = shown.get();
      const merged = answer.ok && current ? mergeHistory(current, answer.value, sinceWorkingSet.current) : null;
      if (!merged) return readWhole();
      sinceWorkingSet.current = [];
      setState(merged);
    };
    // The rest of the actions before the history: the counts, filters and other views wait for them.
    const loadRest = async () => {
      const answer = await api.getPlanActions({});
      const current = shown.get();
      const merged = answer.ok && current ? mergeActions(current, answer.value, sinceWorkingSet.current) : null;
      if (!merged) return readWhole();
      setState(merged);
      await loadHistory();
    };
    void api.getWorkingState({}).then((result) => {
      if (!result.ok) return setLoadError(result.error);
      setState(fromWorkingState(result.value));
      // Asked for once the rows are painted, so reading the rest does not hold back the first frame.
      const next = result.value.actionsRevision === null ? loadRest : loadHistory;
      if (result.value.document) requestAnimationFrame(() => setTimeout(() => void next(), 0));
    });
  }, [api, setState, shown]);

  const mutate = useCallback(
    async (call: () => Promise<ApiResult<PlanDelta>>): Promise<ApiResult<PlanDocument>> => {
      const result = await call();
      const current = shown.get();
      if (result.ok) {
        const delta = result.value;
        const next = current?.document ? withDelta({ ...current, document: current.document }, delta) : null;
        if (next && !isHistoryLoaded(next)) sinceWorkingSet.current.push(delta);
        if (next) setState(next);
        const document = next?.document ?? null;
        setSavedAt(Date.now());
        refused.current = null;
        setSaveFailure(null);
        setConflict(null);
        refreshHistory();
        if (document) return { ok: true, value: document };
        void api.getState({}).then((fresh) => fresh.ok && setState(fresh.value));
        return {
          ok: false,
          error: { code: 'internal', message: 'The plan was not open here; it has been read again.', problems: [] },
        };
      }
      if (isDiskRefusal(result.error)) {
        refused.current = call;
        setSaveFailure(result.error);
      } else if (refusalOf(result.error)) {
        setConflict(refusalOf(result.error) ?? null);
      } else if (result.error.code === 'conflict') {
        // A save may have gone through while another program's version was kept aside: show the file as it is.
        void api.getState({}).then((fresh) => fresh.ok && setState(fresh.value));
      }
      refreshHistory();
      return result;
    },
    [api, refreshHistory, setState, shown],
  );

  const replaceState = useCallback(
    (next: AppState) => {
      setState(next);
      setConflict(null);
      refreshHistory();
    },
    [refreshHistory, setState],
  );

  const keepMine = useCallback(async () => (conflict ? mutate(conflict.keepMine) : null), [conflict, mutate]);
  const takeTheirs = useCallback(async () => {
    const fresh = await api.getState({});
    if (fresh.ok) replaceState(fresh.value);
  }, [api, replaceState]);

  const retrySave = useCallback(async () => (refused.current ? mutate(refused.current) : null), [mutate]);
  const dismissSaveFailure = useCallback(() => {
    refused.current = null;
    setSaveFailure(null);
  }, []);

  return {
    api,
    state,
    loadError,
    mutate,
    replaceState,
    savedAt,
    history,
    saveFailure,
    retrySave,
    dismissSaveFailure,
    conflict,
    keepMine,
    takeTheirs,
  };
}
