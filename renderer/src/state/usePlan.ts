import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Api, ApiError, ApiResult, AppState, WorkingState } from '../../../shared/api/contract';
import type { PlanDelta } from '../../../shared/domain/delta';
import type { PlanDocument } from '../../../shared/model/plan';
import { ShownPlan, basingEdits, refusalOf } from './basingEdits';
import { fromWorkingState, isHistoryLoaded, mergeActions, mergeHistory, withDelta } from './historyLoad';
import type { RefusedEdit } from './basingEdits';
import { PendingSaves } from './pendingSaves';
import type { EditCall, SaveAnswer } from './pendingSaves';

export interface PlanHandle {
  state: AppState | null;
  loadError: ApiError | null;
  /**
   * Runs an edit; on success what it changed is patched into the plan on screen at once, which it answers
   * with, and the page says "Saving…" until the file holds it.
   */
  mutate: (call: EditCall) => Promise<ApiResult<PlanDocument>>;
  replaceState: (next: AppState) => void;
  /** When the file last confirmed it holds every edit shown. */
  savedAt: number | null;
  /** Whether edits shown are still being written to the file. */
  saving: boolean;
  /** Whether the edits of this session can be undone or redone, for the Undo and Redo buttons. */
  history: { canUndo: boolean; canRedo: boolean };
  /**
   * Why the file refused the last edits (disk full or failing, the file changed elsewhere, read-only now),
   * or, with `canRetry` false, something said about a save that went through. The plan on disk is unchanged.
   */
  saveFailure: ApiError | null;
  /** Whether refused edits are kept to be sent again. */
  canRetry: boolean;
  /** Sends the refused edits again, in order; answers with the file's answer for the last. */
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
export function usePlanState(
  transportApi: Api,
  /** The first read of the plan, which the transport may already have asked for before React started. */
  firstRead: () => Promise<ApiResult<WorkingState>>,
): PlanHandle & { api: Api } {
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
  const [saving, setSaving] = useState(false);
  const [history, setHistory] = useState({ canUndo: false, canRedo: false });
  const [saveFailure, setSaveFailure] = useState<ApiError | null>(null);
  const [canRetry, setCanRetry] = useState(false);

  const refreshHistory = useCallback(() => {
    void api.getHistory({}).then((result) => result.ok && setHistory(result.value));
  }, [api]);

  // The calls themselves, not copies of the edits: trying again sends exactly what the file refused.
  const [pending] = useState(
    () =>
      new PendingSaves((input) => api.whenSaved(input), {
        onSaving: setSaving,
        onSaved: (notice, refusedKept) => {
          setSavedAt(Date.now());
          if (notice !== null) setSaveFailure({ code: 'conflict', message: notice, problems: [] });
          else if (!refusedKept) setSaveFailure(null);
          setCanRetry(refusedKept);
        },
        onRefused: (error) => {
          setSaveFailure(error);
          setCanRetry(true);
          // The store has taken the refused edits out of the plan (and out of undo): show it as it is now.
          void api.getState({}).then((fresh) => fresh.ok && setState(fresh.value));
          refreshHistory();
        },
      }),
  );

  // Edits the file refused live only in this page until they are sent again: leaving asks first (the desktop
  // app turns the request into its own question; a browser shows its "Leave site?").
  useEffect(() => {
    if (!canRetry) return;
    const askFirst = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', askFirst);
    return () => window.removeEventListener('beforeunload', askFirst);
  }, [canRetry]);

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
    void firstRead().then((result) => {
      if (!result.ok) return setLoadError(result.error);
      setState(fromWorkingState(result.value));
      // Asked for once the rows are painted, so reading the rest does not hold back the first frame.
      const next = result.value.actionsRevision === null ? loadRest : loadHistory;
      if (result.value.document) requestAnimationFrame(() => setTimeout(() => void next(), 0));
    });
  }, [api, firstRead, setState, shown]);

  /** Runs an edit and patches the plan; `saved` is the file's answer for it, when it was applied. */
  const send = useCallback(
    async (call: EditCall): Promise<{ result: ApiResult<PlanDocument>; saved: Promise<SaveAnswer> | null }> => {
      const result = await call();
      const current = shown.get();
      if (result.ok) {
        const delta = result.value;
        const next = current?.document ? withDelta({ ...current, document: current.document }, delta) : null;
        if (next && !isHistoryLoaded(next)) sinceWorkingSet.current.push(delta);
        if (next) setState(next);
        const document = next?.document ?? null;
        const saved = pending.track(delta.revision, call);
        setConflict(null);
        refreshHistory();
        if (document) return { result: { ok: true, value: document }, saved };
        void api.getState({}).then((fresh) => fresh.ok && setState(fresh.value));
        return {
          result: {
            ok: false,
            error: { code: 'internal', message: 'The plan was not open here; it has been read again.', problems: [] },
          },
          saved,
        };
      }
      if (refusalOf(result.error)) {
        setConflict(refusalOf(result.error) ?? null);
      } else if (result.error.code === 'conflict') {
        // The store may have found the file changed, or be read-only now: show the plan as it is.
        void api.getState({}).then((fresh) => fresh.ok && setState(fresh.value));
      }
      refreshHistory();
      return { result, saved: null };
    },
    [api, pending, refreshHistory, setState, shown],
  );

  const mutate = useCallback(async (call: EditCall) => (await send(call)).result, [send]);

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

  const retrySave = useCallback(async (): Promise<ApiResult<PlanDocument> | null> => {
    const calls = pending.takeRefused();
    setCanRetry(false);
    let last: Awaited<ReturnType<typeof send>> | null = null;
    for (const [index, call] of calls.entries()) {
      last = await send(call);
      if (!last.result.ok) {
        // Refused when sent (a field changed elsewhere, read-only): the rest wait for the next try.
        pending.keepRefused(calls.slice(index + 1));
        setCanRetry(pending.hasRefused());
        return last.result;
      }
    }
    if (last?.saved == null) return last?.result ?? null;
    const answer = await last.saved;
    return answer.ok ? last.result : answer;
  }, [pending, send]);
  const dismissSaveFailure = useCallback(() => {
    pending.dismiss();
    setCanRetry(false);
    setSaveFailure(null);
  }, [pending]);

  return {
    api,
    state,
    loadError,
    mutate,
    replaceState,
    savedAt,
    saving,
    history,
    saveFailure,
    canRetry,
    retrySave,
    dismissSaveFailure,
    conflict,
    keepMine,
    takeTheirs,
  };
}
