import type { PlanSummary } from '../../../../shared/domain/derived';
import type { ActionFilter } from '../../../../shared/domain/filters';
import { ACTION_STATUSES, STATUS_LABELS } from '../../../../shared/model/action';

interface Tile {
  key: string;
  label: string;
  count: number;
  filter: ActionFilter;
  className?: string;
  testId?: string;
}

/** The plan's counts; each tile shows the actions it counts in the table when clicked. */
export function SummaryStrip({
  summary,
  filter,
  onFilter,
}: {
  summary: PlanSummary;
  filter: ActionFilter;
  onFilter: (filter: ActionFilter) => void;
}) {
  const tiles: Tile[] = [
    { key: 'all', label: 'Actions', count: summary.total, filter: {} },
    ...ACTION_STATUSES.map((status) => ({
      key: status,
      label: STATUS_LABELS[status],
      count: summary.byStatus[status],
      filter: { status },
      className: `summary-${status}`,
    })),
    {
      key: 'overdue',
      label: 'Overdue',
      count: summary.overdue,
      filter: { overdueOnly: true },
      className: 'summary-overdue',
      testId: 'overdue-count',
    },
    { key: 'due', label: 'Due before board', count: summary.dueBeforeNextBoard, filter: { dueBeforeBoardOnly: true } },
  ];
  const current = JSON.stringify(filter);
  return (
    <ul className="summary-strip" aria-label="Plan summary: choose one to show those actions">
      {tiles.map((tile) => (
        <li key={tile.key}>
          <button
            type="button"
            className={tile.className}
            aria-pressed={JSON.stringify(tile.filter) === current}
            onClick={() => onFilter(tile.filter)}
          >
            <span className="summary-label">{tile.label}</span>
            <span className="summary-count" data-testid={tile.testId}>
              {tile.count}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
