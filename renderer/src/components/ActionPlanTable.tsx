import type { AreaGroup } from '../../../shared/domain/filters';
import type { Action, ActionStatus } from '../../../shared/model/action';
import type { PlanDocument } from '../../../shared/model/plan';
import type { IsoDate } from '../../../shared/model/primitives';
import { isDueBeforeNextBoard, isOverdue, isStepOverdue } from '../../../shared/domain/derived';
import { leadsToText } from '../../../shared/domain/leads';
import { StatusSelect } from './StatusSelect';
import { formatDate } from '../format';

interface Props {
  doc: PlanDocument;
  groups: readonly AreaGroup[];
  today: IsoDate;
  onOpen: (action: Action) => void;
  onStatus: (action: Action, status: ActionStatus) => void;
}

function DueFlag({ action, doc, today }: { action: Action; doc: PlanDocument; today: IsoDate }) {
  if (isOverdue(action, today)) return <span className="flag flag-overdue">Overdue</span>;
  if (isDueBeforeNextBoard(action, today, doc.plan.nextBoardDate)) return <span className="flag flag-soon">Due before board</span>;
  return null;
}

function Timescale({ text, due }: { text: string; due: string | null }) {
  return (
    <span className="timescale" title={due ? `Due ${formatDate(due)}` : 'No date recognised'}>
      {text || '—'}
    </span>
  );
}

/** The plan laid out like the printed table: one block per matrix area, its actions in number order. */
export function ActionPlanTable({ doc, groups, today, onOpen, onStatus }: Props) {
  const levelName = (level: number) => doc.matrix.levels[level - 1]?.name ?? String(level);
  const visible = groups.filter((group) => group.actions.length > 0);
  if (visible.length === 0) return <p className="empty">No actions match these filters.</p>;
  return (
    <table className="plan-table">
      <thead>
        <tr>
          <th scope="col" className="col-level">Level</th>
          <th scope="col" className="col-number">No.</th>
          <th scope="col" className="col-description">Description</th>
          <th scope="col" className="col-achievement">Achievement to date</th>
          <th scope="col" className="col-steps">Next steps</th>
          <th scope="col" className="col-lead">Lead</th>
          <th scope="col" className="col-timescale">Timescale</th>
          <th scope="col" className="col-status">Status</th>
        </tr>
      </thead>
      {visible.map(({ area, actions }) => (
        <tbody key={area.id} aria-label={area.name}>
          <tr className="area-row">
            <th scope="rowgroup" colSpan={8}>
              {area.name} <span className="area-count">({actions.length})</span>
            </th>
          </tr>
          {actions.map((action) => (
            <tr key={action.id} data-action-id={action.id}>
              <td className="col-level" title={levelName(action.progressLevel)}>
                {action.progressLevel}
              </td>
              <td className="col-number">
                <button type="button" className="action-link" onClick={() => onOpen(action)} aria-label={`Edit action ${action.number}`}>
                  {action.number}
                </button>
              </td>
              <td className="col-description">
                <button type="button" className="text-link" onClick={() => onOpen(action)}>
                  {action.description}
                </button>
              </td>
              <td className="col-achievement">{action.achievement}</td>
              <td className="col-steps">
                {action.nextSteps.length > 0 && (
                  <ul className="steps">
                    {action.nextSteps.map((step) => (
                      <li key={step.id} className={step.done ? 'done' : undefined}>
                        <span className="step-text">
                          {step.done && <span className="visually-hidden">Done: </span>}
                          {step.text}
                        </span>
                        {(step.leads.length > 0 || step.timescale.text) && (
                          <span className="step-meta">
                            {leadsToText(step.leads)}
                            {step.leads.length > 0 && step.timescale.text ? ' · ' : ''}
                            {step.timescale.text && <Timescale text={step.timescale.text} due={step.timescale.due} />}
                            {isStepOverdue(action, step, today) && <span className="flag flag-overdue">Overdue</span>}
                          </span>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="col-lead">{leadsToText(action.leads)}</td>
              <td className="col-timescale">
                <Timescale text={action.timescale.text} due={action.timescale.due} />
                <DueFlag action={action} doc={doc} today={today} />
              </td>
              <td className="col-status">
                <StatusSelect
                  value={action.status}
                  label={`Status of action ${action.number}`}
                  onChange={(status) => onStatus(action, status)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
