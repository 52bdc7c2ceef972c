import { useState } from 'react';
import type { ApiError, AppState, StoreStatus } from '../../../../shared/api/contract';
import { usePlanApi } from '../../state/planContext';
import { TableHead } from '../../ui/TableHead';

type Failed = Extract<StoreStatus, { kind: 'failed' }>;

const HEADINGS: Record<Failed['reason'], string> = {
  unreadable: 'The plan file could not be read',
  wrong_encoding: 'The plan file is saved as UTF-16 text',
  invalid_json: 'The plan file is damaged',
  invalid_data: 'The plan file has data that is not valid',
  newer_version: 'The plan file is from a newer version of the app',
};

/** Shown instead of the plan when the data file was refused: say what is wrong and offer the ways out. */
export function StoreProblem({ status, onState }: { status: Failed; onState: (state: AppState) => void }) {
  const api = usePlanApi();
  const [path, setPath] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const desktop = Boolean(window.api);

  const run = async (call: () => ReturnType<typeof api.restoreBackup>) => {
    const result = await call();
    if (result.ok) onState(result.value);
    else if (result.error.code !== 'cancelled') setError(result.error);
  };

  return (
    <main className="store-problem" role="alert">
      <h1>{HEADINGS[status.reason]}</h1>
      <p>{status.message}</p>
      <p>
        <strong>File:</strong> <code>{status.path}</code>
      </p>
      {status.problems.length > 0 && (
        <table className="problems">
          <TableHead columns={['Where', 'Problem', 'In the file']} />
          <tbody>
            {status.problems.slice(0, 50).map((problem, index) => (
              <tr key={index}>
                <td>{problem.label ?? problem.field}</td>
                <td>{problem.reason}</td>
                <td>
                  <code>{problem.field}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>Nothing has been written to this file. You can:</p>
      <div className="problem-actions">
        {status.reason !== 'newer_version' && (
          <button type="button" className="primary" onClick={() => void run(() => api.restoreBackup({}))}>
            Restore the backup
          </button>
        )}
        {desktop ? (
          <button type="button" className="secondary" onClick={() => void run(() => api.openDataFile({}))}>
            Open another file…
          </button>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void run(() => api.openDataFile({ path }));
            }}
          >
            <label>
              Open another file (path)
              <input value={path} onChange={(event) => setPath(event.target.value)} />
            </label>
            <button type="submit" className="secondary">
              Open
            </button>
          </form>
        )}
      </div>
      {status.backupPath && (
        <p className="hint">Backup: {status.backupPath}. Restoring keeps a copy of the refused file beside it.</p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
    </main>
  );
}
