import { renderToString } from 'react-dom/server';
import type { Api, WorkingState } from '../../../shared/api/contract';
import { PlanScreen } from '../App';
import { fromWorkingState } from '../state/historyLoad';
import { PlanContext } from '../state/planContext';
import type { PlanHandle } from '../state/usePlan';

function drawnOnly(): never {
  throw new Error('The first screen is drawn once, outside a page: nothing on it runs.');
}

/** An API whose every method refuses: drawing runs no effects, so none is ever called. */
const NO_API = new Proxy({} as Api, { get: () => drawnOnly });

/**
 * Style attributes in the markup, which the page's policy (`style-src 'self'`) refuses, each with an error in
 * the console. The page's code sets the same styles through the DOM, which the policy allows. What they set
 * (the table's sticky offsets, the space kept for rows not drawn) matters only once the table scrolls, and
 * the first screen is gone by then. React escapes `"` in attribute values, so one cannot end early.
 */
const STYLE_ATTRIBUTE = / style="[^"]*"/g;

/**
 * The plan's screen as HTML, drawn from the first read outside any page, or null when the page must draw it
 * itself (the file could not be read). Both shells put it in the page they serve, so a new window shows the
 * plan's first rows once it has parsed the page. Its code starting cold took 0.6 s more before the same rows
 * showed; once it has drawn its own screen, the page takes this one away. A picture, not the app: it is
 * inert until then.
 */
export function renderFirstScreen(working: WorkingState): string | null {
  if (working.store.kind === 'failed' || !working.document) return null;
  const plan: PlanHandle = {
    state: fromWorkingState(working),
    loadError: null,
    mutate: drawnOnly,
    replaceState: drawnOnly,
    savedAt: null,
    saving: false,
    history: { canUndo: false, canRedo: false },
    saveFailure: null,
    canRetry: false,
    retrySave: drawnOnly,
    dismissSaveFailure: drawnOnly,
    conflict: null,
    keepMine: drawnOnly,
    takeTheirs: drawnOnly,
  };
  return renderToString(
    <PlanContext value={{ api: NO_API, plan }}>
      <PlanScreen />
    </PlanContext>,
  ).replace(STYLE_ATTRIBUTE, '');
}
