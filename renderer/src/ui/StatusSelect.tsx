import { ACTION_STATUSES, STATUS_LABELS } from '../../../shared/model/action';
import type { ActionStatus } from '../../../shared/model/action';

interface Props {
  value: ActionStatus;
  onChange: (status: ActionStatus) => void;
  label: string;
  id?: string;
}

export function StatusSelect({ value, onChange, label, id }: Props) {
  return (
    <select
      id={id}
      className={`status-select status-${value}`}
      aria-label={label}
      value={value}
      onChange={(event) => onChange(event.target.value as ActionStatus)}
    >
      {ACTION_STATUSES.map((status) => (
        <option key={status} value={status}>
          {STATUS_LABELS[status]}
        </option>
      ))}
    </select>
  );
}
