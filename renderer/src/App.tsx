import { useCallback, useEffect, useEffectEvent, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ApiResult } from '../../shared/api/contract';
import type { MenuCommand } from '../../shared/api/menuCommands';
import { actionsLedBy } from '../../shared/domain/beforeBoard';
import type { ActionFilter } from '../../shared/domain/filters';
import { allLeadNames, filterActions, groupByArea } from '../../shared/domain/filters';
import { summarisePlan } from '../../shared/domain/derived';
import { checkPlan, planCheckProblems } from '../../shared/domain/planCheck';
import type { PlanCheckTarget } from '../../shared/domain/planCheck';
import type { Action } from '../../shared/model/action';
import type { PlanDocument } from '../../shared/model/plan';
import { isDiskRefusal } from './state/usePlan';
import { usePlan, usePlanApi } from './state/planContext';
import { ActionPlanTable } from './features/action-plan/ActionPlanTable';
import { countNeedingUpdate } from '../../shared/domain/quickUpdate';
import { FilterBar } from './features/action-plan/FilterBar';
import { StoreProblem } from './features/store/StoreProblem';
import { SummaryStrip } from './features/action-plan/SummaryStrip';
import { useGlobalShortcuts } from './state/useGlobalShortcuts';
import { ReadOnlyBanner } from './features/store/ReadOnlyBanner';
import { SaveFailedBanner } from './features/store/SaveFailedBanner';
import { useIdentity, useMyName } from './state/usePreferences';
import { EditingAs, WhoAreYou } from './features/identity/WhoAreYou';
import { useUndoRedo } from './state/useUndoRedo';
import { formatDate } from './ui/format';
import { ActionsLoading, HistoryLoading } from './ui/HistoryLoading';
import { isActionsLoaded, isHistoryLoaded } from './state/historyLoad';
import { lazyView } from './ui/lazyView';
import { useFirstScreenTakeover } from './firstScreen/useFirstScreenTakeover';

/**
 * Every view but the Action plan, and the dialogs opened from it, in chunks of their own: the first screen
 * does not wait for their code to be parsed. They are fetched once the rows are on screen.
 */
const LAZY = {
  ActionEditor: lazyView(() => import('./features/action-plan/ActionEditor').then((m) => m.ActionEditor)),
  BeforeBoard: lazyView(() => import('./features/before-board/BeforeBoard').then((m) => m.BeforeBoard)),
  MatrixSummary: lazyView(() => import('./features/matrix/MatrixSummary').then((m) => m.MatrixSummary)),
  Measures: lazyView(() => import('./features/measures/Measures').then((m) => m.Measures)),
  MyActions: lazyView(() => import('./features/my-actions/MyActions').then((m) => m.MyActions)),
  SearchPalette: lazyView(() => import('./features/action-plan/SearchPalette').then((m) => m.SearchPalette)),
  PlanSettings: lazyView(() => import('./features/plan-settings/PlanSettings').then((m) => m.PlanSettings)),
  BoardPaperView: lazyView(() => import('./features/board-paper/BoardPaperView').then((m) => m.BoardPaperView)),
  PapersHistory: lazyView(() => import('./features/papers/PapersHistory').then((m) => m.PapersHistory)),
  ImportWorkbookView: lazyView(() => import('./features/import/ImportWorkbookView').then((m) => m.ImportWorkbookView)),
  DataCallView: lazyView(() => import('./features/data-call/DataCallView').then((m) => m.DataCallView)),
  BackupsPanel: lazyView(() => import('./features/store/BackupsPanel').then((m) => m.BackupsPanel)),
  PlanCheckPanel: lazyView(() => import('./features/plan-settings/PlanCheckPanel').then((m) => m.PlanCheckPanel)),
};
const ActionEditor = LAZY.ActionEditor.View;
const BeforeBoard = LAZY.BeforeBoard.View;
const MatrixSummary = LAZY.MatrixSummary.View;
const Measures = LAZY.Measures.View;
const MyActions = LAZY.MyActions.View;
const SearchPalette = LAZY.SearchPalette.View;
const PlanSettings = LAZY.PlanSettings.View;
const BoardPaperView = LAZY.BoardPaperView.View;
const PapersHistory = LAZY.PapersHistory.View;
const ImportWorkbookView = LAZY.ImportWorkbookView.View;
const DataCallView = LAZY.DataCallView.View;
const BackupsPanel = LAZY.BackupsPanel.View;
const PlanCheckPanel = LAZY.PlanCheckPanel.View;

