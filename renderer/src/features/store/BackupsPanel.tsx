import { useEffect, useState } from 'react';
import type { ApiOutput, AppState } from '../../../../shared/api/contract';
import { usePlanApi } from '../../state/planContext';
import { formatDateTime } from '../../ui/format';
import { TableHead } from '../../ui/TableHead';

type Backup = ApiOutput<'listBackups'>[number];

const KIND_LABELS: Record<string, string> = {
  latest: 'Before the last save',
  dated: 'Dated backup',
  'before-restore': 'Kept before a restore',
};

/** Every backup of the plan, newest first; restoring one first keeps the current file, so it can be undone. */
export function BackupsPanel({ onState }: { onState: (state: AppState) => void }) {
  const api = usePlanApi();
  const [backups, setBackups] = useState<Backup[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = () =>
    void api
      .listBackups({})
      .then((result) => (result.ok ? setBackups(result.value) : setMessage(result.error.message)));
  // Read once per visit; `api` is the provider's and never changes.
  useEffect(load, [api]);

  const restore = async (backup: Backup) => {
    if (
      !window.confirm(
        `Restore the plan as it was at ${formatDateTime(backup.takenAt)}? The plan as it is now is kept as a backup first.`,
      )
    )
      return;
    const result = await api.restoreFrom({ path: backup.path });
    if (!result.ok) return setMessage(result.error.message);
    setMessage(`Restored the backup from ${formatDateTime(backup.takenAt)}.`);
    onState(result.value);
    load();
  };

  return (
    <section className="backups" aria-labelledby="backups-title">
      <h2 id="backups-title">Backups</h2>
      {message && (
        <p className="form-note" role="status">
          {message}
        </p>
      )}
      {backups === null ? (
        <p className="hint">Reading the backups…</p>
      ) : backups.length === 0 ? (
        <p className="hint">No backups yet: one is kept each time the plan is saved.</p>
      ) : (
        <table className="people-table">
          <TableHead columns={['Taken', 'Kind', 'Size', { title: 'Restore', hidden: true }]} />
          <tbody>
            {backups.map((backup) => (
              <tr key={backup.path}>
                <td title={backup.path}>{formatDateTime(backup.takenAt)}</td>
                <td>{KIND_LABELS[backup.kind] ?? backup.kind}</td>
                <td>{(backup.size / 1024).toFixed(0)} KB</td>
                <td>
                  {backup.problem ? (
                    <span className="field-error" title={backup.problem}>
                      Cannot be opened
                    </span>
                  ) : (
                    <button type="button" className="secondary small" onClick={() => void restore(backup)}>
                      Restore
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
