import type { ActionFilter } from '../../../../shared/domain/filters';
import type { Area } from '../../../../shared/model/matrix';
import { ACTION_STATUSES, STATUS_LABELS } from '../../../../shared/model/action';
import type { ActionStatus } from '../../../../shared/model/action';
import { Options } from '../../ui/Options';

interface Props {
  filter: ActionFilter;
  onChange: (filter: ActionFilter) => void;
  areas: readonly Area[];
  leads: readonly string[];
  shown: number;
  total: number;
}

/** The filters that narrow the plan to one kind of late work when ticked. */
const ONLY_BOXES = [
  { key: 'overdueOnly', label: 'Overdue only' },
  { key: 'dueBeforeBoardOnly', label: 'Due before board only' },
] as const;

export function FilterBar({ filter, onChange, areas, leads, shown, total }: Props) {
  const set = (patch: Partial<ActionFilter>) => onChange({ ...filter, ...patch });
  const active = Boolean(
    filter.areaId || filter.lead || filter.status || filter.overdueOnly || filter.dueBeforeBoardOnly || filter.text,
  );
  return (
    <div className="filter-bar" role="search" aria-label="Filter actions">
      <label>
        Search
        <input
          type="search"
          value={filter.text ?? ''}
          placeholder="Number, words, lead…"
          onChange={(event) => set({ text: event.target.value || undefined })}
        />
      </label>
      <label>
        Area
        <select value={filter.areaId ?? ''} onChange={(event) => set({ areaId: event.target.value || undefined })}>
          <option value="">All areas</option>
          <Options items={areas} value={(area) => area.id} label={(area) => area.name} />
        </select>
      </label>
      <label>
        Lead
        <select value={filter.lead ?? ''} onChange={(event) => set({ lead: event.target.value || undefined })}>
          <option value="">Anyone</option>
          <Options items={leads} value={(lead) => lead} label={(lead) => lead} />
        </select>
      </label>
      <label>
        Status
        <select
          value={filter.status ?? ''}
          onChange={(event) => set({ status: (event.target.value || undefined) as ActionStatus | undefined })}
        >
          <option value="">Any status</option>
          <Options items={ACTION_STATUSES} value={(status) => status} label={(status) => STATUS_LABELS[status]} />
        </select>
      </label>
      {ONLY_BOXES.map(({ key, label }) => (
        <label key={key} className="checkbox">
          <input
            type="checkbox"
            checked={filter[key] ?? false}
            onChange={(event) => set({ [key]: event.target.checked || undefined })}
          />
          {label}
        </label>
      ))}
      <span className="filter-count" aria-live="polite">
        {shown === total ? `${total} actions` : `${shown} of ${total} actions`}
      </span>
      {active && (
        <button type="button" className="link" onClick={() => onChange({})}>
          Clear filters
        </button>
      )}
    </div>
  );
}
