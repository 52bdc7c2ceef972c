import type { AppState, PlanHistoryAnswer, WorkingState } from '../../../shared/api/contract';
import { applyDelta } from '../../../shared/domain/delta';
import type { PlanDelta } from '../../../shared/domain/delta';
import { HISTORY_PARTS, withoutHistory } from '../../../shared/model/planParts';

/**
 * The page's state from the first answer: the working set as a whole plan whose history lists stay empty
 * until the history arrives, which `historyRevision: null` says.
 */
export function fromWorkingState(working: WorkingState): AppState {
  return { ...working, document: working.document && withoutHistory(working.document) };
}

/** Whether the history lists of the plan on screen hold the plan's history, not placeholders. */
export function isHistoryLoaded(state: AppState): boolean {
  return state.historyRevision !== null;
}

const HISTORY_KEYS: ReadonlySet<string> = new Set(HISTORY_PARTS);

/** The part of a delta that changes the history lists, or the part that changes the rest. */
function partOf(delta: PlanDelta, history: boolean): PlanDelta {
  const changed = Object.fromEntries(
    Object.entries(delta.changed).filter(([key]) => HISTORY_KEYS.has(key) === history),
  );
  return { ...delta, changed };
}

/**
 * The state with one edit's delta applied. A state read at revision R holds every edit up to R, so a delta
 * for R or earlier is already in it and is not applied again: an edit whose answer comes after a full state
 * (or a history) that already holds it appears once. The history lists take the delta only once they are
 * loaded; until then `mergeHistory` applies it to the history when it arrives.
 *
 * A copy that missed edits made elsewhere keeps its older revision, so its later edits are still checked
 * field by field against what it shows.
 */
export function withDelta(
  state: AppState & { document: NonNullable<AppState['document']> },
  delta: PlanDelta,
): AppState {
  let document = state.document;
  if (delta.revision > state.revision) document = applyDelta(document, partOf(delta, false));
  const historyRevision = state.historyRevision;
  if (historyRevision !== null && delta.revision > historyRevision)
    document = applyDelta(document, partOf(delta, true));
  return {
    ...state,
    document,
    revision: state.revision === delta.from ? delta.revision : state.revision,
    historyRevision: historyRevision !== null && historyRevision === delta.from ? delta.revision : historyRevision,
  };
}

/**
 * The state with the history merged in. The history was read at `answer.revision`; the edits this page made
 * while it was on its way (`sinceWorkingSet`, in the order their answers came) are applied to it when it
 * does not hold them yet, so none is lost or doubled. Null when it cannot be merged (no plan open on either
 * side): the page then reads the whole plan again. A state whose history is already loaded (a whole plan
 * read meanwhile) is kept as it is.
 */
export function mergeHistory(
  state: AppState,
  answer: PlanHistoryAnswer,
  sinceWorkingSet: readonly PlanDelta[],
): AppState | null {
  if (isHistoryLoaded(state)) return state;
  if (state.document === null || answer.history === null) return null;
  let document = { ...state.document, ...answer.history };
  for (const delta of sinceWorkingSet) {
    if (delta.revision > answer.revision) document = applyDelta(document, partOf(delta, true));
  }
  return { ...state, document, historyRevision: answer.revision };
}