/**
 * Fetches every other view's code once the first rows are painted and the page is idle, so opening one later
 * does not wait. Not straight after the first frame: parsing and running the views' chunks (80 ms in a new
 * window's profile) there held up the work that follows the first rows (preferences, the rest of the actions).
 */
function preloadViews(): () => void {
  const idle = requestIdleCallback(
    () => {
      for (const view of Object.values(LAZY)) void view.preload().catch(() => undefined);
    },
    { timeout: 2000 },
  );
  return () => cancelIdleCallback(idle);
}

type View =
  'plan' | 'before' | 'mine' | 'matrix' | 'measures' | 'paper' | 'papers' | 'import' | 'dataCall' | 'settings';
/**
 * The views that show the log, papers, reviews, assessments, measures or data calls, or replace the whole plan
 * on screen (an import, an exported paper): they wait for the history. The Action plan and Plan & people do not.
 */
const NEEDS_HISTORY: ReadonlySet<View> = new Set([
  'before',
  'mine',
  'matrix',
  'measures',
  'paper',
  'papers',
  'import',
  'dataCall',
]);
type Editing = { action: Action | null } | null;
type Notice = { kind: 'info' | 'error'; text: string } | null;

const VIEW_OF_COMMAND: Partial<Record<MenuCommand, View>> = {
  'view-plan': 'plan',
  'view-before-board': 'before',
  'view-my-actions': 'mine',
  'view-matrix': 'matrix',
  'view-measures': 'measures',
  'view-settings': 'settings',
  'prepare-board-paper': 'paper',
  'import-excel': 'import',
};

// eslint-disable-next-line @typescript-eslint/no-deprecated -- its replacement (userAgentData) is Chromium-only and untyped
const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = IS_MAC ? '⌘' : 'Ctrl+';

