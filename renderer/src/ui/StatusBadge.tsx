import type { ActionStatus } from '../../../shared/model/action';
import { STATUS_LABELS } from '../../../shared/model/action';

/** Status always shows as words; the colour only repeats what the words say. */
export function StatusBadge({ status }: { status: ActionStatus }) {
  return <span className={`status status-${status}`}>{STATUS_LABELS[status]}</span>;
}
