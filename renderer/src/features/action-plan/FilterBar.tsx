import type { ActionFilter } from '../../../../shared/domain/filters';
import type { Area } from '../../../../shared/model/matrix';
import { ACTION_STATUSES, STATUS_LABELS } from '../../../../shared/model/action';
import type { ActionStatus } from '../../../../shared/model/action';

interface Props {
  filter: ActionFilter;
  onChange: (filter: ActionFilter) => void;
  areas: readonly Area[];
  leads: readonly string[];
  shown: number;
  total: number;
}

export function FilterBar({ filter, onChange, areas, leads, shown, total }: Props) {
  const set = (patch: Partial<ActionFilter>) => onChange({ ...filter, ...patch });
  const active = Boolean(filter.areaId || filter.lead || filter.status || filter.overdueOnly || filter.dueBeforeBoardOnly || filter.text);
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
          {areas.map((area) => (
            <option key={area.id} value={area.id}>
              {area.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Lead
        <select value={filter.lead ?? ''} onChange={(event) => set({ lead: event.target.value || undefined })}>
          <option value="">Anyone</option>
          {leads.map((lead) => (
            <option key={lead} value={lead}>
              {lead}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select
          value={filter.status ?? ''}
          onChange={(event) => set({ status: (event.target.value || undefined) as ActionStatus | undefined })}
        >
          <option value="">Any status</option>
          {ACTION_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={filter.overdueOnly ?? false}
          onChange={(event) => set({ overdueOnly: event.target.checked || undefined })}
        />
        Overdue only
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={filter.dueBeforeBoardOnly ?? false}
          onChange={(event) => set({ dueBeforeBoardOnly: event.target.checked || undefined })}
        />
        Due before board only
      </label>
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
