import { useMemo, useState } from 'react';
import type { ActionFilter } from '../../shared/domain/filters';
import { allLeadNames, filterActions, groupByArea } from '../../shared/domain/filters';
import { summarisePlan } from '../../shared/domain/derived';
import type { Action } from '../../shared/model/action';
import type { PlanDocument } from '../../shared/model/plan';
import { api } from './api/transport';
import { usePlan } from './state/usePlan';
import { ActionPlanTable } from './components/ActionPlanTable';
import { ActionEditor } from './components/ActionEditor';
import { FilterBar } from './components/FilterBar';
import { MatrixSummary } from './components/MatrixSummary';
import { StoreProblem } from './components/StoreProblem';
import { SummaryStrip } from './components/SummaryStrip';
import { PlanSettings } from './components/PlanSettings';
import { formatDate } from './format';

type View = 'plan' | 'matrix' | 'settings';
type Editing = { action: Action | null } | null;

function PlanView({ doc, today, user, plan }: { doc: PlanDocument; today: string; user: string; plan: ReturnType<typeof usePlan> }) {
  const [view, setView] = useState<View>('plan');
  const [filter, setFilter] = useState<ActionFilter>({});
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const summary = useMemo(() => summarisePlan(doc, today), [doc, today]);
  const leads = useMemo(() => allLeadNames(doc), [doc]);
  const shown = useMemo(() => filterActions(doc, filter, today), [doc, filter, today]);
  const groups = useMemo(() => groupByArea(doc, shown), [doc, shown]);
  const status = plan.state!.store;

  const report = (result: { ok: boolean; error?: { message: string } }) =>
    setNotice(result.ok ? null : (result.error?.message ?? 'The change was not saved.'));

  return (
    <div className="app">
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
        <nav className="tabs" aria-label="Views">
          <button type="button" aria-pressed={view === 'plan'} onClick={() => setView('plan')}>
            Action plan
          </button>
          <button type="button" aria-pressed={view === 'matrix'} onClick={() => setView('matrix')}>
            Maturity matrix
          </button>
          <button type="button" aria-pressed={view === 'settings'} onClick={() => setView('settings')}>
            Plan &amp; people
          </button>
        </nav>
      </header>
      <SummaryStrip summary={summary} />
      {notice && (
        <p className="notice" role="alert">
          {notice}{' '}
          <button type="button" className="link" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </p>
      )}
      <main className="content">
        {view === 'plan' ? (
          <>
            <div className="toolbar">
              <FilterBar filter={filter} onChange={setFilter} areas={doc.matrix.areas} leads={leads} shown={shown.length} total={doc.actions.length} />
              <button type="button" className="primary" onClick={() => setEditing({ action: null })}>
                New action
              </button>
            </div>
            <ActionPlanTable
              doc={doc}
              groups={groups}
              today={today}
              onOpen={(action) => setEditing({ action })}
              onStatus={(action, next) =>
                void plan.mutate(() => api.updateAction({ id: action.id, changes: { status: next } })).then(report)
              }
            />
          </>
        ) : view === 'settings' ? (
          <PlanSettings
            doc={doc}
            onSavePlan={(changes) => plan.mutate(() => api.updatePlanInfo({ changes }))}
            onSavePerson={(person) => plan.mutate(() => api.savePerson({ person }))}
          />
        ) : (
          <MatrixSummary
            doc={doc}
            today={today}
            user={user}
            onRecord={(assessment) => plan.mutate(() => api.recordAssessment({ assessment }))}
          />
        )}
      </main>
      <footer className="app-footer">
        <span>
          Data file: <code>{status.path}</code>
        </span>
        {plan.savedAt && <span aria-live="polite">Saved {new Date(plan.savedAt).toLocaleTimeString('en-GB')}</span>}
      </footer>
      {editing && (
        <ActionEditor
          doc={doc}
          action={editing.action}
          defaultAreaId={filter.areaId}
          onClose={() => setEditing(null)}
          onSave={(draft) =>
            plan.mutate(() =>
              editing.action ? api.updateAction({ id: editing.action.id, changes: draft }) : api.createAction({ action: draft }),
            )
          }
          onDelete={(action) => plan.mutate(() => api.deleteAction({ id: action.id }))}
        />
      )}
    </div>
  );
}

export function App() {
  const plan = usePlan();
  if (plan.loadError) {
    return (
      <main className="store-problem" role="alert">
        <h1>Action Plan Tracker could not start</h1>
        <p>{plan.loadError.message}</p>
      </main>
    );
  }
  if (!plan.state) return <p className="loading">Loading the plan…</p>;
  const { store, document: doc, today, user } = plan.state;
  if (store.kind === 'failed' || !doc) {
    return store.kind === 'failed' ? <StoreProblem status={store} onState={plan.replaceState} /> : null;
  }
  return <PlanView doc={doc} today={today} user={user} plan={plan} />;
}
