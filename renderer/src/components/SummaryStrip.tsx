import type { PlanSummary } from '../../../shared/domain/derived';
import { ACTION_STATUSES, STATUS_LABELS } from '../../../shared/model/action';

export function SummaryStrip({ summary }: { summary: PlanSummary }) {
  return (
    <dl className="summary-strip" aria-label="Plan summary">
      <div>
        <dt>Actions</dt>
        <dd>{summary.total}</dd>
      </div>
      {ACTION_STATUSES.map((status) => (
        <div key={status} className={`summary-${status}`}>
          <dt>{STATUS_LABELS[status]}</dt>
          <dd>{summary.byStatus[status]}</dd>
        </div>
      ))}
      <div className="summary-overdue">
        <dt>Overdue</dt>
        <dd data-testid="overdue-count">{summary.overdue}</dd>
      </div>
      <div>
        <dt>Due before board</dt>
        <dd>{summary.dueBeforeNextBoard}</dd>
      </div>
    </dl>
  );
}