function PlanView({
  doc,
  today,
  historyLoaded,
  actionsLoaded,
}: {
  doc: PlanDocument;
  today: string;
  historyLoaded: boolean;
  actionsLoaded: boolean;
}) {
  const api = usePlanApi();
  const plan = usePlan();
  const [view, setView] = useState<View>('plan');
  const [filter, setFilter] = useState<ActionFilter>({});
  const [editing, setEditing] = useState<Editing>(null);
  const [finding, setFinding] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [checkDismissed, setCheckDismissed] = useState(false);
  const my = useMyName();
  const identity = useIdentity(doc.plan.id);
  const me = doc.people.find((person) => person.id === identity.personId) ?? null;
  const myName = my.myName ?? me?.name ?? null;
  // Nothing can be changed until the app knows who is changing it, so no record ever names the login.
  const gated = !identity.loaded || me === null;

  const summary = useMemo(() => summarisePlan(doc, today), [doc, today]);
  const leads = useMemo(() => allLeadNames(doc), [doc]);
  const shown = useMemo(() => filterActions(doc, filter, today), [doc, filter, today]);
  const groups = useMemo(() => groupByArea(doc, shown), [doc, shown]);
  // Counts over all actions are left out until all of them are in, rather than shown short.
  const needingUpdate = useMemo(
    () => (actionsLoaded ? countNeedingUpdate(doc, today) : null),
    [doc, today, actionsLoaded],
  );
  const myCount = useMemo(
    () => (actionsLoaded && myName ? actionsLedBy(doc, myName, today).length : null),
    [doc, myName, today, actionsLoaded],
  );
  const status = plan.state!.store;
  // The check reads the log, papers and reviews too: until they arrive it would miss what they hold.
  const check = useMemo(() => (historyLoaded ? checkPlan(doc) : null), [doc, historyLoaded]);
  const checkProblems = check ? planCheckProblems(check) : 0;

  const report = useCallback((next: Notice) => setNotice(next), []);
  const info = useCallback((text: string) => setNotice({ kind: 'info', text }), []);
  const reportResult = (result: ApiResult<unknown>) =>
    setNotice(
      result.ok || isDiskRefusal(result.error)
        ? null
        : { kind: 'error', text: result.error.message || 'The change was not saved.' },
    );
  const { undo, redo } = useUndoRedo(report);
  const open = useCallback((action: Action) => setEditing({ action }), []);
  // Stable, because the editor re-focuses its first field whenever onClose changes.
  const closeEditor = useCallback(() => setEditing(null), []);
  const closeFinder = useCallback(() => setFinding(false), []);
  const goTo = (target: NonNullable<PlanCheckTarget>) => {
    if (target.kind === 'measure') return setView('measures');
    const action = doc.actions.find((candidate) => candidate.id === target.actionId);
    if (action) open(action);
  };

  useGlobalShortcuts({
    onFind: () => editing === null && !gated && actionsLoaded && setFinding(true),
    onUndo: () => void undo(),
    onRedo: () => void redo(),
    undoEnabled: editing === null && !finding && !gated,
  });

  // The desktop app's menu sends commands; the browser harness has no menu.
  const onCommand = useEffectEvent((command: MenuCommand) => {
    const target = VIEW_OF_COMMAND[command];
    if (target) return setView(target);
    if (editing !== null || gated) return;
    if (command === 'find') return actionsLoaded && setFinding(true);
    if (command === 'undo-change') return void undo();
    if (command === 'redo-change') return void redo();
    if (command === 'state-changed') {
      void api.getState({}).then((result) => (result.ok ? plan.replaceState(result.value) : reportResult(result)));
    }
  });
  useEffect(() => window.menu?.onCommand((command) => onCommand(command)), []);
  useEffect(preloadViews, []);

  const tabs: { id: View; label: string; count?: number | null }[] = [
    { id: 'plan', label: 'Action plan' },
    { id: 'before', label: 'Before the board', count: needingUpdate },
    { id: 'mine', label: 'My actions', count: myCount },
    { id: 'matrix', label: 'Maturity matrix' },
    { id: 'measures', label: 'Measures' },
    { id: 'paper', label: 'Board paper' },
    { id: 'papers', label: 'Papers history' },
    { id: 'import', label: 'Import from Excel' },
    { id: 'dataCall', label: 'Data call' },
    { id: 'settings', label: 'Plan & people' },
  ];
  const showDocument = (document: PlanDocument) => plan.replaceState({ ...plan.state!, document });

  return (
    <div className="app" data-history={historyLoaded ? 'loaded' : 'loading'} inert={gated}>
      <header className="app-header">
        <div className="title-block">
          <h1>{doc.plan.title}</h1>
          <p className="subtitle">
            {doc.plan.organisation}
            {doc.plan.boards.length > 0 && <> · {doc.plan.boards.join(', ')}</>}
            {doc.plan.nextBoardDate && (
              <>
                {' '}
                · Next board <strong>{formatDate(doc.plan.nextBoardDate)}</strong>
              </>
            )}
          </p>
        </div>
        <div className="header-tools" role="group" aria-label="Plan tools">
          <EditingAs
            doc={doc}
            personId={me?.id ?? null}
            onChoose={(id) => void identity.choose(id).then(reportResult)}
          />
          <button
            type="button"
            className="secondary find-button"
            disabled={!actionsLoaded}
            onClick={() => setFinding(true)}
            title={`Find an action (${MOD}K)`}
          >
            Find action… <kbd aria-hidden="true">{MOD}K</kbd>
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!plan.history.canUndo}
            onClick={() => void undo()}
            title={`Undo the last change to the plan (${MOD}Z)`}
          >
            Undo
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!plan.history.canRedo}
            onClick={() => void redo()}
            title={`Redo the change undone last (${MOD}Shift+Z)`}
          >
            Redo
          </button>
        </div>
      </header>
      <nav className="tabs" aria-label="Views">
        {tabs.map((tab) => (
          <button key={tab.id} type="button" aria-pressed={view === tab.id} onClick={() => setView(tab.id)}>
            {tab.label}
            {tab.count !== undefined && tab.count !== null && <span className="tab-count"> ({tab.count})</span>}
          </button>
        ))}
      </nav>
      {actionsLoaded ? (
        <SummaryStrip
          summary={summary}
          filter={filter}
          onFilter={(next) => {
            setFilter(next);
            setView('plan');
          }}
        />
      ) : (
        <ActionsLoading />
      )}
      <ReadOnlyBanner status={status} onState={plan.replaceState} />
      <SaveFailedBanner />
      {identity.loaded &&
        me === null &&
        // Outside the app's element, which is inert while the question is open.
        createPortal(
          <WhoAreYou
            doc={doc}
            onChoose={(id) => void identity.choose(id).then(reportResult)}
            onAdd={(person) => plan.mutate(() => api.savePerson({ person }))}
          />,
          document.body,
        )}
      {checkProblems > 0 && !checkDismissed && view !== 'settings' && (
        <p className="notice notice-info" role="status">
          <span className="notice-text">
            The plan check found {checkProblems === 1 ? 'one thing' : `${checkProblems} things`} to look at, such as a
            lead linked to someone no longer in People.
          </span>{' '}
          <button type="button" className="link" onClick={() => setView('settings')}>
            See the plan check
          </button>{' '}
          <button type="button" className="link" onClick={() => setCheckDismissed(true)}>
            Dismiss
          </button>
        </p>
      )}
      {notice && (
        <p
          className={notice.kind === 'error' ? 'notice' : 'notice notice-info'}
          role={notice.kind === 'error' ? 'alert' : 'status'}
        >
          <span className="notice-text">{notice.text}</span>{' '}
          <button type="button" className="link" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </p>
      )}
      <main className="content">
        {view === 'plan' ? (
          <>
            {actionsLoaded && (
              <div className="toolbar">
                <FilterBar
                  filter={filter}
                  onChange={setFilter}
                  areas={doc.matrix.areas}
                  leads={leads}
                  shown={shown.length}
                  total={doc.actions.length}
                />
                <button type="button" className="primary" onClick={() => setEditing({ action: null })}>
                  New action
                </button>
              </div>
            )}
            <ActionPlanTable
              doc={doc}
              groups={groups}
              countsKnown={actionsLoaded}
              today={today}
              onOpen={open}
              onStatus={(action, next) =>
                void plan
                  .mutate(() => api.updateAction({ id: action.id, changes: { status: next } }))
                  .then(reportResult)
              }
            />
          </>
        ) : !historyLoaded && NEEDS_HISTORY.has(view) ? (
          <HistoryLoading />
        ) : !actionsLoaded ? (
          <ActionsLoading />
        ) : view === 'before' ? (
          <BeforeBoard
            doc={doc}
            today={today}
            onOpen={open}
            onUpdate={(action, changes) => plan.mutate(() => api.updateAction({ id: action.id, changes }))}
            onStepsDone={(steps) => plan.mutate(() => api.setStepsDone({ steps, done: true }))}
            onNotice={info}
          />
        ) : view === 'mine' ? (
          <MyActions
            doc={doc}
            today={today}
            myName={myName}
            me={me}
            onChoose={(name) => void my.setMyName(name).then((result) => !result.ok && reportResult(result))}
            onOpen={open}
            onReview={(review) => plan.mutate(() => api.recordReview({ review }))}
            onExport={async (person) => {
              const result = await api.exportMyActions({ person });
              if (result.ok) info(`Saved ${result.value.files.join(', ')}`);
              else if (result.error.code !== 'cancelled') reportResult(result);
              return result;
            }}
          />
        ) : view === 'matrix' ? (
          <MatrixSummary
            doc={doc}
            today={today}
            user={me?.name ?? ''}
            onRecord={(assessment) => plan.mutate(() => api.recordAssessment({ assessment }))}
            onCorrect={(correction) => plan.mutate(() => api.correctAssessment({ correction }))}
            onWithdraw={(withdrawal) => plan.mutate(() => api.withdrawAssessment({ withdrawal }))}
            onDescriptor={(change) => plan.mutate(() => api.setDescriptor({ change }))}
          />
        ) : view === 'measures' ? (
          <Measures
            doc={doc}
            today={today}
            onOpen={open}
            onSave={(measure) => plan.mutate(() => api.saveMeasure({ measure }))}
            onAddValue={(point) => plan.mutate(() => api.addMeasureValue({ point }))}
            onCorrectValue={(correction) => plan.mutate(() => api.correctMeasureValue({ correction }))}
            onWithdrawValue={(withdrawal) => plan.mutate(() => api.withdrawMeasureValue({ withdrawal }))}
            onDelete={(measure) => plan.mutate(() => api.deleteMeasure({ id: measure.id }))}
            onNotice={info}
          />
        ) : view === 'paper' ? (
          <BoardPaperView doc={doc} today={today} onExported={showDocument} onChange={plan.mutate} />
        ) : view === 'papers' ? (
          <PapersHistory doc={doc} onChange={plan.mutate} />
        ) : view === 'import' ? (
          <ImportWorkbookView onImported={showDocument} />
        ) : view === 'dataCall' ? (
          <DataCallView doc={doc} today={today} onChanged={showDocument} onEdit={plan.mutate} />
        ) : (
          <>
            <PlanSettings
              doc={doc}
              onSavePlan={(changes) => plan.mutate(() => api.updatePlanInfo({ changes }))}
              onSavePerson={(person) => plan.mutate(() => api.savePerson({ person }))}
            />
            {check ? <PlanCheckPanel items={check} onGoTo={goTo} /> : <HistoryLoading />}
            <BackupsPanel onState={plan.replaceState} />
          </>
        )}
      </main>
      <footer className="app-footer">
        <span>
          Data file: <code>{status.path}</code>
        </span>
        {plan.saving ? (
          <span aria-live="polite">Saving…</span>
        ) : (
          plan.savedAt && <span aria-live="polite">Saved {new Date(plan.savedAt).toLocaleTimeString('en-GB')}</span>
        )}
      </footer>
      {finding && <SearchPalette doc={doc} today={today} onOpen={open} onClose={closeFinder} />}
      {editing && (
        <ActionEditor
          doc={doc}
          action={editing.action}
          defaultAreaId={filter.areaId}
          onClose={closeEditor}
          onSave={(draft) =>
            plan.mutate(() =>
              editing.action
                ? api.updateAction({ id: editing.action.id, changes: draft })
                : api.createAction({ action: draft }),
            )
          }
          onDelete={(action) => plan.mutate(() => api.deleteAction({ id: action.id }))}
        />
      )}
    </div>
  );
}

/** The plan's screen: the plan, or why it could not be read. Drawn in the page, and as the first screen. */
export function PlanScreen() {
  const plan = usePlan();
  const firstScreen = useFirstScreenTakeover(plan.loadError !== null || plan.state !== null);
  if (plan.loadError) {
    return (
      <main className="store-problem" role="alert">
        <h1>Action Plan Tracker could not start</h1>
        <p>{plan.loadError.message}</p>
      </main>
    );
  }
  if (!plan.state) return firstScreen ? null : <p className="loading">Loading the plan…</p>;
  const { store, document: doc, today } = plan.state;
  if (store.kind === 'failed' || !doc) {
    return store.kind === 'failed' ? <StoreProblem status={store} onState={plan.replaceState} /> : null;
  }
  return (
    <PlanView
      doc={doc}
      today={today}
      historyLoaded={isHistoryLoaded(plan.state)}
      actionsLoaded={isActionsLoaded(plan.state)}
    />
  );
}
