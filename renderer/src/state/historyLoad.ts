import type { AppState, PlanActionsAnswer, PlanHistoryAnswer, WorkingState } from '../../../shared/api/contract';
import { applyDelta } from '../../../shared/domain/delta';
import type { PlanDelta } from '../../../shared/domain/delta';
import { HISTORY_PARTS, withoutHistory } from '../../../shared/model/planParts';
import type { PlanDocument } from '../../../shared/model/plan';

/**
 * The page's state from the first answer: the working set as a whole plan whose history lists stay empty
 * until the history arrives, which `historyRevision: null` says, and which holds only the first of its
 * actions until the rest arrive, which `actionsRevision: null` says.
 */
export function fromWorkingState(working: WorkingState): AppState {
  return { ...working, document: working.document && withoutHistory(working.document) };
}

/** Whether the history lists of the plan on screen hold the plan's history, not placeholders. */
export function isHistoryLoaded(state: AppState): boolean {
  return state.historyRevision !== null;
}

/** Whether the plan on screen holds all of its actions, not only those the Action plan shows first. */
export function isActionsLoaded(state: AppState): boolean {
  return state.actionsRevision !== null;
}

const HISTORY_KEYS: ReadonlySet<string> = new Set(HISTORY_PARTS);

/** Which part of the plan a key of a delta changes: the history lists, the actions, or the rest. */
type Part = 'history' | 'actions' | 'rest';
function partOfKey(key: string): Part {
  if (HISTORY_KEYS.has(key)) return 'history';
  return key === 'actions' ? 'actions' : 'rest';
}

/** The part of a delta that changes one part of the plan. */
function partOf(delta: PlanDelta, part: Part): PlanDelta {
  const changed = Object.fromEntries(Object.entries(delta.changed).filter(([key]) => partOfKey(key) === part));
  return { ...delta, changed };
}

/** The revision a part loaded after the working set was read at, moved on by an edit based on it. */
function following(revision: number | null, delta: PlanDelta): number | null {
  return revision !== null && revision === delta.from ? delta.revision : revision;
}

/**
 * The state with one edit's delta applied. A state read at revision R holds every edit up to R, so a delta
 * for R or earlier is already in it and is not applied again: an edit whose answer comes after a full state
 * (or a history, or all the actions) that already holds it appears once. The history lists take the delta
 * only once they are loaded; until then `mergeHistory` applies it to the history when it arrives. Until all
 * the actions are loaded the delta changes the first ones the page holds, and `mergeActions` applies it
 * again to all of them when they arrive.
 *
 * A copy that missed edits made elsewhere keeps its older revision, so its later edits are still checked
 * field by field against what it shows.
 */
export function withDelta(
  state: AppState & { document: NonNullable<AppState['document']> },
  delta: PlanDelta,
): AppState {
  let document = state.document;
  if (delta.revision > state.revision) document = applyDelta(document, partOf(delta, 'rest'));
  const { historyRevision, actionsRevision } = state;
  if (delta.revision > (actionsRevision ?? state.revision)) document = applyDelta(document, partOf(delta, 'actions'));
  if (historyRevision !== null && delta.revision > historyRevision)
    document = applyDelta(document, partOf(delta, 'history'));
  return {
    ...state,
    document,
    revision: state.revision === delta.from ? delta.revision : state.revision,
    historyRevision: following(historyRevision, delta),
    actionsRevision: following(actionsRevision, delta),
  };
}

/**
 * `document`, whose `part` was read at `revision`, with the edits made while that part was on its way
 * (`sinceWorkingSet`, in the order their answers came) applied to that part when it does not hold them yet.
 */
function withEditsSince(
  document: PlanDocument,
  revision: number,
  sinceWorkingSet: readonly PlanDelta[],
  part: Part,
): PlanDocument {
  let updated = document;
  for (const delta of sinceWorkingSet) {
    if (delta.revision > revision) updated = applyDelta(updated, partOf(delta, part));
  }
  return updated;
}

/**
 * The state with all the actions in place of the first ones. They were read at `answer.revision`; the edits
 * this page made while they were on its way (`sinceWorkingSet`, in the order their answers came) are applied
 * to them when they do not hold them yet, so none is lost or doubled. Null when they cannot be merged (no
 * plan open on either side): the page then reads the whole plan again. A state that already holds all the
 * actions (a whole plan read meanwhile) is kept as it is.
 */
export function mergeActions(
  state: AppState,
  answer: PlanActionsAnswer,
  sinceWorkingSet: readonly PlanDelta[],
): AppState | null {
  if (isActionsLoaded(state)) return state;
  if (state.document === null || answer.actions === null) return null;
  const document = withEditsSince(
    { ...state.document, actions: answer.actions },
    answer.revision,
    sinceWorkingSet,
    'actions',
  );
  return { ...state, document, actionsRevision: answer.revision };
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
  const document = withEditsSince(
    { ...state.document, ...answer.history },
    answer.revision,
    sinceWorkingSet,
    'history',
  );
  return { ...state, document, historyRevision: answer.revision };
}
